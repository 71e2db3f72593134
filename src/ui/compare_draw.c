/*
 * ui/compare_draw.c — one frame of the comparison view, cut by ui/layout.c: the
 * ladders (both, or the focused run's with the other's rows as gaps), each row
 * marked where the runs differ; the focused message's fields, those that differ
 * highlighted; the row's difference list and the secrets each run holds; the
 * summary row. Values too long for their row end in an ellipsis, never cut bare.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/transcript.h"
#include "model/explain.h"
#include "ui/compare_draw.h"
#include "ui/text.h"

static const char *letter(int s)
{
	return s ? "B" : "A";
}

/* The step of run s on the cursor's row, or NULL (none yet, or a gap). */
static const struct step *at_cursor(const struct cmp_view *cv, int s)
{
	return cv->cur ? comparison_step(cv->c, cv->cur - 1, s) : NULL;
}

/* The last step of run s shown so far (1-based; 0: none). */
static size_t shown_upto(const struct cmp_view *cv, int s)
{
	size_t n = 0;
	for (size_t r = 0; r < cv->cur; r++) {
		int i = s ? cv->c->al.rows[r].b : cv->c->al.rows[r].a;
		if (i >= 0)
			n = (size_t)i + 1;
	}
	return n;
}

static void title(struct cmp_view *cv, const struct rect *r)
{
	char a[120], b[120], row[48], focus[48] = "";
	for (int s = 0; s < 2; s++) {
		const struct timeline *tl = cv->c->run[s];
		snprintf(s ? b : a, 120, "%s %s (%s)", letter(s), tl->sc->name,
		         tl->tls_version ? transcript_version_name(tl->tls_version) : "no version");
	}
	snprintf(row, sizeof(row), "row %zu/%zu", cv->cur, cv->c->al.n);
	if (!cv->both)
		snprintf(focus, sizeof(focus), "showing %s", letter(cv->run));
	const char *parts[] = { "tlsstep", "compare", a, b, row, focus };
	const int prio[] = { 3, 2, 0, 0, 0, 1 };
	char line[600];
	text_join_fit(parts, prio, 6, ui_sep(&cv->v), r->w - 2, line, sizeof(line));
	ui_attr(&cv->v, C_TITLE, true);
	attron(A_BOLD);
	mvhline(r->y, r->x, ' ', r->w);
	ui_put(&cv->v, r->y, r->x + 1, r->w - 2, line);
	attroff(A_BOLD);
	ui_attr(&cv->v, C_TITLE, false);
}

static void keybar(struct cmp_view *cv, const struct rect *r)
{
	char tab[40];
	snprintf(tab, sizeof(tab), "Tab %s %s", cv->both ? "focus" : "show", letter(!cv->run));
	const char *parts[] = { "Space next", "b back", tab, ui_glyph(&cv->v, "\u2191\u2193 fields", "Up/Down fields"),
		                "PgUp/PgDn differences", "? help", "q quit" };
	const int prio[] = { 1, 2, 1, 4, 3, 0, 0 };
	char line[400];
	text_join_fit(parts, prio, 7, ui_sep(&cv->v), r->w - 2, line, sizeof(line));
	attron(A_REVERSE);
	mvhline(r->y, r->x, ' ', r->w);
	ui_put(&cv->v, r->y, r->x + 1, r->w - 2, line);
	attroff(A_REVERSE);
}

/* The mark of row r for a ladder: "≠" the runs were set up differently here, "+" this run only. */
static const char *row_mark(const struct cmp_view *cv, size_t r, int s)
{
	const struct align_row *row = &cv->c->al.rows[r];
	if ((row->a < 0) != (row->b < 0))
		return (s ? row->b : row->a) >= 0 ? "+" : " ";
	return comparison_setting_diffs(cv->c, r) ? ui_glyph(&cv->v, "\u2260", "~") : " ";
}

static void ladder(struct cmp_view *cv, int s, const struct rect *r)
{
	const struct timeline *tl = cv->c->run[s];
	bool focus = cv->run == s;
	char head[160];
	snprintf(head, sizeof(head), "%s CLIENT", letter(s));
	attron(A_BOLD | (focus ? A_REVERSE : 0));
	mvhline(r->y, r->x, ' ', r->w);
	ui_put(&cv->v, r->y, r->x + 1, r->w - 9, head);
	ui_puts(r->y, r->x + r->w - 7, "SERVER");
	attroff(A_BOLD | A_REVERSE);
	int h = r->h - 1, y0 = r->y + 1;
	cv->rows_at[cv->both ? s : 0] = (struct rect){ y0, r->x, h, r->w };
	if (!cv->cur) {
		ui_put(&cv->v, y0 + 1, r->x + 3, r->w - 4, "Space: the first row");
		return;
	}
	int cur_row = (int)cv->cur - 1;
	if (cur_row < cv->ladder_top)
		cv->ladder_top = cur_row;
	if (cur_row >= cv->ladder_top + h)
		cv->ladder_top = cur_row - h + 1;
	const char *ra = ui_glyph(&cv->v, "\u2500\u25b6", "->"), *la = ui_glyph(&cv->v, "\u25c0\u2500", "<-");
	for (int k = 0; k < h && cv->ladder_top + k <= cur_row; k++) {
		size_t row = (size_t)(cv->ladder_top + k);
		int y = y0 + k;
		bool mine = (int)row == cur_row;
		const struct step *st = comparison_step(cv->c, row, s);
		if (mine)
			ui_puts(y, r->x, ui_glyph(&cv->v, "\u25b6", ">"));
		ui_attr(&cv->v, C_HI, true);
		ui_puts(y, r->x + 1, row_mark(cv, row, s));
		ui_attr(&cv->v, C_HI, false);
		int room = r->w - 7;
		char text[160], fit[160], line[200];
		if (!st) { /* a gap: the other run has a step here */
			const struct step *o = comparison_step(cv->c, row, !s);
			snprintf(text, sizeof(text), "%s %s only: %s", ui_glyph(&cv->v, "\u00b7", "."), letter(!s), o->message);
			attron(A_DIM | (mine ? A_REVERSE : 0));
			ui_put(&cv->v, y, r->x + 3, r->w - 4, text);
			attroff(A_DIM | A_REVERSE);
			continue;
		}
		snprintf(text, sizeof(text), "%d %s%s", st->index, st->message, step_is_compat_ccs(tl, st) ? " (compat)" : "");
		text_fit(text, room, cv->v.utf8, fit, sizeof(fit));
		if (st->from == SIDE_CLIENT)
			snprintf(line, sizeof(line), "%s %s", fit, ra);
		else
			snprintf(line, sizeof(line), "%s %s", la, fit);
		int x = st->from == SIDE_CLIENT ? r->x + 3 : r->x + r->w - 1 - text_cols(line);
		bool alert = st->type == STEP_ALERT && !(st->alert_desc == 0 && st->alert_level == 1);
		if (mine)
			attron(A_REVERSE);
		ui_attr(&cv->v, alert ? C_BAD : st->from == SIDE_CLIENT ? C_CLIENT : C_SERVER, true);
		ui_put(&cv->v, y, x, r->x + r->w - x, line);
		ui_attr(&cv->v, alert ? C_BAD : st->from == SIDE_CLIENT ? C_CLIENT : C_SERVER, false);
		attroff(A_REVERSE);
	}
}

/* How field i of run s's step differs at the cursor's row: '≠' changed, '+' here only, NULL alike. */
static const char *field_mark(const struct cmp_view *cv, int s, int i)
{
	const struct step_diff *d = &cv->c->diff[cv->cur - 1];
	for (size_t k = 0; k < d->n; k++) {
		const struct field_diff *x = &d->v[k];
		if (x->record || (s ? x->fb : x->fa) != i)
			continue;
		if (x->kind == DIFF_CHANGED)
			return x->cause == CAUSE_SETTINGS ? ui_glyph(&cv->v, "\u2260", "~") : "=";
		return "+";
	}
	return NULL;
}

/* The fields of run s's message at the cursor, every level open, the differing ones marked and highlighted. */
static void message(struct cmp_view *cv, int s, const struct rect *r)
{
	const struct step *st = at_cursor(cv, s);
	char head[300];
	if (!cv->cur) {
		snprintf(head, sizeof(head), "Run %s: %s. Space steps both runs, one aligned row at a time.", letter(s),
		         cv->c->run[s]->sc->title);
		ui_wrap(&cv->v, r, 0, head);
		return;
	}
	if (!st) {
		char why[900], text[960];
		comparison_reason(cv->c, cv->cur - 1, why, sizeof(why));
		snprintf(text, sizeof(text), "%s has no such message here. Why: %s", letter(s), why);
		attron(A_BOLD);
		ui_put(&cv->v, r->y, r->x, r->w, "(no message)");
		attroff(A_BOLD);
		struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
		ui_wrap(&cv->v, &body, 0, text);
		return;
	}
	snprintf(head, sizeof(head), "%s %s%s%s %s %s%s%zu bytes", letter(s), st->message, ui_sep(&cv->v),
	         step_from_party(cv->c->run[s], st), ui_glyph(&cv->v, "\u2192", "->"), step_to_party(cv->c->run[s], st),
	         ui_sep(&cv->v),
	         st->record.len);
	attron(A_BOLD | (cv->run == s ? A_REVERSE : 0));
	ui_put(&cv->v, r->y, r->x, r->w, head);
	attroff(A_BOLD | A_REVERSE);
	ui_attr(&cv->v, C_DIM, true);
	ui_put(&cv->v, r->y + 1, r->x, r->w, ui_glyph(&cv->v, "\u2260 set up differently \u00b7 = fresh each run \u00b7 + here only",
	                                             "~ set up differently | = fresh each run | + here only"));
	ui_attr(&cv->v, C_DIM, false);
	const struct fields *fs = &st->fields;
	int rows = r->h - 2;
	int name_w = r->w >= 66 ? 22 : r->w / 3 > 8 ? r->w / 3 : 8; /* a narrow column keeps room for values */
	int n = (int)fs->n;
	if (cv->field_top[s] > n - rows)
		cv->field_top[s] = n - rows > 0 ? n - rows : 0;
	/* The flat array is in the decoder's order, parents before their children: depth-first. */
	int k = 0;
	for (int i = 0; i < n && k < rows + cv->field_top[s]; i++, k++) {
		if (k < cv->field_top[s])
			continue;
		const struct field *f = &fs->v[i];
		int depth = fields_depth(fs, i);
		const char *mark = field_mark(cv, s, i);
		char line[1400];
		int nw = name_w - depth * 2 > 4 ? name_w - depth * 2 : 4;
		snprintf(line, sizeof(line), "%s %*s%-*s %s", mark ? mark : " ", depth * 2, "", nw, f->name, f->kind == FIELD_BYTES && !*f->value ? "(empty)" : f->value);
		if (mark)
			attron(A_BOLD), ui_attr(&cv->v, mark[0] == '=' ? C_DIM : C_HI, true);
		ui_put(&cv->v, r->y + 2 + k - cv->field_top[s], r->x, r->w, line);
		ui_attr(&cv->v, C_HI, false);
		ui_attr(&cv->v, C_DIM, false);
		attroff(A_BOLD);
	}
}

/* A value for the difference list: whole up to 96 characters, else its start and its size, the cut marked
 * (a certificate's DER is kilobytes of hex; the message pane and --json have it whole). */
static void short_value(const struct cmp_view *cv, const struct field *f, char *out, size_t cap)
{
	if (!f)
		snprintf(out, cap, "(absent)");
	else if (f->kind == FIELD_BYTES && !*f->value)
		snprintf(out, cap, "(empty)");
	else if (strlen(f->value) <= 96)
		snprintf(out, cap, "%s", f->value);
	else if (f->kind == FIELD_BYTES)
		snprintf(out, cap, "%.64s%s (%zu bytes)", f->value, ui_glyph(&cv->v, "\u2026", "..."), f->length);
	else
		snprintf(out, cap, "%.93s%s", f->value, ui_glyph(&cv->v, "\u2026", "..."));
}

/* The row's differences as lines of text ('\n' between them) into out. */
static void diff_text(const struct cmp_view *cv, char *out, size_t cap)
{
	size_t o = 0, r = cv->cur - 1;
	out[0] = '\0';
#define ADD(...) (o += o < cap ? (size_t)snprintf(out + o, cap - o, __VA_ARGS__) : 0)
	const struct lesson_step *w = comparison_words(cv->c, r); /* a two-run lesson's words for the pair */
	if (cv->asking) { /* a checkpoint before the next row: only the question until it is answered */
		const struct lesson_step *q = comparison_words(cv->c, cv->asking - 1);
		ADD("%s\n", q->ask); /* the heading says which row it comes before */
		for (int i = 0; i < LESSON_MAX_CHOICES && q->choices[i]; i++)
			ADD("  %d) %s\n", i + 1, q->choices[i]);
		ADD("Press the number of your answer (Esc skips).\n");
		return;
	}
	/* The verdict in one line, then the row's words, then why: the words are what is read first. */
	if (w && w->ask && !w->answer_from && cv->pick[r] > 0)
		ADD("Checkpoint: you answered %d: %s%s.\n", cv->pick[r], cv->pick[r] == w->answer ? "right" : "not this one",
		    w->explain ? " (why: below)" : "");
	if (w && w->say)
		ADD("Lesson: %s\n", w->say);
	if (w && w->ask && !w->answer_from && cv->pick[r] > 0 && w->explain)
		ADD("Why: %s\n", w->explain);
	if (w && w->ask && w->answer_from) /* typed in --plain; the view shows the question with the run's value */
		ADD("Checkpoint: %s The run's value: %s. %s\n", w->ask, w->answer_value ? w->answer_value : "(none)",
		    w->explain ? w->explain : "");
	for (int s = 0; !w && s < 2; s++) { /* else each run's lesson words for its step */
		const struct step *st = comparison_step(cv->c, r, s);
		const struct lesson_step *ls = st ? explain_lesson_step(cv->c->run[s], st) : NULL;
		if (ls && ls->say)
			ADD("%s's lesson: %s\n", letter(s), ls->say);
	}
	char why[900];
	comparison_reason(cv->c, r, why, sizeof(why));
	if (*why) {
		ADD("Only %s: %s\n", cv->c->al.rows[r].a < 0 ? "B" : "A", why);
	} else {
		const struct step_diff *d = &cv->c->diff[r];
		const struct step *sa = comparison_step(cv->c, r, 0), *sb = comparison_step(cv->c, r, 1);
		size_t settings = 0, fresh = 0;
		for (size_t k = 0; k < d->n; k++) {
			const struct field_diff *x = &d->v[k];
			if (x->implied)
				continue;
			if (x->cause != CAUSE_SETTINGS) {
				fresh++;
				continue;
			}
			settings++;
			const struct fields *fa = x->record ? &sa->record_fields : &sa->fields;
			const struct fields *fb = x->record ? &sb->record_fields : &sb->fields;
			char va[200], vb[200];
			short_value(cv, x->fa == FIELD_NONE ? NULL : &fa->v[x->fa], va, sizeof(va));
			short_value(cv, x->fb == FIELD_NONE ? NULL : &fb->v[x->fb], vb, sizeof(vb));
			ADD("%s %s%s: A %s | B %s\n", ui_glyph(&cv->v, "\u2260", "~"), x->record ? "record " : "", x->path, va, vb);
		}
		if (fresh) {
			ADD("= fresh each run:");
			size_t told = 0;
			for (size_t k = 0; k < d->n; k++)
				if (!d->v[k].implied && d->v[k].cause != CAUSE_SETTINGS)
					ADD("%s %s%s", told++ ? "," : "", d->v[k].record ? "record " : "", d->v[k].path);
			ADD("\n");
		}
		if (!settings && !fresh)
			ADD("No difference: these two messages are the same, field for field.\n");
	}
	for (int s = 0; s < 2; s++) {
		const struct step *st = comparison_step(cv->c, r, s);
		if (!st || !st->nsecrets)
			continue;
		ADD("%s learns:", letter(s));
		for (size_t k = 0; k < st->nsecrets; k++)
			ADD("%s %s", k ? "," : "", st->secrets[k].name);
		ADD("\n");
	}
	if (o >= cap && cap > 64) /* never cut silently: say where the rest is */
		snprintf(out + cap - 64, 64, "\n... (the rest: tlsstep --batch --compare, or --json)\n");
#undef ADD
}

static void differences(struct cmp_view *cv, const struct rect *r)
{
	if (r->h <= 0)
		return;
	char head[120];
	if (cv->asking)
		snprintf(head, sizeof(head), "A checkpoint before row %zu (PgUp/PgDn)", cv->asking);
	else
		snprintf(head, sizeof(head), "What differs at row %zu (PgUp/PgDn)", cv->cur);
	attron(A_BOLD);
	ui_put(&cv->v, r->y, r->x, r->w, cv->cur ? head : "What differs");
	attroff(A_BOLD);
	struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
	if (!cv->cur) {
		ui_wrap(&cv->v, &body, 0, "Each row pairs the steps of A and B that do the same thing; the differences of "
		                          "the row are listed here.");
		return;
	}
	static char text[1 << 18]; /* certificates that differ are kilobytes of hex each */
	diff_text(cv, text, sizeof(text));
	int n = text_wrap(text, body.w, NULL, 0);
	if (cv->diff_top > n - body.h)
		cv->diff_top = n - body.h > 0 ? n - body.h : 0;
	ui_wrap(&cv->v, &body, cv->diff_top, text);
	if (n > cv->diff_top + body.h) /* more below: said on the heading, never cut silently */
		ui_put(&cv->v, r->y, r->x + r->w - 12, 12, ui_glyph(&cv->v, " \u2193 more", " v more"));
}

/* Who holds which secret in each run, as far as the rows shown go: into text. */
static void secrets_text(const struct cmp_view *cv, char *text, size_t cap)
{
	size_t o = 0;
	text[0] = '\0';
	for (int s = 0; s < 2 && o + 200 < cap; s++) {
		struct known k[64];
		size_t n = known_collect(cv->c->run[s], shown_upto(cv, s), k, 64);
		o += (size_t)snprintf(text + o, cap - o, "%s knows%s", letter(s), n ? ":" : " nothing yet");
		for (size_t i = 0; i < n && o + 100 < cap; i++) {
			unsigned h = k[i].holders;
			o += (size_t)snprintf(text + o, cap - o, "%s %s (%s%s%s)", i ? "," : "", k[i].s->name,
			                      h & HOLDER_CLIENT ? "C" : "", h & HOLDER_SERVER ? "S" : "", h & HOLDER_WIRE ? "W" : "");
		}
		o += (size_t)snprintf(text + o, cap - o, "\n");
	}
	/* The secrets one run has and the other never will (TLS 1.3's handshake secrets, RSA's decrypted premaster). */
	for (int s = 0; s < 2 && o + 200 < cap; s++) {
		char only[1200];
		if (diff_secrets_only(cv->c->run[s], cv->c->run[!s], only, sizeof(only)))
			o += (size_t)snprintf(text + o, cap - o, "only %s ever has: %s\n", letter(s), only);
	}
}

static void secrets(struct cmp_view *cv, const struct rect *r)
{
	char text[4096];
	secrets_text(cv, text, sizeof(text));
	attron(A_BOLD);
	ui_put(&cv->v, r->y, r->x, r->w, "Secrets so far (C client, S server, W wire)");
	attroff(A_BOLD);
	struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
	int n = ui_wrap(&cv->v, &body, 0, text);
	if (n > body.h) /* the rest is in --batch --compare: the cut said, never silent */
		ui_put(&cv->v, r->y, r->x + r->w - 30, 30, ui_glyph(&cv->v, " \u2193 more: --batch --compare", " v more: --batch --compare"));
}

static void summary_line(const struct cmp_view *cv, int s, char *out, size_t cap)
{
	const struct run_summary *m = &cv->c->sum[s];
	char rtt[80], oc[100], os[100];
	snprintf(out, cap, "%s: %s%s%zu bytes%sforward secrecy %s%sclient %s%sserver %s", letter(s),
	         summary_round_trips(m, rtt, sizeof(rtt)), ui_sep(&cv->v), m->bytes_total, ui_sep(&cv->v),
	         m->forward_secret ? "yes" : "no", ui_sep(&cv->v), summary_ops(&m->ops[SIDE_CLIENT], oc, sizeof(oc)),
	         ui_sep(&cv->v), summary_ops(&m->ops[SIDE_SERVER], os, sizeof(os)));
}

/* The summary row: one line each run (round trips, bytes, forward secrecy, public-key operations). */
static void summary(struct cmp_view *cv, const struct rect *r)
{
	if (r->h <= 0)
		return;
	char line[400];
	if (r->h == 1) { /* the focused run's, the other's a Tab away */
		summary_line(cv, cv->run, line, sizeof(line));
		ui_put(&cv->v, r->y, r->x + 1, r->w - 2, line);
		return;
	}
	for (int s = 0; s < 2 && s < r->h; s++) {
		summary_line(cv, s, line, sizeof(line));
		ui_put(&cv->v, r->y + s, r->x + 1, r->w - 2, line);
	}
	/* What each run's eavesdropper reads, wrapped into the rows left, half each. Run A's lesson
	 * may hide it (hide = eavesdropper until ...): a two-run lesson's checkpoint asks it first. */
	int each = (r->h - 2) / 2;
	char until[64] = "";
	bool hidden = explain_pane_hidden(cv->c->run[0], shown_upto(cv, 0), PANE_EAVES, until, sizeof(until));
	for (int s = 0; s < 2 && each > 0; s++) {
		const char *e = cv->c->sum[s].eavesdrop;
		char text[1600];
		if (hidden || explain_pane_hidden(cv->c->run[s], shown_upto(cv, s), PANE_EAVES, until, sizeof(until)))
			snprintf(text, sizeof(text), "%s's eavesdropper: hidden by the lesson %s", letter(s), until);
		else
			snprintf(text, sizeof(text), "%s's eavesdropper with the server's key later: %s", letter(s),
			         e ? e : "no connection got far enough to tell");
		for (char *p = text; *p; p++)
			if (*p == '\n')
				*p = ' '; /* connections one after the other */
		struct rect body = { r->y + 2 + s * each, r->x + 1, each, r->w - 2 };
		int n = text_wrap(text, body.w, NULL, 0);
		if (n <= each) {
			ui_wrap(&cv->v, &body, 0, text);
		} else { /* the last row ends in an ellipsis: the rest is in --batch --compare */
			struct text_line ln[64];
			text_wrap(text, body.w, ln, 64);
			for (int k = 0; k < each && k < 64; k++) {
				char b[1600];
				snprintf(b, sizeof(b), "%.*s", k + 1 == each ? (int)strlen(ln[k].p) : (int)ln[k].len, ln[k].p);
				ui_put(&cv->v, body.y + k, body.x, body.w, b);
			}
		}
	}
}

static void help(struct cmp_view *cv, int w, int h)
{
	struct rect all = { 1, 0, h - 2, w };
	struct rect in = ui_box(&cv->v, &all, 14, 70, "Keys of the comparison");
	ui_wrap(&cv->v, &in, 0,
	        "Space, n, Right: the next row (both runs step together)\n"
	        "b, p, Left: the row before; Home, End: the first, the last\n"
	        "Tab: the other run (shown alone below 120x40, focused above)\n"
	        "a, B: run A, run B\n"
	        "Up, Down: scroll the focused run's message\n"
	        "PgUp, PgDn: scroll the list of differences\n"
	        "? or Esc: close this; q: quit\n"
	        "Marks: \u2260 (~) set up differently, = fresh each run (randoms, keys, signatures, ciphertext), + in "
	        "this run only");
}

/* The narration's place holds who knows what: as many lines as that takes (the layout caps it). */
static int narr_lines(void *ctx, int w)
{
	char text[4096];
	secrets_text(ctx, text, sizeof(text));
	return 1 + text_wrap(text, w, NULL, 0);
}

void compare_draw(struct cmp_view *cv)
{
	int H, W;
	getmaxyx(stdscr, H, W);
	cv->both = W >= COMPARE_BOTH_W && H >= COMPARE_BOTH_H;
	int label = pane_ladder_label_cols(cv->c->run[0]), lb = pane_ladder_label_cols(cv->c->run[1]);
	struct layout_need need = { cv->both ? 2 : 1, (label > lb ? label : lb) + 6, narr_lines, cv, false };
	layout_compute(W, H, &need, &cv->L);
	struct layout *L = &cv->L;
	cv->rows_at[0].h = cv->rows_at[1].h = 0;
	erase();
	if (L->too_small) {
		char msg[160];
		snprintf(msg, sizeof(msg), "tlsstep needs a terminal of at least %dx%d; this one is %dx%d. Keys wait until "
		         "it is larger (q quits).", LAYOUT_MIN_W, LAYOUT_MIN_H, W, H);
		struct rect all = { 0, 0, H, W };
		ui_wrap(&cv->v, &all, 0, msg);
		return;
	}
	bool asking_alone = cv->asking && !cv->both; /* the checkpoint takes message and differences as one pane */
	for (int i = 0; i < L->nhrule; i++)
		if (!asking_alone || L->hrule[i].y <= L->fields[0].y || L->hrule[i].y >= L->hex[0].y)
			ui_hrule(L->hrule[i].y, L->hrule[i].x, L->hrule[i].w);
	for (int i = 0; i < L->nvrule; i++)
		mvvline(L->vrule[i].y, L->vrule[i].x, ACS_VLINE, L->vrule[i].h);
	title(cv, &L->title);
	if (cv->both) {
		for (int s = 0; s < 2; s++) {
			ladder(cv, s, &L->ladder[s]);
			message(cv, s, &L->fields[s]);
		}
		/* The difference list across both runs' byte panes: it names A's and B's values. */
		struct rect d = L->hex[0];
		d.w = L->hex[1].x + L->hex[1].w - d.x;
		mvhline(d.y, d.x - 1, ' ', d.w + 1);
		for (int y = d.y; y < d.y + d.h; y++)
			mvhline(y, d.x, ' ', d.w);
		differences(cv, &d);
	} else if (asking_alone) { /* one run shown: an open checkpoint takes the message's place too, to fit its choices */
		ladder(cv, cv->run, &L->ladder[0]);
		struct rect q = L->fields[0];
		q.h = L->hex[0].y + L->hex[0].h - q.y;
		for (int y = q.y; y < q.y + q.h; y++)
			mvhline(y, q.x, ' ', q.w);
		differences(cv, &q);
	} else {
		ladder(cv, cv->run, &L->ladder[0]);
		message(cv, cv->run, &L->fields[0]);
		differences(cv, &L->hex[0]);
	}
	/* The narration's place holds who knows what in each run; the summary takes the knowledge bar or band. */
	secrets(cv, &L->narration);
	summary(cv, L->know.h ? &L->know : &L->secrets);
	keybar(cv, &L->keybar);
	if (cv->help)
		help(cv, W, H);
}
