/*
 * ui/compare_view.h — the comparison view: two ladders side by side with the
 * aligned rows on one line, one cursor moving both, the focused run's message
 * below with its differences marked, and a summary row.
 */
#ifndef TLSSTEP_UI_COMPARE_VIEW_H
#define TLSSTEP_UI_COMPARE_VIEW_H

#include <stddef.h>

#include "model/compare.h"

/* Runs the view until q. start: the row to open at (0: before the first). Returns 0, or 2
 * when the terminal cannot be used (the message is printed). */
int compare_view_run(const struct comparison *c, size_t start);

#endif
