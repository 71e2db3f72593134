/*
 * lesson/placeholder.h — the syntax of live values in a lesson's narration.
 *
 * Narration quotes the run through placeholders, expanded from the built run by
 * model/narration.c, so a lesson stays true with any seed (lessons/README.md
 * "Live values"):
 *
 *   {server_random}  {server_random:8}   a secret or value by its JSON name, whole or
 *                                        its first 8 hex digits (then "...")
 *   {suite} {group} {version}            the negotiated suite (IANA name), group, version
 *   {step 4 record.length}               a field of step 4 by its name or dotted path
 *   {step 6 ecdh_Yc:8}                   ... cut as above
 *   {const 44 4F 57 4E 47 52 44 01}      a constant of an RFC, printed as written
 *   {b server_random:8} {b step 4 ...}   any of the above but const, from run B: only
 *                                        in a two-run lesson's [row N] words
 *   {{ and }}                            a literal { and }
 *
 * This file only reads the syntax (a malformed placeholder is bad input, found
 * while the file is read, with its line); whether a name exists is a question for
 * the run. A placeholder opens and closes on one line of the file.
 */
#ifndef TLSSTEP_LESSON_PLACEHOLDER_H
#define TLSSTEP_LESSON_PLACEHOLDER_H

#include <stdbool.h>
#include <stddef.h>

enum placeholder_kind {
	PLACEHOLDER_CONST,  /* text: as written */
	PLACEHOLDER_NAME,   /* name: suite, group, version or a secret's name */
	PLACEHOLDER_STEP,   /* step, and name: a field's name or path */
};

#define PLACEHOLDER_MAX_NAME 64
#define PLACEHOLDER_MAX_CUT 512

struct placeholder {
	enum placeholder_kind kind;
	char name[PLACEHOLDER_MAX_NAME];
	int step;               /* 1-based */
	int cut;                /* hex digits to show; 0: the whole value */
	bool run_b;             /* "b " before it: the value is run B's (a [row N] of a two-run lesson) */
	const char *text;       /* PLACEHOLDER_CONST: the constant, borrowed from the input */
	size_t len;
};

/* A piece of narration: literal text (with {{ and }} already one brace), or a placeholder's inside. */
struct narration_piece {
	bool placeholder;
	const char *s;          /* borrowed from the text */
	size_t len;
};

/*
 * The next piece of the text at *pos (advanced past it): 1 with *out, 0 at the
 * end, -1 with why (n bytes) for a brace that does not pair: "{" without its "}",
 * a lone "}", "{}" or a "{" inside a placeholder.
 */
int placeholder_next(const char **pos, struct narration_piece *out, char *why, size_t n);

/* Reads a placeholder's inside s[0..len) into *p: 0, or -1 with why. */
int placeholder_parse(const char *s, size_t len, struct placeholder *p, char *why, size_t n);

/*
 * The first thing in literal text s[0..len) that looks like a run value written
 * out by hand: a word of 8 or more hex digits (not a decimal number of at most 10
 * digits, nor letters only, both of which are words and counts), or 4 or more
 * two-digit hex bytes separated by single spaces ("16 03 03 01 4f"). Returns its
 * start with *found set to its length, or NULL.
 */
const char *placeholder_literal(const char *s, size_t len, size_t *found);

/*
 * Checks one line of narration as the file gives it: its braces pair and every
 * placeholder reads. Calls back with each placeholder's inside and each literal
 * run value (literal true); returns 0, or -1 with why.
 */
int placeholder_scan_line(const char *line, void (*cb)(void *, bool literal, const char *, size_t), void *arg,
                          char *why, size_t n);

/*
 * answer_from = step N field PATH | step N PATH | secret NAME | NAME: into out as a
 * placeholder's inside without a cut ("step 6 ecdh_Yc", "premaster_secret").
 * 0, or -1 with why.
 */
int placeholder_answer_from(const char *v, char *out, size_t outlen, char *why, size_t n);

/* ask_value = hex N (N bytes, 1 to 64) | number: *bytes N, or 0 with *number. 0, or -1 with why. */
int placeholder_ask_value(const char *v, int *bytes, bool *number, char *why, size_t n);

#endif
