/*
 * model/field_words.h — a decoded field's explanation chosen knowing the message, the
 * version and the sender. The decoders (wire/) give each field one explanation written
 * without knowing the run; where that sentence is true for one version only, this one
 * table (field_words.c) replaces it for the other, so the words a learner reads are true
 * for the run in front of them. Beside the table: the phrases an explanation of each
 * version must never use (tests/unit/test_bundled.c checks every bundled run).
 */
#ifndef TLSSTEP_MODEL_FIELD_WORDS_H
#define TLSSTEP_MODEL_FIELD_WORDS_H

#include "model/timeline.h"

/* Replaces the explanations of st's fields (message and record layer) that the table knows
 * better for tl's version and st's sender. The texts are static. */
void field_words_apply(const struct timeline *tl, struct step *st);

/* The phrases no field explanation or built-in narration of a run of this version may
 * contain (NULL-terminated; TLS 1.2 for anything below 1.3). */
const char *const *field_words_forbidden(uint16_t version);

#endif
