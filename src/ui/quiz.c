/* ui/quiz.c — see quiz.h. */
#include "ui/quiz.h"

#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/narration.h"

/* The number of choices a lesson step offers. */
static int nchoices(const struct lesson_step *ls)
{
	int n = 0;
	while (n < LESSON_MAX_CHOICES && ls->choices[n])
		n++;
	return n;
}

void quiz_free(struct quiz *q)
{
	free(q->first);
	free(q->has);
	free(q->answer);
	memset(q, 0, sizeof(*q));
}

int quiz_init(struct quiz *q, const struct timeline *tl)
{
	memset(q, 0, sizeof(*q));
	size_t n = tl->nsteps;
	q->first = calloc(n + 1, sizeof(*q->first));
	q->has = calloc(n + 1, sizeof(*q->has));
	q->answer = calloc(n + 1, sizeof(*q->answer));
	if (!q->first || !q->has || !q->answer) {
		quiz_free(q);
		return -1;
	}
	q->nsteps = n;
	for (size_t i = 1; i <= n; i++) {
		const struct lesson_step *ls = explain_lesson_step(tl, &tl->steps[i - 1]);
		/* A question without choices cannot be answered; the lesson loader and
		 * lesson_fit reject one, and it is not counted here either. */
		if (!ls || !ls->ask || (nchoices(ls) == 0 && !ls->answer_value))
			continue;
		q->has[i] = 1;
		q->answer[i] = ls->answer_value ? 1 : ls->answer; /* a typed value: 1 right, 2 wrong */
		q->total++;
	}
	return 0;
}

const struct lesson_step *quiz_at(const struct quiz *q, const struct timeline *tl, size_t step)
{
	if (step < 1 || step > q->nsteps || step > tl->nsteps || !q->has[step])
		return NULL;
	return explain_lesson_step(tl, &tl->steps[step - 1]);
}

bool quiz_pick(struct quiz *q, const struct timeline *tl, size_t step, int pick)
{
	const struct lesson_step *ls = quiz_at(q, tl, step);
	if (!ls || pick < 1 || pick > nchoices(ls))
		return false;
	if (!q->first[step])
		q->first[step] = pick;
	return pick == ls->answer;
}

bool quiz_typed(const struct quiz *q, const struct timeline *tl, size_t step)
{
	const struct lesson_step *ls = quiz_at(q, tl, step);
	return ls && ls->answer_value;
}

bool quiz_type(struct quiz *q, const struct timeline *tl, size_t step, const char *typed)
{
	const struct lesson_step *ls = quiz_at(q, tl, step);
	if (!ls || !ls->answer_value)
		return false;
	bool right = narration_answer_matches(ls, typed);
	if (!q->first[step])
		q->first[step] = right ? 1 : 2;
	return right;
}

bool quiz_answered(const struct quiz *q, size_t step)
{
	return step >= 1 && step <= q->nsteps && q->has[step] && q->first[step] != 0;
}

size_t quiz_next_unanswered(const struct quiz *q, size_t from, size_t to)
{
	if (to > q->nsteps)
		to = q->nsteps;
	for (size_t s = from + 1; s <= to; s++)
		if (q->has[s] && !q->first[s])
			return s;
	return 0;
}

void quiz_counts(const struct quiz *q, int *answered, int *right, int *total)
{
	int a = 0, r = 0;
	for (size_t s = 1; s <= q->nsteps; s++) {
		if (!q->has[s] || !q->first[s])
			continue;
		a++;
		r += q->first[s] == q->answer[s];
	}
	if (answered)
		*answered = a;
	if (right)
		*right = r;
	if (total)
		*total = q->total;
}
