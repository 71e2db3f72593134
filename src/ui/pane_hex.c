/*
 * ui/pane_hex.c — the bytes: the message (its selected field highlighted, as
 * Wireshark does) or the record(s) as they crossed the pipe, 8, 16 or 32 bytes
 * a row as the width allows. A byte a fault changed is marked in the record,
 * with its original value in the heading.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/text.h"
#include "ui/view.h"

/* Whether record byte off was changed by a fault; *was gets its original value. */
static bool faulted(const struct step *st, size_t off, unsigned *was)
{
	for (size_t i = 0; i < st->nfault; i++)
		if (st->fault_off[i] == off) {
			*was = st->fault_was[i];
			return true;
		}
	return false;
}

void pane_hex_draw(struct ui_view *v, const struct rect *r, int per, bool ascii)
{
	if (!v->cur)
		return;
	const struct step *st = &v->tl->steps[v->cur - 1];
	bool rec = v->show_record || !st->have_plain;
	const struct buf *b = rec ? &st->record : &st->plain;
	size_t lo = 0, hi = 0;
	int vis[512];
	size_t n = view_visible(v, vis, 512);
	if (!rec && n) {
		const struct field *f = &st->fields.v[vis[v->sel]];
		lo = f->offset;
		hi = f->offset + f->length;
	}
	if (rec && st->nfault) {
		lo = st->fault_off[0];
		hi = lo + 1;
	}
	size_t rows = (size_t)(r->h - 1 - (st->nfault ? 1 : 0)), per_u = (size_t)per;
	size_t total = (b->len + per_u - 1) / per_u;
	size_t first = lo / per_u > rows / 2 ? lo / per_u - rows / 2 : 0;
	if (total > rows && first > total - rows)
		first = total - rows;
	char head[400], base[80], xs[48], fault[120] = "", part[48] = "";
	if (total > rows)
		snprintf(part, sizeof(part), "rows %zu-%zu of %zu", first + 1, first + rows < total ? first + rows : total, total);
	if (st->nfault && rec)
		snprintf(fault, sizeof(fault), "fault: byte %zu was %02x, crossed as %02x", st->fault_off[0], st->fault_was[0],
		         st->fault_off[0] < b->len ? b->data[st->fault_off[0]] : 0);
	else if (st->nfault)
		snprintf(fault, sizeof(fault), "a fault changed this record (x)");
	snprintf(base, sizeof(base), "%s, %zu byte%s", rec ? "record bytes as they crossed" : "message bytes", b->len,
	         b->len == 1 ? "" : "s");
	snprintf(xs, sizeof(xs), "x: %s", rec ? (st->have_plain ? "the message" : "no plaintext") : "the record");
	const char *parts[] = { base, xs, part };
	const int prio[] = { 0, 2, 1 };
	text_join_fit(parts, prio, 3, ui_sep(v), r->w, head, sizeof(head));
	ui_attr(v, C_DIM, true);
	ui_put(v, r->y, r->x, r->w, head);
	ui_attr(v, C_DIM, false);
	if (fault[0]) {
		/* the fault's own row, above the bytes */
		ui_attr(v, C_BAD, true);
		ui_put(v, r->y + 1, r->x, r->w, fault);
		ui_attr(v, C_BAD, false);
	}
	int y0 = r->y + 1 + (fault[0] ? 1 : 0);
	for (size_t k = 0; k < rows; k++) {
		size_t off = (first + k) * per_u;
		if (off >= b->len)
			break;
		int y = y0 + (int)k;
		char lbl[24];
		snprintf(lbl, sizeof(lbl), "%04zx", off);
		ui_puts(y, r->x, lbl);
		for (size_t j = 0; j < per_u && off + j < b->len; j++) {
			size_t at = off + j;
			unsigned was = 0;
			bool hit = rec && faulted(st, at, &was);
			bool in = (at >= lo && at < hi) || hit;
			if (in) {
				ui_attr(v, hit ? C_BAD : C_HI, true);
				attron(A_REVERSE | (hit ? A_UNDERLINE : 0));
			}
			char hx[4];
			snprintf(hx, sizeof(hx), "%02x", b->data[at]);
			ui_puts(y, r->x + 5 + (int)j * 3, hx);
			uint8_t c = b->data[at];
			if (ascii)
				mvaddch(y, r->x + 5 + (int)per_u * 3 + (int)j, c >= 0x20 && c < 0x7f ? c : '.');
			if (in) {
				attroff(A_REVERSE | A_UNDERLINE);
				ui_attr(v, hit ? C_BAD : C_HI, false);
			}
		}
	}
}
