/*
 * ui/pane_ladder.c — the ladder: every message so far under its phase heading,
 * the client's on the left with a fixed arrow to the right, the server's on the
 * right with a fixed arrow to the left; the current one marked. A run with a man in
 * the middle has three columns, client | attacker | server: connection 1's messages
 * in the left half, connection 2's in the right (model/mitm.h).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"

static void label(const struct timeline *tl, const struct step *st, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s%s%s", st->message, step_is_compat_ccs(tl, st) ? " (compat)" : "", st->encrypted ? " *" : "");
}

int pane_ladder_label_cols(const struct timeline *tl)
{
	int w = 0;
	for (size_t i = 0; i < tl->nsteps; i++) {
		char b[96];
		label(tl, &tl->steps[i], b, sizeof(b));
		int c = text_cols(b);
		w = c > w ? c : w;
	}
	return w;
}

static void heading(struct ui_view *v, const struct step *nx, int y, const struct rect *r)
{
	char head[160], conn[48] = "";
	int at = 0;
	if (nx->connection > 1 || timeline_mitm(v->tl)) /* a man in the middle's connections both count */
		at = snprintf(conn, sizeof(conn), "connection %d: ", nx->connection);
	if (nx->handshake > 1)
		snprintf(conn + at, sizeof(conn) - (size_t)at, "renegotiation: ");
	if (timeline_phase_numbered(nx->phase))
		snprintf(head, sizeof(head), " %s%d %s ", conn, nx->phase, timeline_phase_title(v->tl, nx->phase));
	else
		snprintf(head, sizeof(head), " %s%s ", conn, timeline_phase_title(v->tl, nx->phase));
	ui_attr(v, C_PHASE, true);
	ui_hrule(y, r->x, r->w);
	ui_put(v, y, r->x + 1, r->w - 2, head);
	ui_attr(v, C_PHASE, false);
}

void pane_ladder_draw(struct ui_view *v, const struct rect *r)
{
	/* Rows: a phase heading whenever the phase (or connection) changes, then the step. */
	size_t rows = 0, cur_row = 0;
	free(v->ladder_step);
	v->ladder_step = calloc(2 * v->tl->nsteps + 2, sizeof(size_t));
	if (!v->ladder_step)
		return;
	int phase = 0, conn = 1, hs = 1;
	for (size_t i = 0; i < v->cur; i++) {
		const struct step *st = &v->tl->steps[i];
		if (st->phase != phase || st->connection != conn || st->handshake != hs) {
			phase = st->phase;
			conn = st->connection;
			hs = st->handshake;
			v->ladder_step[rows++] = 0;
		}
		if (i + 1 == v->cur)
			cur_row = rows;
		v->ladder_step[rows++] = i + 1;
	}
	int h = r->h - 1, y0 = r->y + 1;
	if (cur_row < (size_t)v->ladder_top)
		v->ladder_top = (int)cur_row;
	if (cur_row >= (size_t)v->ladder_top + (size_t)h)
		v->ladder_top = (int)(cur_row - (size_t)h + 1);
	v->ladder_y = y0;
	v->ladder_x = r->x;
	v->ladder_w = r->w;
	v->ladder_rows = h;
	bool focus = v->focus == FOCUS_LADDER && v->overlay == OV_NONE;
	attron(A_BOLD | (focus ? A_REVERSE : 0));
	mvhline(r->y, r->x, ' ', r->w);
	ui_puts(r->y, r->x + 1, focus ? ui_glyph(v, "\u25b8CLIENT", ">CLIENT") : " CLIENT");
	ui_puts(r->y, r->x + r->w - 7, "SERVER");
	bool three = timeline_mitm(v->tl);
	if (three)
		ui_puts(r->y, r->x + r->w / 2 - 4, "ATTACKER");
	attroff(A_BOLD | A_REVERSE);
	if (!v->cur)
		ui_put(v, y0 + 1, r->x + 2, r->w - 3, "Space: the first message");
	const char *ra = ui_glyph(v, "\u2500\u2500\u25b6", "-->"), *la = ui_glyph(v, "\u25c0\u2500\u2500", "<--");
	for (int k = 0; k < h && (size_t)(v->ladder_top + k) < rows; k++) {
		size_t s = v->ladder_step[v->ladder_top + k];
		int y = y0 + k;
		if (!s) { /* a heading: the phase of the step that follows */
			heading(v, &v->tl->steps[v->ladder_step[v->ladder_top + k + 1] - 1], y, r);
			continue;
		}
		const struct step *st = &v->tl->steps[s - 1];
		char text[120], row[160];
		label(v->tl, st, text, sizeof(text));
		bool mine = s == v->cur;
		bool alert = st->type == STEP_ALERT && !(st->alert_desc == 0 && st->alert_level == 1);
		int pair = alert ? C_BAD : st->from == SIDE_CLIENT ? C_CLIENT : C_SERVER;
		/* The span its connection runs between: the whole width, or with three columns one half. */
		int left = r->x, width = r->w;
		if (three) {
			width = r->w / 2 + 1;
			if (st->connection == 2) {
				left = r->x + r->w / 2 - 1;
				width = r->w - (r->w / 2 - 1);
			}
		}
		int room = width - 7; /* margins and the arrow */
		char fit[120];
		text_fit(text, room, v->utf8, fit, sizeof(fit));
		if (st->from == SIDE_CLIENT)
			snprintf(row, sizeof(row), "%s %s", fit, ra);
		else
			snprintf(row, sizeof(row), "%s %s", la, fit);
		int x = st->from == SIDE_CLIENT ? left + 2 : left + width - 1 - text_cols(row);
		if (mine)
			attron(A_REVERSE);
		if (st->in_flight)
			attron(A_DIM);
		ui_attr(v, pair, true);
		ui_puts(y, x, row);
		ui_attr(v, pair, false);
		attroff(A_REVERSE | A_DIM);
		if (mine)
			ui_puts(y, r->x, ui_glyph(v, "\u25b6", ">"));
	}
}
