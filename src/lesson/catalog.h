/*
 * lesson/catalog.h — the bundled lessons (lessons/NAME.lesson) and scenarios
 * (lessons/scenarios/NAME.scenario), found by the stem of their file name.
 */
#ifndef TLSSTEP_LESSON_CATALOG_H
#define TLSSTEP_LESSON_CATALOG_H

#include <stddef.h>
#include <stdio.h>

#include "spec/scenario.h"

/* The default: what `tlsstep` opens with no argument, the first lesson. */
#define CATALOG_DEFAULT "01-four-phases"

/*
 * Loads a bundled scenario by name, or a file by path (anything with a '/' or
 * ending in .scenario). Returns 0, or -1 with a message in err (file:line for
 * bad files; the list of names for an unknown one).
 */
int catalog_load(const char *lessons_dir, const char *name_or_path, struct scenario *sc,
                 char *err, size_t errlen);

/* The names of the bundled scenarios, sorted; *count set. Returns owned (catalog_names_free), NULL on error. */
char **catalog_names(const char *lessons_dir, size_t *count, char *err, size_t errlen);
void catalog_names_free(char **names, size_t count);

/* The one-line title of a bundled entry (a lesson's title, else the scenario's), owned by the
 * caller (free), or NULL if it does not load. */
char *catalog_title(const char *lessons_dir, const char *name);

/*
 * The name in names[0..n) closest to `typed` (a typo or two away, or the only one
 * containing it), or NULL when none is close. Borrowed from names.
 */
const char *catalog_nearest(const char *const *names, size_t n, const char *typed);

/* Writes "name  title" per bundled entry, sorted by name. Returns the count, -1 on error. */
int catalog_list(const char *lessons_dir, FILE *out, char *err, size_t errlen);

#endif
