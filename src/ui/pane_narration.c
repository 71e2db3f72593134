/*
 * ui/pane_narration.c — what the step is for: the lesson's words or the built-in
 * paragraph, in a column of readable width. Longer than its rows, it scrolls a
 * page at a time with PgDn/PgUp, and the rule above says so.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"

void pane_narration_draw(struct ui_view *v, const struct rect *r)
{
	const char *narr = view_narration(v);
	int total = text_wrap(narr, r->w, NULL, 0);
	if (v->narr_top > total - r->h)
		v->narr_top = total - r->h > 0 ? total - r->h : 0;
	if (v->narr_top < 0)
		v->narr_top = 0;
	ui_wrap(v, r, v->narr_top, narr);
	if (total <= r->h)
		return;
	char more[80];
	snprintf(more, sizeof(more), " %s lines %d-%d of %d ",
	         v->narr_top + r->h < total ? ui_glyph(v, "PgDn more \u00b7", "PgDn more |")
	                                    : ui_glyph(v, "PgUp back \u00b7", "PgUp back |"),
	         v->narr_top + 1, v->narr_top + r->h, total);
	int mw = text_cols(more);
	ui_attr(v, C_DIM, true);
	ui_put(v, r->y - 1, r->x + r->w - mw, mw, more);
	ui_attr(v, C_DIM, false);
}
