/*
 * Every bundled lesson, run for real, against what a lesson promises its reader:
 * it speaks at every step of its run and about no step the run does not have;
 * it asks at least two checkpoints, each with at least two choices and a valid
 * answer with an explanation; a message it names as "the X" in a checkpoint's
 * step is the message that step really shows; and the JSON carries narration and
 * checkpoints as design.md section 5 says.
 *
 * "Narration matches the run" is model/fit.c's lesson_fit (which `--check` runs
 * for instructors too): aimed at the likeliest mistake, a lesson whose step
 * numbers no longer line up with its run. A planted misfit must be caught.
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
#include <jansson.h>

#include "config.h"
#include "export/json.h"
#include "lesson/catalog.h"
#include "model/explain.h"
#include "model/fit.h"
#include "model/timeline.h"

static json_t *as_json(const struct timeline *tl)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	assert_int_equal(json_write(f, tl), 0);
	fclose(f);
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);
	if (!j)
		fail_msg("JSON does not parse: %s at line %d", e.text, e.line);
	free(text);
	return j;
}

static void check_lesson(const char *name)
{
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, &sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	const struct lesson *l = &sc.lesson;
	if (!l->title || !l->intro || !l->summary)
		fail_msg("%s: a lesson needs a title, an intro and a summary", name);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
	if (timeline_run(&sc, &o, &tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	if (!tl.outcome.expected)
		fail_msg("%s: not as expected: %s", name, tl.outcome.summary);
	if ((size_t)l->nsteps != tl.nsteps)
		fail_msg("%s: the lesson speaks about %d steps, the run has %zu", name, l->nsteps, tl.nsteps);
	/* The words fit the run (model/fit.c, which --check uses too). */
	struct misfit m[4];
	size_t nm = lesson_fit(&tl, m, 4);
	for (size_t i = 0; i < nm && i < 4; i++)
		fprintf(stderr, "%s:%d: %s\n", name, m[i].line, m[i].text);
	if (nm)
		fail_msg("%s: %zu places where the lesson does not fit its run", name, nm);
	int asks = 0;
	for (size_t i = 0; i < tl.nsteps; i++) {
		const struct step *st = &tl.steps[i];
		const struct lesson_step *ls = explain_lesson_step(&tl, st);
		if (!ls || !ls->say)
			fail_msg("%s: step %d (%s) has no narration", name, st->index, st->message);
		if (strcmp(explain_narration(&tl, st), ls->say) != 0)
			fail_msg("%s: step %d: the built-in text is shown instead of the lesson's", name, st->index);
		if (!ls->ask)
			continue;
		asks++;
		int n = 0;
		while (n < LESSON_MAX_CHOICES && ls->choices[n])
			n++;
		if (n < 2 || ls->answer < 1 || ls->answer > n || !ls->explain)
			fail_msg("%s: step %d: a checkpoint needs two choices, a valid answer and an explanation", name,
			         st->index);
	}
	if (asks < 2)
		fail_msg("%s: %d checkpoints; a lesson asks at least two", name, asks);

	json_t *j = as_json(&tl);
	json_t *lj = json_object_get(j, "lesson");
	assert_non_null(lj);
	assert_string_equal(json_string_value(json_object_get(lj, "title")), l->title);
	json_t *steps = json_object_get(j, "steps");
	assert_int_equal(json_array_size(steps), tl.nsteps);
	int jasks = 0;
	for (size_t i = 0; i < tl.nsteps; i++) {
		json_t *s = json_array_get(steps, i);
		assert_string_equal(json_string_value(json_object_get(s, "narration")),
		                    l->steps[tl.steps[i].index].say);
		json_t *c = json_object_get(s, "checkpoint");
		if (!c)
			continue;
		jasks++;
		const char *answer = json_string_value(json_object_get(c, "answer"));
		json_t *choices = json_object_get(c, "choices");
		bool found = false;
		for (size_t k = 0; k < json_array_size(choices); k++)
			found |= !strcmp(json_string_value(json_array_get(choices, k)), answer);
		if (!found)
			fail_msg("%s: step %zu: the JSON answer is not one of its choices", name, i + 1);
		assert_non_null(json_string_value(json_object_get(c, "question")));
	}
	assert_int_equal(jasks, asks);
	json_decref(j);
	timeline_free(&tl);
	scenario_free(&sc);
}

/*
 * The fit check catches a lesson whose run changed under it: lesson 1's words over
 * an RSA key exchange (no ServerKeyExchange, one step fewer). And it lets a
 * narration say a message is absent.
 */
static void misfit_is_caught(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, "01-four-phases", &sc, err, sizeof(err)), 0);
	sc.client.suites[0] = sc.server.suites[0] = 0x009c; /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
	sc.client.suites[1] = sc.server.suites[1] = 0;
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
	assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
	struct misfit m[32];
	size_t n = lesson_fit(&tl, m, 32);
	bool past_end = false, unnamed = false, absent = false;
	for (size_t i = 0; i < n && i < 32; i++) {
		past_end |= strstr(m[i].text, "this run has only 13 steps") != NULL;
		unnamed |= strstr(m[i].text, "[step 4] is a ServerHelloDone in this run, but its narration never names it") &&
		           m[i].line > 0;
		absent |= strstr(m[i].text, "speaks of a ServerKeyExchange, which this run never sends") != NULL;
	}
	assert_true(past_end);
	assert_true(unnamed);
	assert_true(absent);
	/* "no ServerKeyExchange" is a denial, not a claim. */
	free(sc.lesson.steps[4].say);
	sc.lesson.steps[4].say = strdup("A ServerHelloDone, and no ServerKeyExchange before it.");
	n = lesson_fit(&tl, m, 32);
	for (size_t i = 0; i < n && i < 32; i++)
		assert_int_not_equal(m[i].step, 4);
	timeline_free(&tl);
	scenario_free(&sc);
}

/* A scenario is not a lesson: no lesson, no narration key in its JSON. */
static void scenario_has_no_lesson(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, "tls12-rsa", &sc, err, sizeof(err)), 0);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
	assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
	assert_null(sc.lesson.title);
	json_t *j = as_json(&tl);
	assert_null(json_object_get(j, "lesson"));
	assert_null(json_object_get(json_array_get(json_object_get(j, "steps"), 0), "narration"));
	json_decref(j);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void every_bundled_lesson(void **state)
{
	(void)state;
	size_t n = 0, lessons = 0;
	char err[512];
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	if (!names)
		fail_msg("%s", err);
	for (size_t i = 0; i < n; i++) {
		struct scenario sc;
		scenario_init(&sc);
		if (catalog_load(TLSSTEP_LESSONS_DIR, names[i], &sc, err, sizeof(err)))
			fail_msg("%s: %s", names[i], err);
		bool is_lesson = sc.lesson.title != NULL;
		scenario_free(&sc);
		if (!is_lesson)
			continue;
		check_lesson(names[i]);
		lessons++;
	}
	catalog_names_free(names, n);
	/* The default must be among them. */
	assert_true(lessons >= 1);
	struct scenario sc;
	scenario_init(&sc);
	assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, CATALOG_DEFAULT, &sc, err, sizeof(err)), 0);
	assert_non_null(sc.lesson.title);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_bundled_lesson),
		cmocka_unit_test(scenario_has_no_lesson),
		cmocka_unit_test(misfit_is_caught),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
