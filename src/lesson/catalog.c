/* lesson/catalog.c — see catalog.h. */
#include "lesson/catalog.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/scenario_file.h"
#include "util/buf.h"
#include "util/words.h"

/* Bundled files: lessons in lessons/NAME.lesson, scenarios in lessons/scenarios/NAME.scenario. */
static const struct kind {
	const char *sub;
	const char *suffix;
} kinds[] = { { "", ".lesson" }, { "/scenarios", ".scenario" } };

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && !strcmp(s + n - k, suffix);
}

static int is_path(const char *s)
{
	return strchr(s, '/') || ends_with(s, ".scenario") || ends_with(s, ".lesson");
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stems of the bundled files of one kind, sorted, appended to v. */
static char **stems_of(const char *lessons_dir, const struct kind *k, char **v, size_t *n, char *err, size_t errlen)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s%s", lessons_dir, k->sub);
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s: cannot open the bundled lessons and scenarios: %s", dir, strerror(errno));
		return NULL;
	}
	size_t first = *n;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !ends_with(de->d_name, k->suffix))
			continue;
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[*n] = xstrdup(de->d_name);
		v[*n][strlen(de->d_name) - strlen(k->suffix)] = '\0';
		(*n)++;
	}
	closedir(d);
	if (*n > first)
		qsort(v + first, *n - first, sizeof(*v), cmp);
	return v ? v : xcalloc(1, sizeof(*v));
}

/* Lessons first, then scenarios; returns owned array of owned strings. */
static char **stems(const char *lessons_dir, size_t *count, char *err, size_t errlen)
{
	char **v = NULL;
	*count = 0;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char **w = stems_of(lessons_dir, &kinds[i], v, count, err, errlen);
		if (!w) {
			for (size_t j = 0; j < *count; j++)
				free(v[j]);
			free(v);
			return NULL;
		}
		v = w;
	}
	return v;
}

static void free_stems(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char **catalog_names(const char *lessons_dir, size_t *count, char *err, size_t errlen)
{
	return stems(lessons_dir, count, err, errlen);
}

void catalog_names_free(char **names, size_t count)
{
	free_stems(names, count);
}

int catalog_load(const char *lessons_dir, const char *name, struct scenario *sc, char *err, size_t errlen)
{
	if (!name)
		name = CATALOG_DEFAULT;
	if (is_path(name))
		return scenario_file_load(name, sc, err, errlen);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char path[1200];
		snprintf(path, sizeof(path), "%s%s/%s%s", lessons_dir, kinds[i].sub, name, kinds[i].suffix);
		if (access(path, F_OK) != 0)
			continue;
		int rc = scenario_file_load(path, sc, err, errlen);
		if (rc == 0) {
			/* Where it lives depends on the install; transcripts say "bundled". */
			free(sc->source);
			sc->source = xstrdup("bundled");
		}
		return rc;
	}
	char hint[160] = "";
	char **v = NULL;
	size_t n = 0;
	char ignore[8];
	if ((v = stems(lessons_dir, &n, ignore, sizeof(ignore))) != NULL) {
		const char *near = catalog_nearest((const char *const *)v, n, name);
		if (near)
			snprintf(hint, sizeof(hint), "; did you mean '%s'?", near);
		snprintf(err, errlen, "unknown scenario or lesson '%s'%s%s", name, hint,
		         near ? " ('tlsstep --list' shows them all)" : "; 'tlsstep --list' shows the bundled ones");
		free_stems(v, n);
	} else {
		snprintf(err, errlen, "unknown scenario or lesson '%s'; 'tlsstep --list' shows the bundled ones", name);
	}
	return -1;
}

const char *catalog_nearest(const char *const *names, size_t n, const char *typed)
{
	size_t len = strlen(typed), best = SIZE_MAX;
	const char *near = NULL, *contains = NULL;
	size_t ncontains = 0;
	for (size_t i = 0; i < n; i++) {
		size_t d = words_distance(typed, names[i]);
		if (d < best) {
			best = d;
			near = names[i];
		}
		if (len >= 3 && strstr(names[i], typed)) {
			contains = names[i];
			ncontains++;
		}
	}
	/* Close: a typo or two, more for a longer name (a third of it at most). */
	size_t allowed = len < 4 ? 1 : len / 3 < 3 ? len / 3 : 3;
	if (ncontains > 1)
		return NULL; /* a part of several names ("tls12"): no one of them is meant more than another */
	if (near && best > 0 && best <= allowed)
		return near;
	return ncontains == 1 ? contains : NULL;
}

char *catalog_title(const char *lessons_dir, const char *name)
{
	struct scenario sc;
	char err[256];
	char *title = NULL;
	scenario_init(&sc);
	if (catalog_load(lessons_dir, name, &sc, err, sizeof(err)) == 0)
		title = xstrdup(sc.lesson.title ? sc.lesson.title : sc.title);
	scenario_free(&sc);
	return title;
}

int catalog_list(const char *lessons_dir, FILE *out, char *err, size_t errlen)
{
	size_t n = 0;
	char **v = stems(lessons_dir, &n, err, errlen);
	if (!v)
		return -1;
	int rc = (int)n;
	for (size_t i = 0; i < n; i++) {
		struct scenario sc;
		scenario_init(&sc);
		if (catalog_load(lessons_dir, v[i], &sc, err, errlen)) {
			rc = -1;
			scenario_free(&sc);
			break;
		}
		fprintf(out, "%-26s %s%s\n", v[i], sc.lesson.title ? "lesson: " : "",
		        sc.lesson.title ? sc.lesson.title : sc.title);
		scenario_free(&sc);
	}
	free_stems(v, n);
	return rc;
}
