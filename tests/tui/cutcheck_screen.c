/*
 * tests/tui/cutcheck_screen.c — a captured screen for cutcheck: rows as code points,
 * segments, wraps, boxes drawn over the screen, hex dumps, and the --prose mode.
 * Contracts in cutcheck_screen.h.
 */
#include "cutcheck_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("cutcheck: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

/* Decodes UTF-8 s[0..len) into code points; a byte that starts no valid sequence stands for itself. */
struct cps decode_utf8(const char *s, size_t len)
{
	struct cps out = { xrealloc(NULL, (len + 1) * sizeof(uint32_t)), 0 };
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		uint32_t c = *p;
		size_t more = c >= 0xf0 && c < 0xf8 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		if (c >= 0xf8 || (c >= 0x80 && c < 0xc0))
			more = 0;
		if (more && (size_t)(end - p) > more) {
			uint32_t v = c & (0x3f >> more);
			size_t i;
			for (i = 1; i <= more && (p[i] & 0xc0) == 0x80; i++)
				v = v << 6 | (p[i] & 0x3f);
			if (i > more) {
				out.c[out.n++] = v;
				p += more + 1;
				continue;
			}
		}
		out.c[out.n++] = c;
		p++;
	}
	return out;
}


bool is_border(uint32_t c)
{
	return c == '|' || c == 0x2502 /* │ */ || c == 0x2503 /* ┃ */;
}

/* Reads a captured screen; returns 0, or -1 with a message on stderr. */
int screen_read(const char *path, struct screen *scr)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	if (!f) {
		fprintf(stderr, "cutcheck: cannot read %s\n", path);
		return -1;
	}
	scr->nrows = 0;
	while ((len = getline(&line, &cap, f)) >= 0 && scr->nrows < MAX_ROWS) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		scr->row[scr->nrows++] = decode_utf8(line, (size_t)len);
	}
	free(line);
	fclose(f);
	return 0;
}

/* Length of the common prefix of row[col..] and s[from..]. */
size_t common(const struct cps *row, size_t col, const struct cps *s, size_t from)
{
	size_t n = 0;
	while (col + n < row->n && from + n < s->n && row->c[col + n] == s->c[from + n])
		n++;
	return n;
}

/*
 * Whether only filler follows row[at..] up to the row's end or a border: spaces, and
 * the horizontal rule a heading runs into (─, or two or more '-' in an ASCII locale).
 */
bool segment_ends(const struct cps *row, size_t at)
{
	size_t dashes = 0;
	for (; at < row->n; at++) {
		uint32_t c = row->c[at];
		if (is_border(c))
			break;
		if (c == '-')
			dashes++;
		else if (c != ' ' && c != 0x2500 /* ─ */ && c != 0x2501 /* ━ */)
			return false;
	}
	return dashes != 1;
}

/* Whether an ellipsis (… or ...) follows row[at..], after optional spaces. */
bool ellipsis_at(const struct cps *row, size_t at)
{
	while (at < row->n && row->c[at] == ' ')
		at++;
	if (at < row->n && row->c[at] == 0x2026)
		return true;
	return at + 2 < row->n && row->c[at] == '.' && row->c[at + 1] == '.' && row->c[at + 2] == '.';
}

/* The first column of text of row's segment that holds column col (after the border left of it). */
size_t segment_text_start(const struct cps *row, size_t col)
{
	size_t a = col < row->n ? col : row->n;
	while (a > 0 && !is_border(row->c[a - 1]))
		a--;
	while (a < row->n && row->c[a] == ' ')
		a++;
	return a;
}

/*
 * Follows value s from s[from..] as a wrap at column col of rows r, r+1, ...:
 * whole when the rest is there, marked when a continuation ends in an ellipsis,
 * cut otherwise. `strict_end` (cutcheck's rules): a continuation that stops short of
 * the value must end its segment (only spaces to a border or the row's end), and a
 * continuation may also start where the text of its segment starts (prose that wraps
 * a long value under its indent: the value is whole, only not in one column); else
 * (--find) a space after a continuation will do, and only the same column counts.
 */
enum follow follow_wrap(const struct screen *scr, size_t r, size_t col, const struct cps *s, size_t from,
                               bool strict_end)
{
	for (; r < scr->nrows; r++) {
		const struct cps *row = &scr->row[r];
		size_t n = common(row, col, s, from);
		if (n == 0 && strict_end && from > 0) {
			size_t flow = segment_text_start(row, col);
			if (flow < col && (n = common(row, flow, s, from)) > 0)
				col = flow;
		}
		if (n == 0)
			return FOLLOW_CUT;
		from += n;
		if (from == s->n)
			return FOLLOW_WHOLE;
		if (ellipsis_at(row, col + n))
			return FOLLOW_MARKED;
		bool ends = strict_end ? segment_ends(row, col + n)
		                       : col + n >= row->n || row->c[col + n] == ' ' || is_border(row->c[col + n]);
		if (!ends)
			return FOLLOW_CUT;
	}
	return FOLLOW_CUT;
}

/*
 * Whether the segment end at row r, column at, is the left edge of a box drawn over the
 * screen (a checkpoint, the keys view): the border there runs up to a top-left corner.
 * What stands left of it is hidden under the box, not cut.
 */
bool under_box(const struct screen *scr, size_t r, size_t at)
{
	const struct cps *row = &scr->row[r];
	while (at < row->n && !is_border(row->c[at]))
		at++;
	if (at >= row->n)
		return false;
	while (r-- > 0) {
		const struct cps *up = &scr->row[r];
		if (at >= up->n)
			return false;
		if (up->c[at] == 0x250c /* ┌ */ || up->c[at] == '+')
			return true;
		if (!is_border(up->c[at]))
			return false;
	}
	return false;
}

void print_cps(const struct cps *s, size_t from, size_t n)
{
	for (size_t i = from; i < from + n && i < s->n; i++) {
		uint32_t c = s->c[i];
		if (c < 0x80)
			putchar((int)c);
		else if (c < 0x800)
			printf("%c%c", 0xc0 | c >> 6, 0x80 | (c & 0x3f));
		else if (c < 0x10000)
			printf("%c%c%c", 0xe0 | c >> 12, 0x80 | (c >> 6 & 0x3f), 0x80 | (c & 0x3f));
		else
			printf("%c%c%c%c", 0xf0 | c >> 18, 0x80 | (c >> 12 & 0x3f), 0x80 | (c >> 6 & 0x3f), 0x80 | (c & 0x3f));
	}
}

static bool is_hex(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * Whether the segment of row that holds column col is a row of a hex dump ("0060 00 0f
 * 77 77 ... ..www.example.co"): its printable column renders bytes, 16 to a row, and
 * shows no value; a word there that runs on into the next row is no cut.
 */
bool hexdump_row(const struct cps *row, size_t col)
{
	size_t a = segment_text_start(row, col), pairs = 0;
	for (size_t i = 0; i < 4; i++)
		if (a + i >= row->n || !is_hex(row->c[a + i]))
			return false;
	for (a += 4; a + 2 < row->n && row->c[a] == ' ' && is_hex(row->c[a + 1]) && is_hex(row->c[a + 2]); a += 3)
		pairs++;
	return pairs >= 4;
}

/*
 * Whether a word is a run of the line-drawing letters a capture shows for the
 * alternate character set in an ASCII locale (lqqqk, x, mqqqj): a rule, not a word.
 */
bool acs_run(const struct cps *row, size_t a, size_t b)
{
	size_t lines = 0;
	for (size_t i = a; i < b; i++) {
		if (!strchr("jklmnqtuvwx", (int)row->c[i]))
			return false;
		lines += row->c[i] == 'q' || row->c[i] == 'x';
	}
	return 2 * lines >= b - a;
}

/* Whether value s stands whole on the screen, on one row or wrapped at one column; where, in *rr, *cc. */
bool find_whole(const struct screen *scr, const struct cps *s, size_t *rr, size_t *cc)
{
	if (s->n == 0)
		return false;
	for (size_t r = 0; r < scr->nrows; r++)
		for (size_t col = 0; col < scr->row[r].n; col++)
			if (scr->row[r].c[col] == s->c[0] && follow_wrap(scr, r, col, s, 0, false) == FOLLOW_WHOLE) {
				*rr = r;
				*cc = col;
				return true;
			}
	return false;
}

/*
 * --prose: the text of each column of the screens, so that a wrapped paragraph can be
 * searched as one line. A column is the segments (a row cut at its borders) that start
 * at the same screen column; each is printed as one line, spaces collapsed. Screens
 * given one after another (a pane scrolled page by page) are joined per column, a
 * page's rows that repeat the end of the previous page taken once.
 */
struct column {
	size_t start;
	char **rows;
	size_t n, cap;
};

static char *segment_text(const struct cps *row, size_t a, size_t b)
{
	char *t = xrealloc(NULL, 4 * (b - a) + 1);
	size_t n = 0;
	for (size_t i = a; i < b; i++) {
		uint32_t c = row->c[i];
		if (c == ' ' && (n == 0 || t[n - 1] == ' '))
			continue;
		if (c < 0x80) {
			t[n++] = (char)c;
		} else if (c < 0x800) {
			t[n++] = (char)(0xc0 | c >> 6);
			t[n++] = (char)(0x80 | (c & 0x3f));
		} else {
			t[n++] = (char)(0xe0 | (c >> 12 & 0x0f));
			t[n++] = (char)(0x80 | (c >> 6 & 0x3f));
			t[n++] = (char)(0x80 | (c & 0x3f));
		}
	}
	while (n && t[n - 1] == ' ')
		n--;
	t[n] = 0;
	return t;
}

int prose(int nfiles, char **files)
{
	static struct screen scr;
	struct column col[64];
	size_t ncol = 0;
	for (int f = 0; f < nfiles; f++) {
		if (screen_read(files[f], &scr))
			return 2;
		/* This page's rows of each column, then joined to what came before. */
		struct column page[64];
		size_t npage = 0;
		for (size_t r = 0; r < scr.nrows; r++) {
			const struct cps *row = &scr.row[r];
			for (size_t a = 0, b; a < row->n; a = b + 1) {
				for (b = a; b < row->n && !is_border(row->c[b]);)
					b++;
				char *t = segment_text(row, a, b);
				if (!*t) {
					free(t);
					continue;
				}
				size_t k;
				for (k = 0; k < npage && page[k].start != a; k++)
					;
				if (k == npage) {
					if (npage == 64) {
						free(t);
						continue;
					}
					page[npage++] = (struct column){ a, NULL, 0, 0 };
				}
				struct column *c = &page[k];
				if (c->n == c->cap) {
					c->cap = c->cap ? 2 * c->cap : 16;
					c->rows = xrealloc(c->rows, c->cap * sizeof(*c->rows));
				}
				c->rows[c->n++] = t;
			}
		}
		for (size_t p = 0; p < npage; p++) {
			size_t k;
			for (k = 0; k < ncol && col[k].start != page[p].start; k++)
				;
			if (k == ncol) {
				if (ncol == 64)
					continue;
				col[ncol++] = (struct column){ page[p].start, NULL, 0, 0 };
			}
			struct column *c = &col[k], *q = &page[p];
			size_t skip = 0; /* the longest end of c that q starts with */
			for (size_t o = q->n < c->n ? q->n : c->n; o > 0 && !skip; o--) {
				size_t i;
				for (i = 0; i < o && !strcmp(c->rows[c->n - o + i], q->rows[i]); i++)
					;
				if (i == o)
					skip = o;
			}
			for (size_t i = skip; i < q->n; i++) {
				if (c->n == c->cap) {
					c->cap = c->cap ? 2 * c->cap : 16;
					c->rows = xrealloc(c->rows, c->cap * sizeof(*c->rows));
				}
				c->rows[c->n++] = q->rows[i];
			}
		}
	}
	for (size_t k = 0; k < ncol; k++) {
		for (size_t i = 0; i < col[k].n; i++)
			printf("%s%s", i ? " " : "", col[k].rows[i]);
		putchar('\n');
	}
	return 0;
}
