/*
 * Fuzz target: the capture reader and the TCP reassembler (capture/).
 * An input that starts with a pcap or pcapng magic number is read as a file
 * through libpcap (capture_file_read_memory); any other is a list of frames, each
 * "length (2 bytes) frame", of the link type picked by its first byte, fed to
 * frame_decode and the reassembler directly, so the fuzzer reaches them without
 * first having to build a valid file header. Then every stream's invariants are
 * checked: chunks in order and inside the stream, a gap only at its end. The
 * TLS connections are then told by their hellos (capture/conns.c, wire/'s
 * decoders) and listed, and the key logs of its Decryption Secrets Blocks read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "capture/conns.h"
#include "capture/dsb.h"
#include "capture/frame.h"
#include "capture/reader.h"
#include "capture/tcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_dir(const struct tcp_dir *d)
{
	for (size_t i = 0; i < d->nchunks; i++) {
		if (d->chunks[i].offset >= d->data.len && d->data.len)
			__builtin_trap();
		if (i && d->chunks[i].offset <= d->chunks[i - 1].offset)
			__builtin_trap();
	}
	if (d->nheld)
		__builtin_trap(); /* finish drops every held segment */
	if (d->gap && d->gap_offset != d->data.len)
		__builtin_trap();
	if (d->data.len && tcp_dir_packet_at(d, d->data.len - 1) == 0)
		__builtin_trap();
}

static void check(const struct tcp_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		check_dir(&t->v[i]->dir[0]);
		check_dir(&t->v[i]->dir[1]);
	}
}

/* The TLS connections: each one's client is one of its two sides, its list printable. */
static void check_tls(const struct capture_file *c)
{
	struct tls_conns l;
	tls_conns_init(&l);
	tls_conns_find(&l, c, NULL);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].client != 0 && l.v[i].client != 1)
			__builtin_trap();
	FILE *f = fopen("/dev/null", "w");
	if (f) {
		tls_conns_print(f, &l);
		fclose(f);
	}
	tls_conns_free(&l);
}

static const int linktypes[] = { 0, 1, 12, 14, 108, 113, 228, 229, 276 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (capture_is_capture(data, size)) {
		struct capture_file c;
		capture_file_init(&c);
		capture_file_read_memory(&c, "fuzz.pcap", data, size);
		check(&c.tcp);
		check_tls(&c);
		capture_file_free(&c);
		struct keylog k;
		char err[600];
		keylog_init(&k);
		if (dsb_read_memory(&k, "fuzz.pcapng", data, size, err, sizeof(err)) < 0 && strncmp(err, "fuzz.pcapng", 11))
			__builtin_trap();
		keylog_free(&k);
		return 0;
	}
	if (size < 1)
		return 0;
	int dlt = linktypes[data[0] % (sizeof(linktypes) / sizeof(linktypes[0]))];
	struct tcp_table t;
	tcp_table_init(&t);
	uint32_t packet = 0;
	for (size_t i = 1; i + 2 <= size;) {
		size_t n = (size_t)(data[i] << 8 | data[i + 1]);
		i += 2;
		if (n > size - i)
			n = size - i;
		/* The top bit of the length's first byte: this frame was cut by 100 bytes. */
		size_t wire = n + ((data[i - 2] & 0x80) ? 100 : 0);
		struct tcp_segment seg;
		const char *why = NULL;
		packet++;
		enum frame_result r = frame_decode(dlt, data + i, n, wire, &seg, &why);
		if (r == FRAME_TCP) {
			if (seg.len > seg.wire_len || seg.payload + seg.len > data + i + n)
				__builtin_trap();
			tcp_table_add(&t, packet, &seg);
		} else if (!why) {
			__builtin_trap();
		}
		i += n;
	}
	tcp_table_finish(&t);
	check(&t);
	tcp_table_free(&t);
	return 0;
}
