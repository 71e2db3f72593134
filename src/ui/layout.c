/* ui/layout.c — see layout.h. */
#include "ui/layout.h"

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

bool rect_overlap(const struct rect *a, const struct rect *b)
{
	if (a->h <= 0 || a->w <= 0 || b->h <= 0 || b->w <= 0)
		return false;
	return a->y < b->y + b->h && b->y < a->y + a->h && a->x < b->x + b->w && b->x < a->x + a->w;
}

static struct rect r(int y, int x, int h, int w)
{
	return (struct rect){ y, x, h, w };
}

/* The bytes per hex row that fit w columns: "0000 " + 3 columns a byte, then (where it fits) the
 * byte as a character; 16 bytes without the characters beat 8 with them. */
static int hex_per(int w, bool *ascii)
{
	*ascii = true;
	for (int per = 32; per >= 16; per /= 2)
		if (5 + per * 4 <= w)
			return per;
	*ascii = false;
	if (5 + 16 * 3 <= w)
		return 16;
	*ascii = 5 + 8 * 4 <= w;
	return 8;
}

/* The ladders and message columns of the runs, side by side in the area (y, x, h, w). */
static void columns(struct layout *L, const struct layout_need *need, int y, int x, int h, int w)
{
	int runs = clamp(need->runs, 1, LAYOUT_MAX_RUNS);
	int each = (w - (runs - 1)) / runs;
	for (int i = 0; i < runs; i++) {
		int cx = x + i * (each + 1);
		if (i) /* between two runs */
			L->vrule[L->nvrule++] = r(y, cx - 1, h, 1);
		/* The ladder: its longest label, a fixed arrow and margins; never more than 40 % of the column. */
		int lw = clamp(need->ladder_label + 10, 28, 36);
		if (lw > each * 2 / 5)
			lw = clamp(each * 2 / 5, 24, 36);
		/* Three columns: two ladders' worth, up to half the column (labels cut, marked, at 80). */
		if (need->three)
			lw = clamp(2 * need->ladder_label + 12, 36, each / 2);
		int mw = each - lw - 1;
		L->ladder[i] = r(y, cx, h, lw);
		L->vrule[L->nvrule++] = r(y, cx + lw, h, 1);
		int hex_h = clamp(h * 2 / 5, 3, 12), fields_h = h - hex_h - 1;
		L->fields[i] = r(y, cx + lw + 2, fields_h, mw - 2);
		L->hrule[L->nhrule++] = r(y + fields_h, cx + lw + 1, 1, mw);
		L->hex[i] = r(y + fields_h + 1, cx + lw + 2, hex_h, mw - 2);
		L->hex_per_row[i] = hex_per(mw - 2, &L->hex_ascii[i]);
	}
}

void layout_compute(int w, int h, const struct layout_need *need, struct layout *L)
{
	*L = (struct layout){ 0 };
	if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
		L->too_small = true;
		return;
	}
	L->title = r(0, 0, 1, w);
	L->keybar = r(h - 1, 0, 1, w);
	bool pane = w >= 100 && h >= 30;
	L->secrets_side = pane && w >= 160 && need->runs <= 1;
	int left_w = w;
	if (L->secrets_side) {
		int sw = clamp(w - 36 - 3 - 96, 56, 80); /* the message column keeps ~96 */
		left_w = w - sw - 1;
		L->secrets = r(1, left_w + 1, h - 2, sw);
		L->vrule[L->nvrule++] = r(1, left_w, h - 2, 1);
	}
	/* From the bottom up: the key bar, the secrets band or the knowledge bar, the narration. */
	int bottom = h - 1; /* first row taken from below */
	if (pane && !L->secrets_side) {
		int sh = h >= 40 ? 8 : 5;
		bottom -= sh;
		L->secrets = r(bottom, 0, sh, w);
		L->hrule[L->nhrule++] = r(--bottom, 0, 1, w); /* the pane's heading is drawn on it */
	} else if (!pane) {
		L->know = r(--bottom, 0, 1, w);
		L->hrule[L->nhrule++] = r(--bottom, 0, 1, w);
	}
	int nw = left_w - 2 < LAYOUT_NARR_MAX_W ? left_w - 2 : LAYOUT_NARR_MAX_W;
	int want = need->narr_lines ? need->narr_lines(need->ctx, nw) : 4;
	int narr_h = clamp(want, h >= 30 ? 4 : 3, h / 4);
	bottom -= narr_h;
	L->narration = r(bottom, 1, narr_h, nw);
	L->hrule[L->nhrule++] = r(--bottom, 0, 1, left_w);
	columns(L, need, 1, 0, bottom - 1, left_w);
}
