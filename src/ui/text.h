/*
 * ui/text.h — text for panes, measured in columns, never cut silently. No curses:
 * pure functions over UTF-8 strings (unit-tested in tests/unit/test_ui_text.c).
 *
 * Every glyph tlsstep prints is one column wide (box drawing, arrows, "·", "✓",
 * "…"), so a column is a UTF-8 code point here. A string that does not fit is
 * cut at a word boundary where one is near and ends with an ellipsis: "…" in a
 * UTF-8 locale, "..." otherwise.
 */
#ifndef TLSSTEP_UI_TEXT_H
#define TLSSTEP_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Columns s takes (code points). */
int text_cols(const char *s);

/* Byte length of the first `cols` columns of s (all of s when shorter). */
size_t text_bytes(const char *s, int cols);

/*
 * Copies s into out (cap bytes) so that it takes at most w columns: whole when
 * it fits, else cut (at the last space in its final third, or mid-word) and
 * ended with the ellipsis. Returns true when s was cut.
 */
bool text_fit(const char *s, int w, bool utf8, char *out, size_t cap);

/* One line of wrapped text: a view into the source string. */
struct text_line {
	const char *p;
	size_t len;             /* bytes */
};

/*
 * Word-wraps text into lines of at most w columns: '\n' ends a paragraph (an
 * empty line between paragraphs: "\n\n"). A word longer than w is split.
 * Writes at most cap lines to out (out may be NULL to count) and returns the
 * number of lines the whole text takes.
 */
int text_wrap(const char *text, int w, struct text_line *out, int cap);
/* The same with a first line of w_first columns and the rest of w (a hanging indent). */
int text_wrap_hang(const char *text, int w_first, int w, struct text_line *out, int cap);

/*
 * Splits a value with no spaces (hex, a name) into lines of w columns; hex
 * values break on an even column so a byte is never split across lines. Same
 * return convention as text_wrap.
 */
int text_chunks(const char *value, int w, struct text_line *out, int cap);

/*
 * Joins parts[0..n) with sep into out so that the result takes at most w
 * columns: parts are dropped, lowest priority (highest prio[i]) first, until it
 * fits; the order of the parts kept does not change. A part with prio 0 is
 * never dropped. Returns the columns used.
 */
int text_join_fit(const char *const *parts, const int *prio, int n, const char *sep, int w, char *out,
                  size_t cap);

#endif
