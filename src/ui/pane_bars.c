/*
 * ui/pane_bars.c — the title row and the key bar. Both are parts joined by a
 * middle dot; when the row is too narrow, parts drop in order of importance
 * (never cut mid-word), and "? help" and "q quit" are always kept.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"
#include "wire/names.h"

void pane_title_draw(struct ui_view *v, const struct rect *r)
{
	const struct lesson *les = &v->sc->lesson;
	char lesson_no[32] = "", name[200], step[48];
	if (les->title && v->sc->name[0] >= '0' && v->sc->name[0] <= '9')
		snprintf(lesson_no, sizeof(lesson_no), "Lesson %d", atoi(v->sc->name));
	snprintf(name, sizeof(name), "%s", les->title ? les->title : v->sc->name);
	snprintf(step, sizeof(step), "step %zu/%zu", v->cur, v->tl->nsteps);
	const char *suite = v->tl->suite_id ? timeline_suite_iana(v->tl) : "no suite agreed";
	const char *version = v->tl->tls_version == 0x0304 ? "TLS 1.3" : v->tl->tls_version ? names_version(v->tl->tls_version)
	                                                                                     : "no version agreed";
	/* The IANA name is what the fields, the RFCs and Wireshark say; a scenario may not be a lesson. */
	const char *parts[] = { "tlsstep", lesson_no, name, step, v->tampered ? "FAULT INJECTED" : NULL, version, suite };
	const int prio[] = { 5, 3, 4, 0, 0, 1, 0 };
	char line[600];
	text_join_fit(parts, prio, 7, ui_sep(v), r->w - 2, line, sizeof(line));
	ui_attr(v, C_TITLE, true);
	attron(A_BOLD);
	mvhline(r->y, r->x, ' ', r->w);
	ui_put(v, r->y, r->x + 1, r->w - 2, line);
	attroff(A_BOLD);
	ui_attr(v, C_TITLE, false);
}

void pane_keybar_draw(struct ui_view *v, const struct rect *r)
{
	const char *sep = ui_sep(v);
	const char *parts[16];
	int prio[16], n = 0;
#define PART(s, p) (parts[n] = (s), prio[n++] = (p))
	switch (v->overlay) {
	case OV_ASK:
		PART(v->ask_shown ? "Space go on" : quiz_typed(&v->quiz, v->tl, v->ask_step) ? "type, Enter answer" : "1-9 answer", 1);
		PART(v->ask_shown ? NULL : "Esc skip the question", 2);
		break;
	case OV_MENU:
		PART(ui_glyph(v, "\u2191\u2193 choose", "Up/Down choose"), 1);
		PART("Enter run", 1);
		PART("Esc close", 2);
		break;
	case OV_NONE:
		PART("Space next", 1);
		PART("b back", 2);
		PART(v->L.secrets.h ? "Tab pane" : "Tab fields", 5);
		PART(ui_glyph(v, "\u2191\u2193 Enter choose", "Up/Down Enter choose"), 4);
		PART("x bytes", 6);
		PART("k keys", 3);
		PART("e eavesdropper", 7);
		PART("f fault", 8);
		PART(v->tl->capture.file ? "s connections" : "s lessons", 6);
		break;
	default:
		PART(ui_glyph(v, "\u2191\u2193 PgDn PgUp scroll", "Up/Down PgDn PgUp scroll"), 1);
		PART("Esc close", 1);
		break;
	}
	PART("? help", 0);
	PART("q quit", 0);
#undef PART
	char line[600], status[500];
	if (v->status[0]) {
		/* A notice takes the place of the hints, but never of help and quit. */
		char tail[64];
		snprintf(tail, sizeof(tail), "%s? help%sq quit", sep, sep);
		int tw = text_cols(tail);
		text_fit(v->status[0] == ' ' ? v->status + 1 : v->status, r->w - 2 - tw, v->utf8, status, sizeof(status));
		snprintf(line, sizeof(line), "%s%s", status, tail);
	} else {
		text_join_fit(parts, prio, n, sep, r->w - 2, line, sizeof(line));
	}
	ui_attr(v, C_DIM, true);
	ui_put(v, r->y, r->x + 1, r->w - 2, line);
	ui_attr(v, C_DIM, false);
}
