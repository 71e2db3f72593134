/*
 * model/diff and model/summary: field-level differences (nested fields, lists of
 * different lengths, fields in one tree only), a run against itself differs in
 * nothing, seeds 1 and 2 of one scenario differ only in randoms, key shares,
 * signatures, secrets, session ids and tickets, and ciphertext; the sentence for a
 * message in one run only; each run's figures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/align.h"
#include "model/compare.h"
#include "model/diff.h"
#include "model/eavesdrop.h"
#include "model/summary.h"
#include "runs.h"

static const struct field_diff *find(const struct step_diff *d, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].path, path))
			return &d->v[i];
	return NULL;
}

static void expect(const struct step_diff *d, const char *path, enum diff_kind kind)
{
	const struct field_diff *x = find(d, path);
	if (!x)
		fail_msg("no difference at %s", path);
	if (x->kind != kind)
		fail_msg("%s: kind %d, expected %d", path, x->kind, kind);
}

/* Two hand-made ClientHello-like trees. */
static void tree(struct fields *f, bool b)
{
	static const uint8_t msg[64];
	fields_init(f);
	fields_add(f, FIELD_NONE, FIELD_TEXT, "legacy_version", 4, 2, "", "TLS 1.2 (0x0303)");
	int r = fields_add(f, FIELD_NONE, FIELD_BYTES, "random", 6, 4, "", b ? "0a0b0c0d" : "01020304");
	fields_add(f, r, FIELD_BYTES, "random_bytes", 8, 2, "", b ? "0c0d" : "0304");
	int cs = fields_add(f, FIELD_NONE, FIELD_GROUP, "cipher_suites", 10, 6, "", b ? "2 offered" : "3 offered");
	/* A offers 1301 1302 1303, B 1303 1301: one suite fewer, and the shared two the other way round. */
	if (b)
		fields_add(f, cs, FIELD_TEXT, "cipher_suite", 10, 2, "", "TLS_CHACHA20_POLY1305_SHA256 (0x1303)");
	fields_add(f, cs, FIELD_TEXT, "cipher_suite", 10, 2, "", "TLS_AES_128_GCM_SHA256 (0x1301)");
	if (!b) {
		fields_add(f, cs, FIELD_TEXT, "cipher_suite", 12, 2, "", "TLS_AES_256_GCM_SHA384 (0x1302)");
		fields_add(f, cs, FIELD_TEXT, "cipher_suite", 14, 2, "", "TLS_CHACHA20_POLY1305_SHA256 (0x1303)");
	}
	/* Certificates: a list of groups, compared place by place. */
	int cl = fields_add(f, FIELD_NONE, FIELD_GROUP, "certificate_list", 36, 8, "", b ? "1" : "2");
	int c0 = fields_add(f, cl, FIELD_GROUP, "certificate[0]", 36, 4, "", "leaf");
	fields_add(f, c0, FIELD_TEXT, "subject", 36, 2, "", b ? "CN=b.example" : "CN=a.example");
	if (!b)
		fields_add(f, cl, FIELD_GROUP, "certificate[1]", 40, 4, "", "intermediate");
	int ext = fields_add(f, FIELD_NONE, FIELD_GROUP, "extensions", 16, 20, "", "2");
	int ks = fields_add(f, ext, FIELD_GROUP, "key_share", 16, 10, "", "type 51");
	fields_add_bytes(f, ks, "key_exchange", msg, 20, b ? 4 : 6, "");
	if (b)
		fields_add(f, ext, FIELD_TEXT, "early_data", 26, 4, "", "type 42");
	else
		fields_add(f, ext, FIELD_TEXT, "server_name", 26, 4, "", "www.example.com");
}

static void nested_and_lists(void **state)
{
	struct fields a, b;
	struct step_diff d;
	tree(&a, false);
	tree(&b, true);
	step_diff_init(&d);
	diff_fields(&a, &b, false, &d);
	expect(&d, "random", DIFF_CHANGED);
	expect(&d, "random/random_bytes", DIFF_CHANGED);
	expect(&d, "cipher_suites", DIFF_CHANGED);          /* "3 offered" against "2 offered" */
	expect(&d, "cipher_suites/cipher_suite#2", DIFF_ONLY_A);  /* 0x1302: offered by A only */
	expect(&d, "cipher_suites/(the same ones in another order)", DIFF_CHANGED);
	expect(&d, "extensions/key_share/key_exchange", DIFF_CHANGED);
	expect(&d, "extensions/server_name", DIFF_ONLY_A);
	expect(&d, "extensions/early_data", DIFF_ONLY_B);
	expect(&d, "certificate_list", DIFF_CHANGED);
	expect(&d, "certificate_list/certificate[0]/subject", DIFF_CHANGED); /* nested two deep */
	expect(&d, "certificate_list/certificate[1]", DIFF_ONLY_A);         /* the longer chain */
	assert_null(find(&d, "legacy_version"));
	assert_null(find(&d, "cipher_suites/cipher_suite"));
	assert_null(find(&d, "cipher_suites/cipher_suite#3"));
	assert_true(find(&d, "random/random_bytes")->implied); /* a part of the random, told with it */
	assert_int_equal(d.n, 11);
	assert_int_equal(find(&d, "random")->cause, CAUSE_RANDOM);
	assert_int_equal(find(&d, "extensions/key_share/key_exchange")->cause, CAUSE_KEY_SHARE);
	assert_int_equal(find(&d, "cipher_suites")->cause, CAUSE_SETTINGS);
	int ia = fields_find(&a, FIELD_NONE, "server_name", true), ib = fields_find(&b, FIELD_NONE, "early_data", true);
	assert_true(diff_marks(&d, true, ia));
	assert_true(diff_marks(&d, false, ib));
	assert_false(diff_marks(&d, true, fields_find(&a, FIELD_NONE, "legacy_version", false)));
	step_diff_free(&d);
	/* A tree against itself: nothing. */
	diff_fields(&a, &a, false, &d);
	assert_int_equal(d.n, 0);
	step_diff_free(&d);
	fields_free(&a);
	fields_free(&b);
}

/* Runs a against b row by row; returns the number of differing fields, each checked against `fresh_only`. */
static size_t compare_runs(const char *name, const struct timeline *a, const struct timeline *b, bool fresh_only)
{
	struct alignment al;
	size_t total = 0;
	align_timelines(a, b, &al);
	assert_int_equal(al.n, a->nsteps);
	for (size_t r = 0; r < al.n; r++) {
		assert_int_equal(al.rows[r].a, (int)r);
		assert_int_equal(al.rows[r].b, (int)r);
		struct step_diff d;
		step_diff_init(&d);
		diff_steps(&a->steps[r], &b->steps[r], &d);
		for (size_t k = 0; k < d.n; k++)
			if (fresh_only && d.v[k].cause == CAUSE_SETTINGS)
				fail_msg("%s step %zu %s: %s%s differs, which is no random, key share, signature, secret, "
				         "session id, ticket or ciphertext", name, r + 1, a->steps[r].message,
				         d.v[k].record ? "record " : "", d.v[k].path);
		total += d.n;
		step_diff_free(&d);
		/* Secrets: the same names at the same steps. */
		assert_int_equal(a->steps[r].nsecrets, b->steps[r].nsecrets);
		for (size_t k = 0; k < a->steps[r].nsecrets; k++)
			assert_string_equal(a->steps[r].secrets[k].name, b->steps[r].secrets[k].name);
	}
	alignment_free(&al);
	return total;
}

static void seeds_and_self(void **state)
{
	static const char *const names[] = { "tls12-ecdhe-rsa", "tls12-rsa", "tls12-dhe-rsa", "tls12-cbc", "tls12-mutual",
		                             "tls12-resume-ticket", "tls13", "tls13-hrr", "tls13-resume", "tls13-mutual",
		                             "fail-tampered-finished" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct run one, again, two;
		run_named(names[i], 1, &one);
		run_named(names[i], 1, &again);
		run_named(names[i], 2, &two);
		if (compare_runs(names[i], &one.tl, &again.tl, false) != 0)
			fail_msg("%s: a run against itself differs", names[i]);
		if (compare_runs(names[i], &one.tl, &two.tl, true) == 0)
			fail_msg("%s: seeds 1 and 2 differ in nothing", names[i]);
		char only[400];
		assert_int_equal(diff_secrets_only(&one.tl, &two.tl, only, sizeof(only)), 0);
		run_free(&one);
		run_free(&again);
		run_free(&two);
	}
}

/* The sentence for the step of `has` in one run only at (connection, from, message). */
static void reason(const struct run *has, const struct run *lacks, int conn, enum side from, const char *m,
                   const char *want)
{
	int i = run_find(has, conn, from, m, 1);
	char out[600];
	assert_true(i >= 0);
	diff_only_reason(&has->tl, "A", &lacks->tl, "B", (size_t)i, false, out, sizeof(out));
	if (!strstr(out, want))
		fail_msg("%s %s: '%s' does not say '%s'", side_name(from), m, out, want);
}

static void reasons(void **state)
{
	struct run ecdhe, rsa, t13, hrr, resume, mutual;
	run_named("tls12-ecdhe-rsa", 0, &ecdhe);
	run_named("tls12-rsa", 0, &rsa);
	run_named("tls13", 0, &t13);
	run_named("tls13-hrr", 0, &hrr);
	run_named("tls12-resume-id", 0, &resume);
	run_named("tls12-mutual", 0, &mutual);
	reason(&ecdhe, &rsa, 1, SIDE_SERVER, "ServerKeyExchange", "B's key exchange is RSA");
	reason(&ecdhe, &t13, 1, SIDE_SERVER, "ServerKeyExchange", "TLS 1.3 (B) has no ServerKeyExchange");
	reason(&ecdhe, &t13, 1, SIDE_CLIENT, "ClientKeyExchange", "TLS 1.3 (B) has no ClientKeyExchange");
	reason(&t13, &ecdhe, 1, SIDE_SERVER, "EncryptedExtensions", "only TLS 1.3 sends EncryptedExtensions");
	reason(&hrr, &t13, 1, SIDE_SERVER, "HelloRetryRequest", "another key share");
	reason(&resume, &ecdhe, 2, SIDE_CLIENT, "ClientHello", "A resumes the session in connection 2 (by session id)");
	reason(&mutual, &ecdhe, 1, SIDE_SERVER, "CertificateRequest", "A's server asks the client for a certificate");
	reason(&ecdhe, &mutual, 1, SIDE_SERVER, "ServerKeyExchange", "in another order"); /* both send one: never here */
	char only[400];
	assert_true(diff_secrets_only(&t13.tl, &ecdhe.tl, only, sizeof(only)) > 0);
	assert_non_null(strstr(only, "handshake_secret"));
	assert_true(diff_secrets_only(&ecdhe.tl, &t13.tl, only, sizeof(only)) > 0);
	assert_non_null(strstr(only, "premaster_secret"));
	run_free(&ecdhe);
	run_free(&rsa);
	run_free(&t13);
	run_free(&hrr);
	run_free(&resume);
	run_free(&mutual);
}

/* A run that fails against one that does not: what the failed one never sends is said as its having
 * stopped, and its fatal alert, paired with no close_notify, says what went wrong. */
static void failed_run(void **state)
{
	struct run ok, bad;
	run_named("tls12-ecdhe-rsa", 0, &ok);
	run_named("fail-tampered-finished", 0, &bad);
	struct comparison c;
	comparison_build(&c, &ok.tl, &bad.tl);
	char why[900];
	int stopped = 0, alert = 0;
	for (size_t r = 0; r < c.al.n; r++) {
		comparison_reason(&c, r, why, sizeof(why));
		if (c.al.rows[r].b < 0 && strstr(why, "B had stopped by then"))
			stopped++;
		if (c.al.rows[r].a < 0 && strstr(why, "fatal alert bad_record_mac"))
			alert++;
	}
	assert_int_equal(stopped, 6); /* the server's ChangeCipherSpec and Finished, the data, the closure */
	assert_int_equal(alert, 1);
	comparison_free(&c);
	run_free(&ok);
	run_free(&bad);
}

static void summaries(void **state)
{
	struct run ecdhe, rsa, t13, resume, hrr;
	struct run_summary s;
	char buf[200];
	run_named("tls12-ecdhe-rsa", 0, &ecdhe);
	run_named("tls12-rsa", 0, &rsa);
	run_named("tls13", 0, &t13);
	run_named("tls12-resume-id", 0, &resume);
	run_named("tls13-hrr", 0, &hrr);

	summary_compute(&ecdhe.tl, &s);
	assert_int_equal(s.round_trips[0], 2);
	assert_true(s.forward_secret);
	assert_int_equal(s.ops[SIDE_SERVER].sign, 1);
	assert_int_equal(s.ops[SIDE_SERVER].agree, 1);
	assert_int_equal(s.ops[SIDE_CLIENT].agree, 1);
	assert_int_equal(s.ops[SIDE_CLIENT].verify, 2); /* the certificate and the ServerKeyExchange */
	size_t sum = 0;
	for (size_t i = 0; i < ecdhe.tl.nsteps; i++)
		sum += ecdhe.tl.steps[i].record.len;
	assert_int_equal(s.bytes_total, sum);
	size_t phases = 0;
	for (int p = 1; p <= PHASE_DATA; p++)
		phases += s.bytes_phase[p];
	assert_int_equal(phases, sum);
	assert_string_equal(summary_ops(&s.ops[SIDE_SERVER], buf, sizeof(buf)), "sign 1, agree 1");

	summary_compute(&rsa.tl, &s);
	assert_false(s.forward_secret);
	assert_int_equal(s.ops[SIDE_SERVER].sign, 0);
	assert_int_equal(s.ops[SIDE_SERVER].decrypt, 1);
	assert_int_equal(s.ops[SIDE_CLIENT].encrypt, 1);
	assert_int_equal(s.round_trips[0], 2);

	summary_compute(&t13.tl, &s);
	assert_int_equal(s.round_trips[0], 1);
	assert_int_equal(s.ops[SIDE_SERVER].sign, 1);
	assert_int_equal(s.ops[SIDE_CLIENT].agree, 1);
	assert_true(s.encrypted_messages >= 4);
	assert_string_equal(summary_round_trips(&s, buf, sizeof(buf)), "1 RTT");

	summary_compute(&hrr.tl, &s);
	assert_int_equal(s.round_trips[0], 2);

	eavesdrop_ensure(&resume.tl, 0); /* what the summary quotes of the eavesdropper */
	summary_compute(&resume.tl, &s);
	assert_int_equal(s.connections, 2);
	assert_int_equal(s.round_trips[1], 1);
	assert_string_equal(summary_round_trips(&s, buf, sizeof(buf)), "2 RTT; connection 2: 1 RTT");
	assert_non_null(s.eavesdrop);

	run_free(&ecdhe);
	run_free(&rsa);
	run_free(&t13);
	run_free(&resume);
	run_free(&hrr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nested_and_lists),
		cmocka_unit_test(seeds_and_self),
		cmocka_unit_test(reasons),
		cmocka_unit_test(failed_run),
		cmocka_unit_test(summaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
