/*
 * tests/tui/cutcheck.c — finds values that a terminal screen cuts silently.
 *
 *   cutcheck [--words FILE] RUN.json SCREEN.txt
 *                                       exit 0: nothing is cut; 1: each cut listed; 2: bad input
 *   cutcheck --find VALUE SCREEN.txt    exit 0: VALUE is on the screen whole; 1: it is not
 *   cutcheck --values RUN.json          the values cutcheck looks for, one a line
 *   cutcheck --prose SCREEN.txt...      each column's text as one line (wrapped prose joined)
 *
 * SCREEN.txt is what `tmux capture-pane -p` prints: one screen row a line, UTF-8,
 * one column per code point (the UI draws no double-width characters). The values
 * come from tlsstep's --json of the run on screen (same scenario, same seed): every
 * string `value` of every field and record field (with their `children`) of every
 * step, every secret's `hex`, the cipher suite's names and every message name.
 *
 * A screen row cuts a value V when, at a column c where a token starts (column 0 or
 * after a character that is not a letter or digit), it shows a proper prefix P of V
 * such that
 *   - |P| >= 6, and P ends inside a token: the last character of P and the next
 *     character of V are both letters or digits (a cut after "x25519" of
 *     "x25519 (0x001d)" is at a word boundary and is not reported);
 *   - P ends its screen segment: only spaces follow up to the end of the row or a
 *     pane border (│ | ┃); P followed by other text is some other text;
 *   - no ellipsis (… or ..., after optional spaces) marks the cut;
 *   - P is not itself a whole value of the run ("Certificate" is a message, not a cut
 *     "CertificateRequest");
 *   - P is not in the printable column of a hex dump row (it renders bytes, not values);
 *   - P is not followed by the left edge of a box drawn over the screen (a border that
 *     runs up to ┌ or +): text under a checkpoint or the keys view is hidden, not cut;
 *   - the rest of V does not continue on the following row(s) at column c (a wrap;
 *     each continuation row may end its segment and wrap again, or end in an ellipsis),
 *     nor where the text of that row's segment starts (prose wrapping a long value
 *     under its indent, as the keys view's formulas do).
 * Text is cut mid-word (the word rule) when a word of three or more letters and digits
 * ends its segment with no ellipsis, is no word of the run's JSON (any string), of the
 * --words FILE (the UI's own words: the test passes the words of its source) or of the
 * rest of the screen, but starts one of them, and does not continue at its column on
 * the next row ("Server authentication and key excha" is cut; "Server" is not). A word
 * of decimal digits is a cut only of a longer number (a view's "of 393" is no cut of
 * a hex value starting "393e").
 * Every cut is printed as `row R col C: cuts "V" (shown "P")`, rows and columns from 0.
 *
 * --find VALUE is true when VALUE stands on one row, or starts on a row, reaches the
 * end of that row's segment (a space, a border or the end of the row follows) and
 * continues at the same column on the next row(s) until it is whole.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cutcheck_screen.h"

enum { MIN_CUT = 6 };

struct values {
	char **s;           /* UTF-8, sorted, unique after values_finish */
	struct cps *cp;     /* the same, as code points */
	size_t n, cap;
};

static void values_addn(struct values *v, const char *s, size_t n)
{
	if (!s || !n)
		return;
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 256;
		v->s = xrealloc(v->s, v->cap * sizeof(*v->s));
	}
	v->s[v->n++] = strndup(s, n);
}

static void values_add(struct values *v, const char *s)
{
	if (s)
		values_addn(v, s, strlen(s));
}

/* Adds every word (a run of two or more letters and digits) of s. */
static void words_add(struct values *w, const char *s)
{
	while (s && *s) {
		size_t n = 0;
		while (s[n] && s[n] > 0 && is_alnum((uint32_t)s[n]))
			n++;
		if (n >= 2)
			values_addn(w, s, n);
		s += n ? n : 1;
	}
}

/* The words of every string anywhere in a JSON document. */
static void words_add_json(struct values *w, json_t *j)
{
	size_t i;
	const char *key;
	json_t *x;
	if (json_is_string(j))
		words_add(w, json_string_value(j));
	else if (json_is_array(j))
		json_array_foreach(j, i, x) words_add_json(w, x);
	else if (json_is_object(j))
		json_object_foreach(j, key, x) words_add_json(w, x);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts, drops duplicates and decodes every value. */
static void values_finish(struct values *v)
{
	size_t k = 0;
	qsort(v->s, v->n, sizeof(*v->s), cmp_str);
	for (size_t i = 0; i < v->n; i++) {
		if (k && !strcmp(v->s[k - 1], v->s[i]))
			free(v->s[i]);
		else
			v->s[k++] = v->s[i];
	}
	v->n = k;
	v->cp = xrealloc(NULL, (k ? k : 1) * sizeof(*v->cp));
	for (size_t i = 0; i < k; i++)
		v->cp[i] = decode_utf8(v->s[i], strlen(v->s[i]));
}

static bool values_has(const struct values *v, const char *s)
{
	return bsearch(&s, v->s, v->n, sizeof(*v->s), cmp_str) != NULL;
}

static void add_fields(struct values *v, json_t *fields)
{
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		values_add(v, json_string_value(json_object_get(f, "value")));
		add_fields(v, json_object_get(f, "children"));
	}
}

/*
 * Collects the values of a tlsstep --json run (see the top comment) into v, and the
 * words of all its strings into w (unsorted); 0, or -1 with a message.
 */
static int values_load(const char *path, struct values *v, struct values *w)
{
	json_error_t e;
	json_t *run = json_load_file(path, 0, &e);
	if (!run) {
		fprintf(stderr, "cutcheck: %s:%d: %s\n", path, e.line, e.text);
		return -1;
	}
	json_t *steps = json_object_get(run, "steps"), *suite = json_object_get(run, "cipher_suite");
	if (!json_is_array(steps)) {
		fprintf(stderr, "cutcheck: %s: no \"steps\" array; is it tlsstep's --json?\n", path);
		json_decref(run);
		return -1;
	}
	values_add(v, json_string_value(json_object_get(suite, "name")));
	values_add(v, json_string_value(json_object_get(suite, "iana_name")));
	size_t i, j;
	json_t *s, *x;
	json_array_foreach(steps, i, s) {
		values_add(v, json_string_value(json_object_get(s, "message")));
		values_add(v, json_string_value(json_object_get(s, "phase_name")));
		add_fields(v, json_object_get(s, "fields"));
		add_fields(v, json_object_get(s, "record_fields"));
		json_array_foreach(json_object_get(s, "secrets"), j, x)
			values_add(v, json_string_value(json_object_get(x, "hex")));
	}
	const char *key;
	json_object_foreach(json_object_get(run, "secrets"), key, x)
		values_add(v, json_string_value(x));
	if (w)
		words_add_json(w, run);
	json_decref(run);
	values_finish(v);
	return 0;
}

/* Whether row r, from column col, cuts value k (the rules of the top comment). */
static bool cuts_at(const struct screen *scr, const struct values *v, size_t k, size_t r, size_t col, size_t *shown)
{
	const struct cps *row = &scr->row[r], *s = &v->cp[k];
	size_t n = common(row, col, s, 0);
	*shown = n;
	if (n < MIN_CUT || n == s->n)
		return false;
	if (!is_alnum(s->c[n - 1]) || !is_alnum(s->c[n]))
		return false; /* cut at a word boundary */
	if (ellipsis_at(row, col + n) || !segment_ends(row, col + n) || under_box(scr, r, col + n) ||
	    hexdump_row(row, col))
		return false;
	/* The shown part is itself a whole value of the run (its bytes: UTF-8 of s's prefix). */
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += s->c[i] < 0x80 ? 1 : s->c[i] < 0x800 ? 2 : s->c[i] < 0x10000 ? 3 : 4;
	char *prefix = strndup(v->s[k], bytes);
	bool whole_other = values_has(v, prefix);
	free(prefix);
	if (whole_other)
		return false;
	return follow_wrap(scr, r + 1, col, s, n, true) == FOLLOW_CUT;
}

/* Where a reported cut ends, so that a word is not reported twice. */
struct ends {
	size_t (*at)[2];
	size_t n, cap;
};

static void ends_add(struct ends *e, size_t r, size_t col)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 64;
		e->at = xrealloc(e->at, e->cap * sizeof(*e->at));
	}
	e->at[e->n][0] = r;
	e->at[e->n++][1] = col;
}

static bool ends_has(const struct ends *e, size_t r, size_t col)
{
	for (size_t i = 0; i < e->n; i++)
		if (e->at[i][0] == r && e->at[i][1] == col)
			return true;
	return false;
}

/* Lists every value the screen cuts; returns how many, and where each ends in *e. */
static size_t check_values(const struct screen *scr, const struct values *v, struct ends *e)
{
	size_t cuts = 0;
	for (size_t r = 0; r < scr->nrows; r++) {
		const struct cps *row = &scr->row[r];
		for (size_t col = 0; col < row->n; col++) {
			if (col > 0 && is_alnum(row->c[col - 1]))
				continue; /* not where a token starts */
			for (size_t k = 0; k < v->n; k++) {
				size_t shown;
				if (v->cp[k].n == 0 || v->cp[k].c[0] != row->c[col] || !cuts_at(scr, v, k, r, col, &shown))
					continue;
				printf("row %zu col %zu: cuts \"%s\" (shown \"", r, col, v->s[k]);
				print_cps(row, col, shown);
				printf("\")\n");
				ends_add(e, r, col + shown);
				cuts++;
			}
		}
	}
	return cuts;
}

/* Adds the words of a file (the UI's own text: its source); 0, or -1 with a message. */
static int words_read(const char *path, struct values *w)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	if (!f) {
		fprintf(stderr, "cutcheck: cannot read %s\n", path);
		return -1;
	}
	while (getline(&line, &cap, f) >= 0)
		words_add(w, line);
	free(line);
	fclose(f);
	return 0;
}

/* Adds the words of the screen that stand whole: those that do not end a segment. */
static void words_add_screen(struct values *w, const struct screen *scr)
{
	for (size_t r = 0; r < scr->nrows; r++) {
		const struct cps *row = &scr->row[r];
		for (size_t a = 0, b; a < row->n; a = b + 1) {
			for (b = a; b < row->n && is_alnum(row->c[b]);)
				b++;
			if (b - a >= 2 && !segment_ends(row, b)) {
				char word[512];
				size_t n = 0;
				for (size_t i = a; i < b && n + 1 < sizeof(word); i++)
					word[n++] = (char)row->c[i];
				values_addn(w, word, n);
			}
		}
	}
}

/*
 * The word rule: a word of three or more letters and digits that ends its segment
 * with no ellipsis, is no word of the run nor of the rest of the screen, but is the
 * start of one (and does not continue at its column on the next row) is cut mid-word.
 * Lists each; returns how many.
 */
static size_t check_words(const struct screen *scr, const struct values *w, const struct ends *e)
{
	size_t cuts = 0;
	for (size_t r = 0; r < scr->nrows; r++) {
		const struct cps *row = &scr->row[r];
		for (size_t a = 0, b; a < row->n; a = b + 1) {
			for (b = a; b < row->n && is_alnum(row->c[b]);)
				b++;
			if (b - a < 3 || !segment_ends(row, b) || ellipsis_at(row, b) || ends_has(e, r, b) ||
			    under_box(scr, r, b) || hexdump_row(row, a) || acs_run(row, a, b))
				continue;
			char word[512];
			size_t n = 0;
			for (size_t i = a; i < b && n + 1 < sizeof(word); i++)
				word[n++] = (char)row->c[i];
			word[n] = 0;
			if (values_has(w, word))
				continue;
			/* The first word of the run that starts with it: a binary search for where it would go. */
			size_t lo = 0, hi = w->n;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (strcmp(w->s[mid], word) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			const char *cut_of = NULL;
			size_t others = 0;
			/* A number is cut only from a longer number: "of 393" at a row's end (a view's
			 * line count) is no cut of a hex value that happens to start "393e". */
			bool number = strspn(word, "0123456789") == n;
			for (size_t i = lo; i < w->n && !strncmp(w->s[i], word, n); i++) {
				if (number && strspn(w->s[i], "0123456789") != strlen(w->s[i]))
					continue;
				if (follow_wrap(scr, r + 1, a, &w->cp[i], n, true) != FOLLOW_CUT) {
					cut_of = NULL; /* a wrap of that word */
					break;
				}
				if (!cut_of)
					cut_of = w->s[i];
				else
					others++;
			}
			if (cut_of) {
				printf("row %zu col %zu: cuts a word (shown \"%s\", the start of \"%s\"", r, a, word, cut_of);
				printf(others ? " and %zu other word(s))\n" : ")\n", others);
				cuts++;
			}
		}
	}
	return cuts;
}

static int usage(void)
{
	fputs("usage: cutcheck [--words FILE] RUN.json SCREEN.txt | cutcheck --find VALUE SCREEN.txt | cutcheck --values RUN.json\n"
	      "       cutcheck --prose SCREEN.txt...\n",
	      stderr);
	return 2;
}

/* A one-shot checker that frees nothing by design (cutcheck_screen.h): the process ends after one
 * screen. LeakSanitizer's documented hook keeps the sanitizer build from calling that a leak. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return 1;
}

int main(int argc, char **argv)
{
	static struct screen scr;
	struct values v = { 0 };
	struct values words = { 0 };
	if (argc >= 3 && !strcmp(argv[1], "--prose"))
		return prose(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "--values")) {
		if (values_load(argv[2], &v, NULL))
			return 2;
		for (size_t i = 0; i < v.n; i++)
			puts(v.s[i]);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--find")) {
		if (screen_read(argv[3], &scr))
			return 2;
		struct cps s = decode_utf8(argv[2], strlen(argv[2]));
		size_t r, c;
		if (!find_whole(&scr, &s, &r, &c))
			return 1;
		printf("row %zu col %zu\n", r, c);
		return 0;
	}
	const char *words_file = NULL;
	if (argc == 5 && !strcmp(argv[1], "--words")) {
		words_file = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc != 3 || argv[1][0] == '-')
		return usage();
	if (values_load(argv[1], &v, &words) || screen_read(argv[2], &scr) || (words_file && words_read(words_file, &words)))
		return 2;
	words_add_screen(&words, &scr);
	values_finish(&words);
	struct ends e = { 0 };
	size_t cuts = check_values(&scr, &v, &e);
	cuts += check_words(&scr, &words, &e);
	if (cuts)
		printf("%zu cut(s) without an ellipsis in %s\n", cuts, argv[2]);
	return cuts ? 1 : 0;
}
