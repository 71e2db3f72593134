/*
 * ui/layout.h — the screen cut into pane rectangles from the terminal size and
 * the content (as tmux's layout.c and htop's panels do). Pure: no curses, so
 * tests/unit/test_layout.c checks it at every size a class uses.
 *
 * One run: a ladder on the left as wide as its longest label plus a fixed
 * arrow, the message column (field tree above, bytes below) taking the rest,
 * the narration in a column of readable width, and a secrets pane where there
 * is room (a band at the bottom from 100x30, a column on the right from 160
 * columns); below 100x30 a one-line knowledge bar instead. Two runs (the
 * comparison view) get a ladder and message column each, side by side.
 */
#ifndef TLSSTEP_UI_LAYOUT_H
#define TLSSTEP_UI_LAYOUT_H

#include <stdbool.h>

enum { LAYOUT_MIN_W = 80, LAYOUT_MIN_H = 24, LAYOUT_NARR_MAX_W = 100, LAYOUT_MAX_RUNS = 2 };

struct rect {
	int y, x, h, w;
};

struct layout_need {
	int runs;                       /* 1, or 2 for a comparison */
	int ladder_label;               /* columns of the longest ladder label of any run */
	/* Lines the narration takes at width w (the layout tries its width first). */
	int (*narr_lines)(void *ctx, int w);
	void *ctx;
	bool three;                     /* a man in the middle: the ladder has three columns (model/mitm.h) */
};

struct layout {
	bool too_small;                 /* below LAYOUT_MIN_W x LAYOUT_MIN_H: nothing else is set */
	struct rect title, keybar;      /* one row each: the top and the bottom */
	struct rect ladder[LAYOUT_MAX_RUNS];   /* its first row is the CLIENT/SERVER heading */
	struct rect fields[LAYOUT_MAX_RUNS];   /* heading, tree, the selected field explained and whole */
	struct rect hex[LAYOUT_MAX_RUNS];      /* heading and rows of bytes */
	int hex_per_row[LAYOUT_MAX_RUNS];      /* 8, 16 or 32 */
	bool hex_ascii[LAYOUT_MAX_RUNS];       /* the bytes as characters beside them */
	struct rect narration;
	struct rect secrets;            /* h == 0: no secrets pane, the knowledge bar instead */
	bool secrets_side;              /* the pane is a column on the right (else a band) */
	struct rect know;               /* the one-line knowledge bar (h == 0 when the pane is there) */
	/* Rules between panes: horizontal ones (h == 1), vertical ones (w == 1). */
	struct rect hrule[4];
	int nhrule;
	struct rect vrule[LAYOUT_MAX_RUNS * 2];
	int nvrule;
};

/* Cuts a w x h screen for the content described by need. */
void layout_compute(int w, int h, const struct layout_need *need, struct layout *out);

/* Whether rectangles a and b share a cell. */
bool rect_overlap(const struct rect *a, const struct rect *b);

#endif
