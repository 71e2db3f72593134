/*
 * model/narration.h — a lesson's live values, expanded from the built run.
 *
 * A lesson quotes the run through placeholders (lesson/placeholder.h). They are
 * expanded once, when the run is built: timeline_run gives the timeline its own
 * copy of the scenario whose lesson words are the expanded ones, and points
 * tl->sc at it, so every front end and exporter (TUI, --plain, --batch,
 * --markdown, JSON) reads the same expanded text and none of them expands again.
 * A value checkpoint's expected answer is filled in at the same time.
 */
#ifndef TLSSTEP_MODEL_NARRATION_H
#define TLSSTEP_MODEL_NARRATION_H

#include <stdbool.h>
#include <stddef.h>

#include "model/timeline.h"

/*
 * Expands tl's lesson (nothing for a run that is not a lesson): afterwards tl->sc
 * is tl's own copy, its lesson's prose expanded and each value checkpoint's
 * answer_value set. A placeholder that names nothing in the run is shown as
 * "{NAME?}" and noted in tl->narration_errors with its line (lesson_fit reports them).
 */
void narration_expand(struct timeline *tl);

/*
 * One step's (or a comparison row's) words expanded into *to: placeholders from a up to
 * its step upto_a, "{b ...}" ones from b (NULL: one run, and they name nothing) up to
 * upto_b; a value checkpoint's answer filled in. Misfits are appended to *errs (*nerrs
 * of them) with their line in l's file. to owns its text (narration_step_free) and
 * borrows answer_from from `from`.
 */
void narration_expand_step(const struct lesson *l, const struct timeline *a, const struct timeline *b, size_t upto_a,
                           size_t upto_b, const struct lesson_step *from, struct lesson_step *to,
                           struct narration_error **errs, size_t *nerrs);
void narration_step_free(struct lesson_step *st);

/* Frees what narration_expand made; safe on a timeline it never touched. */
void narration_free(struct timeline *tl);

/*
 * The value ref names in tl (a placeholder's inside, "step 6 ecdh_Yc:8",
 * "server_random"), as narration shows it; a secret as known at step `upto`
 * (1-based; 0 or not yet known there: at the end of the run). Returns owned text
 * (free()), or NULL with a sentence in why.
 */
char *narration_value(const struct timeline *tl, const char *ref, size_t upto, char *why, size_t n);

/* A value checkpoint's ask_value as the file says it ("hex 4", "number") into buf; "" for a choice. */
const char *narration_ask_value(const struct lesson_step *ls, char *buf, size_t n);

/* What the learner is asked to type, as a sentence: "Type the first 4 bytes in hex." */
const char *narration_ask_hint(const struct lesson_step *ls, char *buf, size_t n);

/*
 * Does what the learner typed match the value checkpoint's answer? Hex: spaces,
 * colons, a leading 0x and case are ignored; a number: decimal or 0x hex, spaces
 * around it ignored. False without an answer (the run gave none).
 */
bool narration_answer_matches(const struct lesson_step *ls, const char *typed);

#endif
