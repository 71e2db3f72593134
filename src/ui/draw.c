/*
 * ui/draw.c — one frame from the view: title, ladder, field tree, hex, narration,
 * who-knows-what, key hints, and the overlays. Everything is drawn into curses'
 * off-screen buffer and reaches the terminal in one refresh (ui.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "ui/view.h"
#include "util/hex.h"
#include "wire/names.h"

enum { C_TITLE = 1, C_PHASE, C_CLIENT, C_SERVER, C_SEL, C_HI, C_OK, C_BAD, C_DIM };

#define MIN_W 80
#define MIN_H 24

static void attr(const struct ui_view *v, int pair, bool on)
{
	if (v->color && pair) {
		if (on)
			attron(COLOR_PAIR(pair));
		else
			attroff(COLOR_PAIR(pair));
	}
}

/* Prints at most w columns of s at (y, x). */
static void put(int y, int x, int w, const char *s)
{
	if (w <= 0)
		return;
	mvaddnstr(y, x, s, w);
}

static void hline_at(const struct ui_view *v, int y, int x, int w)
{
	(void)v;
	mvhline(y, x, ACS_HLINE, w);
}

size_t view_visible(const struct ui_view *v, int *out, size_t cap)
{
	const struct fields *fs = &v->tl->steps[v->cur - 1].fields;
	size_t n = 0;
	/* Depth-first over the tree, into expanded fields only. */
	int stack[64];
	int sp = 0;
	for (int i = fields_first(fs, FIELD_NONE); i != FIELD_NONE && n < cap;) {
		out[n++] = i;
		if (fs->v[i].first_child != FIELD_NONE && (size_t)i < v->nopen && v->open[i] && sp < 64) {
			stack[sp++] = i;
			i = fs->v[i].first_child;
			continue;
		}
		while (i != FIELD_NONE && fs->v[i].next_sibling == FIELD_NONE && sp > 0)
			i = stack[--sp];
		i = i == FIELD_NONE ? FIELD_NONE : fs->v[i].next_sibling;
	}
	return n;
}

void view_reset_fields(struct ui_view *v)
{
	free(v->open);
	v->open = NULL;
	v->nopen = 0;
	v->sel = 0;
	v->narr_top = 0;
	if (!v->cur)
		return;
	const struct fields *fs = &v->tl->steps[v->cur - 1].fields;
	v->nopen = fs->n;
	v->open = calloc(fs->n ? fs->n : 1, sizeof(bool));
	/* Top-level groups start open, so the first look shows the message's parts. */
	for (size_t i = 0; i < fs->n; i++)
		v->open[i] = fs->v[i].parent == FIELD_NONE && strcmp(fs->v[i].name, "handshake_header") != 0;
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

/* Whether the space-separated list holds word w. */
static bool has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* "client: CR SR PMS MS keys   server: ...   wire: CR SR" for what is known after step cur. */
bool view_hidden(const struct ui_view *v, unsigned pane, char *why, size_t cap)
{
	const struct lesson *l = &v->sc->lesson;
	if (!l->title || !(l->hide & pane) || v->tampered)
		return false;
	const struct step *st = v->cur ? &v->tl->steps[v->cur - 1] : NULL;
	bool reached = l->hide_step ? v->cur >= (size_t)l->hide_step
	                            : st && (st->phase >= l->hide_phase || st->connection > 1);
	if (!reached && why)
		snprintf(why, cap, "until %s %d", l->hide_step ? "step" : "phase", l->hide_step ? l->hide_step : l->hide_phase);
	return !reached;
}

static void knowledge(const struct ui_view *v, int y, int w)
{
	char why[40];
	if (view_hidden(v, PANE_KNOWLEDGE, why, sizeof(why))) {
		char msg[120];
		snprintf(msg, sizeof(msg), " who knows what: hidden by the lesson %s", why);
		put(y, 0, w, msg);
		return;
	}
	char line[3][160] = { "", "", "" };
	static const unsigned bits[3] = { HOLDER_CLIENT, HOLDER_SERVER, HOLDER_WIRE };
	for (int h = 0; h < 3; h++) {
		for (size_t i = 0; i < v->cur; i++) {
			const struct step *st = &v->tl->steps[i];
			for (size_t j = 0; j < st->nsecrets; j++) {
				const char *ab = abbrev(st->secrets[j].name);
				if (!ab || !(st->secrets[j].holders & bits[h]) || has_word(line[h], ab))
					continue;
				size_t n = strlen(line[h]);
				snprintf(line[h] + n, sizeof(line[h]) - n, "%s%s", n ? " " : "", ab);
			}
		}
	}
	/* The eavesdropper first: what the wire shows is the point of the line, and it is short. */
	char all[600];
	snprintf(all, sizeof(all), " on the wire: %s | client: %s | server: %s | k: keys", line[2][0] ? line[2] : "-",
	         line[0][0] ? line[0] : "-", line[1][0] ? line[1] : "-");
	put(y, 0, w, all);
}

static void ladder(struct ui_view *v, int y0, int h, int w)
{
	const char *ra = v->utf8 ? "\u2500\u2500\u25b6" : "-->", *la = v->utf8 ? "\u25c0\u2500\u2500" : "<--";
	/* Rows: a phase heading whenever the phase (or connection) changes, then the step. */
	size_t rows = 0, cur_row = 0;
	size_t cap = 2 * v->tl->nsteps + 4;
	free(v->ladder_step);
	v->ladder_step = calloc(cap, sizeof(size_t));
	int phase = 0, conn = 1;
	for (size_t i = 0; i < v->cur; i++) {
		const struct step *st = &v->tl->steps[i];
		if (st->phase != phase || st->connection != conn) {
			phase = st->phase;
			conn = st->connection;
			v->ladder_step[rows++] = 0;
		}
		if (i + 1 == v->cur)
			cur_row = rows;
		v->ladder_step[rows++] = i + 1;
	}
	if (cur_row < (size_t)v->ladder_top)
		v->ladder_top = (int)cur_row;
	if (cur_row >= (size_t)v->ladder_top + (size_t)h)
		v->ladder_top = (int)(cur_row - (size_t)h + 1);
	v->ladder_y = y0;
	v->ladder_rows = h;
	attr(v, C_TITLE, true);
	put(y0 - 1, 1, w - 1, "CLIENT");
	mvaddstr(y0 - 1, w - 7, "SERVER");
	attr(v, C_TITLE, false);
	if (!v->cur)
		put(y0 + 1, 2, w - 3, "Space: the first message");
	phase = 0;
	for (int r = 0; r < h && (size_t)(v->ladder_top + r) < rows; r++) {
		size_t k = v->ladder_step[v->ladder_top + r];
		int y = y0 + r;
		if (!k) {
			/* a heading: the phase of the step that follows */
			const struct step *nx = &v->tl->steps[v->ladder_step[v->ladder_top + r + 1] - 1];
			char head[96];
			snprintf(head, sizeof(head), "%s%d %s ", nx->connection > 1 ? "2/" : "", nx->phase,
			         timeline_phase_name(nx->phase));
			attr(v, C_PHASE, true);
			hline_at(v, y, 0, w);
			put(y, 2, w - 3, head);
			attr(v, C_PHASE, false);
			continue;
		}
		const struct step *st = &v->tl->steps[k - 1];
		char text[96];
		int len;
		bool mine = k == v->cur;
		if (mine)
			attron(A_REVERSE);
		bool alert = st->type == STEP_ALERT && !(st->alert_desc == 0 && st->alert_level == 1);
		int pair = alert ? C_BAD : st->from == SIDE_CLIENT ? C_CLIENT : C_SERVER;
		attr(v, pair, true);
		if (st->from == SIDE_CLIENT) {
			len = snprintf(text, sizeof(text), "%s%s ", st->message, st->encrypted ? " *" : "");
			put(y, 2, w - 3, text);
			int x = 2 + len;
			for (; x < w - 4; x++)
				mvaddch(y, x, v->utf8 ? ACS_HLINE : '-');
			mvaddstr(y, w - 4, v->utf8 ? "\u25b6" : ">");
		} else {
			len = snprintf(text, sizeof(text), " %s%s", st->message, st->encrypted ? " *" : "");
			mvaddstr(y, 2, v->utf8 ? "\u25c0" : "<");
			int x = 3;
			for (; x < w - 2 - len; x++)
				mvaddch(y, x, v->utf8 ? ACS_HLINE : '-');
			put(y, w - 2 - len, len + 1, text);
		}
		attr(v, pair, false);
		if (mine) {
			attroff(A_REVERSE);
			mvaddstr(y, 0, v->utf8 ? "\u25b6" : ">");
		}
	}
	(void)ra;
	(void)la;
}

static void fields_pane(struct ui_view *v, int y0, int x0, int h, int w)
{
	if (!v->cur)
		return;
	const struct step *st = &v->tl->steps[v->cur - 1];
	char head[200];
	snprintf(head, sizeof(head), "%s  %s \u2192 %s  Phase %d%s", st->message, side_name(st->from),
	         side_name(side_peer(st->from)), st->phase, st->encrypted ? "  (encrypted: shown decrypted)" : "");
	if (!v->utf8)
		snprintf(head, sizeof(head), "%s  %s -> %s  Phase %d%s", st->message, side_name(st->from),
		         side_name(side_peer(st->from)), st->phase, st->encrypted ? "  (encrypted: shown decrypted)" : "");
	attron(A_BOLD);
	put(y0, x0, w, head);
	attroff(A_BOLD);
	int vis[512];
	size_t n = view_visible(v, vis, 512);
	if (v->sel >= (int)n)
		v->sel = n ? (int)n - 1 : 0;
	int rows = h - 2, top = v->sel >= rows ? v->sel - rows + 1 : 0;
	const struct fields *fs = &st->fields;
	for (int r = 0; r < rows && (size_t)(top + r) < n; r++) {
		const struct field *f = &fs->v[vis[top + r]];
		int depth = fields_depth(fs, vis[top + r]);
		char line[300];
		const char *mark = f->first_child == FIELD_NONE ? " " : ((size_t)vis[top + r] < v->nopen && v->open[vis[top + r]])
		                                                         ? (v->utf8 ? "\u25be" : "v") : (v->utf8 ? "\u25b8" : ">");
		snprintf(line, sizeof(line), "%*s%s %-*s %s", depth * 2, "", mark, 22 - depth * 2 > 4 ? 22 - depth * 2 : 4,
		         f->name, f->value);
		bool sel = top + r == v->sel;
		if (sel)
			attron(v->focus == FOCUS_FIELDS ? A_REVERSE : A_BOLD);
		put(y0 + 1 + r, x0, w, line);
		if (sel)
			attroff(v->focus == FOCUS_FIELDS ? A_REVERSE : A_BOLD);
	}
	if (n) {
		const struct field *f = &fs->v[vis[v->sel]];
		char ex[300];
		snprintf(ex, sizeof(ex), "%s: %s  [bytes %zu..%zu]", f->name, f->explain, f->offset,
		         f->length ? f->offset + f->length - 1 : f->offset);
		attr(v, C_DIM, true);
		put(y0 + h - 1, x0, w, ex);
		attr(v, C_DIM, false);
	}
}

static void hex_pane(struct ui_view *v, int y0, int x0, int h, int w)
{
	if (!v->cur)
		return;
	const struct step *st = &v->tl->steps[v->cur - 1];
	const struct buf *b = v->show_record || !st->have_plain ? &st->record : &st->plain;
	size_t lo = 0, hi = 0;
	int vis[512];
	size_t n = view_visible(v, vis, 512);
	if (!v->show_record && n) {
		const struct field *f = &st->fields.v[vis[v->sel]];
		lo = f->offset;
		hi = f->offset + f->length;
	}
	char head[120];
	snprintf(head, sizeof(head), "%s, %zu bytes (x: %s)", v->show_record ? "the record(s) as they crossed the pipe"
	                                                                       : "the message",
	         b->len, v->show_record ? "the message" : "the record bytes");
	attr(v, C_DIM, true);
	put(y0, x0, w, head);
	attr(v, C_DIM, false);
	size_t per = w >= 76 ? 16 : 8;
	size_t first_line = lo / per > (size_t)(h - 2) / 2 ? lo / per - (size_t)(h - 2) / 2 : 0;
	for (int r = 0; r < h - 1; r++) {
		size_t off = (first_line + (size_t)r) * per;
		if (off >= b->len)
			break;
		char lbl[24];
		snprintf(lbl, sizeof(lbl), "%04zx ", off);
		put(y0 + 1 + r, x0, w, lbl);
		for (size_t k = 0; k < per && off + k < b->len; k++) {
			bool in = off + k >= lo && off + k < hi;
			if (in)
				attr(v, C_HI, true), attron(A_REVERSE);
			char hx[4];
			snprintf(hx, sizeof(hx), "%02x", b->data[off + k]);
			if (x0 + 5 + (int)k * 3 + 2 <= x0 + w)
				mvaddstr(y0 + 1 + r, x0 + 5 + (int)k * 3, hx);
			int ax = x0 + 5 + (int)per * 3 + 1 + (int)k;
			if (ax < x0 + w) {
				uint8_t c = b->data[off + k];
				mvaddch(y0 + 1 + r, ax, c >= 0x20 && c < 0x7f ? c : '.');
			}
			if (in)
				attroff(A_REVERSE), attr(v, C_HI, false);
		}
	}
}

/*
 * Word-wraps text into w columns and draws lines [skip, skip + h) of it at y0;
 * returns how many lines it drew (with draw false: how many it would).
 */
static int wrap_lines(int y0, int x0, int skip, int h, int w, const char *text, bool draw)
{
	int y = 0, line = 0;
	const char *p = text;
	while (*p && y < h) {
		int take = (int)strlen(p);
		if (take > w) {
			take = w;
			while (take > 0 && p[take] != ' ')
				take--;
			if (take == 0)
				take = w;
		}
		if (line++ >= skip) {
			if (draw)
				mvaddnstr(y0 + y, x0, p, take);
			y++;
		}
		p += take;
		while (*p == ' ')
			p++;
	}
	return y;
}

/* Word-wraps text into the rectangle (draw false: only counts); returns the rows used. */
static int wrap_draw(int y0, int x0, int h, int w, const char *text, bool draw)
{
	return wrap_lines(y0, x0, 0, h, w, text, draw);
}

static int wrap(int y0, int x0, int h, int w, const char *text)
{
	return wrap_draw(y0, x0, h, w, text, true);
}

static void overlay_box(const struct ui_view *v, int *y0, int *x0, int *h, int *w, const char *title)
{
	int H = LINES, W = COLS;
	/* Full width: a box narrower than the screen would cut wide characters under its edges. */
	*h = H - 2;
	*w = W;
	*y0 = 1;
	*x0 = 0;
	for (int y = *y0; y < *y0 + *h; y++)
		mvhline(y, *x0, ' ', *w);
	attron(A_BOLD);
	mvhline(*y0, *x0, ACS_HLINE, *w);
	mvhline(*y0 + *h - 1, *x0, ACS_HLINE, *w);
	mvvline(*y0, *x0, ACS_VLINE, *h);
	mvvline(*y0, *x0 + *w - 1, ACS_VLINE, *h);
	mvaddch(*y0, *x0, ACS_ULCORNER);
	mvaddch(*y0, *x0 + *w - 1, ACS_URCORNER);
	mvaddch(*y0 + *h - 1, *x0, ACS_LLCORNER);
	mvaddch(*y0 + *h - 1, *x0 + *w - 1, ACS_LRCORNER);
	mvprintw(*y0, *x0 + 2, " %s ", title);
	attroff(A_BOLD);
	(void)v;
}

static void keys_overlay(struct ui_view *v)
{
	int y0, x0, h, w;
	overlay_box(v, &y0, &x0, &h, &w, "Keys and proofs known after this step (Up/Down scroll, Esc closes)");
	/* Two rows a secret: its value, then how it is derived (with its inputs) and the check. */
	char line[800];
	int row = 0, first = y0 + 2, last = y0 + h - 3;
	const struct step *hs = NULL; /* the latest handshake message so far carries the running hash */
	for (size_t i = v->cur; i-- > 0 && !hs;)
		if (v->tl->steps[i].transcript_hash_len)
			hs = &v->tl->steps[i];
	if (hs) {
		const struct step *st = hs;
		char *hx = hex_string(st->transcript_hash, st->transcript_hash_len, '\0');
		snprintf(line, sizeof(line), "transcript hash after step %d, %s (%s): %s", st->index, st->message,
		         st->transcript_hash_md, hx);
		free(hx);
		put(y0 + 1, x0 + 2, w - 4, line);
	}
	if (v->ov_top < 0)
		v->ov_top = 0;
	for (size_t i = 0; i < v->cur; i++) {
		const struct step *st = &v->tl->steps[i];
		for (size_t j = 0; j < st->nsecrets; j++, row += 2) {
			int y = first + row - 2 * v->ov_top;
			if (y < first || y > last)
				continue;
			const struct secret *s = &st->secrets[j];
			char *hx = hex_string(s->value.data, s->value.len, '\0');
			const char *m = s->agrees == AGREE_YES ? (v->utf8 ? "\u2713" : "ok") : s->agrees == AGREE_NO ? "X" : "?";
			snprintf(line, sizeof(line), "%-2s %-36s step %-2d %s%s%s %s", m, s->name, st->index,
			         s->holders & HOLDER_CLIENT ? "C" : "-", s->holders & HOLDER_SERVER ? "S" : "-",
			         s->holders & HOLDER_WIRE ? "W" : "-", hx);
			free(hx);
			int pair = s->agrees == AGREE_YES ? C_OK : s->agrees == AGREE_NO ? C_BAD : 0;
			attr(v, pair, true);
			put(y, x0 + 2, w - 4, line);
			attr(v, pair, false);
			if (y + 1 <= last) {
				snprintf(line, sizeof(line), "     = %s%s%s", s->derived_as ? s->derived_as : "fresh: drawn at random",
				         s->check_note ? "  -- " : "", s->check_note ? s->check_note : "");
				attr(v, C_DIM, true);
				put(y + 1, x0 + 2, w - 4, line);
				attr(v, C_DIM, false);
			}
		}
	}
	if (row == 0)
		put(first, x0 + 2, w - 4, "Nothing is known yet: no message has crossed.");
	if (v->ov_top > row / 2)
		v->ov_top = row / 2;
	attr(v, C_DIM, true);
	put(y0 + h - 2, x0 + 2, w - 4, v->utf8 ? "\u2713 re-derived by tlsstep and identical; who holds it: C client, S server, "
	                                        "W the wire; --batch --formulas prints every formula whole"
	                                      : "ok: re-derived by tlsstep and identical; who holds it: C client, S server, "
	                                        "W the wire; --batch --formulas prints every formula whole");
	attr(v, C_DIM, false);
}

static void help_overlay(struct ui_view *v)
{
	int y0, x0, h, w;
	overlay_box(v, &y0, &x0, &h, &w, "Keys (Esc closes)");
	static const char *const lines[] = {
		"Space, Right, n    next step            Left, b, p    previous step",
		"Home, End          first, last step     Tab           ladder / fields",
		"Up, Down           move in the fields   Enter         open or close a field",
		"x                  message bytes / record bytes as they crossed the pipe",
		"PgDn, PgUp         scroll the narration when it is longer than its rows",
		"k                  keys and proofs: every secret so far, who holds it, verified or not",
		"e                  the eavesdropper: what stealing the server's key later reveals",
		"f                  flip a bit of the next message and re-run (b at that step: undo)",
		"s                  pick another scenario        ?   this help        q   quit",
		"Mouse              click a message in the ladder to go to it",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && (int)i < h - 2; i++)
		put(y0 + 1 + (int)i, x0 + 2, w - 4, lines[i]);
}

static void eaves_overlay(struct ui_view *v)
{
	int y0, x0, h, w;
	overlay_box(v, &y0, &x0, &h, &w, "The eavesdropper (Esc closes)");
	wrap(y0 + 1, x0 + 2, 3, w - 4,
	     "On the wire an eavesdropper sees the hellos, both randoms, the certificates (TLS 1.2), the key exchange "
	     "public values, and the length of every encrypted record.");
	const char *e = v->tl->outcome.eavesdrop ? v->tl->outcome.eavesdrop : "No connection got far enough.";
	wrap(y0 + 5, x0 + 2, h - 7, w - 4, e);
}

/* A lesson's checkpoint: the question before its step, the answer after a pick. */
static void ask_overlay(struct ui_view *v)
{
	const struct lesson_step *ls = &v->sc->lesson.steps[v->ask_step];
	int y0, x0, h, w;
	overlay_box(v, &y0, &x0, &h, &w,
	            v->ask_pick ? "Checkpoint (Space shows the step)" : "Checkpoint (press the number of your answer; Esc skips)");
	int y = y0 + 1, bottom = y0 + h - 1;
	attron(A_BOLD);
	y += wrap(y, x0 + 2, bottom - y, w - 4, ls->ask) + 1;
	attroff(A_BOLD);
	for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i] && y < bottom; i++) {
		char line[600];
		bool right = i + 1 == ls->answer, picked = i + 1 == v->ask_pick;
		snprintf(line, sizeof(line), "%s%d) %s", v->ask_pick && right ? "* " : v->ask_pick && picked ? "x " : "  ",
		         i + 1, ls->choices[i]);
		if (v->ask_pick && right)
			attr(v, C_OK, true);
		else if (picked)
			attr(v, C_BAD, true);
		y += wrap(y, x0 + 2, bottom - y, w - 4, line);
		attr(v, C_OK, false);
		attr(v, C_BAD, false);
	}
	if (!v->ask_pick || y + 1 >= bottom)
		return;
	y++;
	attron(A_BOLD);
	y += wrap(y, x0 + 2, bottom - y, w - 4,
	          v->ask_pick == ls->answer ? "Right." : "Not quite: the marked answer is the right one.");
	attroff(A_BOLD);
	if (ls->explain && y < bottom)
		wrap(y, x0 + 2, bottom - y, w - 4, ls->explain);
}

static void menu_overlay(struct ui_view *v)
{
	int y0, x0, h, w;
	overlay_box(v, &y0, &x0, &h, &w, "Lessons and scenarios (Enter runs, Esc closes)");
	int rows = h - 2, top = v->menu_sel >= rows ? v->menu_sel - rows + 1 : 0;
	for (int r = 0; r < rows && (size_t)(top + r) < v->nmenu; r++) {
		if (top + r == v->menu_sel)
			attron(A_REVERSE);
		char line[400];
		size_t i = (size_t)(top + r);
		bool done = v->menu_done && v->menu_done[i];
		const char *title = v->menu_title && v->menu_title[i] ? v->menu_title[i] : "";
		/* "✓ 01-four-phases           finished: The four phases" (the word first: titles are long) */
		snprintf(line, sizeof(line), "%s %-24s %s%s", done ? (v->utf8 ? "\u2713" : "*") : " ", v->menu[i],
		         done ? "finished: " : "", title);
		put(y0 + 1 + r, x0 + 2, w - 4, line);
		if (top + r == v->menu_sel)
			attroff(A_REVERSE);
	}
}

void view_draw(struct ui_view *v)
{
	int H = LINES, W = COLS;
	erase();
	if (W < MIN_W || H < MIN_H) {
		char msg[120];
		snprintf(msg, sizeof(msg), "tlsstep needs a terminal of at least %dx%d; this one is %dx%d.", MIN_W, MIN_H, W,
		         H);
		wrap(0, 0, H, W, msg);
		return;
	}
	/* Title: scenario, version and suite once chosen, step n/N. */
	char title[400];
	const struct step *st = v->cur ? &v->tl->steps[v->cur - 1] : NULL;
	char name[200];
	if (v->sc->lesson.title && v->sc->name[0] >= '0' && v->sc->name[0] <= '9')
		snprintf(name, sizeof(name), "Lesson %d \u00b7 %s", atoi(v->sc->name), v->sc->lesson.title);
	else if (v->sc->lesson.title)
		snprintf(name, sizeof(name), "%s", v->sc->lesson.title);
	else
		snprintf(name, sizeof(name), "%s", v->sc->name);
	snprintf(title, sizeof(title), " tlsstep \u00b7 %s \u00b7 step %zu/%zu%s \u00b7 %s \u00b7 %s ", name, v->cur,
	         v->tl->nsteps, v->tampered ? " \u00b7 FAULT INJECTED" : "",
	         v->tl->tls_version == 0x0304 ? "TLS 1.3" : v->tl->tls_version ? "TLS 1.2" : "no version agreed",
	         v->tl->suite_name[0] ? v->tl->suite_name : "no suite yet");
	if (!v->utf8)
		for (char *p = title; *p; p++)
			if ((unsigned char)*p >= 0x80)
				*p = ' ';
	attr(v, C_TITLE, true);
	attron(A_BOLD);
	mvhline(0, 0, ' ', W);
	put(0, 0, W, title);
	attroff(A_BOLD);
	attr(v, C_TITLE, false);
	/* Layout: ladder left, fields and hex right, narration, knowledge, hints. */
	/* Rows: title; main area; rule; narration; rule; who knows what; key hints. */
	const struct lesson *les = &v->sc->lesson;
	const char *narr = st ? explain_narration(v->tl, st)
	                 : les->title && les->intro
	                       ? les->intro
	                       : "Two real mbed TLS ends, joined by a memory pipe, are about to shake hands. Press Space "
	                         "to let the first message cross; every byte shown is a byte that crossed.";
	if (st && v->cur == v->tl->nsteps) {
		/* The outcome first: it is short, and what the last step is about. */
		static char end[2400];
		snprintf(end, sizeof(end), "End of the run: %s.  %s%s%s", v->tl->outcome.summary, narr,
		         les->title && les->summary ? "  In short: " : "", les->title && les->summary ? les->summary : "");
		narr = end;
	}
	if (st && st->fault_note) {
		static char fn[2600];
		snprintf(fn, sizeof(fn), "! %s. %s", st->fault_note, narr);
		narr = fn;
	}
	/* The narration takes the rows it needs (a lesson speaks at length), up to a
	 * third of the screen; the panes above keep the rest. */
	int narr_h = H >= 40 ? 5 : 4, need = wrap_draw(0, 0, H / 3, W - 2, narr, false);
	if (need > narr_h)
		narr_h = need;
	int main_h = H - 5 - narr_h;
	int lw = W * 2 / 5 < 36 ? 36 : W * 2 / 5;
	int rw = W - lw - 1;
	int fields_h = main_h * 3 / 5, hex_h = main_h - fields_h - 1;
	ladder(v, 2, main_h - 1, lw);
	mvvline(1, lw, ACS_VLINE, main_h);
	fields_pane(v, 1, lw + 2, fields_h, rw - 2);
	mvhline(1 + fields_h, lw + 1, ACS_HLINE, rw);
	char why[40];
	if (view_hidden(v, PANE_HEX, why, sizeof(why))) {
		char msg[120];
		snprintf(msg, sizeof(msg), "the bytes: hidden by the lesson %s", why);
		put(2 + fields_h, lw + 2, rw - 2, msg);
	} else {
		hex_pane(v, 2 + fields_h, lw + 2, hex_h, rw - 2);
	}
	mvhline(1 + main_h, 0, ACS_HLINE, W);
	/* Narration longer than its rows scrolls with PgUp/PgDn, and the rule below says so. */
	int total = wrap_draw(0, 0, 1 << 20, W - 2, narr, false);
	if (v->narr_top > total - narr_h)
		v->narr_top = total - narr_h > 0 ? total - narr_h : 0;
	wrap_lines(2 + main_h, 1, v->narr_top, narr_h, W - 2, narr, true);
	mvhline(2 + main_h + narr_h, 0, ACS_HLINE, W);
	if (total > narr_h) {
		char more[64];
		snprintf(more, sizeof(more), " %s lines %d-%d of %d ",
		         v->narr_top + narr_h < total ? (v->utf8 ? "PgDn more \u00b7" : "PgDn more |")
		                                     : (v->utf8 ? "PgUp back \u00b7" : "PgUp back |"),
		         v->narr_top + 1, v->narr_top + narr_h, total);
		int mw = (int)strlen(more) - (v->utf8 ? 1 : 0); /* the middle dot is two bytes, one column */
		attr(v, C_DIM, true);
		put(2 + main_h + narr_h, W - mw - 2, (int)strlen(more), more);
		attr(v, C_DIM, false);
	}
	knowledge(v, 3 + main_h + narr_h, W);
	attr(v, C_DIM, true);
	put(H - 1, 0, W, v->status[0] ? v->status
	                 : v->utf8 ? " Space next \u00b7 b back \u00b7 Tab \u00b7 \u2191\u2193 Enter fields \u00b7 x bytes \u00b7 "
	                             "k keys \u00b7 e eavesdropper \u00b7 f fault \u00b7 s scenario \u00b7 ? help \u00b7 q quit"
	                           : " Space next | b back | Tab | Up/Down Enter fields | x bytes | k keys | e eavesdropper | "
	                             "f fault | s scenario | ? help | q quit");
	attr(v, C_DIM, false);
	switch (v->overlay) {
	case OV_HELP: help_overlay(v); break;
	case OV_KEYS: keys_overlay(v); break;
	case OV_EAVES: eaves_overlay(v); break;
	case OV_MENU: menu_overlay(v); break;
	case OV_ASK: ask_overlay(v); break;
	case OV_NONE: break;
	}
}
