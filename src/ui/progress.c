/* ui/progress.c — see progress.h. */
#include "ui/progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A whole number of digits at p (no sign), its end in *end; -1 when none. */
static int number(const char *p, const char **end)
{
	long v = 0;
	const char *q = p;
	while (*q >= '0' && *q <= '9' && v < 1000000)
		v = v * 10 + (*q++ - '0');
	*end = q;
	return q == p || (*q >= '0' && *q <= '9') ? -1 : (int)v;
}

/*
 * Reads one line (without its newline) into e; returns the length of the name
 * it is about. "NAME A/T R" when it ends like that (the name may hold spaces),
 * else the whole line is a name with unknown counts.
 */
static size_t parse_line(const char *line, size_t len, struct progress_entry *e)
{
	e->done = true;
	e->answered = e->right = e->total = -1;
	/* From the end: " A/T R" */
	const char *sp2 = NULL, *sp1 = NULL;
	for (const char *p = line + len; p > line; p--) {
		if (p[-1] != ' ')
			continue;
		if (!sp2)
			sp2 = p - 1;
		else {
			sp1 = p - 1;
			break;
		}
	}
	if (!sp1 || sp1 == line)
		return len;
	const char *end;
	int a = number(sp1 + 1, &end);
	if (a < 0 || *end != '/')
		return len;
	int t = number(end + 1, &end);
	if (t < 0 || end != sp2)
		return len;
	int r = number(sp2 + 1, &end);
	if (r < 0 || end != line + len || a > t || r > a)
		return len;
	e->answered = a;
	e->total = t;
	e->right = r;
	return (size_t)(sp1 - line);
}

/* Strips the newline (and a CR) getline left; returns the length. */
static size_t chomp(char *line)
{
	size_t n = strcspn(line, "\r\n");
	line[n] = '\0';
	return n;
}

bool progress_get(const char *name, struct progress_entry *e)
{
	char path[4096];
	e->done = false;
	e->answered = e->right = e->total = -1;
	if (!progress_path(path, sizeof(path)))
		return false;
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char *line = NULL;
	size_t cap = 0, nl = strlen(name);
	struct progress_entry pe;
	while (getline(&line, &cap, f) >= 0) {
		size_t n = chomp(line);
		if (parse_line(line, n, &pe) == nl && !memcmp(line, name, nl)) {
			*e = pe; /* the last line about it wins (there is one, unless edited by hand) */
		}
	}
	free(line);
	fclose(f);
	return e->done;
}

bool progress_done(const char *name)
{
	struct progress_entry e;
	return progress_get(name, &e);
}

/* mkdir -p for the directories above path. */
int progress_make_parents(char *path)
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

/* Is the new record better than the old one (progress.h)? */
static bool better(const struct progress_entry *old, int answered, int right, int total)
{
	if (answered < 0 || right < 0 || total < 0)
		return false;
	if (old->answered < 0 || old->total < 0 || old->right < 0)
		return true;
	return answered > old->answered || (answered == old->answered && right > old->right);
}

int progress_mark(const char *name, int answered, int right, int total, char *err, size_t errlen)
{
	char path[4096], tmp[4200], record[4200];
	struct progress_entry old;
	if (progress_get(name, &old) && !better(&old, answered, right, total))
		return 0;
	if (!progress_path(path, sizeof(path))) {
		snprintf(err, errlen, "progress not kept: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	if (answered < 0 || right < 0 || total < 0)
		snprintf(record, sizeof(record), "%s\n", name);
	else
		snprintf(record, sizeof(record), "%s %d/%d %d\n", name, answered, total, right);
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	const char *what = "cannot create its directory";
	bool created = false;
	FILE *out = NULL;
	int fd = -1;
	if (progress_make_parents(path))
		goto fail;
	what = "cannot create a file beside it";
	if ((fd = mkstemp(tmp)) < 0)
		goto fail;
	created = true;
	if (!(out = fdopen(fd, "w")))
		goto fail;
	fd = -1; /* out owns it now */
	/* The other lessons' lines as they were; this one's replaced where it stood, or added. */
	bool written = false;
	FILE *in = fopen(path, "r");
	what = "cannot read it to keep the other lessons' records";
	if (!in && errno != ENOENT)
		goto fail; /* replacing a file we cannot read would lose them */
	if (in) {
		char *line = NULL;
		size_t cap = 0, nl = strlen(name);
		ssize_t got;
		struct progress_entry pe;
		while ((got = getline(&line, &cap, in)) > 0) {
			size_t n = strcspn(line, "\r\n");
			if (n == 0)
				continue; /* blank lines are not kept */
			if (parse_line(line, n, &pe) == nl && !memcmp(line, name, nl)) {
				if (!written)
					fputs(record, out);
				written = true;
			} else {
				fwrite(line, 1, n, out);
				fputc('\n', out);
			}
		}
		bool bad = ferror(in);
		free(line);
		fclose(in);
		if (bad)
			goto fail;
	}
	what = "cannot write";
	if (!written)
		fputs(record, out);
	if (ferror(out) || fflush(out) || fsync(fileno(out)))
		goto fail;
	int rc = fclose(out);
	out = NULL;
	if (rc)
		goto fail;
	what = "cannot replace it";
	if (rename(tmp, path))
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s: progress not kept: %s: %s", path, what, strerror(errno));
	if (out)
		fclose(out);
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp);
	return -1;
}
