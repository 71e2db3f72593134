/*
 * ui/plain_session.h — the plain mode's session and the pieces of it in
 * plain_show.c (internal to ui/; the public side is plain.h). No curses.
 */
#ifndef TLSSTEP_UI_PLAIN_SESSION_H
#define TLSSTEP_UI_PLAIN_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/timeline.h"
#include "ui/quiz.h"

struct plain {
	const struct timeline *tl;
	FILE *in, *out;
	int width;
	bool tty;                /* in is a terminal: show a prompt */
	size_t cur;              /* steps shown: 1..cur; 0 before the first message */
	struct quiz q;
	unsigned char *skipped;  /* per step (1-based): its checkpoint was skipped with s, not asked again */
	bool marked;             /* the lesson's progress was recorded in this session */
	char *line;              /* the last line read */
	size_t cap;
};

/*
 * Word-wraps text at p->width columns (a column is a UTF-8 code point) to p->out:
 * the first line starts with `first`, the others with `rest`; '\n' in the text
 * ends a line ("\n\n" leaves an empty one). A word longer than a line (a hex
 * value) stays whole on a line of its own. Control characters print as '?', so
 * no escape sequence from a file ever reaches the terminal.
 */
void plain_wrap(struct plain *p, const char *first, const char *rest, const char *text);
/* plain_wrap without indents. */
void plain_say(struct plain *p, const char *text);

/* The step shown (NULL before the first message). */
const struct step *plain_current(const struct plain *p);

/* Instructor mode: is this pane (enum lesson_pane) hidden at the current step?
 * If so, why (cap bytes) says until when ("until phase 3"). */
bool plain_hidden(const struct plain *p, unsigned pane, char *why, size_t cap);

/* k: each secret known at or before the current step, once, with its holders,
 * whether tlsstep's own check agreed (in words), its whole value and its derivation. */
void plain_show_keys(struct plain *p);
/* r: each secret's recipe so far (model/recipe.h), its lines unwrapped so that they paste into sh. */
void plain_show_recipes(struct plain *p);
/* f: the current message's decoded fields, every level, values whole, with their explanations. */
void plain_show_fields(struct plain *p);
/* x: the current message's bytes (decrypted where it was encrypted), then the record as it crossed. */
void plain_show_bytes(struct plain *p);
/* e: what a passive eavesdropper sees, and what stealing the server's key later reveals. */
void plain_show_eaves(struct plain *p);

#endif
