/* util/textfile.c — see textfile.h. */
#include "util/textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
	     : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int textfile_open(const char *path, const char *what, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st)) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: is %s; expected %s", path, file_kind(st.st_mode), what);
		close(fd);
		return -1;
	}
	return fd;
}

int textfile_read(const char *path, size_t max, const char *what, struct buf *text, char *err, size_t errlen)
{
	int fd = textfile_open(path, what, err, errlen);
	if (fd < 0)
		return -1;
	struct stat st;
	int rc = -1;
	if (fstat(fd, &st)) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	for (;;) {
		if (text->len > max || (uint64_t)st.st_size > max) {
			snprintf(err, errlen, "%s: is larger than %zu MB; expected %s of at most %zu bytes",
			         path, max >> 20, what, max);
			goto out;
		}
		ssize_t n = read(fd, buf_reserve(text, 65536), 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		text->len += (size_t)n;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}
