/*
 * model/compare.h — two runs put side by side: their alignment (model/align.h),
 * the differences of every paired row (model/diff.h) and each run's figures
 * (model/summary.h), computed once for every front end that shows a comparison.
 */
#ifndef TLSSTEP_MODEL_COMPARE_H
#define TLSSTEP_MODEL_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/align.h"
#include "model/diff.h"
#include "model/summary.h"
#include "model/timeline.h"

struct comparison {
	const struct timeline *run[2];  /* borrowed: A and B */
	struct alignment al;
	struct step_diff *diff;         /* owned, one per row (empty where a side is missing) */
	struct run_summary sum[2];
	/* A two-run lesson's words for the pair (its [row N] sections, comparison_add_words):
	 * owned, one per row, expanded from both runs; NULL when no lesson speaks of this pair. */
	struct lesson_step *words;
	struct narration_error *word_errors; /* placeholders naming nothing, rows past the end */
	size_t nword_errors;
};

/* Builds the comparison of a and b (borrowed: they must outlive it). */
void comparison_build(struct comparison *c, const struct timeline *a, const struct timeline *b);
void comparison_free(struct comparison *c);

/*
 * Gives c the words of run A's two-run lesson for this pair ([row N] is row N-1 here),
 * their placeholders expanded: "{b ...}" from run B, the rest from run A, each as known
 * at the row (its last step so far). Call it only when B is the run the lesson names
 * (compare = NAME): rows are written for that pair. Nothing for a lesson without rows.
 */
void comparison_add_words(struct comparison *c);

/* The lesson's words for row r (0-based) with a say or a checkpoint, or NULL. */
const struct lesson_step *comparison_words(const struct comparison *c, size_t r);

/* Does any row of c carry a lesson's words? */
bool comparison_has_words(const struct comparison *c);

/* The run of row r's side s (0 = A, 1 = B) step, or NULL where that run has none. */
const struct step *comparison_step(const struct comparison *c, size_t r, int s);

/* Row r holds a step of one run only: the sentence saying why (diff_only_reason), naming the runs "A"
 * and "B". Rows with both sides: "". */
void comparison_reason(const struct comparison *c, size_t r, char *out, size_t cap);

/* How many of row r's differences come from the runs' settings (not a fresh random, key, ...). */
size_t comparison_setting_diffs(const struct comparison *c, size_t r);

/* The row that shows step i (0-based) of side s. */
size_t comparison_row_of(const struct comparison *c, int s, size_t i);

#endif
