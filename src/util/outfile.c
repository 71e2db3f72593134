/* util/outfile.c — see outfile.h. */
/* realpath(3) is XSI; glibc shows it only with this. */
#define _XOPEN_SOURCE 700

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

/* Through the descriptor, after what stdio holds: the system's reason is kept, and stdout's
 * buffer and error flag stay as they were for whatever is written after. */
static int write_stdout(const void *data, size_t n, char *err, size_t errlen)
{
	errno = 0;
	if (fflush(stdout))
		return fail(err, errlen, errno ? errno : EIO, "(writing to standard output)");
	if (write_all(STDOUT_FILENO, data, n))
		return fail(err, errlen, errno, "(writing to standard output)");
	return 0;
}

/* A terminal, FIFO or device: no folder to make a temporary file in, nothing to rename. */
static int write_direct(const char *path, const void *data, size_t n, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return fail(err, errlen, errno, "%s", "");
	if (write_all(fd, data, n)) {
		int e = errno;
		close(fd);
		return fail(err, errlen, e, "%s", "");
	}
	if (close(fd))
		return fail(err, errlen, errno, "%s", "");
	return 0;
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

int outfile_write(const char *path, const void *data, size_t n, unsigned flags, char *err, size_t errlen)
{
	if (!strcmp(path, "-"))
		return write_stdout(data, n, err, errlen);
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return fail(err, errlen, errno, "%s", "");
	if (exists && S_ISDIR(st.st_mode))
		return fail(err, errlen, EISDIR, "%s", "");
	if (exists && !S_ISREG(st.st_mode))
		return write_direct(path, data, n, err, errlen);

	/* A symbolic link: replace what it points to, keep the link. */
	char target[PATH_MAX];
	if (!exists || !realpath(path, target))
		snprintf(target, sizeof(target), "%s", path);
	char dir[PATH_MAX], tmp[PATH_MAX + 16];
	folder_of(target, dir, sizeof(dir));
	const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	int len = snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base);
	if (len < 0 || (size_t)len >= sizeof(tmp))
		return fail(err, errlen, ENAMETOOLONG, "%s", "");
	int fd = mkstemp(tmp);
	if (fd < 0)
		return fail(err, errlen, errno, "(creating a temporary file in %s)", dir);
	/* mkstemp made it 0600, which is what a secret wants; other outputs keep the mode
	 * of the file they replace, or get what a plain fopen would have given them. */
	mode_t mode = (flags & OUTFILE_SECRET) ? 0600 : exists ? (st.st_mode & 07777) : umask_mode();
	int e = 0;
	const char *doing = "";
	if (fchmod(fd, mode))
		e = errno, doing = "(setting the mode of the temporary file)";
	else if (write_all(fd, data, n))
		e = errno, doing = "";
	else if (fsync(fd) && errno != EINVAL && errno != EROFS)
		e = errno, doing = "";
	if (close(fd) && !e)
		e = errno, doing = "";
	if (!e && rename(tmp, target))
		e = errno, doing = "(renaming the finished temporary file over it)";
	if (e) {
		unlink(tmp);
		return fail(err, errlen, e, "%s", doing);
	}
	return 0;
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
