/*
 * capture/keylog.c — see keylog.h.
 *
 * Lines are collected first, then sorted by client random, so that a key log of
 * many thousand connections (a browser's) is read and searched in n log n,
 * and a label given twice for one connection is caught: the same value again
 * is harmless (a log appended twice), a different one is an error.
 */
#include "capture/keylog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hex.h"
#include "util/textfile.h"

static const char *const label_names[KEYLOG_LABELS] = {
	[KEYLOG_CLIENT_RANDOM] = "CLIENT_RANDOM",
	[KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET] = "CLIENT_EARLY_TRAFFIC_SECRET",
	[KEYLOG_EARLY_EXPORTER_SECRET] = "EARLY_EXPORTER_SECRET",
	[KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET] = "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
	[KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET] = "SERVER_HANDSHAKE_TRAFFIC_SECRET",
	[KEYLOG_CLIENT_TRAFFIC_SECRET_0] = "CLIENT_TRAFFIC_SECRET_0",
	[KEYLOG_SERVER_TRAFFIC_SECRET_0] = "SERVER_TRAFFIC_SECRET_0",
	[KEYLOG_EXPORTER_SECRET] = "EXPORTER_SECRET",
};

const char *keylog_label_name(enum keylog_label l)
{
	if (l == KEYLOG_CLIENT_TRAFFIC_SECRET_N || l == KEYLOG_SERVER_TRAFFIC_SECRET_N)
		return l == KEYLOG_CLIENT_TRAFFIC_SECRET_N ? "CLIENT_TRAFFIC_SECRET_N" : "SERVER_TRAFFIC_SECRET_N";
	return (unsigned)l < KEYLOG_LABELS ? label_names[l] : "?";
}

/* CLIENT_ or SERVER_TRAFFIC_SECRET_ followed by N or a number from 1: a later traffic secret. */
static int update_label(const char *w, size_t n)
{
	static const char *const prefix[2] = { "CLIENT_TRAFFIC_SECRET_", "SERVER_TRAFFIC_SECRET_" };
	for (int side = 0; side < 2; side++) {
		size_t p = strlen(prefix[side]);
		if (n <= p || memcmp(w, prefix[side], p) != 0)
			continue;
		bool number = w[p] >= '1' && w[p] <= '9';
		for (size_t i = p + 1; i < n && number; i++)
			number = w[i] >= '0' && w[i] <= '9';
		if ((n == p + 1 && w[p] == 'N') || (number && n - p <= 4))
			return side == 0 ? KEYLOG_CLIENT_TRAFFIC_SECRET_N : KEYLOG_SERVER_TRAFFIC_SECRET_N;
	}
	return -1;
}

void keylog_init(struct keylog *k)
{
	memset(k, 0, sizeof(*k));
}

void keylog_free(struct keylog *k)
{
	if (k->v)
		wipe(k->v, k->n * sizeof(*k->v));
	free(k->v);
	free(k->name);
	memset(k, 0, sizeof(*k));
}

struct line {
	uint8_t random[32];
	enum keylog_label label;
	struct keylog_secret s;
};

static int by_random_then_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = memcmp(x->random, y->random, 32);
	if (c)
		return c;
	return x->s.line < y->s.line ? -1 : x->s.line > y->s.line;
}

/* The next word of p[*i..end): spaces and tabs skipped before it; NUL-free by then. */
static size_t word(const char *p, size_t end, size_t *i, const char **w)
{
	while (*i < end && (p[*i] == ' ' || p[*i] == '\t'))
		(*i)++;
	*w = p + *i;
	size_t start = *i;
	while (*i < end && p[*i] != ' ' && p[*i] != '\t')
		(*i)++;
	return *i - start;
}

/* Exactly 2 * cap hex digits of w[0..n) into out. */
static bool hex_exact(const char *w, size_t n, uint8_t *out, size_t cap)
{
	if (n != 2 * cap)
		return false;
	for (size_t j = 0; j < cap; j++) {
		int hi = hex_nibble(w[2 * j]), lo = hex_nibble(w[2 * j + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[j] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

/* One line p[0..n) (no newline); 1 if it holds a secret (into *ln), 0 if blank or a comment, -1 on error. */
static int parse_line(const char *p, size_t n, struct line *ln, char *why, size_t whylen)
{
	size_t i = 0;
	const char *w;
	if (n && p[n - 1] == '\r')
		n--;
	if (memchr(p, '\0', n)) {
		snprintf(why, whylen, "a NUL byte; expected a text line");
		return -1;
	}
	size_t wl = word(p, n, &i, &w);
	if (!wl || w[0] == '#')
		return 0;
	int label = -1;
	for (int l = 0; l < KEYLOG_LABELS; l++)
		if (strlen(label_names[l]) == wl && memcmp(w, label_names[l], wl) == 0)
			label = l;
	if (label < 0)
		label = update_label(w, wl);
	bool printable = wl <= 40;
	for (size_t j = 0; j < wl && printable; j++)
		printable = w[j] > ' ' && w[j] < 0x7f;
	if (label < 0) {
		/* The label is echoed only when it is short printable ASCII: a key log is no
		 * place for control characters to reach the terminal. */
		snprintf(why, whylen,
		         "unknown label %s%.*s%s; expected CLIENT_RANDOM, CLIENT_EARLY_TRAFFIC_SECRET, EARLY_EXPORTER_SECRET, "
		         "CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, "
		         "SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET or, after a KeyUpdate, CLIENT/SERVER_TRAFFIC_SECRET_N "
		         "(the NSS key log format)",
		         printable ? "'" : "(not printable)", printable ? (int)wl : 0, w, printable ? "'" : "");
		return -1;
	}
	memset(ln, 0, sizeof(*ln));
	ln->label = (enum keylog_label)label;
	wl = word(p, n, &i, &w);
	if (!hex_exact(w, wl, ln->random, 32)) {
		snprintf(why, whylen, "%s's client random is not 64 hex digits; expected LABEL CLIENT_RANDOM SECRET",
		         keylog_label_name((enum keylog_label)label));
		return -1;
	}
	wl = word(p, n, &i, &w);
	/* CLIENT_RANDOM carries the 48-byte master secret; the TLS 1.3 secrets are as long as
	 * the suite's hash: 32 bytes (SHA-256) or 48 (SHA-384). */
	bool ok = hex_exact(w, wl, ln->s.v, 48) || (label != KEYLOG_CLIENT_RANDOM && hex_exact(w, wl, ln->s.v, 32));
	if (!ok) {
		snprintf(why, whylen, "%s's secret is %zu hex digits; expected %s", keylog_label_name((enum keylog_label)label), wl,
		         label == KEYLOG_CLIENT_RANDOM ? "96 (a 48-byte master secret)"
		                                       : "64 or 96 (a 32- or 48-byte secret, SHA-256 or SHA-384)");
		return -1;
	}
	ln->s.len = (uint8_t)(wl / 2);
	ln->s.present = true;
	wl = word(p, n, &i, &w);
	if (wl) {
		snprintf(why, whylen, "more after the secret; expected LABEL CLIENT_RANDOM SECRET");
		return -1;
	}
	return 1;
}

int keylog_parse(struct keylog *k, const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	struct line *lines = NULL;
	size_t n = 0, cap = 0;
	unsigned lineno = 0;
	char why[400];
	keylog_free(k);
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		lineno++;
		struct line ln;
		int rc = parse_line(text + pos, end - pos, &ln, why, sizeof(why));
		if (rc < 0) {
			snprintf(err, errlen, "%s:%u: %s", name, lineno, why);
			goto fail;
		}
		if (rc == 1) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				lines = xrealloc(lines, cap * sizeof(*lines));
			}
			ln.s.line = lineno;
			lines[n++] = ln;
		}
		pos = end + 1;
	}
	if (n)
		qsort(lines, n, sizeof(*lines), by_random_then_line);
	k->v = xcalloc(n ? n : 1, sizeof(*k->v));
	for (size_t i = 0; i < n; i++) {
		if (!k->n || memcmp(k->v[k->n - 1].client_random, lines[i].random, 32) != 0)
			memcpy(k->v[k->n++].client_random, lines[i].random, 32);
		struct keylog_entry *e = &k->v[k->n - 1];
		if (lines[i].label >= KEYLOG_LABELS) { /* a later traffic secret: kept in file order */
			int side = lines[i].label == KEYLOG_SERVER_TRAFFIC_SECRET_N;
			if (e->nupdates[side] < KEYLOG_MAX_UPDATES)
				e->updates[side][e->nupdates[side]] = lines[i].s;
			e->nupdates[side]++;
			continue;
		}
		struct keylog_secret *s = &e->s[lines[i].label];
		if (s->present && (s->len != lines[i].s.len || memcmp(s->v, lines[i].s.v, s->len) != 0)) {
			snprintf(err, errlen, "%s:%u: a second %s for this client random, different from line %u's; "
			         "expected one secret per label and connection", name, lines[i].s.line,
			         label_names[lines[i].label], s->line);
			goto fail;
		}
		if (!s->present)
			*s = lines[i].s;
	}
	if (lines)
		wipe(lines, n * sizeof(*lines));
	free(lines);
	k->name = xstrdup(name);
	return 0;
fail:
	if (lines)
		wipe(lines, n * sizeof(*lines));
	free(lines);
	keylog_free(k);
	return -1;
}

int keylog_read(struct keylog *k, const char *path, char *err, size_t errlen)
{
	struct buf text = { 0 };
	int rc = textfile_read(path, KEYLOG_FILE_MAX, "a key log (NSS format, as SSLKEYLOGFILE writes)", &text, err, errlen);
	if (rc == 0)
		rc = keylog_parse(k, path, (const char *)text.data, text.len, err, errlen);
	buf_free(&text);
	return rc;
}

static int by_random(const void *key, const void *e)
{
	return memcmp(key, ((const struct keylog_entry *)e)->client_random, 32);
}

const struct keylog_entry *keylog_find(const struct keylog *k, const uint8_t client_random[32])
{
	if (!k->n)
		return NULL;
	return bsearch(client_random, k->v, k->n, sizeof(*k->v), by_random);
}

int keylog_merge(struct keylog *into, const struct keylog *from, char *err, size_t errlen)
{
	struct keylog_entry *v = xcalloc(into->n + from->n + 1, sizeof(*v));
	size_t i = 0, j = 0, n = 0;
	while (i < into->n || j < from->n) {
		int c = i == into->n ? 1 : j == from->n ? -1 : memcmp(into->v[i].client_random, from->v[j].client_random, 32);
		if (c < 0) {
			v[n++] = into->v[i++];
		} else if (c > 0) {
			v[n++] = from->v[j++];
		} else {
			struct keylog_entry e = into->v[i];
			for (int l = 0; l < KEYLOG_LABELS; l++) {
				const struct keylog_secret *a = &e.s[l], *b = &from->v[j].s[l];
				if (a->present && b->present && (a->len != b->len || memcmp(a->v, b->v, a->len) != 0)) {
					snprintf(err, errlen, "%s:%u and %s:%u give different %s for one client random; expected "
					         "one secret per label and connection", into->name ? into->name : "?", a->line,
					         from->name ? from->name : "?", b->line, label_names[l]);
					wipe(v, (into->n + from->n + 1) * sizeof(*v));
					free(v);
					return -1;
				}
				if (!a->present)
					e.s[l] = *b;
			}
			for (int side = 0; side < 2; side++) {
				const struct keylog_entry *f = &from->v[j];
				unsigned na = e.nupdates[side], nb = f->nupdates[side];
				bool same = na == nb;
				for (unsigned u = 0; same && u < na && u < KEYLOG_MAX_UPDATES; u++)
					same = e.updates[side][u].len == f->updates[side][u].len &&
					       !memcmp(e.updates[side][u].v, f->updates[side][u].v, e.updates[side][u].len);
				if (na && nb && !same) {
					snprintf(err, errlen, "%s and %s give different %s secrets after a KeyUpdate for one client "
					         "random; expected the same key log", into->name ? into->name : "?",
					         from->name ? from->name : "?", side ? "SERVER_TRAFFIC_SECRET_N" : "CLIENT_TRAFFIC_SECRET_N");
					wipe(v, (into->n + from->n + 1) * sizeof(*v));
					free(v);
					return -1;
				}
				if (!na && nb) {
					memcpy(e.updates[side], f->updates[side], sizeof(e.updates[side]));
					e.nupdates[side] = nb;
				}
			}
			v[n++] = e;
			i++;
			j++;
		}
	}
	if (into->v)
		wipe(into->v, into->n * sizeof(*into->v));
	free(into->v);
	into->v = v;
	into->n = n;
	if (!into->name && from->name)
		into->name = xstrdup(from->name);
	return 0;
}
