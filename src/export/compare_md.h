/*
 * export/compare_md.h — a comparison handout in Markdown: the two runs, a table of
 * the aligned rows (what differs in each, or why a step is in one run only), and
 * the figures of both runs side by side. Reads the comparison only.
 */
#ifndef TLSSTEP_EXPORT_COMPARE_MD_H
#define TLSSTEP_EXPORT_COMPARE_MD_H

#include <stdio.h>

#include "model/compare.h"

/* Writes the handout, escaped as export/escape.h says; returns 0 or -1 on a write error. */
int compare_markdown_write(FILE *out, const struct comparison *c);

#endif
