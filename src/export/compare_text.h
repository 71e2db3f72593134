/*
 * export/compare_text.h — the aligned transcript `--batch --compare` prints: a row
 * per aligned pair of steps, A's on the left and B's on the right (or one under
 * the other, marked A: and B:, when the terminal is narrow), each paired row's
 * differences with their values, the reason for a step in one run only, and the
 * two runs' figures side by side. Plain ASCII; reads the comparison only.
 */
#ifndef TLSSTEP_EXPORT_COMPARE_TEXT_H
#define TLSSTEP_EXPORT_COMPARE_TEXT_H

#include <stdio.h>

#include "model/compare.h"

/* Below this many columns the two columns are collapsed into one. */
enum { COMPARE_TWO_COLUMNS = 100, COMPARE_DEFAULT_COLUMNS = 120 };

/* The columns to lay the transcript out in: COLUMNS when it is a number from 40 to 1000,
 * else COMPARE_DEFAULT_COLUMNS (a pipe or a log has no width of its own). */
int compare_text_columns(const char *columns_env);

/* A field value for one line: whole when it fits `w` characters, else cut and marked with "...". */
void compare_value(const struct field *f, size_t w, char *out, size_t cap);

/* Writes the transcript at `columns` wide, escaped as export/escape.h says; 0 or -1 on a write error. */
int compare_text_write(FILE *out, const struct comparison *c, int columns);

/* Its parts, for a step-through a line at a time (--plain --compare), each escaped the same way:
 * the heading (both runs), row r (0-based, a connection's heading before its first row), the
 * figures. 0, or -1 on a write error (or no such row). */
int compare_text_head(FILE *out, const struct comparison *c, int columns);
int compare_text_row(FILE *out, const struct comparison *c, size_t r, int columns);
int compare_text_summary(FILE *out, const struct comparison *c, int columns);

#endif
