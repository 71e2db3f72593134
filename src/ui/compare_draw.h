/* ui/compare_draw.h — the comparison view's state and its frame (internal to ui/). */
#ifndef TLSSTEP_UI_COMPARE_DRAW_H
#define TLSSTEP_UI_COMPARE_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/compare.h"
#include "ui/layout.h"
#include "ui/view.h"

/* Both ladders side by side from this size; below it, one run at a time (Tab switches). */
enum { COMPARE_BOTH_W = 120, COMPARE_BOTH_H = 40 };

struct cmp_view {
	const struct comparison *c;
	struct ui_view v;       /* for the shared drawing helpers: utf8, color */
	size_t cur;             /* rows shown: 1..cur; 0 before the first message */
	int run;                /* the focused run: 0 A, 1 B */
	int field_top[2];       /* first row shown of each run's message */
	int diff_top;           /* first line shown of the difference list */
	int ladder_top;
	bool help;              /* the key list is open */
	bool both;              /* this frame shows both runs */
	struct rect rows_at[2]; /* where each ladder's rows were drawn (h == 0: not shown): for a click */
	struct layout L;
	/* A two-run lesson's checkpoints ([row N] ask): asked before row `asking` (1-based; 0: none
	 * open) is shown; pick[r] is the first answer to row r's (0 none yet, -1 skipped). */
	size_t asking;
	int pick[LESSON_MAX_ROWS];
};

void compare_draw(struct cmp_view *cv);

#endif
