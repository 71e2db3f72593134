/*
 * export/html_compare.h — a comparison as one web page: the aligned rows in a table
 * (what differs in each, or why a step is in one run only, each side a link to its
 * step), the figures of both runs, each run's opening and ladder, then the rows in
 * two columns, each step drawn as export/html.h draws one, a missing one as the
 * sentence saying why; both outcomes. "One step at a time" goes a row at a time,
 * both runs' steps of the row together. Reads the comparison only.
 */
#ifndef TLSSTEP_EXPORT_HTML_COMPARE_H
#define TLSSTEP_EXPORT_HTML_COMPARE_H

#include <stdio.h>

#include "model/compare.h"

/* Writes the page, escaped as html_write's is; returns 0, or -1 on a write error. */
int html_compare_write(FILE *out, const struct comparison *c);

#endif
