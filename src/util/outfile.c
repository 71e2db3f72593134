/* util/outfile.c — see outfile.h. */
/* realpath(3) is XSI, fopencookie(3) a GNU extension (musl has it too): glibc shows both with this. */
#define _GNU_SOURCE

#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t errlen, int e, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int e, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s%s%s", strerror(e), *what ? " " : "", what);
	return -1;
}

/* write(2) until done; 0, or -1 with errno set. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A stream's bytes go to of->fd, the first error kept (stdio keeps only a flag). */
static ssize_t cookie_write(void *cookie, const char *p, size_t n)
{
	struct outfile *of = cookie;
	if (of->err)
		return -1;
	if (write_all(of->fd, (const unsigned char *)p, n)) {
		of->err = errno ? errno : EIO;
		return -1;
	}
	return (ssize_t)n;
}

static FILE *stream(struct outfile *of, char *err, size_t errlen)
{
	static const cookie_io_functions_t io = { .write = cookie_write };
	of->f = fopencookie(of, "w", io);
	if (!of->f) {
		fail(err, errlen, errno ? errno : ENOMEM, "%s", "");
		if (of->tmp[0])
			unlink(of->tmp);
		if (of->owned)
			close(of->fd);
		return NULL;
	}
	/* Few, large writes: a temporary file on a slow disk, a terminal. */
	setvbuf(of->f, NULL, _IOFBF, 1 << 16);
	return of->f;
}

/* The folder part of path ("." for a bare name), into out. */
static void folder_of(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, cap, ".");
	else if (slash == path)
		snprintf(out, cap, "/");
	else
		snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

static mode_t umask_mode(void)
{
	mode_t m = umask(022); /* only way to read it; put back at once (tlsstep runs one thread) */
	umask(m);
	return 0666 & ~m;
}

FILE *outfile_open(struct outfile *of, const char *path, unsigned flags, char *err, size_t errlen)
{
	memset(of, 0, sizeof(*of));
	of->fd = -1;
	if (!strcmp(path, "-")) {
		/* Through the descriptor, after what stdio holds: stdout's buffer and error flag stay
		 * as they were for whatever is written after. */
		errno = 0;
		if (fflush(stdout)) {
			fail(err, errlen, errno ? errno : EIO, "(writing to standard output)");
			return NULL;
		}
		of->fd = STDOUT_FILENO;
		return stream(of, err, errlen);
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return fail(err, errlen, errno, "%s", ""), NULL;
	if (exists && S_ISDIR(st.st_mode))
		return fail(err, errlen, EISDIR, "%s", ""), NULL;
	if (exists && !S_ISREG(st.st_mode)) {
		/* A terminal, FIFO or device: no folder to make a temporary file in, nothing to rename. */
		of->fd = open(path, O_WRONLY | O_NOCTTY);
		if (of->fd < 0)
			return fail(err, errlen, errno, "%s", ""), NULL;
		of->owned = true;
		return stream(of, err, errlen);
	}

	/* A symbolic link: replace what it points to, keep the link. */
	if (!exists || !realpath(path, of->target))
		snprintf(of->target, sizeof(of->target), "%s", path);
	char dir[PATH_MAX];
	folder_of(of->target, dir, sizeof(dir));
	const char *base = strrchr(of->target, '/') ? strrchr(of->target, '/') + 1 : of->target;
	int len = snprintf(of->tmp, sizeof(of->tmp), "%s/.%s.XXXXXX", dir, base);
	if (len < 0 || (size_t)len >= sizeof(of->tmp))
		return fail(err, errlen, ENAMETOOLONG, "%s", ""), NULL;
	of->fd = mkstemp(of->tmp);
	if (of->fd < 0)
		return fail(err, errlen, errno, "(creating a temporary file in %s)", dir), NULL;
	of->owned = true;
	/* mkstemp made it 0600, which is what a secret wants; other outputs keep the mode
	 * of the file they replace, or get what a plain fopen would have given them. */
	mode_t mode = (flags & OUTFILE_SECRET) ? 0600 : exists ? (st.st_mode & 07777) : umask_mode();
	if (fchmod(of->fd, mode)) {
		int e = errno;
		close(of->fd);
		unlink(of->tmp);
		return fail(err, errlen, e, "(setting the mode of the temporary file)"), NULL;
	}
	return stream(of, err, errlen);
}

int outfile_close(struct outfile *of, bool made, char *err, size_t errlen)
{
	bool flushed = fclose(of->f) == 0;
	of->f = NULL;
	int e = of->err;
	const char *doing = !of->tmp[0] && !of->owned ? "(writing to standard output)" : "";
	if (!e && !flushed)
		e = EIO;
	if (!e && of->tmp[0] && made && fsync(of->fd) && errno != EINVAL && errno != EROFS)
		e = errno;
	if (of->owned && close(of->fd) && !e)
		e = errno;
	if (!e && made && of->tmp[0] && rename(of->tmp, of->target))
		e = errno, doing = "(renaming the finished temporary file over it)";
	if (of->tmp[0] && (e || !made))
		unlink(of->tmp);
	if (e)
		return fail(err, errlen, e, "%s", doing);
	if (!made) {
		snprintf(err, errlen, "the output could not be made");
		return -1;
	}
	return 0;
}

int outfile_write(const char *path, const void *data, size_t n, unsigned flags, char *err, size_t errlen)
{
	struct outfile of;
	if (!outfile_open(&of, path, flags, err, errlen))
		return -1;
	bool made = fwrite(data, 1, n, of.f) == n || !n;
	return outfile_close(&of, made, err, errlen);
}

void outfile_identify(const char *path, struct outfile_id *id)
{
	memset(id, 0, sizeof(*id));
	struct stat st, null;
	int r = strcmp(path, "-") ? stat(path, &st) : fstat(STDOUT_FILENO, &st);
	if (r == 0) {
		id->exists = true;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		id->is_null = S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) &&
		              null.st_rdev == st.st_rdev;
	}
	if (!strcmp(path, "-")) {
		snprintf(id->canon, sizeof(id->canon), "-");
		return;
	}
	/* Not there yet: the absolute folder and the name, so "x.json" and "./x.json" agree. */
	char dir[PATH_MAX], real[PATH_MAX];
	folder_of(path, dir, sizeof(dir));
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int n = -1;
	if (realpath(dir, real))
		n = snprintf(id->canon, sizeof(id->canon), "%s/%s", strcmp(real, "/") ? real : "", base);
	if (n < 0 || (size_t)n >= sizeof(id->canon))
		snprintf(id->canon, sizeof(id->canon), "%s", path);
}

bool outfile_same(const struct outfile_id *a, const struct outfile_id *b)
{
	if (a->exists && b->exists)
		return a->dev == b->dev && a->ino == b->ino && !(a->is_null && b->is_null);
	return a->exists == b->exists && !strcmp(a->canon, b->canon);
}
