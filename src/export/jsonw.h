/*
 * export/jsonw.h — a streaming JSON writer: each value is written as it is given
 * into a buffer passed to the FILE every JSONW_PIECE bytes; nothing else is kept
 * but the nesting depth, so the cost is about that of writing the bytes (jansson's
 * tree of the whole run, then json_dumpf, cost about 100 instructions per byte;
 * README "Dependencies, and why" has the measured figures).
 *
 * The layout is jansson's JSON_INDENT(2): a member on a line of its own, indented
 * two spaces per level, "key": value, empty containers as {} and []. Strings are
 * escaped by export/escape (escape_json); numbers are printf's. Members come out in
 * the order of the calls.
 *
 * `key` is the member's name inside an object, NULL inside an array or for the
 * outermost value. Nothing is checked: the caller opens and closes in pairs, and
 * gives each object member a key (json.c is the one caller).
 */
#ifndef TLSSTEP_EXPORT_JSONW_H
#define TLSSTEP_EXPORT_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

/* The text goes to `out` in pieces of about JSONW_PIECE bytes: one fwrite each, not one per token. */
enum { JSONW_PIECE = 1 << 14 };

struct jsonw {
	FILE *out;
	struct buf text; /* written, not yet passed to out */
	unsigned depth;  /* containers open */
	bool first;      /* nothing written yet in the innermost open container */
};

/* Starts a text to out (borrowed until jsonw_finish). */
void jsonw_init(struct jsonw *w, FILE *out);

/* Ends the text with a newline, passes the rest to out and frees the buffer (wiped:
 * the JSON holds secrets); returns 0, or -1 if any write failed (ferror). */
int jsonw_finish(struct jsonw *w);

void jsonw_object(struct jsonw *w, const char *key);
void jsonw_object_end(struct jsonw *w);
void jsonw_array(struct jsonw *w, const char *key);
void jsonw_array_end(struct jsonw *w);

/* s as a JSON string; NULL is null. Bytes that are not UTF-8 are written as the
 * four characters \xNN (escape_utf8), so the member is never lost. */
void jsonw_string(struct jsonw *w, const char *key, const char *s);
void jsonw_int(struct jsonw *w, const char *key, long long v);
void jsonw_bool(struct jsonw *w, const char *key, bool v);
void jsonw_null(struct jsonw *w, const char *key);

/* p[0..n) as a string of lowercase hex, bytes separated by sep ('\0' for none):
 * what hex_string gives, written without building it. */
void jsonw_hex(struct jsonw *w, const char *key, const uint8_t *p, size_t n, char sep);

#endif
