/* export/jsonw.c — see jsonw.h. */
#include "export/jsonw.h"

#include <stdlib.h>
#include <string.h>

#include "export/escape.h"
#include "util/hex.h"

void jsonw_init(struct jsonw *w, FILE *out)
{
	w->out = out;
	buf_init(&w->text);
	w->depth = 0;
	w->first = true;
}

static void pass_on(struct jsonw *w)
{
	if (w->text.len)
		fwrite(w->text.data, 1, w->text.len, w->out);
	buf_clear(&w->text);
}

int jsonw_finish(struct jsonw *w)
{
	buf_append_byte(&w->text, '\n');
	pass_on(w);
	buf_free(&w->text);
	return ferror(w->out) ? -1 : 0;
}

static void put(struct jsonw *w, const char *s, size_t n)
{
	buf_append(&w->text, s, n);
}

/* A new line at the depth, after a comma when `comma`. */
static void indent(struct jsonw *w, bool comma)
{
	size_t n = 2 * (size_t)w->depth;
	uint8_t *p = buf_reserve(&w->text, n + 2);
	size_t k = 0;
	if (comma)
		p[k++] = ',';
	p[k++] = '\n';
	memset(p + k, ' ', n);
	w->text.len += k + n;
}

/* What comes before a value: the comma after the one before it, its line, its key. */
static void member(struct jsonw *w, const char *key)
{
	if (w->text.len >= JSONW_PIECE)
		pass_on(w);
	if (w->depth)
		indent(w, !w->first);
	w->first = false;
	if (key) {
		escape_json(&w->text, key, strlen(key));
		put(w, ": ", 2);
	}
}

static void open_value(struct jsonw *w, const char *key, char c)
{
	member(w, key);
	buf_append_byte(&w->text, (uint8_t)c);
	w->depth++;
	w->first = true;
}

/* An empty container closes on its own line ({} and []); the one it is in has a member now. */
static void close_value(struct jsonw *w, char c)
{
	w->depth--;
	if (!w->first)
		indent(w, false);
	buf_append_byte(&w->text, (uint8_t)c);
	w->first = false;
}

void jsonw_object(struct jsonw *w, const char *key)
{
	open_value(w, key, '{');
}

void jsonw_object_end(struct jsonw *w)
{
	close_value(w, '}');
}

void jsonw_array(struct jsonw *w, const char *key)
{
	open_value(w, key, '[');
}

void jsonw_array_end(struct jsonw *w)
{
	close_value(w, ']');
}

void jsonw_string(struct jsonw *w, const char *key, const char *s)
{
	if (!s) {
		jsonw_null(w, key);
		return;
	}
	member(w, key);
	if (escape_utf8_valid(s)) {
		escape_json(&w->text, s, strlen(s));
		return;
	}
	char *e = escape_utf8(s);
	if (e)
		escape_json(&w->text, e, strlen(e));
	else
		put(w, "null", 4); /* out of memory: as jansson's tree did, the key stays */
	free(e);
}

void jsonw_int(struct jsonw *w, const char *key, long long v)
{
	/* Digits from the right: every field's offset and length is one, and snprintf's
	 * format parsing was a fifth of the JSON's cost. */
	char s[24];
	size_t at = sizeof(s);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		s[--at] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		s[--at] = '-';
	member(w, key);
	put(w, s + at, sizeof(s) - at);
}

void jsonw_bool(struct jsonw *w, const char *key, bool v)
{
	member(w, key);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void jsonw_null(struct jsonw *w, const char *key)
{
	member(w, key);
	put(w, "null", 4);
}

void jsonw_hex(struct jsonw *w, const char *key, const uint8_t *p, size_t n, char sep)
{
	member(w, key);
	buf_append_byte(&w->text, '"');
	/* A record's hex is its bytes times three: in pieces, so the buffer stays near JSONW_PIECE. */
	for (size_t i = 0; i < n; i += JSONW_PIECE / 4) {
		size_t m = n - i < JSONW_PIECE / 4 ? n - i : JSONW_PIECE / 4;
		if (w->text.len >= JSONW_PIECE)
			pass_on(w);
		char *o = (char *)buf_reserve(&w->text, 3 * m + 1);
		size_t k = 0;
		if (sep && i)
			o[k++] = sep;
		w->text.len += k + hex_encode(o + k, p + i, m, sep);
	}
	buf_append_byte(&w->text, '"');
}
