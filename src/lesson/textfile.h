/*
 * lesson/textfile.h — reading a scenario or lesson file whole, safely: a path may
 * name anything (a device that never ends, a FIFO that never opens, a directory).
 */
#ifndef TLSSTEP_LESSON_TEXTFILE_H
#define TLSSTEP_LESSON_TEXTFILE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Appends the whole of `path` to text (not NUL-terminated): only a regular file of
 * at most max bytes. Opened without blocking, so a FIFO is refused, not waited on.
 * Returns 0, or -1 with "PATH: is a FIFO; expected a scenario or lesson file",
 * "PATH: is larger than 4 MB; ...", "PATH: cannot open: REASON" in err.
 */
int textfile_read(const char *path, size_t max, struct buf *text, char *err, size_t errlen);

#endif
