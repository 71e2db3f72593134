/*
 * model/compare.h — two runs put side by side: their alignment (model/align.h),
 * the differences of every paired row (model/diff.h) and each run's figures
 * (model/summary.h), computed once for every front end that shows a comparison.
 */
#ifndef TLSSTEP_MODEL_COMPARE_H
#define TLSSTEP_MODEL_COMPARE_H

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
};

/* Builds the comparison of a and b (borrowed: they must outlive it). */
void comparison_build(struct comparison *c, const struct timeline *a, const struct timeline *b);
void comparison_free(struct comparison *c);

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
