/* model/compare.c — see compare.h. */
#include "model/compare.h"

#include <stdio.h>
#include <stdlib.h>

#include "model/narration.h"
#include "util/buf.h"

void comparison_build(struct comparison *c, const struct timeline *a, const struct timeline *b)
{
	c->run[0] = a;
	c->run[1] = b;
	c->words = NULL;
	c->word_errors = NULL;
	c->nword_errors = 0;
	align_timelines(a, b, &c->al);
	c->diff = xcalloc(c->al.n + 1, sizeof(*c->diff));
	for (size_t r = 0; r < c->al.n; r++) {
		step_diff_init(&c->diff[r]);
		const struct step *sa = comparison_step(c, r, 0), *sb = comparison_step(c, r, 1);
		if (sa && sb)
			diff_steps(sa, sb, &c->diff[r]);
	}
	summary_compute(a, &c->sum[0]);
	summary_compute(b, &c->sum[1]);
}

void comparison_add_words(struct comparison *c)
{
	const struct lesson *l = &c->run[0]->sc->lesson;
	if (!l->title || !l->rows || c->words)
		return;
	c->words = xcalloc(c->al.n + 1, sizeof(*c->words));
	size_t upto[2] = { 0, 0 }; /* each run's steps so far (1-based: the last one shown) */
	for (size_t r = 0; r < c->al.n; r++) {
		if (c->al.rows[r].a >= 0)
			upto[0] = (size_t)c->al.rows[r].a + 1;
		if (c->al.rows[r].b >= 0)
			upto[1] = (size_t)c->al.rows[r].b + 1;
		if ((int)r + 1 <= l->nrows)
			narration_expand_step(l, c->run[0], c->run[1], upto[0], upto[1], &l->rows[r + 1], &c->words[r],
			                      &c->word_errors, &c->nword_errors);
	}
	for (int n = (int)c->al.n + 1; n <= l->nrows; n++) {
		if (!l->rows[n].line)
			continue;
		c->word_errors = xrealloc(c->word_errors, (c->nword_errors + 1) * sizeof(*c->word_errors));
		struct narration_error *e = &c->word_errors[c->nword_errors++];
		e->line = l->rows[n].line;
		snprintf(e->text, sizeof(e->text), "[row %d]: this comparison has %zu rows (tlsstep --batch --compare numbers "
		         "them)", n, c->al.n);
	}
}

const struct lesson_step *comparison_words(const struct comparison *c, size_t r)
{
	if (!c->words || r >= c->al.n)
		return NULL;
	const struct lesson_step *w = &c->words[r];
	return w->say || w->ask ? w : NULL;
}

bool comparison_has_words(const struct comparison *c)
{
	for (size_t r = 0; c->words && r < c->al.n; r++)
		if (comparison_words(c, r))
			return true;
	return false;
}

void comparison_free(struct comparison *c)
{
	for (size_t r = 0; c->words && r < c->al.n; r++)
		narration_step_free(&c->words[r]);
	free(c->words);
	c->words = NULL;
	free(c->word_errors);
	c->word_errors = NULL;
	c->nword_errors = 0;
	for (size_t r = 0; c->diff && r < c->al.n; r++)
		step_diff_free(&c->diff[r]);
	free(c->diff);
	c->diff = NULL;
	alignment_free(&c->al);
}

const struct step *comparison_step(const struct comparison *c, size_t r, int s)
{
	int i = s ? c->al.rows[r].b : c->al.rows[r].a;
	return i < 0 ? NULL : &c->run[s]->steps[i];
}

void comparison_reason(const struct comparison *c, size_t r, char *out, size_t cap)
{
	const struct align_row *row = &c->al.rows[r];
	out[0] = '\0';
	if ((row->a < 0) == (row->b < 0))
		return;
	int has = row->a < 0;
	/* The other run had stopped: no step of it in a later row, or (a failed run) only its alerts. */
	const struct timeline *lacks = c->run[!has];
	bool ended = true;
	for (size_t k = r + 1; k < c->al.n && ended; k++) {
		int i = has ? c->al.rows[k].a : c->al.rows[k].b;
		ended = i < 0 || (!lacks->outcome.ok && lacks->steps[i].type == STEP_ALERT);
	}
	diff_only_reason(c->run[has], has ? "B" : "A", c->run[!has], has ? "A" : "B",
	                 (size_t)(has ? row->b : row->a), ended, out, cap);
}

size_t comparison_setting_diffs(const struct comparison *c, size_t r)
{
	size_t n = 0;
	for (size_t k = 0; k < c->diff[r].n; k++)
		n += c->diff[r].v[k].cause == CAUSE_SETTINGS;
	return n;
}

size_t comparison_row_of(const struct comparison *c, int s, size_t i)
{
	for (size_t r = 0; r < c->al.n; r++)
		if ((s ? c->al.rows[r].b : c->al.rows[r].a) == (int)i)
			return r;
	return 0;
}
