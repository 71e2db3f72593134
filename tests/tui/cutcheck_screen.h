/*
 * tests/tui/cutcheck_screen.h — a captured terminal screen, for cutcheck (see
 * cutcheck.c for the rules). A row is an array of code points, one per column (the
 * UI draws no double-width characters); rows and columns count from 0. A segment is
 * a row's text between pane borders (│ | ┃) or the row's ends. Nothing here frees:
 * cutcheck is a short-lived test tool and keeps what it reads until it exits.
 */
#ifndef TLSSTEP_TESTS_CUTCHECK_SCREEN_H
#define TLSSTEP_TESTS_CUTCHECK_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { MAX_ROWS = 1000 };

/* A line of text as code points. */
struct cps {
	uint32_t *c;
	size_t n;
};

struct screen {
	struct cps row[MAX_ROWS];
	size_t nrows;
};

enum follow { FOLLOW_WHOLE, FOLLOW_MARKED, FOLLOW_CUT };

/* realloc that exits the program (status 2) when memory runs out. */
void *xrealloc(void *p, size_t n);

/* Decodes UTF-8 s[0..len); a byte that starts no valid sequence stands for itself. Returns owned c. */
struct cps decode_utf8(const char *s, size_t len);

/* ASCII letters and digits: what a token is made of. */
bool is_alnum(uint32_t c);

/* A pane border: │ | ┃. */
bool is_border(uint32_t c);

/* Reads what `tmux capture-pane -p` printed; 0, or -1 with a message on stderr. */
int screen_read(const char *path, struct screen *scr);

/* Length of the common prefix of row[col..] and s[from..]. */
size_t common(const struct cps *row, size_t col, const struct cps *s, size_t from);

/*
 * Whether only filler follows row[at..] up to the row's end or a border: spaces, and
 * the horizontal rule a heading runs into (─, or two or more '-' in an ASCII locale).
 */
bool segment_ends(const struct cps *row, size_t at);

/* Whether an ellipsis (… or ...) follows row[at..], after optional spaces. */
bool ellipsis_at(const struct cps *row, size_t at);

/* The first column of text of row's segment that holds column col (after the border left of it). */
size_t segment_text_start(const struct cps *row, size_t col);

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
                        bool strict_end);

/*
 * Whether the segment end at row r, column at, is the left edge of a box drawn over the
 * screen (a checkpoint, the keys view): the border there runs up to a top-left corner
 * (┌, or + in ASCII). What stands left of it is hidden under the box, not cut.
 */
bool under_box(const struct screen *scr, size_t r, size_t at);

/*
 * Whether the segment of row that holds column col is a row of a hex dump ("0060 00 0f
 * 77 77 ... ..www.example.co"): its printable column renders bytes, 16 to a row, and
 * shows no value; a word there that runs on into the next row is no cut.
 */
bool hexdump_row(const struct cps *row, size_t col);

/*
 * Whether row[a..b) is a run of the line-drawing letters a capture shows for the
 * alternate character set in an ASCII locale (lqqqk, x, mqqqj): a rule, not a word.
 */
bool acs_run(const struct cps *row, size_t a, size_t b);

/* Prints s[from..from+n) to stdout as UTF-8. */
void print_cps(const struct cps *s, size_t from, size_t n);

/* Whether value s stands whole on the screen, on one row or wrapped at one column; where, in *rr, *cc. */
bool find_whole(const struct screen *scr, const struct cps *s, size_t *rr, size_t *cc);

/*
 * The --prose mode: prints the text of each column of the screens in files[0..nfiles)
 * as one line (see cutcheck_screen.c); returns the exit status (0, or 2 on a bad file).
 */
int prose(int nfiles, char **files);

#endif
