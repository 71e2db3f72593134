/*
 * ui/quiz.c on lesson 01-four-phases, run for real: the checkpoints are the
 * lesson's, the first pick is the one that counts (a second pick says whether it
 * is right but never changes the score), picks that are no choice record
 * nothing, and quiz_next_unanswered finds what a jump would pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "lesson/catalog.h"
#include "model/narration.h"
#include "model/timeline.h"
#include "ui/quiz.h"

struct fixture {
	struct scenario sc;
	struct timeline tl;
	size_t ask[LESSON_MAX_STEPS]; /* the steps the lesson file asks before, from the file itself */
	int nask;
};
static struct fixture fx;

static int setup(void **state)
{
	char err[512];
	scenario_init(&fx.sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, "01-four-phases", &fx.sc, err, sizeof(err)))
		fail_msg("01-four-phases: %s", err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, fx.sc.seed };
	if (timeline_run(&fx.sc, &o, &fx.tl, err, sizeof(err)))
		fail_msg("01-four-phases: %s", err);
	for (int i = 1; i <= fx.sc.lesson.nsteps; i++)
		if (fx.sc.lesson.steps[i].ask)
			fx.ask[fx.nask++] = (size_t)i;
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	timeline_free(&fx.tl);
	scenario_free(&fx.sc);
	return 0;
}

static void checkpoints_are_the_lessons(void **state)
{
	struct quiz q;
	assert_int_equal(quiz_init(&q, &fx.tl), 0);
	assert_int_equal(q.nsteps, fx.tl.nsteps);
	/* The lesson asks four (before the ServerHello, the ClientKeyExchange and the client's Finished,
	 * and a typed value before the server's Finished). */
	assert_int_equal(fx.nask, 4);
	int answered = -1, right = -1, total = -1;
	quiz_counts(&q, &answered, &right, &total);
	assert_int_equal(answered, 0);
	assert_int_equal(right, 0);
	assert_int_equal(total, fx.nask);
	int k = 0;
	for (size_t s = 0; s <= fx.tl.nsteps + 1; s++) {
		const struct lesson_step *ls = quiz_at(&q, &fx.tl, s);
		bool asked = k < fx.nask && fx.ask[k] == s;
		if (!asked) {
			assert_null(ls);
			continue;
		}
		assert_non_null(ls);
		assert_string_equal(ls->ask, fx.sc.lesson.steps[s].ask);
		assert_false(quiz_answered(&q, s));
		k++;
	}
	assert_int_equal(k, fx.nask);
	quiz_free(&q);
}

static void first_pick_counts(void **state)
{
	struct quiz q;
	assert_int_equal(quiz_init(&q, &fx.tl), 0);
	size_t a = fx.ask[0], b = fx.ask[1];
	int ans_a = fx.sc.lesson.steps[a].answer, ans_b = fx.sc.lesson.steps[b].answer;
	int wrong_a = ans_a == 1 ? 2 : 1, wrong_b = ans_b == 1 ? 2 : 1;

	/* Wrong first, then right: the right pick is told so, the score keeps the wrong one. */
	assert_false(quiz_pick(&q, &fx.tl, a, wrong_a));
	assert_true(quiz_answered(&q, a));
	assert_int_equal(q.first[a], wrong_a);
	assert_true(quiz_pick(&q, &fx.tl, a, ans_a));
	assert_int_equal(q.first[a], wrong_a);
	int answered, right, total;
	quiz_counts(&q, &answered, &right, &total);
	assert_int_equal(answered, 1);
	assert_int_equal(right, 0);

	/* Right first, then wrong: a second pick does not change the score. */
	assert_true(quiz_pick(&q, &fx.tl, b, ans_b));
	assert_false(quiz_pick(&q, &fx.tl, b, wrong_b));
	assert_int_equal(q.first[b], ans_b);
	quiz_counts(&q, &answered, &right, &total);
	assert_int_equal(answered, 2);
	assert_int_equal(right, 1);
	assert_int_equal(total, fx.nask);
	quiz_free(&q);
}

static void bad_picks_record_nothing(void **state)
{
	struct quiz q;
	assert_int_equal(quiz_init(&q, &fx.tl), 0);
	size_t c = fx.ask[2];
	int n = 0;
	while (n < LESSON_MAX_CHOICES && fx.sc.lesson.steps[c].choices[n])
		n++;
	assert_false(quiz_pick(&q, &fx.tl, c, 0));
	assert_false(quiz_pick(&q, &fx.tl, c, n + 1));
	assert_false(quiz_answered(&q, c));
	/* A step with no checkpoint, and steps out of range. */
	assert_false(quiz_pick(&q, &fx.tl, 1, 1));
	assert_false(quiz_pick(&q, &fx.tl, 0, 1));
	assert_false(quiz_pick(&q, &fx.tl, fx.tl.nsteps + 1, 1));
	assert_false(quiz_answered(&q, 1));
	int answered, right;
	quiz_counts(&q, &answered, &right, NULL);
	assert_int_equal(answered, 0);
	assert_int_equal(right, 0);
	quiz_free(&q);
}

static void next_unanswered(void **state)
{
	struct quiz q;
	assert_int_equal(quiz_init(&q, &fx.tl), 0);
	size_t a = fx.ask[0], b = fx.ask[1], c = fx.ask[2], d = fx.ask[3], n = fx.tl.nsteps;
	assert_int_equal(quiz_next_unanswered(&q, 0, n), a);
	assert_int_equal(quiz_next_unanswered(&q, 0, a - 1), 0); /* (from, to]: the end counts, the start not */
	assert_int_equal(quiz_next_unanswered(&q, 0, a), a);
	assert_int_equal(quiz_next_unanswered(&q, a, n), b);
	assert_int_equal(quiz_next_unanswered(&q, c, n), d);
	assert_int_equal(quiz_next_unanswered(&q, d, n), 0);
	assert_int_equal(quiz_next_unanswered(&q, 0, n + 100), a); /* clamped to the run */
	assert_int_equal(quiz_next_unanswered(&q, n, 0), 0);
	quiz_pick(&q, &fx.tl, a, 1);
	quiz_pick(&q, &fx.tl, c, 1);
	assert_int_equal(quiz_next_unanswered(&q, 0, n), b);
	quiz_pick(&q, &fx.tl, b, 3);
	assert_int_equal(quiz_next_unanswered(&q, 0, n), d);
	quiz_type(&q, &fx.tl, d, "1");
	assert_int_equal(quiz_next_unanswered(&q, 0, n), 0);
	int answered;
	quiz_counts(&q, &answered, NULL, NULL);
	assert_int_equal(answered, 4);
	quiz_free(&q);
}

/*
 * The value checkpoint before the server's Finished (lesson 01: its record.length,
 * typed as a number): the answer comes from the run, the first typed answer
 * counts, and a pick is no answer to it.
 */
static void typed_value(void **state)
{
	struct quiz q;
	assert_int_equal(quiz_init(&q, &fx.tl), 0);
	size_t d = fx.ask[3];
	const struct lesson_step *ls = quiz_at(&q, &fx.tl, d);
	assert_non_null(ls);
	assert_true(quiz_typed(&q, &fx.tl, d));
	assert_false(quiz_typed(&q, &fx.tl, fx.ask[0]));
	assert_string_equal(ls->answer_value, "40");
	assert_false(quiz_pick(&q, &fx.tl, d, 1));
	assert_false(quiz_answered(&q, d));
	assert_true(narration_answer_matches(ls, " 40 "));
	assert_true(narration_answer_matches(ls, "0x28"));
	assert_false(narration_answer_matches(ls, "040"));
	assert_false(narration_answer_matches(ls, "41"));
	assert_false(narration_answer_matches(ls, ""));
	assert_false(quiz_type(&q, &fx.tl, d, "45")); /* the whole record, header included: wrong */
	assert_true(quiz_type(&q, &fx.tl, d, "40"));
	int answered, right;
	quiz_counts(&q, &answered, &right, NULL);
	assert_int_equal(answered, 1);
	assert_int_equal(right, 0); /* the first answer counts */
	assert_false(quiz_type(&q, &fx.tl, fx.ask[0], "40")); /* a choice checkpoint takes no typed value */
	quiz_free(&q);
}

/* Hex answers: spaces, colons, 0x and case do not matter; the bytes do. */
static void typed_hex(void **state)
{
	(void)state;
	struct lesson_step ls = { .answer_from = "premaster_secret", .ask_bytes = 2, .answer_value = "0303" };
	assert_true(narration_answer_matches(&ls, "0303"));
	assert_true(narration_answer_matches(&ls, "03 03"));
	assert_true(narration_answer_matches(&ls, "03:03"));
	assert_true(narration_answer_matches(&ls, "0x0303"));
	struct lesson_step up = { .answer_from = "x", .ask_bytes = 2, .answer_value = "ab0f" };
	assert_true(narration_answer_matches(&up, "AB 0F"));
	assert_false(narration_answer_matches(&ls, "0304"));
	assert_false(narration_answer_matches(&ls, "030"));
	assert_false(narration_answer_matches(&ls, "030303"));
	struct lesson_step none = { .answer_from = "x", .ask_bytes = 2 };
	assert_false(narration_answer_matches(&none, "0303")); /* no value from the run: nothing matches */
}

static void scenario_asks_nothing(void **state)
{
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, "tls12-ecdhe-rsa", &sc, err, sizeof(err)), 0);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
	assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
	struct quiz q;
	assert_int_equal(quiz_init(&q, &tl), 0);
	int answered = -1, right = -1, total = -1;
	quiz_counts(&q, &answered, &right, &total);
	assert_int_equal(total, 0);
	assert_int_equal(answered, 0);
	for (size_t s = 0; s <= tl.nsteps; s++)
		assert_null(quiz_at(&q, &tl, s));
	assert_int_equal(quiz_next_unanswered(&q, 0, tl.nsteps), 0);
	quiz_free(&q);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void free_is_safe(void **state)
{
	struct quiz q;
	memset(&q, 0, sizeof(q));
	quiz_free(&q);
	assert_int_equal(quiz_init(&q, &fx.tl), 0);
	quiz_free(&q);
	quiz_free(&q); /* twice */
	assert_null(q.first);
	assert_int_equal(q.nsteps, 0);
	assert_null(quiz_at(&q, &fx.tl, fx.ask[0])); /* a freed quiz asks nothing */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checkpoints_are_the_lessons),
		cmocka_unit_test(first_pick_counts),
		cmocka_unit_test(bad_picks_record_nothing),
		cmocka_unit_test(next_unanswered),
		cmocka_unit_test(typed_value),
		cmocka_unit_test(typed_hex),
		cmocka_unit_test(scenario_asks_nothing),
		cmocka_unit_test(free_is_safe),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
