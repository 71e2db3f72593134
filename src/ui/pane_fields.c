/*
 * ui/pane_fields.c — the current message: a heading (message, direction, phase),
 * the decoded field tree, and under it the selected field explained, with its
 * value whole (wrapped) when the tree row had to cut it. A field a failed check
 * is about (a signature, verify_data) is marked.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "model/failure.h"
#include "ui/text.h"
#include "ui/view.h"

static void heading(struct ui_view *v, const struct step *st, const struct rect *r)
{
	const char *what = NULL;
	step_failed_field(st, &what);
	char failed[120] = "";
	if (what)
		snprintf(failed, sizeof(failed), "%s %s", ui_glyph(v, "\u2717", "X"), what);
	char dir[64], phase[160];
	snprintf(dir, sizeof(dir), "%s %s %s", step_from_party(v->tl, st), ui_glyph(v, "\u2192", "->"),
	         step_to_party(v->tl, st));
	if (timeline_phase_numbered(st->phase))
		snprintf(phase, sizeof(phase), "Phase %d %s", st->phase, timeline_phase_title(v->tl, st->phase));
	else
		snprintf(phase, sizeof(phase), "%s", timeline_phase_title(v->tl, st->phase));
	char conn[48] = "";
	if (st->connection > 1 || st->handshake > 1)
		snprintf(conn, sizeof(conn), "%s%.0d%s%s", st->connection > 1 ? "connection " : "",
		         st->connection > 1 ? st->connection : 0, st->connection > 1 && st->handshake > 1 ? ", " : "",
		         st->handshake > 1 ? "renegotiation" : "");
	const char *parts[] = { st->message, failed, dir, conn, st->encrypted ? "encrypted, shown decrypted" : NULL,
		                st->in_flight ? "already sent when the peer's alert arrived" : NULL,
		                step_is_compat_ccs(v->tl, st) ? "middlebox compatibility only (RFC 8446 D.4)" : NULL };
	const int prio[] = { 0, 0, 1, 2, 3, 3, 3 };
	char line[600];
	text_join_fit(parts, prio, 7, ui_sep(v), r->w, line, sizeof(line));
	bool focus = v->focus == FOCUS_FIELDS && v->overlay == OV_NONE;
	attron(A_BOLD | (focus ? A_REVERSE : 0));
	ui_put(v, r->y, r->x, r->w, line);
	attroff(A_BOLD | A_REVERSE);
	/* The phase in words on a row of its own: the ladder's headings may have to shorten it. */
	ui_attr(v, C_PHASE, true);
	ui_put(v, r->y + 1, r->x, r->w, phase);
	ui_attr(v, C_PHASE, false);
}

/* The whole value under the explanation: hex in chunks, text word-wrapped. */
static int value_lines(const char *value, int w, struct text_line *out, int cap)
{
	return strchr(value, ' ') ? text_wrap(value, w, out, cap) : text_chunks(value, w, out, cap);
}

void pane_fields_draw(struct ui_view *v, const struct rect *r)
{
	if (!v->cur)
		return;
	const struct step *st = &v->tl->steps[v->cur - 1];
	heading(v, st, r);
	int vis[512];
	size_t n = view_visible(v, vis, 512);
	if (v->sel >= (int)n)
		v->sel = n ? (int)n - 1 : 0;
	const struct fields *fs = &st->fields;
	const char *bad_what = NULL;
	int bad = step_failed_field(st, &bad_what);
	if (bad != FIELD_NONE && step_failed_tree(st) != fs)
		bad = FIELD_NONE; /* a record's tag: told in the heading and the bytes, not in this tree */
	/* The explanation block first: it takes what it needs from the bottom, up to a third. */
	struct text_line ex[4], val[64];
	char exbuf[600];
	int nex = 0, nval = 0, shown_val = 0;
	const struct field *f = n ? &fs->v[vis[v->sel]] : NULL;
	int name_w = 22;
	if (f) {
		snprintf(exbuf, sizeof(exbuf), "%s%s%s%s: %s [bytes %zu..%zu]", vis[v->sel] == bad ? "FAILED CHECK: " : "",
		         vis[v->sel] == bad && bad_what ? bad_what : "", vis[v->sel] == bad ? ". " : "", f->name, f->explain,
		         f->offset, f->length ? f->offset + f->length - 1 : f->offset);
		nex = text_wrap(exbuf, r->w, ex, 4);
		/* the value whole when its tree row cuts it */
		int depth = fields_depth(fs, vis[v->sel]);
		int row_room = r->w - (depth * 2 + 2 + (name_w - depth * 2 > 4 ? name_w - depth * 2 : 4) + 1);
		if (text_cols(f->value) > row_room)
			nval = value_lines(f->value, r->w - 2, val, 64);
		/* Below the heading, two tree rows at least; the value comes before the second
		 * line of the explanation, which is cut with an ellipsis when it has no room. */
		int avail = r->h - 2 - 2;
		shown_val = nval < avail - 1 ? nval : avail - 1 > 0 ? avail - 1 : 0;
		if (nex > 2)
			nex = 2;
		if (nex > avail - shown_val)
			nex = avail - shown_val > 0 ? avail - shown_val : 0;
	}
	int rows = r->h - 2 - nex - shown_val;
	if (v->sel < v->field_top)
		v->field_top = v->sel;
	if (v->sel >= v->field_top + rows)
		v->field_top = v->sel - rows + 1;
	bool focus = v->focus == FOCUS_FIELDS && v->overlay == OV_NONE;
	for (int k = 0; k < rows && (size_t)(v->field_top + k) < n; k++) {
		int i = vis[v->field_top + k];
		const struct field *g = &fs->v[i];
		int depth = fields_depth(fs, i);
		const char *mark = g->first_child == FIELD_NONE    ? " "
		                   : ((size_t)i < v->nopen && v->open[i]) ? ui_glyph(v, "\u25be", "v")
		                                                          : ui_glyph(v, "\u25b8", ">");
		if (i == bad)
			mark = ui_glyph(v, "\u2717", "X");
		char line[1200];
		snprintf(line, sizeof(line), "%*s%s %-*s %s", depth * 2, "", mark, name_w - depth * 2 > 4 ? name_w - depth * 2 : 4,
		         g->name, g->value);
		bool sel = v->field_top + k == v->sel;
		if (sel)
			attron(focus ? A_REVERSE : A_BOLD);
		if (i == bad)
			ui_attr(v, C_BAD, true);
		ui_put(v, r->y + 2 + k, r->x, r->w, line);
		ui_attr(v, C_BAD, false);
		attroff(A_REVERSE | A_BOLD);
	}
	if (!f)
		return;
	int y = r->y + r->h - nex - shown_val;
	/* The last line shown of a text longer than its rows is the rest of it, cut with an ellipsis. */
	ui_attr(v, C_DIM, true);
	int ex_all = text_wrap(exbuf, r->w, NULL, 0);
	for (int k = 0; k < nex; k++) {
		char b[700];
		snprintf(b, sizeof(b), "%.*s", k + 1 == nex && nex < ex_all ? (int)strlen(ex[k].p) : (int)ex[k].len, ex[k].p);
		ui_put(v, y + k, r->x, r->w, b);
	}
	ui_attr(v, C_DIM, false);
	y += nex;
	for (int k = 0; k < shown_val; k++) {
		char b[1200];
		snprintf(b, sizeof(b), "%.*s", k + 1 == shown_val && shown_val < nval ? (int)strlen(val[k].p) : (int)val[k].len,
		         val[k].p);
		ui_puts(y + k, r->x, k ? " " : "=");
		ui_put(v, y + k, r->x + 2, r->w - 2, b);
	}
}
