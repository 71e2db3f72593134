/*
 * export/transcript.h — the annotated transcript that --batch prints.
 * Reads the timeline only. Plain ASCII, so it survives any pipe or log.
 */
#ifndef TLSSTEP_EXPORT_TRANSCRIPT_H
#define TLSSTEP_EXPORT_TRANSCRIPT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/timeline.h"

struct transcript_options {
	bool all_fields;   /* every field at every depth, values whole (--fields all) */
	bool trace;        /* interleave each end's state changes, like `openssl s_client -state` */
	bool formulas;     /* print each secret's derivation */
};

/* Writes the transcript, control characters and bytes that are not UTF-8 escaped as
 * export/escape.h says; returns 0 or -1 on a write error. */
int transcript_write(FILE *out, const struct timeline *tl, const struct transcript_options *o);

/*
 * Prose wrapped at `width` columns (a word longer than that stays whole on its line): the
 * first line starts with `first`, the others with `rest` (a quote marker like "> ", or
 * spaces for a hanging indent). Counts bytes as columns: for tlsstep's own ASCII words.
 */
void transcript_wrap(FILE *out, const char *first, const char *rest, const char *text, size_t width);

/* A lesson's checkpoint as the instructor's copy prints it (the answer starred), wrapped at width. */
struct lesson_step;
void transcript_checkpoint(FILE *out, const struct lesson_step *ls, size_t width);

/* "TLS 1.2", "TLS 1.3", or "none" for 0. */
const char *transcript_version_name(unsigned version);

#endif
