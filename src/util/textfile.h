/*
 * util/textfile.h — opening and reading an input file safely: a path may name
 * anything (a device that never ends, a FIFO that never opens, a directory).
 * Scenario and lesson files, key logs and captures are all read through here.
 */
#ifndef TLSSTEP_UTIL_TEXTFILE_H
#define TLSSTEP_UTIL_TEXTFILE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Opens `path` for reading without blocking, and only if it is a regular file.
 * Returns the descriptor (the caller closes it), or -1 with "PATH: is a FIFO;
 * expected WHAT" or "PATH: cannot open: REASON" in err. `what` names the kind
 * of file expected: "a scenario or lesson file", "a key log".
 */
int textfile_open(const char *path, const char *what, char *err, size_t errlen);

/*
 * Appends the whole of `path` to text (not NUL-terminated): only a regular file of
 * at most max bytes, opened as textfile_open does. Returns 0, or -1 with
 * "PATH: is a FIFO; expected WHAT", "PATH: is larger than 4 MB; expected WHAT of
 * at most N bytes", "PATH: cannot open: REASON" in err.
 */
int textfile_read(const char *path, size_t max, const char *what, struct buf *text, char *err, size_t errlen);

#endif
