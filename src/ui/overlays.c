/*
 * ui/overlays.c — views over the screen: help, the keys and proofs, the
 * eavesdropper, the menu, and a lesson's checkpoint. Each builds its text as
 * wrapped lines first, so a box is sized to its text and scrolling stops at
 * the last line.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/narration.h"
#include "ui/text.h"
#include "ui/view.h"
#include "util/hex.h"

struct oline {
	char *text;
	int pair;               /* colour pair, 0: none */
	bool bold;
	bool cont;              /* continues a value or word of the line above: a page never ends just before it */
};

struct olines {
	struct oline *v;
	int n, cap;
	int w;                  /* wrap width */
};

static void push(struct olines *o, const char *s, size_t len, int pair, bool bold)
{
	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 32;
		struct oline *nv = realloc(o->v, (size_t)cap * sizeof(*nv));
		if (!nv)
			return;
		o->v = nv;
		o->cap = cap;
	}
	char *t = malloc(len + 1);
	if (!t)
		return;
	memcpy(t, s, len);
	t[len] = '\0';
	o->v[o->n++] = (struct oline){ t, pair, bold, false };
}

/* Word-wrapped text; lines after the first indented by `indent` columns (a hanging indent). */
static void say(struct olines *o, const char *text, int indent, int pair, bool bold)
{
	struct text_line ln[256];
	int n = text_wrap_hang(text, o->w, o->w - indent, ln, 256);
	for (int i = 0; i < n && i < 256; i++) {
		char b[1200];
		snprintf(b, sizeof(b), "%*s%.*s", i ? indent : 0, "", (int)ln[i].len, ln[i].p);
		push(o, b, strlen(b), pair, bold);
		/* a word too long for a line (a hex value in a formula) goes on: keep it on one page */
		o->v[o->n - 1].cont = i > 0 && ln[i].p == ln[i - 1].p + ln[i - 1].len;
	}
	if (!n)
		push(o, "", 0, pair, bold);
}

/* A value with no spaces (hex) after a label, in chunks aligned under its first one. */
static void value(struct olines *o, const char *label, const char *hx, int indent)
{
	int lw = indent + text_cols(label);
	struct text_line ln[128];
	int n = text_chunks(hx, o->w - lw, ln, 128);
	for (int i = 0; i < n && i < 128; i++) {
		char b[1200];
		snprintf(b, sizeof(b), "%*s%s%.*s", i ? lw : indent, "", i ? "" : label, (int)ln[i].len, ln[i].p);
		push(o, b, strlen(b), 0, false);
		o->v[o->n - 1].cont = i > 0;
	}
}

static void olines_free(struct olines *o)
{
	for (int i = 0; i < o->n; i++)
		free(o->v[i].text);
	free(o->v);
}

/* Draws lines [ov_top, ...) into the inside of a box; clamps the scroll at the last line. */
static void show(struct ui_view *v, const struct olines *o, const struct rect *in)
{
	v->ov_page = in->h > 1 ? in->h - 1 : 1;
	if (v->ov_top > o->n - in->h)
		v->ov_top = o->n - in->h;
	if (v->ov_top < 0)
		v->ov_top = 0;
	/* A page ends where a wrapped line does, so no value is split by a page boundary
	 * (unless one line is longer than the whole page). */
	int rows = in->h;
	while (rows > 1 && v->ov_top + rows < o->n && o->v[v->ov_top + rows].cont)
		rows--;
	if (rows == 1 && v->ov_top + 1 < o->n && o->v[v->ov_top + 1].cont)
		rows = in->h;
	v->ov_page = rows > 1 ? rows - 1 : 1; /* PgDn: the next page starts at this one's last line */
	for (int i = 0; i < rows && v->ov_top + i < o->n; i++) {
		const struct oline *l = &o->v[v->ov_top + i];
		ui_attr(v, l->pair, true);
		if (l->bold)
			attron(A_BOLD);
		ui_put(v, in->y + i, in->x, in->w, l->text);
		attroff(A_BOLD);
		ui_attr(v, l->pair, false);
	}
	if (o->n > in->h) {
		char more[64];
		snprintf(more, sizeof(more), " lines %d-%d of %d ", v->ov_top + 1, v->ov_top + rows, o->n);
		ui_put(v, in->y + in->h, in->x + in->w - text_cols(more), text_cols(more), more);
	}
}

/* Clears the rows a box takes, beside it (left: from column 0; right: to column `to`), so that no
 * word of the screen under it is left half hidden. */
static void clear_beside(const struct rect *in, bool left, int to)
{
	for (int y = in->y - 1; y <= in->y + in->h; y++) {
		if (left)
			mvhline(y, 0, ' ', in->x - 2);
		if (to > in->x + in->w + 2)
			mvhline(y, in->x + in->w + 2, ' ', to - (in->x + in->w + 2));
	}
}

static struct rect screen_area(void)
{
	return (struct rect){ 1, 0, LINES - 2, COLS };
}

/*
 * A recipe as it pastes, each line under a bar. A line wider than the box is cut
 * into rows, each but the last ending in an ellipsis: its hex runs are one long
 * word, and c copies the lines whole.
 */
static void recipe_lines(const struct ui_view *v, struct olines *o, const char *r)
{
	const char *ell = ui_glyph(v, "\u2026", "...");
	size_t ew = (size_t)text_cols(ell), w = o->w > 16 ? (size_t)o->w - 6 : 10;
	for (const char *p = r; *p;) {
		size_t n = strcspn(p, "\n");
		for (size_t at = 0, first = 1; first || at < n; first = 0) {
			size_t take = n - at <= w ? n - at : w - ew;
			char line[1200];
			snprintf(line, sizeof(line), "%s%.*s%s", first ? "    | " : "      ", (int)take, p + at,
			         at + take < n ? ell : "");
			push(o, line, strlen(line), 0, false);
			o->v[o->n - 1].cont = !first;
			at += take;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
}

static void keys_overlay(struct ui_view *v)
{
	struct rect area = screen_area();
	int bw = area.w < 116 ? area.w : 116; /* lines a projector's audience can follow */
	struct olines o = { .w = bw - 4 };
	const struct step *hs = NULL; /* the latest handshake message so far carries the running hash */
	for (size_t i = v->cur; i-- > 0 && !hs;)
		if (v->tl->steps[i].transcript_hash_len)
			hs = &v->tl->steps[i];
	char line[1200];
	snprintf(line, sizeof(line), "%s re-derived by tlsstep and identical %s %s it differs %s ? not checked", known_mark(v, AGREE_YES),
	         ui_glyph(v, "\u00b7", "|"), known_mark(v, AGREE_NO), ui_glyph(v, "\u00b7", "|"));
	say(&o, line, 0, C_DIM, false);
	struct known k[96];
	size_t n = known_collect(v->tl, v->cur, k, 96);
	for (size_t i = 0; i < n; i++) {
		const struct secret *s = k[i].s;
		char hb[40], conn[24] = "";
		if (k[i].connection > 1 || timeline_mitm(v->tl)) /* a man in the middle's connections both count */
			snprintf(conn, sizeof(conn), " (connection %d)", k[i].connection);
		else if (k[i].step > 0 && v->tl->steps[k[i].step - 1].handshake > 1)
			snprintf(conn, sizeof(conn), " (renegotiation)");
		const char *m = known_mark(v, k[i].agrees);
		snprintf(line, sizeof(line), "%s %s  %zu byte%s %s %s %s step %d%s", m, s->name, s->value.len,
		         s->value.len == 1 ? "" : "s", ui_glyph(v, "\u00b7", "|"), known_holders(v->tl, k[i].connection, k[i].holders, hb, sizeof(hb)),
		         ui_glyph(v, "\u00b7", "|"), k[i].step, conn);
		say(&o, line, 0, k[i].agrees == AGREE_YES ? C_OK : k[i].agrees == AGREE_NO ? C_BAD : 0, true);
		char *hx = hex_string(s->value.data, s->value.len, '\0');
		value(&o, "", hx ? hx : "", 4);
		free(hx);
		const char *how = s->derived_as ? s->derived_as
		                  : strstr(s->name, "_random") ? "fresh: drawn at random by its sender"
		                                               : "how it is made is not recorded for this secret";
		snprintf(line, sizeof(line), "    = %s", how);
		say(&o, line, 6, C_DIM, false);
		if (s->check_note) {
			snprintf(line, sizeof(line), "    check: %s", s->check_note);
			say(&o, line, 11, C_DIM, false);
		}
		if (v->show_recipes && s->recipe)
			recipe_lines(v, &o, s->recipe);
	}
	if (!n)
		say(&o, "Nothing is known yet: no message has crossed.", 0, 0, false);
	/* Last: the running transcript hash every Finished and signature covers. */
	if (hs) {
		push(&o, "", 0, 0, false);
		char *hx = hex_string(hs->transcript_hash, hs->transcript_hash_len, '\0');
		snprintf(line, sizeof(line), "transcript hash after step %d, %s (%s): ", hs->index, hs->message,
		         hs->transcript_hash_md);
		say(&o, line, 0, C_DIM, false);
		value(&o, "  ", hx ? hx : "", 0);
		free(hx);
	}

	const char *title = v->show_recipes ? "Keys and proofs after this step (r: recipes off, c: copy them)"
	                                    : "Keys and proofs after this step (r: recipes, c: copy them)";
	struct rect in = ui_box(v, &area, o.n + 3 < area.h ? o.n + 3 : area.h, bw, title);
	clear_beside(&in, true, COLS);
	in.h -= 1; /* the last row: where the scroll position is told */
	show(v, &o, &in);
	olines_free(&o);
}

static void help_overlay(struct ui_view *v)
{
	static const char *const lines[] = {
		"Space, Right, n    next step (a lesson asks its checkpoint first)",
		"Left, b, p         previous step (at an injected fault: the untouched run)",
		"Home, End          before the first message, the last step (checkpoints asked on the way)",
		"Tab                the next pane: ladder, fields, secrets (the focused one is marked)",
		"Up, Down, Enter    choose in that pane; Enter opens or closes a field",
		"PgDn, PgUp         the narration (or this view) a page on or back",
		"x                  message bytes / record bytes as they crossed the pipe",
		"k                  keys and proofs: every secret so far, its holders, formula and check",
		"c                  copy recipes (python3, openssl) that recompute the secrets: the one chosen in the "
		"secrets pane, or all so far; to a file and the clipboard (r in the keys view shows them)",
		"e                  the eavesdropper: what stealing the server's key later reveals",
		"f                  flip a bit of the next message and re-run (b at that step: undo)",
		"s                  the lessons and scenarios (finished lessons ticked, with answers)",
		"Mouse              click a message in the ladder to go to it",
		"?                  this help        q  quit        Esc  close a view",
	};
	struct rect area = screen_area();
	struct olines o = { .w = area.w - 4 };
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		say(&o, lines[i], 19, 0, false);
	struct rect in = ui_box(v, &area, o.n + 3, 96, "Keys (Esc closes)");
	clear_beside(&in, true, COLS);
	in.h -= 1;
	show(v, &o, &in);
	olines_free(&o);
}

static void eaves_overlay(struct ui_view *v)
{
	struct rect area = screen_area();
	struct olines o = { .w = (area.w < 104 ? area.w : 104) - 4 };
	say(&o, timeline_wire_words(v->tl), 0, 0, false);
	push(&o, "", 0, 0, false);
	say(&o, v->tl->outcome.eavesdrop ? v->tl->outcome.eavesdrop : "No connection got far enough.", 0, 0, false);
	if (v->tl->outcome.attacker_read) { /* a man in the middle needs no stolen key: it made both connections' */
		push(&o, "", 0, 0, false);
		say(&o, "The attacker in the middle, by the end of the run (it holds the keys of both connections):", 0, 0,
		    false);
		say(&o, v->tl->outcome.attacker_read, 0, 0, false);
	}
	struct rect in = ui_box(v, &area, o.n + 3, o.w + 4, "The eavesdropper (Esc closes)");
	clear_beside(&in, true, COLS);
	in.h -= 1;
	show(v, &o, &in);
	olines_free(&o);
}

static void menu_overlay(struct ui_view *v)
{
	struct rect area = screen_area();
	struct rect in = ui_box(v, &area, area.h, area.w, v->tl->capture.file ? "The capture's TLS connections (Enter opens, Esc closes)"
	                                                                        : "Lessons and scenarios (Enter runs, Esc closes)");
	int rows = in.h, top = v->menu_sel >= rows ? v->menu_sel - rows + 1 : 0;
	for (int r = 0; r < rows && (size_t)(top + r) < v->nmenu; r++) {
		size_t i = (size_t)(top + r);
		const char *title = v->menu_title && v->menu_title[i] ? v->menu_title[i] : "";
		const char *done = v->menu_mark && v->menu_mark[i] ? v->menu_mark[i] : "";
		char line[600];
		if (v->tl->capture.file) /* a capture's connection: its number, then its row, as wide as it gets */
			snprintf(line, sizeof(line), "%-13s %s", v->menu[i], title);
		else
			snprintf(line, sizeof(line), "%-7s %-28s %s", done, v->menu[i], title);
		if (top + r == v->menu_sel)
			attron(A_REVERSE);
		ui_put(v, in.y + r, in.x, in.w, line);
		attroff(A_REVERSE);
	}
}

/* A checkpoint: a box sized to its text beside the ladder, below the message heading, so both stay visible. */
static void ask_overlay(struct ui_view *v)
{
	const struct lesson_step *ls = quiz_at(&v->quiz, v->tl, v->ask_step);
	if (!ls)
		return;
	/* The message column, below its heading: the ladder and the message just shown stay in view. */
	int x0 = v->L.ladder[0].x + v->L.ladder[0].w + 1;
	int x1 = v->L.secrets_side ? v->L.secrets.x - 1 : COLS;
	struct rect area = { 2, x0, LINES - 3, x1 - x0 };
	struct olines o = { .w = area.w - 4 };
	say(&o, ls->ask, 0, 0, true);
	push(&o, "", 0, 0, false);
	int first = v->quiz.first ? v->quiz.first[v->ask_step] : 0;
	bool typed = ls->answer_value != NULL;
	if (typed) { /* a value checkpoint: what to type, and the line typed so far with its cursor */
		char hint[80], line[200];
		say(&o, narration_ask_hint(ls, hint, sizeof(hint)), 0, 0, false);
		snprintf(line, sizeof(line), "> %s%s", v->ask_input, v->ask_shown ? "" : ui_glyph(v, "\u2588", "_"));
		say(&o, line, 2, 0, false);
	}
	for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i]; i++) {
		char line[700];
		bool right = i + 1 == ls->answer, picked = i + 1 == v->ask_pick;
		const char *m = v->ask_shown && right ? ui_glyph(v, "\u2713 ", "* ") : picked ? ui_glyph(v, "\u2717 ", "x ") : "  ";
		snprintf(line, sizeof(line), "%s%d) %s", m, i + 1, ls->choices[i]);
		say(&o, line, 5, v->ask_shown && right ? C_OK : picked && !right ? C_BAD : 0, false);
	}
	if (v->ask_pick) {
		push(&o, "", 0, 0, false);
		char line[300];
		if (typed)
			snprintf(line, sizeof(line), "%s the run's value is %s.", v->ask_pick == 1 ? "Right:" : "Not quite:",
			         ls->answer_value);
		else if (v->ask_pick == ls->answer)
			snprintf(line, sizeof(line), "Right.%s", first && first != ls->answer ? " (Your first answer is the one counted.)" : "");
		else if (!v->ask_shown)
			snprintf(line, sizeof(line), "Not quite: %d is not it. Read why, then try another number (Space: the answer).",
			         v->ask_pick);
		else
			snprintf(line, sizeof(line), "The answer is %d.", ls->answer);
		say(&o, line, 0, 0, true);
		if (ls->explain)
			say(&o, ls->explain, 0, 0, false);
	}
	struct rect in = ui_box(v, &area, o.n + 2, o.w + 4,
	                        v->ask_shown ? "Checkpoint (Space shows the step)"
	                        : typed ? "Checkpoint: type the value, then Enter"
	                                : "Checkpoint: press the number of your answer");
	/* Rows the box shares with the narration are cleared left of it: no word is left half hidden. */
	struct rect below = in;
	if (below.y - 1 < v->L.narration.y - 1) {
		below.h -= v->L.narration.y - 1 - (below.y - 1);
		below.y = v->L.narration.y;
	}
	if (below.h > -2)
		clear_beside(&below, true, 0);
	show(v, &o, &in);
	olines_free(&o);
}

void overlay_draw(struct ui_view *v)
{
	switch (v->overlay) {
	case OV_HELP: help_overlay(v); break;
	case OV_KEYS: keys_overlay(v); break;
	case OV_EAVES: eaves_overlay(v); break;
	case OV_MENU: menu_overlay(v); break;
	case OV_ASK: ask_overlay(v); break;
	case OV_NONE: break;
	}
}
