/*
 * model/failure: every bundled run that fails says in words what failed, naming the
 * alert; the data behind it (messages in flight, the bytes a fault changed, the field a
 * failed check is about) is on the steps. Expected values come from the run's own
 * decoded fields and the scenario, never from a copy of the sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <mbedtls/x509.h>

#include "config.h"
#include "lesson/catalog.h"
#include "model/chainwalk.h"
#include "model/explain.h"
#include "model/failure.h"
#include "model/timeline.h"
#include "wire/names.h"

static void load(const char *name, struct scenario *sc)
{
	char err[512];
	scenario_init(sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

/* Runs a loaded scenario. */
static void run(const char *name, struct scenario *sc, struct timeline *tl)
{
	char err[512];
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc->seed };
	if (timeline_run(sc, &o, tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}


static const struct step *first_fatal(const struct timeline *tl)
{
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].type == STEP_ALERT && tl->steps[i].alert_level == 2)
			return &tl->steps[i];
	return NULL;
}

/* Every bundled lesson and scenario: a failed run explains itself, a good one does not. */
static void test_every_bundled_run(void **state)
{
	(void)state;
	char err[512];
	size_t n = 0, failed = 0;
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	assert_non_null(names);
	for (size_t i = 0; i < n; i++) {
		struct scenario sc;
		struct timeline tl;
		load(names[i], &sc);
		run(names[i], &sc, &tl);
		const char *why = explain_failure(&tl);
		if (tl.outcome.ok) {
			if (why)
				fail_msg("%s: a successful run explains a failure: %s", names[i], why);
			for (size_t k = 0; k < tl.nsteps; k++) {
				const char *what = NULL;
				assert_int_equal(step_failed_field(&tl.steps[k], &what), FIELD_NONE);
				assert_null(what);
				assert_false(tl.steps[k].in_flight);
			}
		} else {
			failed++;
			if (!why)
				fail_msg("%s: failed run without an explanation", names[i]);
			const struct step *a = first_fatal(&tl);
			if (a) {
				char want[64];
				snprintf(want, sizeof(want), "%s (%u)", names_alert(a->alert_desc), a->alert_desc);
				if (!strstr(why, want))
					fail_msg("%s: the explanation does not name the alert %s: %s", names[i], want, why);
			} else if (!strstr(why, "sent no alert")) {
				fail_msg("%s: no alert crossed and the explanation does not say so: %s", names[i], why);
			}
			/* The built-in narration of the last step is the paragraph. */
			assert_string_equal(explain_step(&tl, &tl.steps[tl.nsteps - 1]), why);
			/* A step in flight was sent by the alert's receiver, after the alert on the ladder. */
			for (size_t k = 0; k < tl.nsteps; k++)
				if (tl.steps[k].in_flight) {
					assert_non_null(a);
					assert_true(tl.steps[k].index > a->index);
					assert_int_equal(tl.steps[k].from, side_peer(a->from));
				}
		}
		timeline_free(&tl);
		scenario_free(&sc);
	}
	catalog_names_free(names, n);
	assert_true(failed >= 10);
}

static const struct step *find_msg(const struct timeline *tl, enum side from, const char *message)
{
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].from == from && !strcmp(tl->steps[i].message, message))
			return &tl->steps[i];
	return NULL;
}

/* The leaf certificate's field `name`, as the decoder shows it. */
static const char *leaf_field(const struct step *cert, const char *name)
{
	const struct fields *fs = &cert->fields;
	int list = fields_find(fs, FIELD_NONE, "certificate_list", false);
	assert_int_not_equal(list, FIELD_NONE);
	int leaf = fields_first(fs, list);
	int f = fields_find(fs, leaf, name, false);
	assert_int_not_equal(f, FIELD_NONE);
	return fs->v[f].value;
}

static void test_expired(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	load("fail-expired-cert", &sc);
	run("fail-expired-cert", &sc, &tl);
	const char *why = explain_failure(&tl);
	assert_non_null(why);
	assert_non_null(strstr(why, "expired"));
	/* notAfter, from the certificate that crossed the wire */
	const struct step *cert = find_msg(&tl, SIDE_SERVER, "Certificate");
	assert_non_null(cert);
	const char *to = strstr(leaf_field(cert, "validity"), " to ");
	assert_non_null(to);
	assert_non_null(strstr(why, to + 4));
	/* the simulation clock */
	char now[40];
	time_t t = (time_t)sc.sim_time;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S UTC", &tm);
	assert_non_null(strstr(why, now));
	/* The server's messages after the client's alert were in flight; those before were not. */
	const struct step *a = first_fatal(&tl);
	assert_non_null(a);
	assert_int_equal(a->from, SIDE_CLIENT);
	size_t in_flight = 0;
	for (size_t i = 0; i < tl.nsteps; i++) {
		const struct step *st = &tl.steps[i];
		bool after = st->index > a->index && st->from == SIDE_SERVER;
		assert_int_equal(st->in_flight, after);
		in_flight += st->in_flight;
	}
	assert_true(in_flight >= 1);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void test_wrong_host(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	load("fail-wrong-host", &sc);
	run("fail-wrong-host", &sc, &tl);
	const char *why = explain_failure(&tl);
	assert_non_null(why);
	assert_non_null(sc.hostname);
	assert_non_null(strstr(why, sc.hostname));
	const struct step *cert = find_msg(&tl, SIDE_SERVER, "Certificate");
	assert_non_null(cert);
	assert_non_null(strstr(why, leaf_field(cert, "subject_alt_names")));
	timeline_free(&tl);
	scenario_free(&sc);
}

/* The step a fault hit: its recorded offset holds the flipped byte. */
static const struct step *flipped_step(const struct timeline *tl, const struct fault *f)
{
	const struct step *hit = NULL;
	for (size_t i = 0; i < tl->nsteps && !hit; i++)
		if (tl->steps[i].nfault)
			hit = &tl->steps[i];
	assert_non_null(hit);
	assert_int_equal(hit->from, f->from);
	assert_int_equal(hit->nfault, 1);
	assert_true(hit->fault_off[0] < hit->record.len);
	uint8_t now = hit->record.data[hit->fault_off[0]];
	assert_int_equal(hit->fault_was[0] ^ now, 1u << f->bit);
	return hit;
}

static void test_fault_bytes(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	load("fail-tampered-finished", &sc);
	run("fail-tampered-finished", &sc, &tl);
	assert_int_equal(sc.nfaults, 1);
	const struct step *hit = flipped_step(&tl, &sc.faults[0]);
	/* one record: the fault's offset counts after its 5-byte header */
	assert_int_equal(hit->fault_off[0], 5 + sc.faults[0].offset);
	/* the record's tag no longer verifies: the failed check is about it */
	const char *what = NULL;
	int f = step_failed_field(hit, &what);
	assert_int_not_equal(f, FIELD_NONE);
	assert_ptr_equal(step_failed_tree(hit), &hit->record_fields);
	assert_string_equal(hit->record_fields.v[f].name, "tag");
	assert_non_null(what);
	assert_non_null(strstr(what, "tag"));
	assert_int_equal(hit->record_ok, AGREE_NO);
	timeline_free(&tl);
	scenario_free(&sc);

	/* A fault as the UI's f key makes one: by record number, a flip in the middle. */
	load("tls12-ecdhe-rsa", &sc);
	struct fault ff;
	memset(&ff, 0, sizeof(ff));
	ff.from = SIDE_SERVER;
	ff.record = 3; /* ServerKeyExchange: a byte of its signature */
	ff.action = FAULT_FLIP;
	ff.offset = 150;
	ff.bit = 5;
	sc.faults[0] = ff;
	sc.nfaults = 1;
	run("tls12-ecdhe-rsa", &sc, &tl);
	hit = flipped_step(&tl, &ff);
	assert_int_equal(hit->fault_off[0], 5 + ff.offset);
	assert_non_null(hit->fault_note);
	assert_false(tl.outcome.ok);
	assert_non_null(explain_failure(&tl));
	timeline_free(&tl);
	scenario_free(&sc);
}

static void test_bad_signature(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	load("fail-tampered-random", &sc);
	run("fail-tampered-random", &sc, &tl);
	const struct step *ske = find_msg(&tl, SIDE_SERVER, "ServerKeyExchange");
	assert_non_null(ske);
	assert_int_equal(ske->signature_ok, AGREE_NO);
	const char *what = NULL;
	int f = step_failed_field(ske, &what);
	assert_int_not_equal(f, FIELD_NONE);
	assert_ptr_equal(step_failed_tree(ske), &ske->fields);
	assert_string_equal(ske->fields.v[f].name, "signature");
	assert_non_null(strstr(what, "signature"));
	assert_non_null(strstr(explain_failure(&tl), "signature"));
	timeline_free(&tl);
	scenario_free(&sc);
}

/* The words a failure's explanation must hold: what the check found, in the run's own terms. */
static void explains(const char *name, const char *const *words)
{
	struct scenario sc;
	struct timeline tl;
	load(name, &sc);
	run(name, &sc, &tl);
	assert_true(tl.outcome.expected);
	const char *why = explain_failure(&tl);
	assert_non_null(why);
	for (const char *const *w = words; *w; w++)
		if (!strstr(why, *w))
			fail_msg("%s: the explanation lacks '%s': %s", name, *w, why);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void test_chain_failures(void **state)
{
	(void)state;
	explains("fail-revoked", (const char *const[]){ "serial number 04", "chain-ca.crl", "revoked", NULL });
	explains("fail-wrong-eku", (const char *const[]){ "server-clientonly.crt", "without serverAuth",
	                                                  "never runs", NULL });
	explains("fail-wrong-eku-client", (const char *const[]){ "must allow clientAuth", NULL });
	explains("fail-missing-intermediate", (const char *const[]){ "CN=tlsstep Issuing CA 1", "chain-root.crt", NULL });
}

static void test_catalogue_failures(void **state)
{
	(void)state;
	explains("fail-unrecognized-name", (const char *const[]){ "www.example.com", "api.example.org and "
	                                                          "mail.example.org", "RFC 6066", NULL });
	explains("fail-illegal-parameter", (const char *const[]){ "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (0xc030)",
	                                                          "did not offer", NULL });
	explains("fail-unexpected-message", (const char *const[]){ "held back", "ServerKeyExchange (step 3) reached the client", "handshake state ServerCertificate", NULL });
	explains("fail-decode-error", (const char *const[]){ "60 of its 91 bytes", "does not parse", NULL });
}

/* The value of the n-th field called `name` of a step (from 0), or NULL. */
static const char *nth_value(const struct step *st, const char *name, int n)
{
	for (size_t f = 0; f < st->fields.n; f++)
		if (!strcmp(st->fields.v[f].name, name) && n-- == 0)
			return st->fields.v[f].value;
	return NULL;
}

/* tlsstep's own walk of a chain: each link with its parent's key; a changed byte of the
 * intermediate's signature breaks that link only, as mbed TLS finds too. */
static void test_chain_walk(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	load("tls12-chain", &sc);
	run("tls12-chain", &sc, &tl);
	const struct step *cert = find_msg(&tl, SIDE_SERVER, "Certificate");
	assert_non_null(cert);
	assert_null(nth_value(cert, "signed_by", 0)); /* made when something shows the chain */
	chainwalk_ensure(&tl, (size_t)cert->index);
	assert_non_null(strstr(nth_value(cert, "signed_by", 0), "verified by tlsstep with certificate[1]'s key"));
	assert_non_null(strstr(nth_value(cert, "signed_by", 1), "verified by tlsstep with the key of the trusted CA in "
	                                                        "chain-root.crt"));
	assert_null(nth_value(cert, "signed_by", 2));
	timeline_free(&tl);
	/* The intermediate's signature is the message's last bytes. */
	sc.faults[0] = (struct fault){ .from = SIDE_SERVER, .message = "Certificate", .action = FAULT_FLIP, .offset = 1800 };
	sc.nfaults = 1;
	sc.expect.success = false;
	sc.expect.failing_side = SIDE_CLIENT;
	sc.expect.alert = 48;
	run("tls12-chain with a fault", &sc, &tl);
	assert_true(tl.outcome.expected);
	cert = find_msg(&tl, SIDE_SERVER, "Certificate");
	chainwalk_ensure(&tl, 0);
	assert_non_null(strstr(nth_value(cert, "signed_by", 0), "verified by tlsstep"));
	assert_non_null(strstr(nth_value(cert, "signed_by", 1), "does NOT verify"));
	assert_int_equal(tl.outcome.end[SIDE_CLIENT].verify_flags, MBEDTLS_X509_BADCERT_NOT_TRUSTED);
	timeline_free(&tl);
	scenario_free(&sc);
	load("fail-self-signed", &sc);
	run("fail-self-signed", &sc, &tl);
	cert = find_msg(&tl, SIDE_SERVER, "Certificate");
	assert_non_null(cert);
	chainwalk_ensure(&tl, (size_t)cert->index - 1); /* a view before the Certificate does not need it */
	assert_null(nth_value(cert, "signed_by", 0));
	chainwalk_ensure(&tl, (size_t)cert->index);
	assert_non_null(strstr(nth_value(cert, "signed_by", 0), "itself (self-signed), its own key verifies it"));
	timeline_free(&tl);
	scenario_free(&sc);
}

/* The server's names are compared as DNS names are, without regard to case (RFC 6066 3, RFC 4343):
 * the same run with the client's name among them completes. */
static void test_names_any_case(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	load("fail-unrecognized-name", &sc);
	free(sc.server.names[1]);
	sc.server.names[1] = strdup("WWW.Example.COM");
	sc.expect.success = true;
	run("fail-unrecognized-name, the name served", &sc, &tl);
	assert_true(tl.outcome.ok);
	timeline_free(&tl);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_bundled_run),
		cmocka_unit_test(test_expired),
		cmocka_unit_test(test_wrong_host),
		cmocka_unit_test(test_fault_bytes),
		cmocka_unit_test(test_bad_signature),
		cmocka_unit_test(test_chain_failures),
		cmocka_unit_test(test_catalogue_failures),
		cmocka_unit_test(test_chain_walk),
		cmocka_unit_test(test_names_any_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
