/* ui/text.c — see text.h. */
#include "ui/text.h"

#include <stdio.h>
#include <string.h>

static bool cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

int text_cols(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += !cont((unsigned char)*s);
	return n;
}

size_t text_bytes(const char *s, int cols)
{
	size_t i = 0;
	for (int c = 0; s[i] && c < cols; c++)
		for (i++; s[i] && cont((unsigned char)s[i]); i++)
			;
	return i;
}

bool text_fit(const char *s, int w, bool utf8, char *out, size_t cap)
{
	if (!cap)
		return false;
	if (w <= 0) {
		out[0] = '\0';
		return *s != '\0';
	}
	if (text_cols(s) <= w) {
		snprintf(out, cap, "%s", s);
		return false;
	}
	const char *ell = utf8 ? "\u2026" : "...";
	int ew = utf8 ? 1 : 3;
	int keep = w - ew < 0 ? 0 : w - ew;
	size_t n = text_bytes(s, keep);
	/* A word boundary in the last third reads better than a cut word. */
	size_t k = n;
	while (k > 0 && s[k] != ' ')
		k--;
	if (k > 0 && k * 3 >= n * 2)
		n = k;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	snprintf(out, cap, "%.*s%s", (int)n, s, ell);
	return true;
}

int text_wrap(const char *text, int w, struct text_line *out, int cap)
{
	return text_wrap_hang(text, w, w, out, cap);
}

int text_wrap_hang(const char *text, int w_first, int w, struct text_line *out, int cap)
{
	int lines = 0;
	if (w <= 0 || w_first <= 0)
		return 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t para = nl ? (size_t)(nl - p) : strlen(p);
		const char *end = p + para;
		if (para == 0) {
			if (out && lines < cap)
				out[lines] = (struct text_line){ p, 0 };
			lines++;
		}
		bool first = true; /* a paragraph's own indent is kept; spaces at a wrap are not */
		while (p < end) {
			while (!first && p < end && *p == ' ')
				p++;
			first = false;
			if (p == end)
				break;
			size_t take = text_bytes(p, lines ? w : w_first);
			if (p + take > end)
				take = (size_t)(end - p);
			if (p + take < end && p[take] != ' ') {
				size_t k = take;
				while (k > 0 && p[k] != ' ')
					k--;
				if (k > 0)
					take = k;
			}
			size_t len = take;
			while (len > 0 && p[len - 1] == ' ')
				len--;
			if (out && lines < cap)
				out[lines] = (struct text_line){ p, len };
			lines++;
			p += take;
		}
		p = nl ? nl + 1 : end;
	}
	return lines;
}

static bool all_hex(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')))
			return false;
	return true;
}

int text_chunks(const char *value, int w, struct text_line *out, int cap)
{
	if (w <= 0)
		return 0;
	if (all_hex(value) && w > 1)
		w &= ~1;
	int lines = 0;
	for (const char *p = value; *p; lines++) {
		size_t take = text_bytes(p, w);
		if (out && lines < cap)
			out[lines] = (struct text_line){ p, take };
		p += take;
	}
	return lines;
}

int text_join_fit(const char *const *parts, const int *prio, int n, const char *sep, int w, char *out, size_t cap)
{
	bool keep[32];
	if (n > 32)
		n = 32;
	for (int i = 0; i < n; i++)
		keep[i] = parts[i] && *parts[i];
	int sw = text_cols(sep);
	for (;;) {
		int cols = 0, kept = 0;
		for (int i = 0; i < n; i++)
			if (keep[i])
				cols += text_cols(parts[i]) + (kept++ ? sw : 0);
		int worst = -1;
		for (int i = 0; i < n; i++)
			if (keep[i] && prio[i] > 0 && (worst < 0 || prio[i] >= prio[worst]))
				worst = i;
		if (cols <= w || worst < 0) {
			size_t len = 0;
			out[0] = '\0';
			kept = 0;
			for (int i = 0; i < n; i++)
				if (keep[i] && len < cap)
					len += (size_t)snprintf(out + len, cap - len, "%s%s", kept++ ? sep : "", parts[i]);
			return cols;
		}
		keep[worst] = false;
	}
}
