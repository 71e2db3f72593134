/*
 * ui/draw.c — one frame: the layout (ui/layout.c) cut from the terminal size and
 * the content, then each pane (ui/pane_*.c) and the overlay drawn into curses'
 * off-screen buffer, which reaches the terminal in one refresh (ui.c). Also the
 * drawing helpers every pane shares, and the view's derived state.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/failure.h"
#include "ui/text.h"
#include "ui/view.h"

void ui_attr(const struct ui_view *v, int pair, bool on)
{
	if (v->color && pair) {
		if (on)
			attron(COLOR_PAIR(pair));
		else
			attroff(COLOR_PAIR(pair));
	}
}

const char *ui_glyph(const struct ui_view *v, const char *utf8, const char *ascii)
{
	return v->utf8 ? utf8 : ascii;
}

const char *ui_sep(const struct ui_view *v)
{
	return ui_glyph(v, " \u00b7 ", " | ");
}

void ui_puts(int y, int x, const char *s)
{
	mvaddstr(y, x, s);
}

/* Non-ASCII bytes as '?' where the locale is not UTF-8 (curses would print them as escapes). */
static void ascii_only(char *s)
{
	char *o = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			*o++ = (char)*p;
		else if ((*p & 0xc0) != 0x80)
			*o++ = '?';
	}
	*o = '\0';
}

int ui_put(const struct ui_view *v, int y, int x, int w, const char *s)
{
	if (w <= 0)
		return 0;
	char buf[1200];
	text_fit(s, w, v->utf8, buf, sizeof(buf));
	if (!v->utf8)
		ascii_only(buf);
	mvaddstr(y, x, buf);
	return text_cols(buf);
}

int ui_wrap(const struct ui_view *v, const struct rect *r, int skip, const char *text)
{
	struct text_line ln[400];
	int n = text_wrap(text, r->w, ln, 400);
	for (int i = 0; i < r->h && skip + i < n && skip + i < 400; i++) {
		char buf[1200];
		snprintf(buf, sizeof(buf), "%.*s", (int)ln[skip + i].len, ln[skip + i].p);
		if (!v->utf8)
			ascii_only(buf);
		mvaddstr(r->y + i, r->x, buf);
	}
	return n;
}

void ui_hrule(int y, int x, int w)
{
	if (w > 0)
		mvhline(y, x, ACS_HLINE, w);
}

struct rect ui_box(const struct ui_view *v, const struct rect *area, int h, int w, const char *title)
{
	if (w > area->w)
		w = area->w;
	if (h > area->h)
		h = area->h;
	struct rect b = { area->y + (area->h - h) / 2, area->x + (area->w - w) / 2, h, w };
	for (int y = b.y; y < b.y + b.h; y++)
		mvhline(y, b.x, ' ', b.w);
	attron(A_BOLD);
	mvhline(b.y, b.x, ACS_HLINE, b.w);
	mvhline(b.y + b.h - 1, b.x, ACS_HLINE, b.w);
	mvvline(b.y, b.x, ACS_VLINE, b.h);
	mvvline(b.y, b.x + b.w - 1, ACS_VLINE, b.h);
	mvaddch(b.y, b.x, ACS_ULCORNER);
	mvaddch(b.y, b.x + b.w - 1, ACS_URCORNER);
	mvaddch(b.y + b.h - 1, b.x, ACS_LLCORNER);
	mvaddch(b.y + b.h - 1, b.x + b.w - 1, ACS_LRCORNER);
	char t[300];
	snprintf(t, sizeof(t), " %s ", title);
	ui_put(v, b.y, b.x + 2, b.w - 4, t);
	attroff(A_BOLD);
	return (struct rect){ b.y + 1, b.x + 2, b.h - 2, b.w - 4 };
}

size_t view_visible(const struct ui_view *v, int *out, size_t cap)
{
	if (!v->cur)
		return 0; /* before the first message there is no field (Enter there read steps[-1]) */
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
	v->field_top = 0;
	v->narr_top = 0;
	v->sec_sel = -1;
	if (!v->cur)
		return;
	const struct fields *fs = &v->tl->steps[v->cur - 1].fields;
	v->nopen = fs->n;
	v->open = calloc(fs->n ? fs->n : 1, sizeof(bool));
	/* Top-level groups start open, so the first look shows the message's parts. */
	for (size_t i = 0; v->open && i < fs->n; i++)
		v->open[i] = fs->v[i].parent == FIELD_NONE && strcmp(fs->v[i].name, "handshake_header") != 0;
}

bool view_hidden(const struct ui_view *v, unsigned pane, char *why, size_t cap)
{
	/* a run with a fault injected from the UI is the learner's own experiment: nothing hidden */
	return !v->tampered && explain_pane_hidden(v->tl, v->cur, pane, why, cap);
}

/* Appends the strings (NULL ends the list) to the narration being built. */
static void add(char *buf, size_t cap, const char *a, const char *b, const char *c)
{
	const char *parts[] = { a, b, c };
	for (int i = 0; i < 3 && parts[i]; i++) {
		size_t n = strlen(buf);
		if (n + 1 < cap)
			snprintf(buf + n, cap - n, "%s", parts[i]);
	}
}

const char *view_narration(const struct ui_view *v)
{
	static char out[8192];
	const struct lesson *les = &v->tl->sc->lesson; /* the run's copy: its live values expanded */
	if (!v->cur) {
		if (les->title && les->intro)
			return les->intro;
		snprintf(out, sizeof(out), "%s Press Space to let the first message cross; every byte shown is a byte that "
		         "crossed.", timeline_intro_words(v->tl));
		return out;
	}
	const struct step *st = &v->tl->steps[v->cur - 1];
	out[0] = '\0';
	if (st->fault_note)
		add(out, sizeof(out), "! ", st->fault_note, ".\n\n");
	bool last = v->cur == v->tl->nsteps;
	if (!last) {
		add(out, sizeof(out), explain_narration(v->tl, st), NULL, NULL);
		return out;
	}
	/* The end: the outcome first, then what failed and why, this step's words,
	 * the lesson's summary as a paragraph of its own, and what to try next. */
	add(out, sizeof(out), "End of the run: ", v->tl->outcome.summary, ".\n\n");
	if (v->tl->outcome.attacker_read) /* a man in the middle: what it read, one sentence a line */
		add(out, sizeof(out), "What the attacker saw: ", v->tl->outcome.attacker_read, ".\n\n");
	const char *fail = explain_failure(v->tl);
	const struct lesson_step *ls = explain_lesson_step(v->tl, st);
	const char *words = explain_narration(v->tl, st);
	if (fail && (ls && ls->say))
		add(out, sizeof(out), fail, "\n\n", NULL);
	add(out, sizeof(out), words, NULL, NULL);
	if (les->title && les->summary)
		add(out, sizeof(out), "\n\nIn short: ", les->summary, NULL);
	if (les->title && les->tries[0]) {
		add(out, sizeof(out), "\n\nTry next:", NULL, NULL);
		for (int i = 0; i < LESSON_MAX_TRIES && les->tries[i]; i++)
			add(out, sizeof(out), ui_glyph(v, "\n\u2022 ", "\n- "), les->tries[i], NULL);
	}
	return out;
}

static int narr_lines(void *ctx, int w)
{
	return text_wrap(view_narration(ctx), w, NULL, 0);
}

void view_draw(struct ui_view *v)
{
	int H = LINES, W = COLS;
	erase();
	struct layout_need need = { 1, pane_ladder_label_cols(v->tl), narr_lines, v, timeline_mitm(v->tl) };
	layout_compute(W, H, &need, &v->L);
	const struct layout *L = &v->L;
	if (L->too_small) {
		char msg[160];
		snprintf(msg, sizeof(msg), "tlsstep needs a terminal of at least %dx%d; this one is %dx%d. Keys wait until "
		         "it is larger (q quits).", LAYOUT_MIN_W, LAYOUT_MIN_H, W, H);
		struct rect all = { 0, 0, H, W };
		ui_wrap(v, &all, 0, msg);
		return;
	}
	for (int i = 0; i < L->nhrule; i++)
		ui_hrule(L->hrule[i].y, L->hrule[i].x, L->hrule[i].w);
	for (int i = 0; i < L->nvrule; i++)
		mvvline(L->vrule[i].y, L->vrule[i].x, ACS_VLINE, L->vrule[i].h);
	pane_title_draw(v, &L->title);
	pane_ladder_draw(v, &L->ladder[0]);
	pane_fields_draw(v, &L->fields[0]);
	char why[40];
	if (view_hidden(v, PANE_HEX, why, sizeof(why))) {
		char msg[120];
		snprintf(msg, sizeof(msg), "the bytes: hidden by the lesson %s", why);
		ui_put(v, L->hex[0].y, L->hex[0].x, L->hex[0].w, msg);
	} else {
		pane_hex_draw(v, &L->hex[0], L->hex_per_row[0], L->hex_ascii[0]);
	}
	pane_narration_draw(v, &L->narration);
	if (L->secrets.h)
		pane_secrets_draw(v, &L->secrets, L->secrets_side);
	else
		pane_know_draw(v, &L->know);
	pane_keybar_draw(v, &L->keybar);
	overlay_draw(v);
}
