/*
 * export/json.h — the whole run as JSON (design.md §5: the field names there are
 * a contract). Written as it goes by export/jsonw. Reads the timeline only.
 */
#ifndef TLSSTEP_EXPORT_JSON_H
#define TLSSTEP_EXPORT_JSON_H

#include <stdio.h>

#include "export/jsonw.h"
#include "model/timeline.h"

/* Writes the run; returns 0 or -1 on a write error. */
int json_write(FILE *out, const struct timeline *tl);

/* The run as one value of w: a member called key, or (key NULL) an array's element or
 * the whole document. A comparison writes its two runs with it (export/compare_json.h). */
void json_run(struct jsonw *w, const char *key, const struct timeline *tl);

/* A lesson's checkpoint as "checkpoint": question, choices, answer (and its number), explanation. */
void json_checkpoint(struct jsonw *w, const struct lesson_step *ls);

#endif
