/*
 * ui/pane_secrets.c — who holds which secret now. Where there is room (from
 * 100x30) a pane lists every secret known so far, once, with its holders and
 * whether tlsstep's own re-derivation agreed, and shows whole values: the
 * chosen secret's, else those that became known at this step. Below 100x30, a
 * one-line knowledge bar; the keys view (k) has every value and formula.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"
#include "util/hex.h"

size_t known_collect(const struct timeline *tl, size_t cur, struct known *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < cur && i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *s = &st->secrets[j];
			struct known *k = NULL;
			for (size_t m = 0; m < n && !k; m++)
				if (!strcmp(out[m].s->name, s->name) && out[m].s->value.len == s->value.len &&
				    !memcmp(out[m].s->value.data, s->value.data, s->value.len))
					k = &out[m];
			if (!k) {
				if (n == cap)
					continue;
				k = &out[n++];
				*k = (struct known){ s, 0, AGREE_UNCHECKED, st->index, st->connection };
			}
			k->holders |= s->holders;
			if (s->agrees == AGREE_NO || (s->agrees == AGREE_YES && k->agrees == AGREE_UNCHECKED))
				k->agrees = s->agrees;
		}
	}
	return n;
}

const char *known_holders(const struct timeline *tl, int connection, unsigned holders, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s%s%s%s%s", holders & HOLDER_CLIENT ? timeline_party(tl, connection, SIDE_CLIENT) : "",
	         holders & HOLDER_CLIENT && holders & (HOLDER_SERVER | HOLDER_WIRE) ? ", " : "",
	         holders & HOLDER_SERVER ? timeline_party(tl, connection, SIDE_SERVER) : "", holders & HOLDER_SERVER && holders & HOLDER_WIRE ? ", " : "",
	         holders & HOLDER_WIRE ? "wire" : "");
	if (holders & HOLDER_KEYLOG) /* a capture's: read from its key log */
		snprintf(buf + strlen(buf), cap - strlen(buf), "%skey log", buf[0] ? ", " : "");
	return buf;
}

const char *known_mark(const struct ui_view *v, enum agreement a)
{
	return a == AGREE_YES ? ui_glyph(v, "\u2713", "+") : a == AGREE_NO ? ui_glyph(v, "\u2717", "X") : "?";
}

static void holders_short(const struct timeline *tl, int connection, unsigned h, char *b)
{
	/* C, S, W, K; a man in the middle's attacker is A (the server of connection 1, the client of 2). */
	const char *c = timeline_party(tl, connection, SIDE_CLIENT), *s = timeline_party(tl, connection, SIDE_SERVER);
	snprintf(b, 8, "%s%s%s%s", h & HOLDER_CLIENT ? (*c == 'a' ? "A" : "C") : "", h & HOLDER_SERVER ? (*s == 'a' ? "A" : "S") : "",
	         h & HOLDER_WIRE ? "W" : "", h & HOLDER_KEYLOG ? "K" : "");
}

enum { MAX_KNOWN = 96 };

/* The value of k whole in chunks (after "name = " when labelled), from row y, at most rows; returns rows used. */
static int value_rows(struct ui_view *v, const struct known *k, int y, int x, int w, int rows, bool labelled)
{
	char *hx = hex_string(k->s->value.data, k->s->value.len, '\0');
	if (!hx)
		return 0;
	char label[96] = "";
	if (labelled)
		snprintf(label, sizeof(label), "%s = ", k->s->name);
	int lw = text_cols(label);
	struct text_line ln[64];
	int n = text_chunks(hx, w - lw, ln, 64), used = 0;
	if (lw)
		ui_put(v, y, x, lw, label);
	for (int i = 0; i < n && i < 64 && used < rows; i++, used++) {
		char b[300];
		/* the last row there is room for: the rest, cut with an ellipsis */
		snprintf(b, sizeof(b), "%.*s", used + 1 == rows && i + 1 < n ? (int)strlen(ln[i].p) : (int)ln[i].len, ln[i].p);
		ui_put(v, y + used, x + lw, w - lw, b);
	}
	free(hx);
	return used;
}

/* The secrets whose values are shown: the chosen one, else those new at this step, else the newest. */
static size_t focus_set(const struct ui_view *v, const struct known *k, size_t n, size_t *out)
{
	size_t m = 0;
	if (v->sec_sel >= 0 && (size_t)v->sec_sel < n) {
		out[m++] = (size_t)v->sec_sel;
		return m;
	}
	for (size_t i = 0; i < n; i++)
		if ((size_t)k[i].step == v->cur)
			out[m++] = i;
	if (!m && n)
		out[m++] = n - 1;
	return m;
}

void pane_secrets_draw(struct ui_view *v, const struct rect *r, bool side)
{
	char why[40], head[300];
	bool focus = v->focus == FOCUS_SECRETS && v->overlay == OV_NONE;
	int hy = side ? r->y : r->y - 1; /* the band's heading sits on the rule above it */
	struct rect body = side ? (struct rect){ r->y + 1, r->x + 1, r->h - 1, r->w - 2 } : (struct rect){ r->y, r->x + 1, r->h, r->w - 2 };
	if (view_hidden(v, PANE_KNOWLEDGE, why, sizeof(why))) {
		snprintf(head, sizeof(head), " Secrets: hidden by the lesson %s ", why);
		ui_put(v, hy, r->x + 1, r->w - 2, head);
		return;
	}
	struct known k[MAX_KNOWN];
	size_t n = known_collect(v->tl, v->cur, k, MAX_KNOWN);
	if (v->sec_sel >= (int)n)
		v->sec_sel = n ? (int)n - 1 : -1;
	const char *legend = timeline_mitm(v->tl) ? "C client A attacker S server W wire"
	                     : v->tl->capture.file ? "C client S server W wire K key log" : "C client S server W wire";
	snprintf(head, sizeof(head), " Secrets after step %zu %s %s verified by tlsstep %s %s %s k formulas ",
	         v->cur, ui_glyph(v, "\u00b7", "|"), known_mark(v, AGREE_YES), ui_glyph(v, "\u00b7", "|"), legend,
	         ui_glyph(v, "\u00b7", "|"));
	attron(A_BOLD | (focus ? A_REVERSE : 0));
	ui_put(v, hy, r->x + 1, r->w - 2, head);
	attroff(A_BOLD | A_REVERSE);
	if (!n) {
		ui_put(v, body.y, body.x, body.w, "None yet: no message has crossed.");
		return;
	}
	size_t fs[MAX_KNOWN];
	size_t nf = focus_set(v, k, n, fs);
	if (side) {
		/* A column: every secret on its row, the focus set's values whole under them. */
		int y = body.y, end = body.y + body.h;
		for (size_t i = 0; i < n && y < end; i++) {
			bool show = false;
			for (size_t j = 0; j < nf; j++)
				show |= fs[j] == i;
			char hb[40], line[200];
			snprintf(line, sizeof(line), "%s %s %s %s %s step %d", known_mark(v, k[i].agrees), k[i].s->name,
			         ui_glyph(v, "\u00b7", "|"), known_holders(v->tl, k[i].connection, k[i].holders, hb, sizeof(hb)), ui_glyph(v, "\u00b7", "|"),
			         k[i].step);
			bool chosen = (int)i == v->sec_sel;
			if (chosen)
				attron(A_REVERSE);
			ui_attr(v, k[i].agrees == AGREE_NO ? C_BAD : 0, true);
			if (i + 1 < n && y + 1 == end) {
				char more[64];
				snprintf(more, sizeof(more), "%s %zu more: Tab, then Down, or k", ui_glyph(v, "\u2026", "..."), n - i);
				ui_put(v, y++, body.x, body.w, more);
			} else {
				ui_put(v, y++, body.x, body.w, line);
			}
			ui_attr(v, k[i].agrees == AGREE_NO ? C_BAD : 0, false);
			attroff(A_REVERSE);
			if (show && y < end)
				y += value_rows(v, &k[i], y, body.x + 2, body.w - 2, end - y - (i + 1 < n), false);
		}
		return;
	}
	/* A band: the list flowing over at most two rows, then the focus set's values. */
	int list_rows = body.h >= 8 ? 3 : 2, y = body.y, x = 0;
	for (size_t i = 0; i < n; i++) {
		char hb[8], e[120];
		holders_short(v->tl, k[i].connection, k[i].holders, hb);
		snprintf(e, sizeof(e), "%s %s %s", known_mark(v, k[i].agrees), k[i].s->name, hb);
		int ew = text_cols(e) + 2;
		bool last_row = y == body.y + list_rows - 1;
		/* on the last row, room is kept for the count of what does not fit */
		int need = ew + (last_row && i + 1 < n ? 16 : 0);
		if (x + need > body.w) {
			if (last_row) {
				char more[48];
				snprintf(more, sizeof(more), "%s +%zu more (k)", ui_glyph(v, "\u2026", "..."), n - i);
				ui_put(v, y, body.x + x, body.w - x, more);
				break;
			}
			y++;
			x = 0;
		}
		bool chosen = (int)i == v->sec_sel;
		if (chosen)
			attron(A_REVERSE);
		ui_attr(v, k[i].agrees == AGREE_NO ? C_BAD : 0, true);
		ui_put(v, y, body.x + x, ew - 2, e);
		ui_attr(v, k[i].agrees == AGREE_NO ? C_BAD : 0, false);
		attroff(A_REVERSE);
		x += ew;
	}
	y = (y > body.y + list_rows - 1 ? body.y + list_rows - 1 : y) + 1;
	int end = body.y + body.h;
	for (size_t j = 0; j < nf && y < end; j++)
		y += value_rows(v, &k[fs[j]], y, body.x, body.w, end - y, true);
	/* Rows to spare: the values known before, newest first, each only where it fits whole. */
	for (size_t i = n; i-- > 0 && y < end && v->sec_sel < 0;) {
		bool shown = false;
		for (size_t j = 0; j < nf; j++)
			shown |= fs[j] == i;
		int lw = text_cols(k[i].s->name) + 3, need = (int)((k[i].s->value.len * 2 + (size_t)((body.w - lw) & ~1) - 1) /
		                                                   (size_t)((body.w - lw) & ~1));
		if (!shown && need <= end - y)
			y += value_rows(v, &k[i], y, body.x, body.w, end - y, true);
	}
}

static bool has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static const char *abbrev(const char *name)
{
	static const struct {
		const char *name, *ab;
	} a[] = {
		{ "client_random", "CR" },       { "server_random", "SR" },        { "premaster_secret", "PMS" },
		{ "master_secret", "MS" },       { "shared_secret", "DHE" },       { "client_write_key", "keys" },
		{ "client_verify_data", "FIN" }, { "handshake_secret", "HS" },     { "client_handshake_traffic_secret", "hs-traffic" },
		{ "client_application_traffic_secret_0", "ap-traffic" },
	};
	for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		if (!strcmp(a[i].name, name))
			return a[i].ab;
	return NULL;
}

/* "on the wire: CR SR | client: CR SR PMS MS keys | server: ... | k: keys" after step cur. */
void pane_know_draw(struct ui_view *v, const struct rect *r)
{
	char why[40];
	if (view_hidden(v, PANE_KNOWLEDGE, why, sizeof(why))) {
		char msg[120];
		snprintf(msg, sizeof(msg), "who knows what: hidden by the lesson %s", why);
		ui_put(v, r->y, r->x + 1, r->w - 2, msg);
		return;
	}
	/* Lines: client, server, wire, a capture's key log, and a man in the middle's attacker (who
	 * holds both connections'). */
	char line[5][160] = { "", "", "", "", "" };
	static const unsigned bits[4] = { HOLDER_CLIENT, HOLDER_SERVER, HOLDER_WIRE, HOLDER_KEYLOG };
	for (int h = 0; h < 4; h++)
		for (size_t i = 0; i < v->cur; i++) {
			const struct step *st = &v->tl->steps[i];
			int at = h < 2 && !strcmp(timeline_party(v->tl, st->connection, (enum side)h), "attacker") ? 4 : h;
			for (size_t j = 0; j < st->nsecrets; j++) {
				const char *ab = abbrev(st->secrets[j].name);
				if (!ab || !(st->secrets[j].holders & bits[h]) || has_word(line[at], ab))
					continue;
				size_t len = strlen(line[at]);
				snprintf(line[at] + len, sizeof(line[at]) - len, "%s%s", len ? " " : "", ab);
			}
		}
	char all[700];
	/* The eavesdropper first: what the wire shows is the point of the line, and it is short. */
	if (timeline_mitm(v->tl))
		snprintf(all, sizeof(all), "on the wire: %s | client: %s | attacker: %s | server: %s | k: keys",
		         line[2][0] ? line[2] : "-", line[0][0] ? line[0] : "-", line[4][0] ? line[4] : "-",
		         line[1][0] ? line[1] : "-");
	else if (v->tl->capture.file) /* a capture: the ends told tlsstep nothing; the key log did */
		snprintf(all, sizeof(all), "on the wire: %s | key log: %s | k: keys", line[2][0] ? line[2] : "-",
		         line[3][0] ? line[3] : "-");
	else
		snprintf(all, sizeof(all), "on the wire: %s | client: %s | server: %s | k: keys", line[2][0] ? line[2] : "-",
		         line[0][0] ? line[0] : "-", line[1][0] ? line[1] : "-");
	ui_put(v, r->y, r->x + 1, r->w - 2, all);
}
