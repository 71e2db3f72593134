/*
 * The default scenario through the model and the JSON writer: message order and
 * phases, every secret re-derived and agreeing, every field's offset pointing at
 * its bytes, and the JSON names of design.md §5. Then the phases of every bundled
 * run: TLS 1.3's own grouping, "after the handshake", never backwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <mbedtls/sha256.h>

#include "config.h"
#include "export/json.h"
#include "export/markdown.h"
#include "export/transcript.h"
#include "lesson/catalog.h"
#include "model/timeline.h"
#include "util/hex.h"

static struct scenario sc;
static struct timeline tl;

static int setup(void **state)
{
	(void)state;
	char err[256];
	scenario_init(&sc);
	scenario_default(&sc);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	if (timeline_run(&sc, &o, &tl, err, sizeof(err))) {
		fprintf(stderr, "timeline_run: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	timeline_free(&tl);
	scenario_free(&sc);
	return 0;
}

static void messages_and_phases(void **state)
{
	(void)state;
	static const struct {
		const char *msg;
		enum side from;
		int phase;
	} want[] = {
		{ "ClientHello", SIDE_CLIENT, 1 },       { "ServerHello", SIDE_SERVER, 1 },
		{ "Certificate", SIDE_SERVER, 2 },       { "ServerKeyExchange", SIDE_SERVER, 2 },
		{ "ServerHelloDone", SIDE_SERVER, 2 },   { "ClientKeyExchange", SIDE_CLIENT, 3 },
		{ "ChangeCipherSpec", SIDE_CLIENT, 4 },  { "Finished", SIDE_CLIENT, 4 },
		{ "ChangeCipherSpec", SIDE_SERVER, 4 },  { "Finished", SIDE_SERVER, 4 },
		{ "ApplicationData", SIDE_CLIENT, 5 },   { "ApplicationData", SIDE_SERVER, 5 },
		{ "Alert", SIDE_CLIENT, 5 },             { "Alert", SIDE_SERVER, 5 },
	};
	assert_int_equal(tl.nsteps, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < tl.nsteps; i++) {
		assert_string_equal(tl.steps[i].message, want[i].msg);
		assert_int_equal(tl.steps[i].from, want[i].from);
		assert_int_equal(tl.steps[i].phase, want[i].phase);
		assert_int_equal(tl.steps[i].decode_error.alert, 0);
		assert_true(tl.steps[i].have_plain);
	}
	/* TLS 1.2 keeps its four phases' words; PHASE_DATA is "after the handshake", unnumbered. */
	static const char *const words[] = { "Hello", "Server authentication and key exchange",
	                                     "Client authentication and key exchange", "Change cipher spec and Finished" };
	for (int p = 1; p <= 4; p++) {
		assert_string_equal(timeline_phase_title(&tl, p), words[p - 1]);
		assert_true(timeline_phase_numbered(p));
	}
	assert_string_equal(timeline_phase_title(&tl, PHASE_DATA), "After the handshake");
	assert_false(timeline_phase_numbered(PHASE_DATA));
	assert_false(step_is_compat_ccs(&tl, &tl.steps[6])); /* TLS 1.2's CCS changes the keys */
	/* The Finished messages crossed encrypted and were decrypted by us. */
	assert_true(tl.steps[7].encrypted);
	assert_int_equal(tl.steps[7].plain.len, 16);
	assert_true(tl.outcome.ok);
	assert_true(tl.outcome.expected);
	assert_false(tl.outcome.alert_seen); /* close_notify is not a failure alert */
	/* The decrypted application data is what the client sent. */
	assert_int_equal(tl.steps[10].plain.len, strlen(sc.client_data));
	assert_memory_equal(tl.steps[10].plain.data, sc.client_data, strlen(sc.client_data));
}

/* The running transcript hash after each handshake message, recomputed here from the steps. */
static void running_transcript_hash(void **state)
{
	(void)state;
	mbedtls_sha256_context h;
	uint8_t want[32];
	size_t checked = 0;
	mbedtls_sha256_init(&h);
	mbedtls_sha256_starts(&h, 0);
	for (size_t i = 0; i < tl.nsteps; i++) {
		const struct step *st = &tl.steps[i];
		if (st->type != STEP_HANDSHAKE)
			continue;
		mbedtls_sha256_update(&h, st->plain.data, st->plain.len);
		mbedtls_sha256_context copy;
		mbedtls_sha256_init(&copy);
		mbedtls_sha256_clone(&copy, &h);
		mbedtls_sha256_finish(&copy, want);
		mbedtls_sha256_free(&copy);
		assert_int_equal(st->transcript_hash_len, 32);
		assert_memory_equal(st->transcript_hash, want, 32);
		checked++;
	}
	mbedtls_sha256_free(&h);
	assert_int_equal(checked, 8);
}

static void every_secret_agrees(void **state)
{
	(void)state;
	static const char *const need[] = {
		"client_random", "server_random", "premaster_secret", "master_secret", "client_write_key",
		"server_write_key", "client_write_iv", "server_write_iv", "client_verify_data", "server_verify_data",
	};
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		const struct secret *s = timeline_secret(&tl, need[i], 0);
		if (!s)
			fail_msg("secret %s missing", need[i]);
		if (s->agrees != AGREE_YES)
			fail_msg("secret %s: not verified (%s)", need[i], s->check_note ? s->check_note : "");
	}
	for (size_t i = 0; i < tl.nsteps; i++)
		for (size_t j = 0; j < tl.steps[i].nsecrets; j++)
			assert_int_not_equal(tl.steps[i].secrets[j].agrees, AGREE_NO);
	/* Who knows what when: mbed TLS derives the client's premaster and master secret as it
	 * sends its ClientKeyExchange, and the server's as it reads it: both at that step. */
	const struct secret *pms_c = NULL, *pms_s = NULL;
	size_t at_c = 0, at_s = 0;
	for (size_t i = 0; i < tl.nsteps; i++)
		for (size_t j = 0; j < tl.steps[i].nsecrets; j++) {
			const struct secret *s = &tl.steps[i].secrets[j];
			if (strcmp(s->name, "premaster_secret"))
				continue;
			if (s->holders == HOLDER_CLIENT)
				pms_c = s, at_c = i + 1;
			if (s->holders == HOLDER_SERVER)
				pms_s = s, at_s = i + 1;
		}
	assert_non_null(pms_c);
	assert_non_null(pms_s);
	assert_int_equal(at_c, 6); /* ClientKeyExchange */
	assert_int_equal(at_s, 6);
}

/* Every byte-valued leaf equals the message bytes at its offset; every field lies inside. */
static void check_offsets(json_t *fields, const uint8_t *msg, size_t len, int *count, int *total)
{
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		size_t off = (size_t)json_integer_value(json_object_get(f, "offset"));
		size_t n = (size_t)json_integer_value(json_object_get(f, "length"));
		assert_true(off + n <= len);
		const char *v = json_string_value(json_object_get(f, "value"));
		json_t *kids = json_object_get(f, "children");
		const char *kind = json_string_value(json_object_get(f, "kind"));
		assert_non_null(kind);
		if (!strcmp(kind, "bytes")) {
			assert_int_equal(strlen(v), 2 * n); /* raw bytes are given whole (design.md §5) */
			char *h = hex_string(msg + off, n, '\0');
			(*total)++;
			if (!strcmp(h, v))
				(*count)++;
			free(h);
		}
		check_offsets(kids, msg, len, count, total);
	}
}

static void json_contract(void **state)
{
	(void)state;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	assert_int_equal(json_write(f, &tl), 0);
	fclose(f);
	json_error_t e;
	json_t *root = json_loads(text, 0, &e);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "tool")), "tlsstep");
	assert_string_equal(json_string_value(json_object_get(root, "scenario")), "tls12-ecdhe-rsa");
	assert_int_equal(json_integer_value(json_object_get(root, "seed")), 1);
	assert_string_equal(json_string_value(json_object_get(root, "tls_version")), "1.2");
	json_t *cs = json_object_get(root, "cipher_suite");
	assert_string_equal(json_string_value(json_object_get(cs, "name")), "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256");
	assert_int_equal(json_integer_value(json_object_get(cs, "id")), 49199);
	json_t *oc = json_object_get(root, "outcome");
	assert_true(json_is_true(json_object_get(oc, "ok")));
	assert_true(json_is_true(json_object_get(oc, "expected")));
	assert_true(json_is_null(json_object_get(oc, "client_error")));
	assert_true(json_is_null(json_object_get(oc, "alert")));
	json_t *steps = json_object_get(root, "steps");
	assert_int_equal(json_array_size(steps), tl.nsteps);
	int matched = 0, total = 0;
	size_t i;
	json_t *st;
	json_array_foreach(steps, i, st) {
		assert_int_equal(json_integer_value(json_object_get(st, "index")), (json_int_t)i + 1);
		assert_int_equal(json_integer_value(json_object_get(st, "phase")), tl.steps[i].phase);
		assert_string_equal(json_string_value(json_object_get(st, "phase_name")),
		                    timeline_phase_title(&tl, tl.steps[i].phase));
		const char *type = json_string_value(json_object_get(st, "type"));
		assert_true(!strcmp(type, "handshake") || !strcmp(type, "change_cipher_spec") || !strcmp(type, "alert") ||
		            !strcmp(type, "application_data"));
		const char *rh = json_string_value(json_object_get(st, "record_hex"));
		assert_non_null(rh);
		const struct step *s = &tl.steps[i];
		check_offsets(json_object_get(st, "fields"), s->plain.data, s->plain.len, &matched, &total);
	}
	assert_string_equal(json_string_value(json_object_get(json_array_get(steps, 0), "phase_name")), "Hello");
	assert_string_equal(json_string_value(json_object_get(json_array_get(steps, 10), "phase_name")),
	                    "After the handshake");
	assert_true(json_is_false(json_object_get(json_array_get(steps, 6), "middlebox_compatibility")));
	/* randoms, session id, certificate, both ECDH points, signature, two verify_data, two data */
	assert_true(total >= 10);
	assert_int_equal(matched, total);
	const char *first = json_string_value(json_object_get(json_array_get(steps, 0), "record_hex"));
	assert_memory_equal(first, "16 03 0", 7);
	const char *mh = json_string_value(json_object_get(json_array_get(steps, 0), "message_hex"));
	assert_memory_equal(mh, "01 00 ", 6);
	json_t *secrets = json_object_get(root, "secrets");
	static const char *const names[] = { "client_random", "server_random", "premaster_secret", "master_secret",
	                                     "client_write_key", "server_write_key", "client_write_iv",
	                                     "server_write_iv" };
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const char *v = json_string_value(json_object_get(secrets, names[k]));
		if (!v)
			fail_msg("secrets.%s missing", names[k]);
		assert_null(strchr(v, ' '));
	}
	assert_int_equal(strlen(json_string_value(json_object_get(secrets, "master_secret"))), 96);
	json_decref(root);
	free(text);
}

/* TLS 1.3: the encrypted handshake is decrypted with keys derived here from the
 * library's traffic secrets, so every message has its real name and fields. */
static void tls13_decrypted_by_us(void **state)
{
	(void)state;
	struct scenario s13;
	struct timeline t;
	char err[256];
	scenario_init(&s13);
	scenario_default(&s13);
	s13.client.min_version = s13.client.max_version = TLS_V13;
	s13.server.min_version = s13.server.max_version = TLS_V13;
	s13.client.suites[0] = s13.server.suites[0] = 0;
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&s13, &o, &t, err, sizeof(err)), 0);
	assert_true(t.outcome.ok);
	assert_int_equal(t.tls_version, 0x0304);
	static const char *const order[] = { "ClientHello", "ServerHello", "EncryptedExtensions", "Certificate",
	                                     "CertificateVerify", "Finished" };
	size_t k = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		const struct step *st = &t.steps[i];
		assert_true(st->have_plain);
		assert_int_equal(st->decode_error.alert, 0);
		if (k < 6 && !strcmp(st->message, order[k]))
			k++;
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *sec = &st->secrets[j];
			assert_int_not_equal(sec->agrees, AGREE_NO);
			if (strstr(sec->name, "_key") || strstr(sec->name, "_iv"))
				assert_int_equal(sec->agrees, AGREE_YES);
		}
	}
	assert_int_equal(k, 6);
	/* Both ends hold the server's handshake keys from the ServerHello on, whose transcript
	 * they are derived through; the server is listed first, it wrote the ServerHello. */
	const struct secret *first = NULL;
	assert_string_equal(t.steps[1].message, "ServerHello");
	for (size_t j = 0; j < t.steps[0].nsecrets; j++)
		assert_null(strstr(t.steps[0].secrets[j].name, "handshake_key"));
	for (size_t j = 0; j < t.steps[1].nsecrets && !first; j++)
		if (!strcmp(t.steps[1].secrets[j].name, "server_handshake_key"))
			first = &t.steps[1].secrets[j];
	assert_non_null(first);
	assert_int_equal(first->holders, HOLDER_SERVER);
	/* Each key set is proven by the records it protected: 4 server handshake records
	 * (EncryptedExtensions, Certificate, CertificateVerify, Finished), 1 of the client's. */
	assert_non_null(strstr(first->check_note, "4 record(s) from the server"));
	/* The server's application secrets exist once it writes its Finished, not before. */
	bool seen = false;
	for (size_t i = 0; i < t.nsteps; i++)
		for (size_t j = 0; j < t.steps[i].nsecrets; j++) {
			const struct secret *sec = &t.steps[i].secrets[j];
			if (!strcmp(sec->name, "client_handshake_key") && sec->holders == HOLDER_CLIENT)
				assert_non_null(strstr(sec->check_note, "1 record(s) from the client"));
			if (!strcmp(sec->name, "server_application_traffic_secret_0") && sec->holders == HOLDER_SERVER) {
				assert_string_equal(t.steps[i].message, "Finished");
				assert_int_equal(t.steps[i].from, SIDE_SERVER);
				seen = true;
			}
		}
	assert_true(seen);
	timeline_free(&t);
	scenario_free(&s13);
}

/* TLS 1.3: a tampered encrypted record makes the client fail before it has keys to
 * answer with, so its alert crosses in clear: the timeline must show it as an alert. */
static void tls13_plaintext_alert(void **state)
{
	(void)state;
	struct scenario s13;
	struct timeline t;
	char err[256];
	scenario_init(&s13);
	scenario_default(&s13);
	s13.client.min_version = s13.client.max_version = TLS_V13;
	s13.server.min_version = s13.server.max_version = TLS_V13;
	s13.client.suites[0] = s13.server.suites[0] = 0;
	struct fault f = { .from = SIDE_SERVER, .message = "", .record = 3, .action = FAULT_FLIP, .offset = 10 }; /* the server's EncryptedExtensions */
	s13.faults[0] = f;
	s13.nfaults = 1;
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&s13, &o, &t, err, sizeof(err)), 0);
	assert_false(t.outcome.ok);
	assert_true(t.outcome.alert_seen);
	assert_int_equal(t.outcome.alert_from, SIDE_CLIENT);
	assert_int_equal(t.outcome.alert_desc, 20); /* bad_record_mac */
	/* The client's alert crossed in clear; the server's flight, already sent, still decrypts. */
	size_t alerts = 0, decrypted_after = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		const struct step *st = &t.steps[i];
		if (st->from == SIDE_CLIENT && st->type == STEP_ALERT) {
			assert_false(st->encrypted);
			alerts++;
		}
		if (st->from == SIDE_SERVER && st->encrypted && st->have_plain && i > 3)
			decrypted_after++;
	}
	assert_int_equal(alerts, 1);
	assert_true(decrypted_after >= 3); /* Certificate, CertificateVerify, Finished */
	timeline_free(&t);
	scenario_free(&s13);
}

/* Runs s (already set up by the test) with one fault; fails the test if the run cannot happen. */
static void run_with_fault(struct scenario *s, struct timeline *t, struct fault f)
{
	char err[256];
	s->faults[0] = f;
	s->nfaults = 1;
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	if (timeline_run(s, &o, t, err, sizeof(err)))
		fail_msg("timeline_run: %s", err);
}

/*
 * A bit flipped in an RSA ClientKeyExchange: the server decrypts another premaster
 * secret (RFC 5246 §7.4.7.1 says it must go on), so the two ends hold different
 * master secrets and key blocks. Each end's keys are its own; the client's records
 * decrypt under the client's keys; the server's copy of them is shown different; the
 * client's verify_data is held by the client alone.
 */
static void tampered_key_exchange_splits_the_keys(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	s.client.suites[0] = s.server.suites[0] = 0x009c; /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
	s.client.suites[1] = s.server.suites[1] = 0;
	run_with_fault(&s, &t, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange",
			.action = FAULT_FLIP, .offset = 131, .line = 0 });
	assert_false(t.outcome.ok);
	int keys_client = 0, keys_server = 0, finished = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		const struct step *st = &t.steps[i];
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *x = &st->secrets[j];
			if (!strcmp(x->name, "client_write_key")) {
				if (x->holders == HOLDER_CLIENT) {
					assert_int_equal(x->agrees, AGREE_YES);
					keys_client++;
				} else {
					assert_int_equal(x->holders, HOLDER_SERVER);
					assert_int_equal(x->agrees, AGREE_NO);
					keys_server++;
				}
			}
			if (!strcmp(x->name, "client_verify_data")) {
				assert_int_equal(x->holders, HOLDER_CLIENT);
				finished++;
			}
		}
		if (st->from == SIDE_CLIENT && st->hs_type == 20)
			assert_true(st->have_plain); /* under the client's own keys */
	}
	assert_int_equal(keys_client, 1);
	assert_int_equal(keys_server, 1);
	assert_int_equal(finished, 1);
	/* The public-key proof: the ciphertext that crossed is not the client's premaster secret. */
	assert_int_equal(t.rsa_cke_ok, AGREE_NO);
	const struct secret *pms = NULL;
	for (size_t i = 0; i < t.nsteps; i++)
		for (size_t j = 0; j < t.steps[i].nsecrets; j++)
			if (!strcmp(t.steps[i].secrets[j].name, "premaster_secret") && t.steps[i].secrets[j].holders == HOLDER_CLIENT)
				pms = &t.steps[i].secrets[j];
	assert_non_null(pms);
	assert_int_equal(pms->agrees, AGREE_NO);
	assert_non_null(strstr(pms->check_note, "the ClientKeyExchange that crossed does not encrypt it"));
	timeline_free(&t);
	scenario_free(&s);
}

/* A fault by record number in connection 2 names what it hit: a ClientHello, not "Finished". */
static void fault_names_the_second_hello(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	s.resume = RESUME_TICKET;
	run_with_fault(&s, &t, (struct fault){ .from = SIDE_CLIENT, .message = "", .record = 7, .action = FAULT_FLIP,
			.offset = 40, .line = 0 });
	bool hit = false;
	for (size_t i = 0; i < t.nsteps; i++)
		if (t.steps[i].fault_note) {
			assert_int_equal(t.steps[i].connection, 2);
			assert_string_equal(t.steps[i].message, "ClientHello");
			assert_non_null(strstr(t.steps[i].fault_note, "the client's ClientHello (its record 7)"));
			hit = true;
		}
	assert_true(hit);
	timeline_free(&t);
	scenario_free(&s);
}

/* A reorder with nothing to overtake the held record says that the order did not change. */
static void reorder_without_effect_says_so(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	run_with_fault(&s, &t, (struct fault){ .from = SIDE_CLIENT, .message = "ApplicationData",
			.action = FAULT_REORDER, .line = 0 });
	assert_true(t.outcome.ok);
	bool said = false;
	for (size_t i = 0; i < t.nsteps; i++)
		said |= t.steps[i].fault_note && strstr(t.steps[i].fault_note, "so the order did not change");
	assert_true(said);
	timeline_free(&t);
	scenario_free(&s);
}

/* Loads and runs a bundled scenario; fails the test if it cannot. */
static void run_bundled(const char *name, struct scenario *s, struct timeline *t)
{
	char err[512];
	scenario_init(s);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, s, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, s->seed };
	if (timeline_run(s, &o, t, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

/* Whether the words are one of TLS 1.2's four phases. */
static bool tls12_words(const char *w)
{
	return !strcmp(w, "Hello") || !strcmp(w, "Server authentication and key exchange") ||
	       !strcmp(w, "Client authentication and key exchange") || !strcmp(w, "Change cipher spec and Finished");
}

/* What a writer printed, as a string (owned: free). */
static char *written(const struct timeline *t, int what)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	struct transcript_options to = { false, false, false };
	assert_int_equal(what == 0 ? transcript_write(f, t, &to) : what == 1 ? markdown_write(f, t) : json_write(f, t),
	                 0);
	fclose(f);
	return text;
}

/*
 * TLS 1.3 mutual authentication: RFC 8446 §2's grouping. The hellos are key exchange,
 * EncryptedExtensions and CertificateRequest the server's parameters, both ends'
 * Certificate, CertificateVerify and Finished authentication; each compatibility CCS
 * sits in the group it crosses in; the data comes after the handshake.
 */
static void tls13_phases(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	run_bundled("tls13-mutual", &s, &t);
	assert_true(t.outcome.ok);
	assert_int_equal(t.tls_version, 0x0304);
	size_t client_cert = 0, ccs = 0, data = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		const struct step *st = &t.steps[i];
		const char *w = timeline_phase_title(&t, st->phase);
		if (tls12_words(w) || !strcmp(w, "?"))
			fail_msg("step %d %s is under \"%s\"", st->index, st->message, w);
		const char *want = NULL;
		switch (st->hs_type) {
		case 1: case 2: want = "Key exchange"; break;
		case 8: case 13: want = "Server parameters"; break;
		case 11: case 15: case 20: want = "Authentication"; break;
		}
		if (st->type == STEP_HANDSHAKE)
			assert_non_null(want);
		if (want)
			assert_string_equal(w, want);
		client_cert += st->hs_type == 11 && st->from == SIDE_CLIENT;
		assert_int_equal(step_is_compat_ccs(&t, st), st->type == STEP_CHANGE_CIPHER_SPEC);
		if (st->type == STEP_CHANGE_CIPHER_SPEC) {
			assert_true(i > 0);
			assert_int_equal(st->phase, t.steps[i - 1].phase);
			ccs++;
		}
		if (st->type == STEP_APPLICATION_DATA) {
			assert_int_equal(st->phase, PHASE_DATA);
			assert_string_equal(w, "After the handshake");
			assert_false(timeline_phase_numbered(st->phase));
			data++;
		}
	}
	assert_int_equal(client_cert, 1);
	assert_int_equal(ccs, 2);
	assert_int_equal(data, 2);
	/* The writers say the same: no number for after the handshake, the CCS labelled. */
	char *tx = written(&t, 0), *md = written(&t, 1), *js = written(&t, 2);
	assert_non_null(strstr(tx, "\n-- Phase 3: Authentication --\n"));
	assert_non_null(strstr(tx, "\n-- After the handshake --\n"));
	assert_non_null(strstr(tx, "ChangeCipherSpec (middlebox compatibility)"));
	assert_null(strstr(tx, "Phase 5"));
	assert_null(strstr(tx, "Phase 4"));
	assert_non_null(strstr(md, "\n## Phase 2: Server parameters\n"));
	assert_non_null(strstr(md, "\n## After the handshake\n"));
	assert_non_null(strstr(md, ". ChangeCipherSpec, middlebox compatibility ("));
	assert_null(strstr(md, "Phase 5"));
	json_error_t e;
	json_t *root = json_loads(js, 0, &e), *jst;
	assert_non_null(root);
	size_t i, compat = 0;
	json_array_foreach(json_object_get(root, "steps"), i, jst) {
		assert_int_equal(json_integer_value(json_object_get(jst, "phase")), t.steps[i].phase);
		assert_string_equal(json_string_value(json_object_get(jst, "phase_name")),
		                    timeline_phase_title(&t, t.steps[i].phase));
		compat += json_is_true(json_object_get(jst, "middlebox_compatibility"));
	}
	assert_int_equal(i, t.nsteps);
	assert_int_equal(compat, 2);
	json_decref(root);
	free(tx);
	free(md);
	free(js);
	timeline_free(&t);
	scenario_free(&s);
}

/* TLS 1.3 resumption: connection 2 starts its phases again, and without a server Certificate
 * its authentication is the Finished messages alone; the ticket comes after the handshake. */
static void tls13_resumption_phases(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	run_bundled("tls13-resume", &s, &t);
	assert_true(t.outcome.ok);
	size_t first = 0, finished = 0, tickets = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		const struct step *st = &t.steps[i];
		if (st->connection != 2) {
			tickets += st->hs_type == 4 && st->phase == PHASE_DATA;
			continue;
		}
		if (!first++)
			assert_int_equal(st->phase, PHASE13_KEY_EXCHANGE);
		assert_int_not_equal(st->hs_type, 11); /* no Certificate: the PSK authenticates */
		if (st->hs_type == 8)
			assert_string_equal(timeline_phase_title(&t, st->phase), "Server parameters");
		if (st->hs_type == 20) {
			assert_int_equal(st->phase, PHASE13_AUTH);
			finished++;
		}
		if (st->hs_type == 4) {
			assert_int_equal(st->phase, PHASE_DATA);
			tickets++;
		}
	}
	assert_true(first > 0);
	assert_int_equal(finished, 2);
	assert_int_equal(tickets, 2);
	timeline_free(&t);
	scenario_free(&s);
}

/* With no version agreed (no ServerHello), a client that offered only TLS 1.3 is named in
 * TLS 1.3's words; one that offered TLS 1.2 keeps "Hello". */
static void phases_without_a_server_hello(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	char err[256];
	scenario_init(&s);
	scenario_default(&s);
	s.client.min_version = s.client.max_version = TLS_V13;
	s.client.suites[0] = 0;
	s.server.min_version = s.server.max_version = TLS_V12;
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&s, &o, &t, err, sizeof(err)), 0);
	assert_int_equal(t.tls_version, 0);
	assert_int_equal(t.steps[0].phase, PHASE13_KEY_EXCHANGE);
	assert_string_equal(timeline_phase_title(&t, t.steps[0].phase), "Key exchange");
	timeline_free(&t);
	scenario_free(&s);
	run_bundled("fail-version-mismatch", &s, &t); /* a TLS 1.2-only client */
	assert_int_equal(t.tls_version, 0);
	assert_string_equal(timeline_phase_title(&t, t.steps[0].phase), "Hello");
	timeline_free(&t);
	scenario_free(&s);
}

/*
 * Every bundled run: within a connection (its steps, wherever another connection's come between
 * them) phases never go backwards but into a new
 * hello; a connection starts with its hello; a TLS 1.3 run has no phase 4 and no step
 * under TLS 1.2's words; application data that crosses once its sender's handshake is
 * over is after the handshake.
 */
static void phases_never_go_backwards(void **state)
{
	(void)state;
	char err[512];
	size_t n = 0;
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	if (!names)
		fail_msg("%s", err);
	size_t runs13 = 0;
	for (size_t k = 0; k < n; k++) {
		struct scenario s;
		struct timeline t;
		run_bundled(names[k], &s, &t);
		bool tls13 = t.tls_version == 0x0304;
		runs13 += tls13;
		int seen = 0; /* connections begun so far: a man in the middle's two interleave */
		for (size_t i = 0; i < t.nsteps; i++) {
			const struct step *st = &t.steps[i], *prev = NULL;
			for (size_t j = i; j-- > 0 && !prev;)
				if (t.steps[j].connection == st->connection)
					prev = &t.steps[j]; /* the step before it in its own connection */
			bool new_conn = st->connection > seen;
			if (new_conn)
				seen = st->connection;
			/* A renegotiation starts in phase 1 again, with its HelloRequest or ClientHello. */
			bool new_hs = prev && !new_conn && prev->handshake != st->handshake;
			if (new_hs && (st->phase != PHASE_HELLO || st->handshake != prev->handshake + 1))
				fail_msg("%s: handshake %d starts in phase %d", names[k], st->handshake, st->phase);
			if (st->phase < PHASE_HELLO || st->phase > PHASE_DATA || (tls13 && st->phase == PHASE_FINISH))
				fail_msg("%s: step %d %s has phase %d", names[k], st->index, st->message, st->phase);
			if (new_conn && st->phase != PHASE_HELLO)
				fail_msg("%s: connection %d starts in phase %d", names[k], st->connection, st->phase);
			if (!new_conn && st->phase < prev->phase && !(st->hs_type == 1 || st->hs_type == 2 || new_hs))
				fail_msg("%s: step %d %s goes back from phase %d to %d", names[k], st->index, st->message,
				         prev->phase, st->phase);
			if (tls13 && tls12_words(timeline_phase_title(&t, st->phase)))
				fail_msg("%s: step %d %s is under a TLS 1.2 phase", names[k], st->index, st->message);
			if (t.outcome.ok && st->type == STEP_APPLICATION_DATA && st->phase != PHASE_DATA)
				fail_msg("%s: step %d application data in phase %d", names[k], st->index, st->phase);
		}
		timeline_free(&t);
		scenario_free(&s);
	}
	assert_true(runs13 >= 5); /* tls13, -hrr, -mutual, -resume, fail-tls13-client-cert-missing, lesson 10 */
	catalog_names_free(names, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(messages_and_phases),
		cmocka_unit_test(every_secret_agrees),
		cmocka_unit_test(running_transcript_hash),
		cmocka_unit_test(json_contract),
		cmocka_unit_test(tls13_decrypted_by_us),
		cmocka_unit_test(tls13_plaintext_alert),
		cmocka_unit_test(tls13_phases),
		cmocka_unit_test(tls13_resumption_phases),
		cmocka_unit_test(phases_without_a_server_hello),
		cmocka_unit_test(phases_never_go_backwards),
		cmocka_unit_test(tampered_key_exchange_splits_the_keys),
		cmocka_unit_test(fault_names_the_second_hello),
		cmocka_unit_test(reorder_without_effect_says_so),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
