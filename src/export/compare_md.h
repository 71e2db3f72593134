/*
 * export/compare_md.h — a comparison handout in Markdown: the two runs, a table of
 * the aligned rows (what differs in each, or why a step is in one run only), and
 * the figures of both runs side by side. Reads the comparison only.
 */
#ifndef TLSSTEP_EXPORT_COMPARE_MD_H
#define TLSSTEP_EXPORT_COMPARE_MD_H

#include <stdbool.h>
#include <stdio.h>

#include "model/compare.h"

/* How compare_md_differs puts a piece of text: code is a field's path. */
typedef void (*compare_put_fn)(FILE *out, const char *s, bool code);
/* How compare_md_figures puts one figure of both runs. */
typedef void (*compare_figure_fn)(FILE *out, const char *what, const char *a, const char *b);

/* What row r of c says (also for export/html_compare.c): the settings' differences
 * with both values, then the fresh ones by count; or why a step is in one run only. */
void compare_md_differs(FILE *out, const struct comparison *c, size_t r, compare_put_fn put);

/* The figures of both runs (version and suite, round trips, bytes, ...), one put each. */
void compare_md_figures(FILE *out, const struct comparison *c, compare_figure_fn figure);

/* Writes the handout, escaped as export/escape.h says; returns 0 or -1 on a write error. */
int compare_markdown_write(FILE *out, const struct comparison *c);

#endif
