/*
 * export/compare_json.h — a comparison as JSON (design.md §5):
 * {"compare": {"a": RUN, "b": RUN, "rows": [[ia, ib], ...], "summary": {...}, ...}}
 * with each RUN exactly what json_write writes for one run (json_run writes each,
 * so a run's JSON never differs but in its indentation), a
 * row's indexes the steps' own 1-based "index", null where a run has no
 * counterpart. Added: "differences" (every field that differs in a paired row)
 * and "only" (the sentence for each row of one run only).
 */
#ifndef TLSSTEP_EXPORT_COMPARE_JSON_H
#define TLSSTEP_EXPORT_COMPARE_JSON_H

#include <stdio.h>

#include "model/compare.h"

/* Writes the comparison; returns 0 or -1 on a write error or out of memory. */
int compare_json_write(FILE *out, const struct comparison *c);

#endif
