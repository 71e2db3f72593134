/*
 * ui/quiz.h — a lesson's checkpoints over one run, and the learner's answers.
 * No curses: the terminal UI (ui.c) and the plain mode (plain.c) share it.
 *
 * A checkpoint is asked before its step is revealed. A wrong pick is explained
 * and may be tried again, but the FIRST pick is the one that counts: later picks
 * say whether they are right and change nothing. A checkpoint jumped past (End,
 * --step, a click) stays unanswered until it is asked. Steps are 1-based, as in
 * struct step's index.
 */
#ifndef TLSSTEP_UI_QUIZ_H
#define TLSSTEP_UI_QUIZ_H

#include <stdbool.h>
#include <stddef.h>

#include "model/timeline.h"

struct quiz {
	size_t nsteps;          /* the run's steps; the arrays below have nsteps + 1 entries, [0] unused */
	int *first;             /* per step: 0 no checkpoint or not yet answered, else the first pick (1-based);
	                           a typed value: 1 right, 2 wrong */
	unsigned char *has;     /* per step: 1 when a checkpoint is asked before it */
	int *answer;            /* per step: the right choice (1-based), 0 without a checkpoint */
	int total;              /* checkpoints in the run */
};

/*
 * Finds the checkpoints of tl's lesson (none for a run that is not a lesson),
 * all unanswered. q's prior contents are not read (an uninitialised, zeroed or
 * freed q is fine; quiz_free one in use first, as for a new run). tl is only
 * read now: pass it again to the calls that need it. Returns 0, or -1 when out
 * of memory (q is then zeroed).
 */
int quiz_init(struct quiz *q, const struct timeline *tl);

/* Frees q's arrays and zeroes it; safe on a zeroed q and twice. */
void quiz_free(struct quiz *q);

/* The checkpoint asked before step (1-based), or NULL (none there, or out of range).
 * Borrowed from tl's scenario. */
const struct lesson_step *quiz_at(const struct quiz *q, const struct timeline *tl, size_t step);

/*
 * Records a pick (1-based) for the checkpoint before step; only the first valid
 * pick counts. Returns true when this pick is right. A pick that is no choice
 * of the question, or a step without a checkpoint, records nothing: false.
 */
bool quiz_pick(struct quiz *q, const struct timeline *tl, size_t step, int pick);

/* Does the checkpoint before step ask for a typed value (answer_from) rather than a choice? */
bool quiz_typed(const struct quiz *q, const struct timeline *tl, size_t step);

/*
 * Records a typed answer for the value checkpoint before step; only the first one
 * counts, as for a pick. Returns true when it matches the run's value
 * (narration_answer_matches); false, recording nothing, where no value is asked.
 */
bool quiz_type(struct quiz *q, const struct timeline *tl, size_t step, const char *typed);

/* Has the checkpoint before step been answered? (false where there is none) */
bool quiz_answered(const struct quiz *q, size_t step);

/* The first unanswered checkpoint in steps (from, to], or 0. */
size_t quiz_next_unanswered(const struct quiz *q, size_t from, size_t to);

/* The score so far: checkpoints answered, answered right at the first pick, and
 * the run's total. Any pointer may be NULL. */
void quiz_counts(const struct quiz *q, int *answered, int *right, int *total);

#endif
