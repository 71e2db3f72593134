/*
 * model/explain.h — the built-in narration of a step: what a message is for, in
 * a few plain sentences, with the RFC section to read. Shown when no lesson speaks.
 */
#ifndef TLSSTEP_MODEL_EXPLAIN_H
#define TLSSTEP_MODEL_EXPLAIN_H

#include "model/timeline.h"

/* A paragraph about step st of tl (static text, or owned by tl; never NULL). At the last
 * step of a failed run it is explain_failure's paragraph (model/failure.h). */
const char *explain_step(const struct timeline *tl, const struct step *st);

/* The lesson's words for step st, or NULL when the run is not a lesson or the
 * lesson says nothing there. */
const struct lesson_step *explain_lesson_step(const struct timeline *tl, const struct step *st);

/* What the learner reads at step st: the lesson's narration when it speaks,
 * the built-in paragraph otherwise (never NULL). */
const char *explain_narration(const struct timeline *tl, const struct step *st);

/* Instructor mode: does tl's lesson hide this pane (enum lesson_pane) while steps 1..cur are
 * shown? If so, and why is non-NULL, *why says until when ("until phase 3"). */
bool explain_pane_hidden(const struct timeline *tl, size_t cur, unsigned pane, char *why, size_t cap);

#endif
