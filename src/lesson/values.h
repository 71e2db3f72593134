/*
 * lesson/values.h — strict readers of one value of a scenario or lesson file.
 *
 * Every reader takes the whole value (inih has trimmed its ends) and refuses any
 * text it does not use: "1.3 please", "2025-06-01junk" and "flip byte 1 junk" are
 * errors, never a silent prefix. Numbers are decimal without leading zeros, or hex
 * after 0x: "010" is refused (C would read it as octal 8, a person as ten).
 * Readers that can fail return 0, or -1 with "what was wrong; what was expected"
 * in why; the caller puts "file:line: " in front.
 */
#ifndef TLSSTEP_LESSON_VALUES_H
#define TLSSTEP_LESSON_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"

/* The words of the rule above, for messages: "decimal (no leading zero) or 0x hex". */
#define VALUE_NUMBER_RULE "decimal without a leading zero, or hex after 0x"

/*
 * Reads s whole as a number from 0 to max: "0", "42", "0x2a". False (out untouched)
 * for anything else: empty, a sign, a leading zero ("010"), trailing text, overflow.
 */
bool value_number(const char *s, uint64_t max, uint64_t *out);

/* versions = 1.2 | 1.3 | LOW-HIGH (a range, lowest first). A list is refused. */
int value_versions(const char *v, uint16_t *min, uint16_t *max, char *why, size_t n);

/*
 * date = YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, UTC, a real day of a year from 1970 to
 * 9999 (2025-02-30 is refused, not moved to March); a bare date is 12:00:00.
 * *t gets seconds since the epoch.
 */
int value_date(const char *v, int64_t *t, char *why, size_t n);

/*
 * fault = SIDE TARGET ACTION (lessons/README.md "Faults") into *f, its line set
 * to `line`. Every word is used: anything after a whole fault is an error.
 */
int value_fault(const char *v, int line, struct fault *f, char *why, size_t n);

/*
 * rewrite = SIDE MESSAGE FIELD VALUE[, VALUE ...] (lessons/README.md "Faults") into
 * *f as a FAULT_REWRITE, its line set to line. A field no rewrite can set is refused
 * naming the fields that exist. Returns 0, or -1 with the reason in why.
 */
int value_rewrite(const char *v, int line, struct fault *f, char *why, size_t n);

/* "step N" (a section name), N from 1 to LESSON_MAX_STEPS: true with *step set. */
bool value_step_section(const char *section, int *step);

/* "row N" (N from 1 to LESSON_MAX_ROWS), a two-run lesson's words for a comparison's row. */
bool value_row_section(const char *section, int *row);

/* hide's tail after "until ": "phase N" (1 to 4) or "step N" (1 to LESSON_MAX_STEPS). */
int value_until(const char *v, int *phase, int *step, char *why, size_t n);

/* Is s[0..len) valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF)? */
bool value_utf8(const char *s, size_t len);

/*
 * A text value that grows by continuation lines, in linear time: the string stays
 * NUL-terminated in *dst (owned there, freed with free()), and this tracks its
 * length and capacity so that appending copies only the new part. Zeroed is empty.
 */
struct value_text {
	char **dst;             /* the string being grown, or NULL */
	char *data;             /* *dst when last grown: another value there starts over */
	size_t len, cap;
};

/*
 * Appends sep (when *dst is not empty) and more to *dst. A dst other than the one
 * being grown starts over with it (its current text kept).
 */
void value_text_append(struct value_text *t, char **dst, const char *sep, const char *more);

/* Writes the printf text into why (n bytes) and returns -1: the readers' way to fail. */
int value_fail(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
