/* export/escape.c — see escape.h. */
#include "export/escape.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The length of the valid UTF-8 sequence at p[0..n) (1 to 4), and its code
 * point in *cp; 0 when p starts no valid sequence.
 */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

int escape_write(FILE *out, const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, run = 0; /* run: bytes from i - run that pass unchanged, written in one go */
	while (i < n) {
		uint32_t cp = 0;
		size_t len = utf8_seq(p + i, n - i, &cp);
		bool pass = len && (cp == '\n' || (cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp <= 0x9f)));
		if (pass) {
			i += len;
			run += len;
			continue;
		}
		if (run)
			fwrite(p + i - run, 1, run, out);
		run = 0;
		size_t bad = len ? len : 1;
		for (size_t k = 0; k < bad; k++) {
			if (p[i + k] == '\r')
				fputs("\\r", out);
			else
				fprintf(out, "\\x%02x", p[i + k]);
		}
		i += bad;
	}
	if (run)
		fwrite(p + i - run, 1, run, out);
	return ferror(out) ? -1 : 0;
}

int escape_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	char *s = malloc((size_t)n + 1);
	if (!s)
		return -1;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = escape_write(out, s, (size_t)n);
	free(s);
	return rc;
}

bool escape_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		/* Most text is ASCII: no decoding for it, 8 bytes per test where it can. */
		uint64_t x;
		if (n - i >= 8 && (memcpy(&x, p + i, 8), !(x & 0x8080808080808080u))) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_seq(p + i, n - i, &cp);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

char *escape_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	char *out = malloc(4 * n + 1); /* every byte may become four characters */
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_seq(p + i, n - i, &cp);
		if (len) {
			memcpy(out + o, p + i, len);
			o += len;
			i += len;
		} else {
			snprintf(out + o, 5, "\\x%02x", p[i]);
			o += 4;
			i++;
		}
	}
	out[o] = '\0';
	return out;
}

/*
 * Whether none of the 8 bytes in x needs a JSON escape (a control below 0x20, '"'
 * or '\\'): the word-at-a-time tests for a byte below n and for a zero byte
 * (x ^ c is zero where a byte is c), exact as yes/no answers. Strings in a run's
 * JSON are mostly long plain text (explanations, application data as text), so
 * they are copied 8 bytes per test.
 */
static bool json_plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
	uint64_t hit = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b);
	return !(hit & highs);
}

void escape_json(struct buf *out, const char *s, size_t n)
{
	/* Room for the string and its quotes at once: most strings have nothing to escape. */
	uint8_t *o = buf_reserve(out, n + 2);
	size_t k = 0;
	o[k++] = '"';
	for (size_t i = 0; i < n;) {
		uint64_t x;
		if (n - i >= 8 && (memcpy(&x, s + i, 8), json_plain8(x))) {
			memcpy(o + k, s + i, 8);
			k += 8;
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)s[i++];
		if (c >= 0x20 && c != '"' && c != '\\') {
			o[k++] = c;
			continue;
		}
		const char *e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\f' ? "\\f"
		              : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
		char u[8];
		if (!e) {
			snprintf(u, sizeof(u), "\\u%04X", c);
			e = u;
		}
		size_t m = strlen(e);
		out->len += k;
		o = buf_reserve(out, m + (n - i) + 1); /* the escape, the rest unescaped, the quote */
		memcpy(o, e, m);
		k = m;
	}
	o[k++] = '"';
	out->len += k;
}

int escape_rendered(FILE *out, int (*render)(FILE *m, const void *arg), const void *arg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return -1;
	int rc = render(m, arg);
	if (fclose(m) || rc)
		rc = -1;
	else
		rc = escape_write(out, text, len);
	free(text);
	return rc;
}
