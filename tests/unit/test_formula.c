/*
 * model/formula: the premaster secret (TLS 1.2) and shared secret (TLS 1.3) say what
 * they are with the public values that crossed the wire, whole; the only secrets left
 * without a derivation are randoms with no time in them (32 fresh bytes).
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

#include "config.h"
#include "lesson/catalog.h"
#include "model/timeline.h"
#include "util/hex.h"

static void run(const char *name, struct scenario *sc, struct timeline *tl)
{
	char err[512];
	scenario_init(sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc->seed };
	if (timeline_run(sc, &o, tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

/* The value of the first field called name in the first message called message. */
static const char *wire_value(const struct timeline *tl, const char *message, const char *name)
{
	for (size_t i = 0; i < tl->nsteps; i++)
		if (!strcmp(tl->steps[i].message, message)) {
			int f = fields_find(&tl->steps[i].fields, FIELD_NONE, name, true);
			assert_int_not_equal(f, FIELD_NONE);
			return tl->steps[i].fields.v[f].value;
		}
	fail_msg("no %s", message);
	return NULL;
}

/* Every copy of the secret `name` has a derivation containing each of the strings in want. */
static void each_copy_says(const struct timeline *tl, const char *name, const char *const *want, size_t nwant)
{
	size_t copies = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++) {
			const struct secret *s = &tl->steps[i].secrets[j];
			if (strcmp(s->name, name))
				continue;
			copies++;
			assert_non_null(s->derived_as);
			for (size_t k = 0; k < nwant; k++)
				if (!strstr(s->derived_as, want[k]))
					fail_msg("%s: \"%s\" lacks %s", name, s->derived_as, want[k]);
		}
	assert_int_equal(copies, 2);
}

static void test_ecdhe(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	run("tls12-ecdhe-rsa", &sc, &tl);
	const char *want[] = { wire_value(&tl, "ServerKeyExchange", "public"), wire_value(&tl, "ClientKeyExchange", "ecdh_Yc"),
	                       "RFC 8422 5.10" };
	each_copy_says(&tl, "premaster_secret", want, 3);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void test_dhe(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	run("tls12-dhe-rsa", &sc, &tl);
	const char *want[] = { wire_value(&tl, "ServerKeyExchange", "dh_p"), wire_value(&tl, "ServerKeyExchange", "dh_Ys"),
	                       wire_value(&tl, "ClientKeyExchange", "dh_Yc") };
	each_copy_says(&tl, "premaster_secret", want, 3);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void test_rsa(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	run("tls12-rsa", &sc, &tl);
	const struct secret *pms = timeline_secret(&tl, "premaster_secret", 0);
	assert_non_null(pms);
	assert_int_equal(pms->value.len, 48);
	char *rnd = hex_string(pms->value.data + 2, 46, '\0');
	const char *want[] = { "fresh", rnd, "7.4.7.1" };
	each_copy_says(&tl, "premaster_secret", want, 3);
	free(rnd);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void test_tls13(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	run("tls13", &sc, &tl);
	const char *want[] = { wire_value(&tl, "ServerHello", "key_exchange"), wire_value(&tl, "ClientHello", "key_exchange") };
	each_copy_says(&tl, "shared_secret", want, 2);
	timeline_free(&tl);
	scenario_free(&sc);
}

/* In every bundled run only randoms without a gmt_unix_time part lack a derivation. */
static void test_only_fresh_randoms_left(void **state)
{
	(void)state;
	char err[512];
	size_t n = 0;
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	assert_non_null(names);
	for (size_t i = 0; i < n; i++) {
		struct scenario sc;
		struct timeline tl;
		run(names[i], &sc, &tl);
		for (size_t k = 0; k < tl.nsteps; k++) {
			const struct step *st = &tl.steps[k];
			for (size_t j = 0; j < st->nsecrets; j++) {
				const struct secret *s = &st->secrets[j];
				if (s->derived_as)
					continue;
				if (strcmp(s->name, "client_random") && strcmp(s->name, "server_random"))
					fail_msg("%s: step %d: %s has no derivation", names[i], st->index, s->name);
				int r = fields_find(&st->fields, FIELD_NONE, "random", false);
				assert_int_not_equal(r, FIELD_NONE);
				assert_int_equal(fields_find(&st->fields, r, "gmt_unix_time", false), FIELD_NONE);
			}
		}
		timeline_free(&tl);
		scenario_free(&sc);
	}
	catalog_names_free(names, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ecdhe),
		cmocka_unit_test(test_dhe),
		cmocka_unit_test(test_rsa),
		cmocka_unit_test(test_tls13),
		cmocka_unit_test(test_only_fresh_randoms_left),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
