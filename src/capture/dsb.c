/*
 * capture/dsb.c — see dsb.h.
 */
#include "capture/dsb.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/textfile.h"

enum {
	BLOCK_SHB = 0x0a0d0d0a,
	BLOCK_DSB = 0x0000000a,
	SECRETS_TLS = 0x544c534b, /* "TLSK": an NSS key log */
	BYTE_ORDER_MAGIC = 0x1a2b3c4d,
};

/* A DSB's key log is at most this long; a longer one is a damaged length. */
#define DSB_MAX (64u << 20)

static uint32_t get32(const uint8_t *p, bool big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	           : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The walk over f's blocks; closes f. */
static int read_blocks(struct keylog *k, const char *path, FILE *f, char *err, size_t errlen)
{
	struct buf text = { 0 };
	bool big = false;
	int blocks = 0, rc = 0;
	uint8_t h[16];
	keylog_free(k);
	/* Each block: type, total length, body, total length again (pcapng §3.1). */
	for (bool first = true; fread(h, 1, 8, f) == 8; first = false) {
		uint32_t type = get32(h, false); /* the SHB's type reads the same in both byte orders */
		if (first && type != BLOCK_SHB)
			break; /* not pcapng (a pcap file has no blocks) */
		long left;                       /* what is left of the block, its trailing length included */
		if (type == BLOCK_SHB) {
			if (fread(h + 8, 1, 4, f) != 4)
				break;
			big = get32(h + 8, true) == BYTE_ORDER_MAGIC;
			if (!big && get32(h + 8, false) != BYTE_ORDER_MAGIC)
				break;
			left = (long)get32(h + 4, big) - 12;
		} else {
			left = (long)get32(h + 4, big) - 8;
		}
		if (left < 4 || left % 4)
			break;
		if (type == BLOCK_DSB && left >= 12) {
			if (fread(h + 8, 1, 8, f) != 8)
				break;
			uint32_t stype = get32(h + 8, big), slen = get32(h + 12, big);
			left -= 8;
			if (stype == SECRETS_TLS && slen <= (uint32_t)(left - 4) && slen <= DSB_MAX) {
				if (fread(buf_reserve(&text, slen + 1), 1, slen, f) != slen)
					break;
				text.len += slen;
				/* Each block's text ends its last line, so blocks never run together. */
				if (slen && text.data[text.len - 1] != '\n')
					buf_append_byte(&text, '\n');
				left -= (long)slen;
				blocks++;
			}
		}
		if (fseek(f, left, SEEK_CUR))
			break;
	}
	fclose(f);
	if (blocks) {
		char name[1200];
		snprintf(name, sizeof(name), "%s (Decryption Secrets Block%s)", path, blocks > 1 ? "s" : "");
		rc = keylog_parse(k, name, (const char *)text.data, text.len, err, errlen) ? -1 : blocks;
	}
	buf_free(&text);
	return rc;
}

int dsb_read(struct keylog *k, const char *path, char *err, size_t errlen)
{
	int fd = textfile_open(path, "a pcap or pcapng file", err, errlen);
	if (fd < 0)
		return 0; /* the capture reader says why */
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return 0;
	}
	return read_blocks(k, path, f, err, errlen);
}

int dsb_read_memory(struct keylog *k, const char *name, const uint8_t *p, size_t n, char *err, size_t errlen)
{
	FILE *f = n ? fmemopen((void *)p, n, "rb") : NULL;
	if (!f)
		return 0;
	return read_blocks(k, name, f, err, errlen);
}
