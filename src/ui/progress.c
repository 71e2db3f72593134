/* ui/progress.c — see progress.h. */
#include "ui/progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool progress_path(char *buf, size_t cap)
{
	const char *x = getenv("XDG_STATE_HOME"), *h = getenv("HOME");
	int n;
	/* The XDG spec: a relative XDG_STATE_HOME is invalid and is ignored. */
	if (x && x[0] == '/')
		n = snprintf(buf, cap, "%s/tlsstep/progress", x);
	else if (h && *h)
		n = snprintf(buf, cap, "%s/.local/state/tlsstep/progress", h);
	else
		return false;
	return n > 0 && (size_t)n < cap;
}

bool progress_done(const char *name)
{
	char path[4096], line[256];
	if (!progress_path(path, sizeof(path)))
		return false;
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool found = false;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		found = !strcmp(line, name);
	}
	fclose(f);
	return found;
}

/* mkdir -p for the directories above path. */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc && errno != EEXIST)
			return -1;
	}
	return 0;
}

int progress_mark(const char *name, char *err, size_t errlen)
{
	char path[4096];
	if (progress_done(name))
		return 0;
	if (!progress_path(path, sizeof(path))) {
		snprintf(err, errlen, "progress not kept: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	FILE *f = NULL;
	if (make_parents(path) == 0)
		f = fopen(path, "a");
	if (!f || fprintf(f, "%s\n", name) < 0 || fclose(f)) {
		snprintf(err, errlen, "%s: progress not kept: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
