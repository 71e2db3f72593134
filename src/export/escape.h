/*
 * export/escape.h — text from files and from the wire, made safe to show.
 *
 * A title, a lesson's prose, a host name or an ALPN name set by a fault can hold
 * any byte. On a terminal an ESC starts a control sequence (it can retitle the
 * window, move the cursor, hide what follows); in JSON, bytes that are not UTF-8
 * make jansson refuse the string, and a refused string is a key silently missing.
 * The escapes are those of application data's `as_text` (wire/decode.c): \r, and
 * \xNN for every other byte that must not pass. They make the text safe, not
 * reversible: a backslash is left as it is (the JSON keeps every valid byte exact).
 */
#ifndef TLSSTEP_EXPORT_ESCAPE_H
#define TLSSTEP_EXPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

/*
 * Writes text[0..n) to out for a terminal or a text file: newlines and valid
 * printable UTF-8 pass; CR becomes \r; other C0 controls, DEL, the C1 controls
 * (U+0080..U+009F, which some terminals obey as ESC [ and the like) and every byte
 * that is not part of valid UTF-8 become \xNN (one escape per byte).
 * Returns 0, or -1 on a write error.
 */
int escape_write(FILE *out, const char *text, size_t n);

/*
 * Renders whole into memory (render(m, arg) writing to m), then escape_write's it to out:
 * a transcript or handout made of text from files and the wire, with no control
 * character getting through. Returns 0, or -1 when render failed, on a write error or
 * out of memory.
 */
int escape_rendered(FILE *out, int (*render)(FILE *m, const void *arg), const void *arg);

/* printf into a string, then escape_write it; returns 0 or -1 (write error, no memory). */
int escape_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether s is entirely valid UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
bool escape_utf8_valid(const char *s);

/*
 * s with each byte that is not part of valid UTF-8 replaced by the four
 * characters \xNN; valid text (controls included: JSON escapes them itself) is
 * copied unchanged. Returns owned: free with free(); NULL only when out of memory.
 */
char *escape_utf8(const char *s);

/*
 * Appends s[0..n), which must be valid UTF-8 (escape_utf8_valid; escape_utf8 makes
 * it so), to out as a JSON string with its quotes, escaped exactly as jansson's
 * dump does by default: \" and \\, \b \f \n \r \t, \u00XX (upper case) for the other
 * C0 controls; everything else, DEL and non-ASCII included, as it is: byte for byte
 * what json_dumpf gave before export/jsonw streamed the JSON (test_escape checks it
 * against jansson).
 */
void escape_json(struct buf *out, const char *s, size_t n);

#endif
