/*
 * export/markdown.h — a run as a Markdown handout: a lesson's intro, each message
 * with its phase, narration, main fields and the secrets that became known, the
 * checkpoints with their answers folded away, the outcome and the summary.
 * Reads the timeline only; every value printed is one the run produced.
 */
#ifndef TLSSTEP_EXPORT_MARKDOWN_H
#define TLSSTEP_EXPORT_MARKDOWN_H

#include <stdio.h>

#include "model/timeline.h"

/* Writes the handout, control characters and bytes that are not UTF-8 escaped as
 * export/escape.h says; returns 0 or -1 on a write error. */
int markdown_write(FILE *out, const struct timeline *tl);

/* A lesson's checkpoint as the handout asks it: question, choices, the answer folded in <details>. */
void markdown_checkpoint(FILE *out, const struct lesson_step *ls);

#endif
