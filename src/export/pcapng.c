/*
 * export/pcapng.c — see pcapng.h.
 *
 * libpcap writes only the old pcap format, and the secrets block exists only in
 * pcapng, so the blocks are written here, as the pcapng specification
 * (draft-ietf-opsawg-pcapng, §4) lays them out: every block is
 *     type (4) | total length (4) | body, padded to 4 bytes | total length (4)
 * Numbers are little-endian; the Section Header's byte-order magic tells readers so.
 * Wireshark's own `editcap --inject-secrets tls,KEYLOG` writes the same DSB; not
 * calling it keeps the program free of a run-time dependency on wireshark-common.
 */
#include "export/pcapng.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "export/frames.h"
#include "export/keylog.h"

enum {
	BLOCK_SHB = 0x0a0d0d0a,     /* Section Header Block */
	BLOCK_IDB = 0x00000001,     /* Interface Description Block */
	BLOCK_EPB = 0x00000006,     /* Enhanced Packet Block */
	BLOCK_DSB = 0x0000000a,     /* Decryption Secrets Block */
	SECRETS_TLS_KEYLOG = 0x544c534b, /* "TLSK": the NSS key log format */
	LINKTYPE_ETHERNET = 1,
	OPT_ENDOFOPT = 0,
	OPT_SHB_USERAPPL = 4,       /* the application that wrote the section */
	SNAPLEN = 65535,
};

static void le16(FILE *f, uint32_t v)
{
	fputc((int)(v & 0xff), f);
	fputc((int)((v >> 8) & 0xff), f);
}

static void le32(FILE *f, uint32_t v)
{
	le16(f, v & 0xffff);
	le16(f, v >> 16);
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* n bytes then zeros up to the next multiple of 4. */
static void padded(FILE *f, const void *p, size_t n)
{
	static const uint8_t zero[3];
	if (n)
		fwrite(p, 1, n, f);
	fwrite(zero, 1, pad4(n) - n, f);
}

/* A block's opening: its type and total length (the body is `body` bytes, already padded). */
static void open_block(FILE *f, uint32_t type, size_t body)
{
	le32(f, type);
	le32(f, (uint32_t)(12 + body));
}

static void close_block(FILE *f, size_t body)
{
	le32(f, (uint32_t)(12 + body));
}

static void section_header(FILE *f)
{
	static const char app[] = "tlsstep " TLSSTEP_VERSION;
	size_t napp = sizeof(app) - 1;
	size_t body = 16 + 4 + pad4(napp) + 4;
	open_block(f, BLOCK_SHB, body);
	le32(f, 0x1a2b3c4d);            /* byte-order magic */
	le16(f, 1);                      /* version 1.0 */
	le16(f, 0);
	le32(f, 0xffffffff);             /* section length: not given (-1) */
	le32(f, 0xffffffff);
	le16(f, OPT_SHB_USERAPPL);
	le16(f, (uint32_t)napp);
	padded(f, app, napp);
	le16(f, OPT_ENDOFOPT);
	le16(f, 0);
	close_block(f, body);
}

/* One interface, Ethernet, timestamps in microseconds (the default if_tsresol). */
static void interface(FILE *f)
{
	size_t body = 8;
	open_block(f, BLOCK_IDB, body);
	le16(f, LINKTYPE_ETHERNET);
	le16(f, 0);
	le32(f, SNAPLEN);
	close_block(f, body);
}

static void secrets(FILE *f, const char *keys, size_t n)
{
	size_t body = 8 + pad4(n);
	open_block(f, BLOCK_DSB, body);
	le32(f, SECRETS_TLS_KEYLOG);
	le32(f, (uint32_t)n);
	padded(f, keys, n);
	close_block(f, body);
}

static int packet(void *ctx, uint64_t time_us, const uint8_t *frame, size_t len)
{
	FILE *f = ctx;
	size_t body = 20 + pad4(len);
	open_block(f, BLOCK_EPB, body);
	le32(f, 0);                      /* interface 0 */
	le32(f, (uint32_t)(time_us >> 32));
	le32(f, (uint32_t)time_us);
	le32(f, (uint32_t)len);          /* captured */
	le32(f, (uint32_t)len);          /* on the wire */
	padded(f, frame, len);
	close_block(f, body);
	return ferror(f) ? -1 : 0;
}

int pcapng_write(FILE *out, const struct timeline *tl)
{
	char *keys = NULL;
	size_t nkeys = 0;
	FILE *m = open_memstream(&keys, &nkeys);
	int lines = m ? keylog_write(m, tl) : -1;
	if (m && fclose(m))
		lines = -1;
	if (lines < 0) {
		free(keys);
		return -1;
	}
	section_header(out);
	interface(out);
	/* The secrets come before the first packet: a reader decrypts as it goes. A run that
	 * made no secret (its key log only comments) gets no block. */
	if (lines > 0)
		secrets(out, keys, nkeys);
	free(keys);
	if (ferror(out))
		return -1;
	return frames_emit(tl, packet, out) || ferror(out) ? -1 : 0;
}
