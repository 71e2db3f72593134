/*
 * Fuzz target: a capture opened and stepped through (issue 17): the capture read
 * (capture/), its Decryption Secrets Blocks' key log, and every TLS connection's
 * timeline built from its records and those secrets (model/from_capture.c), the
 * builder, decoders and proof running on whatever bytes crossed. Each timeline's
 * steps stay in order and inside the connection; a secret read from the key log is
 * never "verified" unless the records and a Finished confirmed it (then at least
 * one record decrypted).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "capture/conns.h"
#include "capture/dsb.h"
#include "capture/reader.h"
#include "model/from_capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct timeline *tl)
{
	size_t decrypted = 0;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->index != (int)i + 1 || st->connection != 1)
			__builtin_trap();
		decrypted += st->encrypted && st->have_plain;
	}
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++) {
			const struct secret *s = &tl->steps[i].secrets[j];
			if (s->holders == HOLDER_KEYLOG && s->agrees == AGREE_YES && !decrypted)
				__builtin_trap();
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!capture_is_capture(data, size))
		return 0;
	struct capture_file c;
	struct keylog k;
	struct tls_conns l;
	char err[600];
	capture_file_init(&c);
	keylog_init(&k);
	tls_conns_init(&l);
	capture_file_read_memory(&c, "fuzz.pcap", data, size);
	int blocks = dsb_read_memory(&k, "fuzz.pcapng", data, size, err, sizeof(err));
	tls_conns_find(&l, &c, blocks > 0 ? &k : NULL);
	for (size_t i = 0; i < l.n && i < 8; i++) {
		struct scenario sc;
		struct timeline tl;
		capture_scenario(&sc, "fuzz.pcap", i + 1);
		struct capture_request rq = { &l.v[i], i + 1, "fuzz.pcap", NULL, &sc, NULL, NULL };
		timeline_from_capture(&tl, &rq);
		check(&tl);
		timeline_free(&tl);
		scenario_free(&sc);
	}
	tls_conns_free(&l);
	keylog_free(&k);
	capture_file_free(&c);
	return 0;
}
