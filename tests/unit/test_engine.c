/*
 * Unit tests for the engine: the pipe's record tap (split and coalesced
 * records), the stall detector, determinism and the simulation clock.
 * These run real mbed TLS handshakes with the credentials in assets/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "engine/engine.h"
#include "engine/pipe.h"
#include "spec/scenario.h"

struct tapped {
	int n;
	size_t len[8];
	uint8_t bytes[8][64];
};

static void tap(void *arg, enum side from, const uint8_t *rec, size_t len)
{
	struct tapped *t = arg;
	assert_int_equal(from, SIDE_CLIENT);
	assert_true(t->n < 8 && len <= 64);
	t->len[t->n] = len;
	memcpy(t->bytes[t->n], rec, len);
	t->n++;
}

static const uint8_t rec_a[] = { 22, 3, 3, 0, 4, 14, 0, 0, 0 };        /* ServerHelloDone */
static const uint8_t rec_b[] = { 21, 3, 3, 0, 2, 1, 0 };               /* close_notify */

static void pipe_split_records(void **state)
{
	(void)state;
	struct tapped t = { 0 };
	struct pipe p;
	pipe_init(&p, tap, &t);
	/* One byte at a time: the tap sees the record once, whole, only when complete. */
	for (size_t i = 0; i < sizeof(rec_a); i++) {
		assert_int_equal(t.n, 0);
		assert_int_equal(pipe_waiting(&p, SIDE_SERVER), 0);
		pipe_send(&p, SIDE_CLIENT, rec_a + i, 1);
	}
	assert_int_equal(t.n, 1);
	assert_int_equal(t.len[0], sizeof(rec_a));
	assert_memory_equal(t.bytes[0], rec_a, sizeof(rec_a));
	uint8_t out[64];
	assert_int_equal(pipe_recv(&p, SIDE_SERVER, out, 3), 3);
	assert_int_equal(pipe_recv(&p, SIDE_SERVER, out + 3, sizeof(out)), sizeof(rec_a) - 3);
	assert_memory_equal(out, rec_a, sizeof(rec_a));
	assert_int_equal(pipe_recv(&p, SIDE_SERVER, out, sizeof(out)), 0);
	assert_int_equal(p.dir[SIDE_CLIENT].consumed, sizeof(rec_a));
	pipe_free(&p);
}

static void pipe_coalesced_records(void **state)
{
	(void)state;
	struct tapped t = { 0 };
	struct pipe p;
	uint8_t both[sizeof(rec_a) + sizeof(rec_b) + 2];
	pipe_init(&p, tap, &t);
	memcpy(both, rec_a, sizeof(rec_a));
	memcpy(both + sizeof(rec_a), rec_b, sizeof(rec_b));
	memcpy(both + sizeof(rec_a) + sizeof(rec_b), rec_b, 2); /* the start of a third */
	pipe_send(&p, SIDE_CLIENT, both, sizeof(both));
	assert_int_equal(t.n, 2);
	assert_int_equal(t.len[0], sizeof(rec_a));
	assert_int_equal(t.len[1], sizeof(rec_b));
	assert_memory_equal(t.bytes[1], rec_b, sizeof(rec_b));
	assert_int_equal(pipe_waiting(&p, SIDE_SERVER), sizeof(rec_a) + sizeof(rec_b));
	pipe_send(&p, SIDE_CLIENT, rec_b + 2, sizeof(rec_b) - 2);
	assert_int_equal(t.n, 3);
	pipe_free(&p);
}

static void pipe_passes_impossible_header(void **state)
{
	(void)state;
	struct tapped t = { 0 };
	struct pipe p;
	const uint8_t junk[] = { 22, 3, 3, 0xff, 0xff, 1, 2 }; /* 65535 > 2^14 + 2048 */
	pipe_init(&p, tap, &t);
	pipe_send(&p, SIDE_CLIENT, junk, sizeof(junk));
	assert_int_equal(t.n, 1);
	assert_int_equal(pipe_waiting(&p, SIDE_SERVER), sizeof(junk));
	pipe_free(&p);
}

static int run(struct scenario *sc, uint64_t seed, struct engine_run *r)
{
	struct engine_options o = { sc, TLSSTEP_ASSETS_DIR, seed, false, NULL, NULL };
	char err[256];
	engine_run_init(r);
	int rc = engine_run(&o, r, err, sizeof(err));
	if (rc)
		print_error("engine_run: %s\n", err);
	return rc;
}

static enum pipe_verdict hold_second(void *arg, enum side from, unsigned index, struct buf *rec)
{
	(void)arg;
	(void)from;
	(void)rec;
	return index == 2 ? PIPE_HOLD : PIPE_PASS;
}

/* A new connection starts on an empty pipe: unread, held and partial bytes are discarded and counted. */
static void pipe_reset_empties_the_pipe(void **state)
{
	(void)state;
	struct tapped t = { 0 };
	struct pipe p;
	pipe_init(&p, tap, &t);
	pipe_set_filter(&p, hold_second, NULL);
	pipe_send(&p, SIDE_CLIENT, rec_a, sizeof(rec_a)); /* delivered, never read */
	pipe_send(&p, SIDE_CLIENT, rec_b, sizeof(rec_b)); /* held back */
	pipe_send(&p, SIDE_CLIENT, rec_b, 2);             /* a record's start */
	assert_int_equal(t.n, 1);
	struct pipe_leftover left[2];
	pipe_reset(&p, left);
	assert_int_equal(left[SIDE_CLIENT].unread, sizeof(rec_a));
	assert_int_equal(left[SIDE_CLIENT].unread_records, 1);
	assert_int_equal(left[SIDE_CLIENT].held, sizeof(rec_b));
	assert_int_equal(left[SIDE_CLIENT].partial, 2);
	assert_int_equal(left[SIDE_SERVER].unread + left[SIDE_SERVER].held + left[SIDE_SERVER].partial, 0);
	assert_int_equal(pipe_waiting(&p, SIDE_SERVER), 0);
	assert_int_equal(p.dir[SIDE_CLIENT].consumed, p.dir[SIDE_CLIENT].sent); /* positions stay comparable */
	/* The next record starts afresh: no stale bytes before it, and the held one never comes. */
	pipe_send(&p, SIDE_CLIENT, rec_b, sizeof(rec_b));
	assert_int_equal(t.n, 2);
	assert_false(pipe_release_held(&p));
	uint8_t out[64];
	assert_int_equal(pipe_recv(&p, SIDE_SERVER, out, sizeof(out)), sizeof(rec_b));
	assert_memory_equal(out, rec_b, sizeof(rec_b));
	pipe_free(&p);
}

/*
 * A megabyte queued before the peer reads it (the engine's 1 MB runs do this), then
 * read as mbed TLS reads, header then body: every byte comes out in order, and the
 * bytes the pipe moves inside its queue stay within the bytes that crossed. Moving
 * what is left to the front on each read moved 68 MB here (a count, not a timing).
 */
static void pipe_reads_move_linear_bytes(void **state)
{
	(void)state;
	enum { RECORDS = 64, BODY = 16384 };
	static uint8_t rec[5 + BODY], out[5 + BODY];
	struct pipe p;
	pipe_init(&p, NULL, NULL);
	for (int i = 0; i < RECORDS; i++) {
		rec[0] = 23, rec[1] = 3, rec[2] = 3, rec[3] = BODY >> 8, rec[4] = BODY & 0xff;
		memset(rec + 5, i, BODY);
		pipe_send(&p, SIDE_CLIENT, rec, sizeof(rec));
	}
	size_t total = RECORDS * sizeof(rec);
	assert_int_equal(pipe_waiting(&p, SIDE_SERVER), total);
	for (int i = 0; i < RECORDS; i++) {
		assert_int_equal(pipe_recv(&p, SIDE_SERVER, out, 5), 5);
		assert_int_equal(out[3] << 8 | out[4], BODY);
		assert_int_equal(pipe_recv(&p, SIDE_SERVER, out + 5, BODY), BODY);
		assert_int_equal(out[5], (uint8_t)i);
		assert_int_equal(out[5 + BODY - 1], (uint8_t)i);
		assert_int_equal(pipe_waiting(&p, SIDE_SERVER), total - (size_t)(i + 1) * sizeof(rec));
	}
	assert_int_equal(pipe_recv(&p, SIDE_SERVER, out, 5), 0);
	assert_true(p.dir[SIDE_CLIENT].moved <= total);
	assert_int_equal(pipe_traffic(&p), 2 * total);
	pipe_free(&p);
}

static void default_run_succeeds(void **state)
{
	(void)state;
	struct scenario sc;
	struct engine_run r;
	scenario_init(&sc);
	scenario_default(&sc);
	assert_int_equal(run(&sc, 1, &r), 0);
	assert_false(r.stalled);
	for (int s = 0; s < 2; s++) {
		assert_int_equal(r.side[s].error, 0);
		assert_true(r.side[s].handshake_done);
		assert_true(r.side[s].finished);
	}
	assert_int_equal(r.tls_version, 0x0303);
	assert_int_equal(r.suite_id, 0xc02f);
	assert_int_equal(r.side[SIDE_SERVER].received.len, strlen(sc.client_data));
	assert_memory_equal(r.side[SIDE_SERVER].received.data, sc.client_data, strlen(sc.client_data));
	assert_memory_equal(r.side[SIDE_CLIENT].received.data, sc.server_data, strlen(sc.server_data));
	/* Both ends handed out a premaster and a master secret, and they are equal. */
	const struct buf *pms[2] = { NULL, NULL }, *ms[2] = { NULL, NULL };
	for (size_t i = 0; i < r.nev; i++) {
		if (r.ev[i].kind != ENGINE_EV_SECRET)
			continue;
		if (!strcmp(r.ev[i].name, "premaster_secret"))
			pms[r.ev[i].side] = &r.ev[i].data;
		if (!strcmp(r.ev[i].name, "master_secret"))
			ms[r.ev[i].side] = &r.ev[i].data;
	}
	assert_non_null(pms[0]);
	assert_non_null(pms[1]);
	assert_int_equal(pms[0]->len, 32); /* x25519 */
	assert_memory_equal(pms[0]->data, pms[1]->data, 32);
	assert_non_null(ms[0]);
	assert_non_null(ms[1]);
	assert_int_equal(ms[0]->len, 48);
	assert_memory_equal(ms[0]->data, ms[1]->data, 48);
	engine_run_free(&r);
	scenario_free(&sc);
}

static void same_seed_same_bytes(void **state)
{
	(void)state;
	struct scenario sc;
	struct engine_run a, b, c;
	scenario_init(&sc);
	scenario_default(&sc);
	assert_int_equal(run(&sc, 7, &a), 0);
	assert_int_equal(run(&sc, 7, &b), 0);
	assert_int_equal(run(&sc, 8, &c), 0);
	for (int s = 0; s < 2; s++) {
		assert_true(a.stream[s].len > 0);
		assert_int_equal(a.stream[s].len, b.stream[s].len);
		assert_memory_equal(a.stream[s].data, b.stream[s].data, a.stream[s].len);
	}
	assert_true(a.stream[0].len != c.stream[0].len ||
	            memcmp(a.stream[0].data, c.stream[0].data, a.stream[0].len) != 0);
	engine_run_free(&a);
	engine_run_free(&b);
	engine_run_free(&c);
	scenario_free(&sc);
}

static void tls13_same_seed_same_bytes(void **state)
{
	(void)state;
	/* TLS 1.3 key shares come from PSA's own RNG: this fails if its entropy is not fixed. */
	struct scenario sc;
	struct engine_run a, b;
	scenario_init(&sc);
	scenario_default(&sc);
	sc.client.max_version = sc.server.max_version = TLS_V13;
	sc.client.min_version = sc.server.min_version = TLS_V13;
	sc.client.suites[0] = sc.server.suites[0] = 0;
	assert_int_equal(run(&sc, 3, &a), 0);
	assert_int_equal(run(&sc, 3, &b), 0);
	assert_int_equal(a.tls_version, 0x0304);
	assert_true(a.side[0].finished && a.side[1].finished);
	for (int s = 0; s < 2; s++) {
		assert_int_equal(a.stream[s].len, b.stream[s].len);
		assert_memory_equal(a.stream[s].data, b.stream[s].data, a.stream[s].len);
	}
	engine_run_free(&a);
	engine_run_free(&b);
	scenario_free(&sc);
}

static void clock_reaches_the_library(void **state)
{
	(void)state;
	struct scenario sc;
	struct engine_run r;
	scenario_init(&sc);
	scenario_default(&sc);
	sc.sim_time = 1234567890;
	assert_int_equal(run(&sc, 1, &r), 0);
	/* ClientHello's random starts with gmt_unix_time: record header 5 + handshake header 4 + version 2. */
	const uint8_t *t = r.stream[SIDE_CLIENT].data + 11;
	uint32_t v = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
	assert_int_equal(v, 1234567890u);
	engine_run_free(&r);
	scenario_free(&sc);
}

static void stall_is_detected(void **state)
{
	(void)state;
	/* TLS 1.2, client certificate required and absent: the server fails without an
	 * alert and the client would wait for ever (notes/mbedtls.md). */
	struct scenario sc;
	struct engine_run r;
	scenario_init(&sc);
	scenario_default(&sc);
	sc.client_auth = CLIENT_AUTH_REQUIRED;
	sc.server.ca = strdup("ca-rsa.crt");
	assert_int_equal(run(&sc, 1, &r), 0);
	assert_true(r.stalled);
	assert_non_null(strstr(r.stall_text, "stalled"));
	assert_int_not_equal(r.side[SIDE_SERVER].error, 0);
	assert_int_equal(r.side[SIDE_CLIENT].error, 0);
	assert_false(r.side[SIDE_CLIENT].finished);
	engine_run_free(&r);
	scenario_free(&sc);
}

/* The benchmark's baseline: the same handshake, complete, with nothing captured. */
static void bare_run_captures_nothing(void **state)
{
	(void)state;
	struct scenario sc;
	struct engine_run r;
	char err[256];
	scenario_init(&sc);
	scenario_default(&sc);
	struct engine_options o = { &sc, TLSSTEP_ASSETS_DIR, 1, true, NULL, NULL };
	engine_run_init(&r);
	assert_int_equal(engine_run(&o, &r, err, sizeof(err)), 0);
	assert_true(r.side[0].finished && r.side[1].finished);
	assert_int_equal(r.stream[0].len + r.stream[1].len, 0);
	for (size_t i = 0; i < r.nev; i++) {
		assert_int_not_equal(r.ev[i].kind, ENGINE_EV_RECORD);
		assert_int_not_equal(r.ev[i].kind, ENGINE_EV_SECRET);
	}
	engine_run_free(&r);
	scenario_free(&sc);
}

static void missing_credential_is_an_input_error(void **state)
{
	(void)state;
	struct scenario sc;
	struct engine_run r;
	char err[256] = "";
	scenario_init(&sc);
	scenario_default(&sc);
	free(sc.server.cert);
	sc.server.cert = strdup("no-such-file.crt");
	struct engine_options o = { &sc, TLSSTEP_ASSETS_DIR, 1, false, NULL, NULL };
	engine_run_init(&r);
	assert_int_equal(engine_run(&o, &r, err, sizeof(err)), ENGINE_ERR_INPUT);
	assert_non_null(strstr(err, "no-such-file.crt"));
	assert_non_null(strstr(err, "No such file"));
	engine_run_free(&r);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pipe_split_records),
		cmocka_unit_test(pipe_coalesced_records),
		cmocka_unit_test(pipe_passes_impossible_header),
		cmocka_unit_test(pipe_reset_empties_the_pipe),
		cmocka_unit_test(pipe_reads_move_linear_bytes),
		cmocka_unit_test(default_run_succeeds),
		cmocka_unit_test(same_seed_same_bytes),
		cmocka_unit_test(tls13_same_seed_same_bytes),
		cmocka_unit_test(clock_reaches_the_library),
		cmocka_unit_test(stall_is_detected),
		cmocka_unit_test(bare_run_captures_nothing),
		cmocka_unit_test(missing_credential_is_an_input_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
