/*
 * RSA key exchange, what every run proves and what it pays only when asked: the
 * ClientKeyExchange re-encrypted with the certificate's public key (model/rsa_cke.h)
 * and the eavesdropper's private-key decryption (model/eavesdrop.h), counted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/rsa.h"
#include "config.h"
#include "engine/engine.h"
#include "model/eavesdrop.h"
#include "model/rsa_cke.h"
#include "model/timeline.h"

/* The default scenario with RSA key exchange. */
static void rsa_scenario(struct scenario *s)
{
	scenario_init(s);
	scenario_default(s);
	s->client.suites[0] = s->server.suites[0] = 0x009c; /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
	s->client.suites[1] = s->server.suites[1] = 0;
}

/*
 * RSA key exchange: the run proves with the certificate's public key that the
 * ClientKeyExchange carries the client's premaster secret, and the eavesdropper's
 * private-key decryption happens only once a view that shows it asks: not for the
 * steps before the ClientKeyExchange, once for it, never twice.
 */
static void rsa_decryption_only_when_shown(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	char err[256];
	rsa_scenario(&s);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	unsigned long before = check_rsa_decryptions();
	assert_int_equal(timeline_run(&s, &o, &t, err, sizeof(err)), 0);
	assert_true(t.outcome.ok);
	assert_int_equal(t.rsa_cke_ok, AGREE_YES);
	assert_int_equal(check_rsa_decryptions(), before);
	assert_null(t.outcome.eavesdrop);
	size_t cke = 0;
	for (size_t i = 0; i < t.nsteps && !cke; i++)
		if (t.steps[i].hs_type == 16)
			cke = i + 1;
	assert_true(cke > 1);
	eavesdrop_ensure(&t, cke - 1);
	assert_int_equal(check_rsa_decryptions(), before);
	assert_null(t.outcome.eavesdrop);
	eavesdrop_ensure(&t, cke);
	assert_int_equal(check_rsa_decryptions(), before + 1);
	assert_non_null(strstr(t.outcome.eavesdrop, "RSA key exchange, no forward secrecy"));
	const struct step *st = &t.steps[cke - 1];
	const struct secret *d = &st->secrets[st->nsecrets - 1];
	assert_string_equal(d->name, "premaster_secret_decrypted");
	assert_int_equal(d->agrees, AGREE_YES);
	eavesdrop_ensure(&t, 0);
	assert_int_equal(check_rsa_decryptions(), before + 1);
	timeline_free(&t);
	scenario_free(&s);
}

/*
 * The public-key proof itself: with the client's draws (the same seed gives the
 * engine the same ones), the premaster secret the client reported re-encrypts to the
 * ClientKeyExchange; one byte of it swapped does not, and is marked DIFFERENT.
 */
static void rsa_proof_catches_a_swapped_premaster(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	struct engine_run run;
	char err[256];
	rsa_scenario(&s);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&s, &o, &t, err, sizeof(err)), 0);
	engine_run_init(&run);
	struct engine_options eo = { &s, TLSSTEP_ASSETS_DIR, 1, false, NULL, NULL };
	assert_int_equal(engine_run(&eo, &run, err, sizeof(err)), 0);
	assert_true(run.client_draws.len > 0);
	rsa_cke_check(&t, &run.client_draws);
	assert_int_equal(t.rsa_cke_ok, AGREE_YES);
	struct secret *pms = NULL;
	for (size_t i = 0; i < t.nsteps; i++)
		for (size_t j = 0; j < t.steps[i].nsecrets; j++)
			if (!strcmp(t.steps[i].secrets[j].name, "premaster_secret") && t.steps[i].secrets[j].holders == HOLDER_CLIENT)
				pms = &t.steps[i].secrets[j];
	assert_non_null(pms);
	assert_int_equal(pms->agrees, AGREE_YES);
	pms->value.data[20] ^= 0x01;
	rsa_cke_check(&t, &run.client_draws);
	assert_int_equal(t.rsa_cke_ok, AGREE_NO);
	assert_int_equal(pms->agrees, AGREE_NO);
	assert_non_null(strstr(pms->check_note, "the ClientKeyExchange that crossed does not encrypt it"));
	/* Without the draws there is nothing to re-encrypt with: unchecked, neither way. */
	pms->value.data[20] ^= 0x01;
	struct buf none = { 0 };
	rsa_cke_check(&t, &none);
	assert_int_equal(t.rsa_cke_ok, AGREE_UNCHECKED);
	engine_run_free(&run);
	timeline_free(&t);
	scenario_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rsa_decryption_only_when_shown),
		cmocka_unit_test(rsa_proof_catches_a_swapped_premaster),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
