/* lesson/catalog.c — see catalog.h. */
#include "lesson/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/scenario_file.h"
#include "util/buf.h"

static const char suffix[] = ".scenario";

static int is_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > sizeof(suffix) - 1 && !strcmp(s + n - (sizeof(suffix) - 1), suffix));
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stems of the bundled scenario files, sorted; returns owned array of owned strings. */
static char **stems(const char *lessons_dir, size_t *count, char *err, size_t errlen)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/scenarios", lessons_dir);
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s: cannot open the bundled scenarios: %s", dir, strerror(errno));
		return NULL;
	}
	char **v = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l <= sizeof(suffix) - 1 || strcmp(de->d_name + l - (sizeof(suffix) - 1), suffix))
			continue;
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n] = xstrdup(de->d_name);
		v[n][l - (sizeof(suffix) - 1)] = '\0';
		n++;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), cmp);
	*count = n;
	return v ? v : xcalloc(1, sizeof(*v));
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
	size_t n = 0;
	char **v = stems(lessons_dir, &n, err, errlen);
	if (!v)
		return -1;
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i], name)) {
			char path[1200];
			snprintf(path, sizeof(path), "%s/scenarios/%s%s", lessons_dir, name, suffix);
			rc = scenario_file_load(path, sc, err, errlen);
			if (rc == 0) {
				/* Where it lives depends on the install; transcripts say "bundled". */
				free(sc->source);
				sc->source = xstrdup("bundled");
			}
			goto out;
		}
	}
	snprintf(err, errlen, "unknown scenario or lesson '%s'; 'tlsstep --list' shows the bundled ones", name);
out:
	free_stems(v, n);
	return rc;
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
		char path[1200];
		snprintf(path, sizeof(path), "%s/scenarios/%s%s", lessons_dir, v[i], suffix);
		if (scenario_file_load(path, &sc, err, errlen)) {
			rc = -1;
			scenario_free(&sc);
			break;
		}
		fprintf(out, "%-24s %s\n", v[i], sc.title);
		scenario_free(&sc);
	}
	free_stems(v, n);
	return rc;
}
