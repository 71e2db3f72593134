/*
 * export/json.h — the whole run as JSON (design.md §5: the field names there are
 * a contract). Built with jansson. Reads the timeline only.
 */
#ifndef TLSSTEP_EXPORT_JSON_H
#define TLSSTEP_EXPORT_JSON_H

#include <stdio.h>

#include "model/timeline.h"

/* Writes the run; returns 0 or -1 on a write error. */
int json_write(FILE *out, const struct timeline *tl);

#endif
