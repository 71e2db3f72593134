/*
 * Faults through the engine and the model (engine/fault.c, engine/engine.c resume()):
 * connection 2 of a resumption starts on an empty pipe whatever connection 1 left in
 * it, and what was discarded is said; several faults on one record make one coherent
 * note; the bytes reported changed are exactly those that differ as the record crossed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "export/transcript.h"
#include "lesson/catalog.h"
#include "model/timeline.h"

/* Runs s with its faults as set; fails the test if the run cannot happen. */
static void run(struct scenario *s, struct timeline *t)
{
	char err[256];
	struct run_options o = { TLSSTEP_ASSETS_DIR, s->seed ? s->seed : 1 };
	if (timeline_run(s, &o, t, err, sizeof(err)))
		fail_msg("timeline_run: %s", err);
}

static void load(const char *name, struct scenario *s)
{
	char err[512];
	scenario_init(s);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, s, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

static void add_fault(struct scenario *s, struct fault f)
{
	assert_true(s->nfaults < SPEC_MAX_FAULTS);
	s->faults[s->nfaults++] = f;
}

/* The --batch transcript as a string (owned: free). */
static char *batch(const struct timeline *t)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	struct transcript_options to = { false, false, false };
	assert_int_equal(transcript_write(f, t, &to), 0);
	fclose(f);
	return text;
}

static size_t notes_with(const struct timeline *t, const char *words)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nsteps; i++)
		n += t->steps[i].fault_note && strstr(t->steps[i].fault_note, words);
	return n;
}

/*
 * A duplicated close_notify in connection 1: its second copy is never read. Connection
 * 2 begins with the client's ClientHello and succeeds; the copy is said to be discarded
 * at the end of connection 1, in the model and in the transcript.
 */
static void check_clean_second_connection(const char *name, struct fault dup, const char *left)
{
	struct scenario s;
	struct timeline t;
	load(name, &s);
	add_fault(&s, dup);
	run(&s, &t);
	assert_true(t.outcome.ok);
	assert_true(t.outcome.expected);
	assert_false(t.outcome.alert_seen);
	const struct step *first2 = NULL;
	for (size_t i = 0; i < t.nsteps && !first2; i++)
		if (t.steps[i].connection == 2)
			first2 = &t.steps[i];
	assert_non_null(first2);
	assert_int_equal(first2->from, SIDE_CLIENT);
	assert_string_equal(first2->message, "ClientHello");
	assert_non_null(first2->fault_note);
	assert_non_null(strstr(first2->fault_note, "end of connection 1: "));
	assert_non_null(strstr(first2->fault_note, left));
	assert_non_null(strstr(first2->fault_note, "connection 2 starts on an empty pipe"));
	for (size_t i = 0; i < t.nsteps; i++)
		if (t.steps[i].connection == 2)
			assert_int_not_equal(t.steps[i].type, STEP_UNKNOWN);
	char *text = batch(&t);
	assert_non_null(strstr(text, "! end of connection 1: "));
	free(text);
	timeline_free(&t);
	scenario_free(&s);
}

static void tls12_resume_after_duplicated_close_notify(void **state)
{
	(void)state;
	check_clean_second_connection("tls12-resume-id",
	                              (struct fault){ .from = SIDE_CLIENT, .message = "Alert",
			.action = FAULT_DUPLICATE, .line = 30 },
	                              "1 record (23 bytes) the client sent was never read by the server");
}

/* TLS 1.3's close_notify is encrypted and looks like application data: the client's record 5. */
static void tls13_resume_after_duplicated_close_notify(void **state)
{
	(void)state;
	check_clean_second_connection("tls13-resume", (struct fault){ .from = SIDE_CLIENT, .message = "",
			.record = 5, .action = FAULT_DUPLICATE, .line = 30 },
	                              "1 record (37 bytes) the client sent was never read by the server");
}

/* Drop and duplicate on one record: the first fate wins, the second is said not to apply. */
static void drop_then_duplicate_is_one_note(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange", .action = FAULT_DROP,
			.line = 11 });
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange", .action = FAULT_DUPLICATE,
			.line = 12 });
	run(&s, &t);
	assert_false(t.outcome.ok);
	size_t cke = 0, notes = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		cke += !strcmp(t.steps[i].message, "ClientKeyExchange");
		if (!t.steps[i].fault_note)
			continue;
		notes++;
		const char *n = t.steps[i].fault_note;
		assert_non_null(strstr(n, "dropped the client's ClientKeyExchange"));
		assert_non_null(strstr(n, "the fault on scenario line 12 did not apply: the record was dropped already"));
		assert_null(strstr(n, "arrives twice"));
	}
	assert_int_equal(cke, 0); /* it never arrived */
	assert_int_equal(notes, 1);
	assert_null(t.outcome.fault_note);
	timeline_free(&t);
	scenario_free(&s);
}

/* A `set` to the value the byte already has changes nothing, and says so. */
static void noop_set_says_nothing_changed(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	/* Byte 0 after the header of the ClientHello record is its handshake type, 1. */
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientHello", .action = FAULT_SET,
			.value = 0x01, .line = 11 });
	run(&s, &t);
	assert_true(t.outcome.ok);
	assert_string_equal(t.steps[0].message, "ClientHello");
	assert_non_null(t.steps[0].fault_note);
	assert_non_null(strstr(t.steps[0].fault_note, "the value it already had: nothing changed"));
	for (size_t i = 0; i < t.nsteps; i++)
		assert_int_equal(t.steps[i].nfault, 0);
	timeline_free(&t);
	scenario_free(&s);
}

/*
 * A rewrite through the engine: the ClientHello crosses with one suite and every length
 * fixed (the server decodes it and answers), the note says which lengths, and no byte is
 * marked since the bytes after the field moved. A rewrite of an extension the message does
 * not carry (a TLS 1.2-only ClientHello has no supported_versions) does not apply, says why,
 * and the run is untouched.
 */
static void rewrite_through_the_engine(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	struct fault f = { .from = SIDE_CLIENT, .message = "ClientHello", .action = FAULT_REWRITE,
		               .field = "cipher_suites", .codes = { 0xc02f }, .ncodes = 1, .line = 4 };
	add_fault(&s, f);
	run(&s, &t);
	assert_string_equal(t.steps[0].message, "ClientHello");
	assert_non_null(t.steps[0].fault_note);
	assert_non_null(strstr(t.steps[0].fault_note, "rewrote cipher_suites of the client's ClientHello (its record 1) "
	                                              "to TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: cipher_suites "));
	assert_non_null(strstr(t.steps[0].fault_note, "lengths fixed: handshake "));
	assert_int_equal(t.steps[0].nfault, 0);
	int g = fields_find(&t.steps[0].fields, FIELD_NONE, "cipher_suites", false);
	assert_string_equal(t.steps[0].fields.v[g].value, "1 offered");
	assert_true(t.nsteps > 2 && !strcmp(t.steps[1].message, "ServerHello")); /* the server read it */
	timeline_free(&t);
	scenario_free(&s);

	scenario_init(&s);
	scenario_default(&s);
	struct fault v = { .from = SIDE_CLIENT, .message = "ClientHello", .action = FAULT_REWRITE,
		               .field = "supported_versions", .codes = { 0x0303 }, .ncodes = 1, .line = 5 };
	add_fault(&s, v);
	run(&s, &t);
	assert_true(t.outcome.ok);
	assert_non_null(t.steps[0].fault_note);
	assert_string_equal(t.steps[0].fault_note, "fault did not apply: could not rewrite supported_versions of the "
	                                           "client's ClientHello (its record 1): the ClientHello has no "
	                                           "supported_versions extension");
	timeline_free(&t);
	scenario_free(&s);
}

/* A flip, then a drop: the changed record never crosses, so no step shows changed bytes. */
static void flip_then_drop_marks_no_bytes(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange", .action = FAULT_FLIP,
			.offset = 10, .bit = 2, .line = 11 });
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange", .action = FAULT_DROP,
			.line = 12 });
	run(&s, &t);
	assert_int_equal(notes_with(&t, "flipped bit 2 of byte 10"), 1);
	assert_int_equal(notes_with(&t, "then dropped it: it never arrives"), 1);
	for (size_t i = 0; i < t.nsteps; i++) {
		assert_int_equal(t.steps[i].nfault, 0);
		assert_string_not_equal(t.steps[i].message, "ClientKeyExchange");
	}
	timeline_free(&t);
	scenario_free(&s);
}

/* A flip, then a reorder: the changed byte is marked on the held record when it crosses, not on the
 * one that overtook it. */
static void flip_then_reorder_marks_the_held_record(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange", .action = FAULT_FLIP,
			.offset = 10, .bit = 2, .line = 11 });
	add_fault(&s, (struct fault){ .from = SIDE_CLIENT, .message = "ClientKeyExchange", .action = FAULT_REORDER,
			.line = 12 });
	run(&s, &t);
	size_t marked = 0;
	for (size_t i = 0; i < t.nsteps; i++) {
		const struct step *st = &t.steps[i];
		if (!st->nfault)
			continue;
		marked++;
		/* The held ClientKeyExchange, by its bytes: after the ChangeCipherSpec the model reads
		 * the client's next handshake record as its (encrypted) Finished. */
		assert_true(st->record.len > 6 && st->record.data[0] == 22 && st->record.data[5] == 16);
		assert_int_equal(st->nfault, 1);
		assert_int_equal(st->fault_off[0], 5 + 10);
		assert_int_equal(st->record.data[st->fault_off[0]] ^ st->fault_was[0], 1u << 2);
		assert_true(i > 0 && !strcmp(t.steps[i - 1].message, "ChangeCipherSpec")); /* it was overtaken */
	}
	assert_int_equal(marked, 1);
	assert_int_equal(notes_with(&t, "is held back and arrives after the sender's next record"), 1);
	timeline_free(&t);
	scenario_free(&s);
}

/* The same bit flipped twice: the record crosses unchanged, and the note says so. */
static void two_flips_that_cancel(void **state)
{
	(void)state;
	struct scenario s;
	struct timeline t;
	scenario_init(&s);
	scenario_default(&s);
	add_fault(&s, (struct fault){ .from = SIDE_SERVER, .message = "ServerHello", .action = FAULT_FLIP,
			.offset = 20, .line = 11 });
	add_fault(&s, (struct fault){ .from = SIDE_SERVER, .message = "ServerHello", .action = FAULT_FLIP,
			.offset = 20, .line = 12 });
	run(&s, &t);
	assert_true(t.outcome.ok);
	assert_int_equal(notes_with(&t, "together these faults changed no byte"), 1);
	for (size_t i = 0; i < t.nsteps; i++)
		assert_int_equal(t.steps[i].nfault, 0);
	timeline_free(&t);
	scenario_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tls12_resume_after_duplicated_close_notify),
		cmocka_unit_test(tls13_resume_after_duplicated_close_notify),
		cmocka_unit_test(drop_then_duplicate_is_one_note),
		cmocka_unit_test(noop_set_says_nothing_changed),
		cmocka_unit_test(flip_then_drop_marks_no_bytes),
		cmocka_unit_test(flip_then_reorder_marks_the_held_record),
		cmocka_unit_test(two_flips_that_cancel),
		cmocka_unit_test(rewrite_through_the_engine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
