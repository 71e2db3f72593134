/*
 * ui/compare_view.c — the comparison view's key loop: one cursor over the aligned
 * rows moves both runs; Tab switches the focused run (the one shown at 80x24, the
 * one whose message scrolls when both are shown). Drawing is in compare_draw.c,
 * the terminal's set-up in ui.c.
 */
#include "ui/compare_view.h"

#include <curses.h>
#include <string.h>

#include "ui/compare_draw.h"
#include "model/compare.h"

/* Row r's (0-based) checkpoint, when it asks for a choice (a typed value is --plain's). */
static const struct lesson_step *asks(const struct cmp_view *cv, size_t r)
{
	const struct lesson_step *w = comparison_words(cv->c, r);
	return w && w->ask && w->choices[0] && r < LESSON_MAX_ROWS ? w : NULL;
}

static void go_to(struct cmp_view *cv, size_t row)
{
	if (row > cv->c->al.n)
		row = cv->c->al.n;
	cv->asking = 0;
	/* A step forward stops at an unanswered checkpoint; a jump (End, a click, --step) goes past it,
	 * as in the one-run view, and it stays unanswered until stepped to. */
	if (row == cv->cur + 1 && asks(cv, row - 1) && !cv->pick[row - 1]) {
		cv->asking = row;
		row = cv->cur;
	}
	if (row != cv->cur) {
		cv->cur = row;
		cv->field_top[0] = cv->field_top[1] = 0;
		cv->diff_top = 0;
	}
}

/* One key; returns false to quit. */
static bool key(struct cmp_view *cv, int ch)
{
	if (cv->help) {
		cv->help = ch != '?' && ch != 27 && ch != '\n' && ch != ' ' && ch != 'q' ? cv->help : false;
		return ch != 'q';
	}
	if (cv->L.too_small)
		return ch != 'q' && ch != 'Q';
	if (cv->asking && ((ch >= '1' && ch <= '6') || ch == 27)) { /* the open checkpoint's answer, or Esc */
		size_t k = cv->asking;
		const struct lesson_step *w = asks(cv, k - 1);
		int nch = 0;
		while (nch < LESSON_MAX_CHOICES && w->choices[nch])
			nch++;
		if (ch != 27 && ch - '0' > nch)
			return true;
		cv->pick[k - 1] = ch == 27 ? -1 : ch - '0';
		go_to(cv, k);
		return true;
	}
	switch (ch) {
	case 'q':
	case 'Q':
		return false;
	case '?':
		cv->help = true;
		break;
	case ' ':
	case 'n':
	case KEY_RIGHT:
		go_to(cv, cv->cur + 1);
		break;
	case 'b':
	case 'p':
	case KEY_LEFT:
		go_to(cv, cv->cur ? cv->cur - 1 : 0);
		break;
	case KEY_HOME:
		go_to(cv, 0);
		break;
	case KEY_END:
		go_to(cv, cv->c->al.n);
		break;
	case '\t':
	case 'a':
		cv->run = ch == 'a' ? 0 : !cv->run;
		break;
	case 'B':
		cv->run = 1;
		break;
	case KEY_DOWN:
		cv->field_top[cv->run]++; /* clamped when drawn */
		break;
	case KEY_UP:
		if (cv->field_top[cv->run] > 0)
			cv->field_top[cv->run]--;
		break;
	case KEY_NPAGE:
		cv->diff_top += 3;
		break;
	case KEY_PPAGE:
		cv->diff_top = cv->diff_top > 3 ? cv->diff_top - 3 : 0;
		break;
	case KEY_MOUSE: { /* a click on a ladder's row goes to that row */
		MEVENT m;
		if (getmouse(&m) != OK || !(m.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
			break;
		for (int s = 0; s < 2; s++) {
			const struct rect *r = &cv->rows_at[s];
			if (r->h > 0 && m.y >= r->y && m.y < r->y + r->h && m.x >= r->x && m.x < r->x + r->w &&
			    (size_t)(cv->ladder_top + m.y - r->y) < cv->cur)
				go_to(cv, (size_t)(cv->ladder_top + m.y - r->y) + 1);
		}
		break;
	}
	default:
		break;
	}
	return true;
}

int compare_view_run(const struct comparison *c, size_t start)
{
	struct cmp_view cv;
	memset(&cv, 0, sizeof(cv));
	cv.c = c;
	cv.v.tl = (struct timeline *)c->run[0]; /* the helpers read only utf8 and color */
	if (ui_term_open(&cv.v))
		return 2;
	go_to(&cv, start);
	bool go = true;
	while (go && !ui_term_stopping()) {
		compare_draw(&cv);
		refresh();
		int ch = getch();
		if (ch == ERR || ch == KEY_RESIZE)
			continue;
		go = key(&cv, ch);
	}
	ui_term_close();
	ui_term_reraise();
	return 0;
}
