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
 *
 * Live values (model/narration.h): every bundled lesson fits its run at seeds 1,
 * 2 and 3 (no run value written by hand, every placeholder expands), and a value
 * quoted from the run changes in the words when it changes in the run.
 *
 * Two-run lessons (`compare = NAME`, [row N]): at seeds 1, 2 and 3 of both runs the
 * lesson speaks at every row of the comparison and about no row past it, asks at
 * least two checkpoints there, every placeholder expands in both runs ({b ...} in
 * B's), and a quoted value the seed changes changes in the words.
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
#include "lesson/scenario_file.h"
#include "model/compare.h"
#include "model/explain.h"
#include "model/fit.h"
#include "model/narration.h"
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

static int values; /* value checkpoints over every bundled lesson */

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
		if (ls->answer_from) { /* a value checkpoint: its answer is the run's */
			values++;
			if (!ls->answer_value || n || !ls->explain)
				fail_msg("%s: step %d: a value checkpoint needs the run's value and an explanation", name,
				         st->index);
			continue;
		}
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
		                    tl.sc->lesson.steps[tl.steps[i].index].say); /* the words as expanded for this run */
		json_t *c = json_object_get(s, "checkpoint");
		if (!c)
			continue;
		jasks++;
		const char *answer = json_string_value(json_object_get(c, "answer"));
		json_t *choices = json_object_get(c, "choices");
		const struct lesson_step *ls = &tl.sc->lesson.steps[tl.steps[i].index];
		if (ls->answer_from) {
			char kind[16];
			assert_string_equal(json_string_value(json_object_get(c, "ask_value")),
			                    narration_ask_value(ls, kind, sizeof(kind)));
			assert_string_equal(answer, ls->answer_value);
			assert_int_equal(json_array_size(choices), 0);
			continue;
		}
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
	timeline_free(&tl); /* the run's words are expanded from the file's as it is built: build it again */
	assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
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

/* All the expanded words of a run's lesson, one string. */
static void words_of(const struct timeline *tl, char *out, size_t n)
{
	const struct lesson *l = &tl->sc->lesson;
	size_t len = 0;
	const char *parts[LESSON_MAX_STEPS * (3 + LESSON_MAX_CHOICES) + 2 + LESSON_MAX_TRIES];
	size_t np = 0;
	parts[np++] = l->intro;
	parts[np++] = l->summary;
	for (int i = 0; i < LESSON_MAX_TRIES; i++)
		parts[np++] = l->tries[i];
	for (int i = 1; i <= l->nsteps; i++) {
		parts[np++] = l->steps[i].say;
		parts[np++] = l->steps[i].ask;
		parts[np++] = l->steps[i].explain;
		for (int c = 0; c < LESSON_MAX_CHOICES; c++)
			parts[np++] = l->steps[i].choices[c];
	}
	out[0] = '\0';
	for (size_t i = 0; i < np; i++)
		if (parts[i] && len + strlen(parts[i]) + 2 < n)
			len += (size_t)snprintf(out + len, n - len, "%s\n", parts[i]);
}

/*
 * A bundled lesson at seeds 1, 2 and 3: it fits each run (lesson_fit: no literal
 * run value, every placeholder and answer_from names something), every value
 * checkpoint has its answer, no "{...?}" is left, and where a quoted value differs
 * between seeds 1 and 2 the seed-2 words hold the seed-2 value: the words are live.
 */
static size_t live_at_seeds(const char *name)
{
	struct scenario sc;
	struct timeline tl[3];
	char err[512];
	static char words[3][200000];
	scenario_init(&sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, &sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	for (int k = 0; k < 3; k++) {
		struct run_options o = { TLSSTEP_ASSETS_DIR, (uint64_t)k + 1 };
		if (timeline_run(&sc, &o, &tl[k], err, sizeof(err)))
			fail_msg("%s --seed %d: %s", name, k + 1, err);
		if (!tl[k].outcome.expected)
			fail_msg("%s --seed %d: not as expected: %s", name, k + 1, tl[k].outcome.summary);
		struct misfit m[4];
		size_t nm = lesson_fit(&tl[k], m, 4);
		for (size_t i = 0; i < nm && i < 4; i++)
			fprintf(stderr, "%s --seed %d:%d: %s\n", name, k + 1, m[i].line, m[i].text);
		if (nm || tl[k].nnarration_errors)
			fail_msg("%s --seed %d: %zu misfits", name, k + 1, nm);
		for (int i = 1; i <= tl[k].sc->lesson.nsteps; i++)
			if (tl[k].sc->lesson.steps[i].answer_from && !tl[k].sc->lesson.steps[i].answer_value)
				fail_msg("%s --seed %d: step %d's value checkpoint has no answer", name, k + 1, i);
		words_of(&tl[k], words[k], sizeof(words[k]));
		if (strstr(words[k], "?}"))
			fail_msg("%s --seed %d: a placeholder is left unexpanded", name, k + 1);
	}
	/* Live: each placeholder whose value the seed changes shows the new value. */
	size_t live = 0;
	const struct lesson *l = &sc.lesson;
	for (int i = 0; i < l->nrefs; i++) {
		if (l->refs[i].literal || l->refs[i].row) /* a [row N]'s words are the comparison's: pair_at_seeds */
			continue;
		char why[300];
		char *a = narration_value(&tl[0], l->refs[i].text, 0, why, sizeof(why));
		char *b = narration_value(&tl[1], l->refs[i].text, 0, why, sizeof(why));
		assert_non_null(a);
		assert_non_null(b);
		if (strcmp(a, b)) {
			live++;
			if (!strstr(words[1], b) || (strlen(a) >= 8 && strstr(words[1], a) && !strstr(words[0], b)))
				fail_msg("%s: {%s} is %s at seed 2, and the words do not say so", name, l->refs[i].text, b);
		}
		free(a);
		free(b);
	}
	if (live && !strcmp(words[0], words[1]))
		fail_msg("%s: the words at seeds 1 and 2 are the same", name);
	for (int k = 0; k < 3; k++)
		timeline_free(&tl[k]);
	scenario_free(&sc);
	return live;
}

static void live_values(void **state)
{
	(void)state;
	size_t n = 0, lessons = 0, live = 0;
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
		live += live_at_seeds(names[i]);
		lessons++;
	}
	catalog_names_free(names, n);
	assert_true(lessons >= 11);
	assert_true(live >= 50); /* the bundled lessons quote many run values */
}

/*
 * --check's live-value misfits, with their lines: a run value written by hand, a
 * placeholder naming nothing in the run, a field a step does not have, a cut on
 * text, an answer_from naming nothing; and what the words then show.
 */
static void live_value_misfits(void **state)
{
	(void)state;
	static const char text[] =
		"[scenario]\ntitle = t\n[server]\ncert = server-rsa.crt\nkey = server-rsa.key\n"
		"[lesson]\ntitle = t\nintro = {suite} with {group}, {version}, {{literal}}\n"
		"[step 1]\nsay = The ClientHello, random {client_random:8}, 51dcfc4448c43b8d\n"
		"[step 2]\nsay = The ServerHello {no_such_secret:8}\n"
		"  and {step 1 no_such_field}\n"
		"[step 3]\nsay = The Certificate, {step 2 cipher_suite:8}\n"
		"ask = How long?\nanswer_from = step 30 field record.length\nask_value = number\n";
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	if (scenario_file_parse("planted.lesson", text, &sc, err, sizeof(err)))
		fail_msg("%s", err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
	struct misfit m[32];
	size_t n = lesson_fit(&tl, m, 32);
	const struct { int line; const char *text; } want[] = {
		{ 10, "\"51dcfc4448c43b8d\" is written by hand" },
		{ 12, "{no_such_secret:8}: no value called no_such_secret in this run" },
		{ 13, "{step 1 no_such_field}: step 1 (ClientHello) has no field no_such_field" },
		{ 15, "{step 2 cipher_suite:8}: a cut (:8) applies to bytes" },
		{ 17, "answer_from = step 30 record.length: this run has only" },
	};
	for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
		bool found = false;
		for (size_t i = 0; i < n && i < 32; i++)
			found |= m[i].line == want[w].line && strstr(m[i].text, want[w].text) != NULL;
		if (!found)
			fail_msg("no misfit at line %d saying \"%s\"", want[w].line, want[w].text);
	}
	const struct lesson *l = &tl.sc->lesson;
	assert_string_equal(l->intro, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 with x25519, TLS 1.2, {literal}");
	assert_non_null(strstr(l->steps[1].say, "random 683c40c0..., "));
	assert_non_null(strstr(l->steps[2].say, "{no_such_secret:8?}"));
	assert_null(l->steps[3].answer_value);
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
	assert_true(values >= 4); /* at least four lessons ask for a value (issue 13) */
	struct scenario sc;
	scenario_init(&sc);
	assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, CATALOG_DEFAULT, &sc, err, sizeof(err)), 0);
	assert_non_null(sc.lesson.title);
	scenario_free(&sc);
}

/* Row words of comparison c, one string. */
static void row_words(const struct comparison *c, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t r = 0; r < c->al.n; r++) {
		const struct lesson_step *w = comparison_words(c, r);
		const char *parts[3 + LESSON_MAX_CHOICES] = { w ? w->say : NULL, w ? w->ask : NULL, w ? w->explain : NULL };
		for (int k = 0; w && k < LESSON_MAX_CHOICES; k++)
			parts[3 + k] = w->choices[k];
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (parts[i] && len + strlen(parts[i]) + 2 < n)
				len += (size_t)snprintf(out + len, n - len, "%s\n", parts[i]);
	}
}

/* A row placeholder's value at the end of the run it names (run B for "b ..."). */
static char *pair_value(const struct timeline *a, const struct timeline *b, const char *ref)
{
	char why[300];
	bool isb = !strncmp(ref, "b ", 2);
	char *v = narration_value(isb ? b : a, ref + (isb ? 2 : 0), 0, why, sizeof(why));
	if (!v)
		fail_msg("{%s}: %s", ref, why);
	return v;
}

/* One two-run lesson at seeds 1, 2, 3 (both runs): see the file's comment. Returns its live row values. */
static size_t pair_at_seeds(const char *name, const struct scenario *sc)
{
	struct scenario b;
	struct timeline ta[3], tb[3];
	struct comparison c[3];
	char err[512];
	static char words[3][200000];
	scenario_init(&b);
	if (catalog_load(TLSSTEP_LESSONS_DIR, sc->lesson.compare, &b, err, sizeof(err)))
		fail_msg("%s: compare = %s: %s", name, sc->lesson.compare, err);
	for (int k = 0; k < 3; k++) {
		struct run_options o = { TLSSTEP_ASSETS_DIR, (uint64_t)k + 1 };
		if (timeline_run(sc, &o, &ta[k], err, sizeof(err)) || timeline_run(&b, &o, &tb[k], err, sizeof(err)))
			fail_msg("%s --seed %d: %s", name, k + 1, err);
		if (!tb[k].outcome.expected)
			fail_msg("%s: compare = %s --seed %d: not as expected", name, sc->lesson.compare, k + 1);
		comparison_build(&c[k], &ta[k], &tb[k]);
		comparison_add_words(&c[k]);
		for (size_t i = 0; i < c[k].nword_errors; i++)
			fprintf(stderr, "%s --seed %d:%d: %s\n", name, k + 1, c[k].word_errors[i].line, c[k].word_errors[i].text);
		if (c[k].nword_errors)
			fail_msg("%s --seed %d: %zu places where the rows do not fit the pair", name, k + 1, c[k].nword_errors);
		if ((size_t)sc->lesson.nrows != c[k].al.n)
			fail_msg("%s --seed %d: the lesson speaks of %d rows; the comparison has %zu", name, k + 1,
			         sc->lesson.nrows, c[k].al.n);
		int asks = 0;
		for (size_t r = 0; r < c[k].al.n; r++) {
			const struct lesson_step *w = comparison_words(&c[k], r);
			if (!w || !w->say)
				fail_msg("%s --seed %d: row %zu has no words for the pair", name, k + 1, r + 1);
			if (w->ask && (!w->explain || (!w->answer_from && (!w->choices[1] || !w->answer))))
				fail_msg("%s: row %zu's checkpoint is not whole", name, r + 1);
			asks += w->ask != NULL;
			if (w->answer_from && !w->answer_value)
				fail_msg("%s --seed %d: row %zu's value checkpoint has no answer", name, k + 1, r + 1);
		}
		if (asks < 2)
			fail_msg("%s: %d checkpoints on the rows; a two-run lesson asks at least two", name, asks);
		row_words(&c[k], words[k], sizeof(words[k]));
		if (strstr(words[k], "?}"))
			fail_msg("%s --seed %d: a placeholder in the rows is left unexpanded", name, k + 1);
	}
	size_t live = 0;
	const struct lesson *l = &sc->lesson;
	for (int i = 0; i < l->nrefs; i++) {
		if (l->refs[i].literal || !l->refs[i].row)
			continue;
		char *v1 = pair_value(&ta[0], &tb[0], l->refs[i].text), *v2 = pair_value(&ta[1], &tb[1], l->refs[i].text);
		if (strcmp(v1, v2)) {
			live++;
			if (!strstr(words[1], v2))
				fail_msg("%s: {%s} is %s at seed 2, and the rows' words do not say so", name, l->refs[i].text, v2);
		}
		free(v1);
		free(v2);
	}
	for (int k = 0; k < 3; k++) {
		comparison_free(&c[k]);
		timeline_free(&ta[k]);
		timeline_free(&tb[k]);
	}
	scenario_free(&b);
	return live;
}

static void two_run_lessons(void **state)
{
	(void)state;
	size_t n = 0, pairs = 0, live = 0;
	char err[512];
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	if (!names)
		fail_msg("%s", err);
	for (size_t i = 0; i < n; i++) {
		struct scenario sc;
		scenario_init(&sc);
		if (catalog_load(TLSSTEP_LESSONS_DIR, names[i], &sc, err, sizeof(err)))
			fail_msg("%s: %s", names[i], err);
		if (sc.lesson.title && sc.lesson.compare) {
			live += pair_at_seeds(names[i], &sc);
			pairs++;
		}
		scenario_free(&sc);
	}
	catalog_names_free(names, n);
	assert_true(pairs >= 3); /* lessons 04, 07 and 10 (issue 16) */
	assert_true(live >= 6);
}

/*
 * The rows' misfits, with their lines: a row past the comparison's end, a {b ...} naming
 * nothing in run B; and what the file reader refuses: {b ...} outside a [row N], a [row N]
 * without compare, a row's checkpoint that is not whole.
 */
static void two_run_misfits(void **state)
{
	(void)state;
	static const char head[] =
		"[scenario]\ntitle = t\n[server]\ncert = server-rsa.crt\nkey = server-rsa.key\n[lesson]\ntitle = t\n";
	char text[1024], err[512];
	snprintf(text, sizeof(text), "%scompare = tls12-rsa\n[row 1]\nsay = {b client_random:8} and {client_random:8}\n"
	         "[row 2]\nsay = {b no_such:8}\n[row 99]\nsay = past the end\n", head);
	struct scenario sa, sb;
	struct timeline ta, tb;
	scenario_init(&sa);
	scenario_init(&sb);
	if (scenario_file_parse("planted.lesson", text, &sa, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, "tls12-rsa", &sb, err, sizeof(err)), 0);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&sa, &o, &ta, err, sizeof(err)), 0);
	assert_int_equal(timeline_run(&sb, &o, &tb, err, sizeof(err)), 0);
	struct comparison c;
	comparison_build(&c, &ta, &tb);
	comparison_add_words(&c);
	assert_int_equal(c.nword_errors, 2);
	assert_int_equal(c.word_errors[0].line, 12);
	assert_non_null(strstr(c.word_errors[0].text, "{b no_such:8}: no value called no_such"));
	assert_int_equal(c.word_errors[1].line, 14);
	assert_non_null(strstr(c.word_errors[1].text, "[row 99]: this comparison has"));
	/* Row 1 quotes each run's own client random. */
	char *va = narration_value(&ta, "client_random:8", 0, err, sizeof(err));
	char *vb = narration_value(&tb, "client_random:8", 0, err, sizeof(err));
	char want[64];
	snprintf(want, sizeof(want), "%s and %s", vb, va);
	assert_string_equal(comparison_words(&c, 0)->say, want);
	free(va);
	free(vb);
	comparison_free(&c);
	timeline_free(&ta);
	timeline_free(&tb);
	scenario_free(&sa);
	scenario_free(&sb);
	const struct { const char *body, *why; } bad[] = {
		{ "compare = tls12-rsa\n[step 1]\nsay = {b suite}\n", ":10: {b ...} quotes run B, and [step 1] speaks of one run" },
		{ "[row 1]\nsay = a row\n", ":9: [row 1] in a file with no second run" },
		{ "compare = tls12-rsa\n[row 2]\nask = which?\nchoice = one\n", ":10: [row 2] has a checkpoint that is not whole" },
		{ "compare = tls12-rsa\n[row 0]\nsay = no\n", ":9: unknown section [row 0]" },
		{ "compare = tls12-rsa\n[row 1]\nshow = keys\n", ":10: 'show' in [row 1]" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", head, bad[i].body);
		scenario_init(&sa);
		if (!scenario_file_parse("bad.lesson", text, &sa, err, sizeof(err)))
			fail_msg("accepted: %s", bad[i].body);
		if (!strstr(err, bad[i].why))
			fail_msg("%s: said \"%s\", expected \"%s\"", bad[i].body, err, bad[i].why);
		scenario_free(&sa);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_bundled_lesson),
		cmocka_unit_test(scenario_has_no_lesson),
		cmocka_unit_test(misfit_is_caught),
		cmocka_unit_test(live_values),
		cmocka_unit_test(live_value_misfits),
		cmocka_unit_test(two_run_lessons),
		cmocka_unit_test(two_run_misfits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
