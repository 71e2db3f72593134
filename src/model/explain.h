/*
 * model/explain.h — the built-in narration of a step: what a message is for, in
 * a few plain sentences, with the RFC section to read. Shown when no lesson speaks.
 */
#ifndef TLSSTEP_MODEL_EXPLAIN_H
#define TLSSTEP_MODEL_EXPLAIN_H

#include "model/timeline.h"

/* A paragraph about step st of tl (static text; never NULL). */
const char *explain_step(const struct timeline *tl, const struct step *st);

#endif
