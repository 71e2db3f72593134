/*
 * TLS 1.3 resumption as tlsstep checks it (model/proof13.c): the PSK binder of the
 * resuming ClientHello re-derived from the first connection's resumption secret
 * and compared with the one on the wire; psk_ke's key schedule without a shared
 * secret; and a binder changed on the wire caught by both tlsstep and the server.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "lesson/catalog.h"
#include "model/timeline.h"

static void run(const char *name, const struct fault *f, struct scenario *s, struct timeline *t)
{
	char err[512];
	scenario_init(s);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, s, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	if (f) {
		s->faults[s->nfaults++] = *f;
		s->expect.success = false;
		s->expect.failing_side = SIDE_SERVER;
		s->expect.alert = EXPECT_ALERT_ANY;
	}
	struct run_options o = { TLSSTEP_ASSETS_DIR, s->seed };
	if (timeline_run(s, &o, t, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

/* The secret called name at the first step of connection 2 that has it, or NULL. */
static const struct secret *secret2(const struct timeline *t, const char *name, const struct step **at)
{
	for (size_t i = 0; i < t->nsteps; i++)
		for (size_t j = 0; t->steps[i].connection == 2 && j < t->steps[i].nsecrets; j++)
			if (!strcmp(t->steps[i].secrets[j].name, name)) {
				if (at)
					*at = &t->steps[i];
				return &t->steps[i].secrets[j];
			}
	return NULL;
}

static const struct step *first_of(const struct timeline *t, int connection, const char *message)
{
	for (size_t i = 0; i < t->nsteps; i++)
		if (t->steps[i].connection == connection && !strcmp(t->steps[i].message, message))
			return &t->steps[i];
	return NULL;
}

static bool has_field(const struct step *st, const char *name)
{
	return fields_find(&st->fields, FIELD_NONE, name, true) != FIELD_NONE;
}

/* Both resumptions: the binder checked at the resuming ClientHello, whichever mode follows. */
static void binder_verified(void **state)
{
	(void)state;
	static const char *const names[] = { "tls13-resume", "tls13-resume-psk-ke" };
	for (size_t n = 0; n < 2; n++) {
		struct scenario s;
		struct timeline t;
		run(names[n], NULL, &s, &t);
		assert_true(t.outcome.expected);
		const struct step *at = NULL;
		const struct secret *b = secret2(&t, "psk_binder", &at);
		assert_non_null(b);
		assert_string_equal(at->message, "ClientHello");
		assert_int_equal(b->agrees, AGREE_YES);
		assert_int_equal(b->value.len, 32); /* SHA-256's suites */
		assert_non_null(strstr(b->derived_as, "binder_key"));
		assert_int_equal(secret2(&t, "binder_key", NULL)->agrees, AGREE_YES);
		assert_int_equal(secret2(&t, "resumption_psk", NULL)->agrees, AGREE_YES);
		/* psk_ke: neither hello of connection 2 carries a key_share; psk_dhe_ke: both do. */
		bool psk_ke = n == 1;
		const struct step *ch = first_of(&t, 2, "ClientHello"), *sh = first_of(&t, 2, "ServerHello");
		assert_non_null(sh);
		assert_int_equal(has_field(ch, "key_share"), !psk_ke);
		assert_int_equal(has_field(sh, "key_share"), !psk_ke);
		assert_true(has_field(sh, "pre_shared_key"));
		assert_int_equal(secret2(&t, "shared_secret", NULL) == NULL, psk_ke);
		const struct secret *hs = secret2(&t, "handshake_secret", NULL);
		assert_non_null(hs);
		assert_int_equal(hs->agrees, AGREE_YES);
		assert_int_equal(strstr(hs->derived_as, "zero bytes") != NULL, psk_ke);
		timeline_free(&t);
		scenario_free(&s);
	}
}

/* One bit of the binder flipped on the wire: tlsstep's HMAC differs, and the server refuses (decrypt_error). */
static void tampered_binder_caught(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	/* The binder is the last 32 bytes of the resuming ClientHello, the client's 6th record. */
	struct fault f = { .from = SIDE_CLIENT, .message = "", .record = 6, .action = FAULT_FLIP, .line = 1 };
	run("tls13-resume-psk-ke", NULL, &s, &t);
	const struct step *ch = first_of(&t, 2, "ClientHello");
	assert_non_null(ch);
	f.offset = ch->record.len - 5 - 1;
	timeline_free(&t);
	scenario_free(&s);

	run("tls13-resume-psk-ke", &f, &s, &t);
	assert_true(t.outcome.expected);
	const struct secret *b = secret2(&t, "psk_binder", NULL);
	assert_non_null(b);
	assert_int_equal(b->agrees, AGREE_NO);
	assert_int_equal(secret2(&t, "binder_key", NULL)->agrees, AGREE_UNCHECKED);
	assert_true(t.outcome.alert_seen);
	assert_int_equal(t.outcome.alert_from, SIDE_SERVER);
	assert_int_equal(t.outcome.alert_desc, 51); /* decrypt_error */
	assert_null(first_of(&t, 2, "ServerHello"));
	timeline_free(&t);
	scenario_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(binder_verified),
		cmocka_unit_test(tampered_binder_caught),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
