/*
 * export/pcap.c — see pcap.h. The frames come from export/frames.c; libpcap,
 * opened only now (util/pcaplib.h), stores them.
 */
/* libpcap's headers use the BSD integer types (u_int, u_char), which glibc shows only here. */
#define _DEFAULT_SOURCE 1

#include "export/pcap.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "export/frames.h"
#include "util/pcaplib.h"

struct sink {
	const struct pcaplib *lib;
	pcap_dumper_t *d;
};

static int dump(void *ctx, uint64_t time_us, const uint8_t *frame, size_t len)
{
	struct sink *s = ctx;
	struct pcap_pkthdr h;
	h.ts.tv_sec = (time_t)(time_us / 1000000);
	h.ts.tv_usec = (suseconds_t)(time_us % 1000000);
	h.caplen = h.len = (bpf_u_int32)len;
	s->lib->dump((u_char *)s->d, &h, frame);
	return 0;
}

int pcap_write(FILE *out, const struct timeline *tl)
{
	int ret = -1;
	char *bytes = NULL, err[300];
	size_t len = 0;
	const struct pcaplib *lib = pcaplib_load(err, sizeof(err));
	if (!lib)
		return -1; /* main() said why before the run */
	/* libpcap writes to a FILE it closes itself; a memory stream keeps the output in one
	 * piece for the caller's FILE (and its error handling), as every other exporter does. */
	FILE *m = open_memstream(&bytes, &len);
	pcap_t *dead = lib->open_dead(DLT_EN10MB, 65535);
	pcap_dumper_t *d = NULL;
	if (!m || !dead)
		goto out;
	d = lib->dump_fopen(dead, m);
	if (!d)
		goto out;
	m = NULL; /* the dumper owns it now */
	struct sink s = { lib, d };
	frames_emit(tl, dump, &s);
	bool broken = lib->dump_flush(d) != 0 || ferror(lib->dump_file(d));
	lib->dump_close(d); /* closes the memory stream: bytes and len are final */
	d = NULL;
	if (!broken && bytes && fwrite(bytes, 1, len, out) == len && !ferror(out))
		ret = 0;
out:
	if (d)
		lib->dump_close(d);
	if (m)
		fclose(m);
	if (dead)
		lib->close(dead);
	free(bytes);
	return ret;
}
