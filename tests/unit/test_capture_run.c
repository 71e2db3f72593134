/*
 * capture/records on tlsstep's own captures: every bundled scenario is run, its
 * timeline written as a pcap (export/pcap.c) and read back (capture/); each TLS
 * connection must be there, told by its ClientHello, with the client and server
 * randoms, SNI, version and suite of the run, and its records must be exactly
 * the records the engine saw cross the pipe, in the same order, from the same
 * side, byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/conns.h"
#include "capture/reader.h"
#include "capture/records.h"
#include "config.h"
#include "engine/engine.h"
#include "export/pcap.h"
#include "lesson/catalog.h"
#include "model/timeline.h"

static size_t compared, hellos;

static void one(const char *name)
{
	struct scenario sc;
	struct timeline tl;
	struct engine_run run;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, &sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
	if (timeline_run(&sc, &o, &tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	engine_run_init(&run);
	struct engine_options eo = { &sc, TLSSTEP_ASSETS_DIR, sc.seed, false, NULL, NULL };
	if (engine_run(&eo, &run, err, sizeof(err)))
		fail_msg("%s: %s", name, err);

	char *bytes = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&bytes, &len);
	assert_non_null(m);
	assert_int_equal(pcap_write(m, &tl), 0);
	fclose(m);
	struct capture_file cap;
	capture_file_init(&cap);
	if (capture_file_read_memory(&cap, name, (const uint8_t *)bytes, len))
		fail_msg("%s: %s", name, cap.error);
	struct tls_conns conns;
	tls_conns_init(&conns);
	tls_conns_find(&conns, &cap, NULL);

	int last = 0;
	for (size_t i = 0; i < run.nev; i++)
		if (run.ev[i].connection > last)
			last = run.ev[i].connection;
	if (conns.n != (size_t)last)
		fail_msg("%s: %zu TLS connections in the capture, the run had %d", name, conns.n, last);
	for (int c = 1; c <= last; c++) {
		const struct tls_conn *tc = &conns.v[c - 1];
		assert_int_equal(tc->tcp->port[tc->client], 50000 + c); /* export/pcap.c's client port */
		/* The hellos read from the capture say what the run's timeline says. */
		const struct secret *cr = NULL, *sr = NULL;
		const struct step *sh = NULL;
		for (size_t i = 0; i < tl.nsteps; i++) {
			const struct step *st = &tl.steps[i];
			/* A renegotiation's hellos travel encrypted: the capture's list reads the first, clear ones. */
			if (st->connection != c || st->handshake != 1)
				continue;
			for (size_t j = 0; j < st->nsecrets; j++) {
				if (!cr && !strcmp(st->secrets[j].name, "client_random"))
					cr = &st->secrets[j];
				if (!strcmp(st->secrets[j].name, "server_random"))
					sr = &st->secrets[j];
			}
			/* A ServerHello the run's own decoder refused (fail-decode-error cuts it) cannot
			 * be read from the capture either. */
			if (st->hs_type == 2 && strcmp(st->message, "HelloRetryRequest") != 0 && !st->decode_error.alert)
				sh = st;
		}
		if (cr && memcmp(cr->value.data, tc->client_random, 32) != 0)
			fail_msg("%s: connection %d: the client random differs", name, c);
		if (sh && !tc->server_hello)
			fail_msg("%s: connection %d: the run has a ServerHello, the capture's list none (%s)", name, c, tc->note);
		if (sh && sr && memcmp(sr->value.data, tc->server_random, 32) != 0)
			fail_msg("%s: connection %d: the server random differs", name, c);
		if (sh && c == last && (tc->suite != tl.suite_id || tc->version != tl.tls_version))
			fail_msg("%s: connection %d: suite 0x%04x version 0x%04x; the run's 0x%04x, 0x%04x", name, c, tc->suite,
			         tc->version, tl.suite_id, tl.tls_version);
		if (sc.hostname && (!tc->sni || strcmp(tc->sni, sc.hostname) != 0))
			fail_msg("%s: connection %d: SNI '%s', the scenario's '%s'", name, c, tc->sni ? tc->sni : "", sc.hostname);
		hellos += cr != NULL;
		struct tls_records recs;
		tls_records_init(&recs);
		tls_records_of(&recs, tc);
		size_t k = 0;
		for (size_t i = 0; i < run.nev; i++) {
			const struct engine_event *ev = &run.ev[i];
			if (ev->kind != ENGINE_EV_RECORD || ev->connection != c)
				continue;
			if (k == recs.n)
				fail_msg("%s: connection %d: the capture has %zu records, the run more", name, c, recs.n);
			const struct tls_record_ref *r = &recs.v[k];
			int from = ev->side == SIDE_CLIENT ? 0 : 1;
			if (r->from != from || r->length != ev->length ||
			    memcmp(tls_record_bytes(tc, r), engine_run_stream(&run, c, ev->side)->data + ev->offset, ev->length) != 0)
				fail_msg("%s: connection %d: record %zu: from %d, %zu bytes; the run's from %d, %zu bytes", name,
				         c, k + 1, r->from, r->length, from, ev->length);
			if (k && r->packet < recs.v[k - 1].packet) /* one segment may complete several records */
				fail_msg("%s: connection %d: record %zu completed before the one it follows", name, c, k + 1);
			k++;
			compared++;
		}
		if (k != recs.n)
			fail_msg("%s: connection %d: the capture has %zu records, the run %zu", name, c, recs.n, k);
		if (recs.stop[0][0] || recs.stop[1][0])
			fail_msg("%s: connection %d: %s%s", name, c, recs.stop[0], recs.stop[1]);
		tls_records_free(&recs);
	}
	tls_conns_free(&conns);
	capture_file_free(&cap);
	free(bytes);
	engine_run_free(&run);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void every_bundled_run(void **state)
{
	(void)state;
	size_t n = 0;
	char err[512];
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	if (!names)
		fail_msg("%s", err);
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++)
		one(names[i]);
	catalog_names_free(names, n);
	printf("%zu scenarios, %zu records compared, %zu connections' hellos\n", n, compared, hellos);
	assert_true(hellos >= n);
	assert_true(compared > 10 * n); /* the records really were compared */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_bundled_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
