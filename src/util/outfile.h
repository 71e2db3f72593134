/*
 * util/outfile.h — one way to write an output file: whole or not at all.
 *
 * Every output tlsstep writes (--json, --pcap, --keylog, --markdown) is written
 * through here, so a failure can never leave half a file: a regular file (or one
 * that does not exist yet) is written to a temporary file in the same folder and
 * renamed over the target only once every byte is on disk. A target that is not a
 * regular file (/dev/stdout, a terminal, a FIFO, /dev/null, /dev/full) cannot be
 * renamed over, so it is written directly. An output is streamed into the file as
 * it is made (outfile_open, outfile_close), never held whole in memory: a 1 MB
 * run's 21 MB of JSON would be. libc (glibc's or musl's fopencookie) only.
 */
#ifndef TLSSTEP_UTIL_OUTFILE_H
#define TLSSTEP_UTIL_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The file holds secrets: create it (and any file it replaces) with mode 0600. */
#define OUTFILE_SECRET 1u

/*
 * Writes data[0..n) to path: "-" is standard output (stdout is flushed first,
 * then the bytes go to its descriptor); a non-regular file is opened and written directly; anything else is
 * written to PATH's folder as ".NAME.XXXXXX" (mkstemp), flushed with fsync and
 * renamed over PATH (a symbolic link is followed: its target is replaced, the
 * link kept). The new file gets mode 0600 with OUTFILE_SECRET, else the mode of
 * the file it replaces, else 0666 less the umask. On any error the temporary file
 * is removed and the target is left as it was.
 * Returns 0, or -1 with the system's reason (strerror, and what was being done)
 * in err.
 */
int outfile_write(const char *path, const void *data, size_t n, unsigned flags, char *err, size_t errlen);

/* An output being written: what outfile_open gives, outfile_close ends. */
struct outfile {
	FILE *f;              /* write the output here */
	int fd;               /* where f's bytes go (the temporary file, the device, standard output) */
	bool owned;           /* fd is closed at the end (not standard output's) */
	int err;              /* the first error writing to fd (errno), 0 if none */
	char tmp[4096 + 16];  /* the temporary file, "" when written directly */
	char target[4096];    /* what tmp is renamed over */
};

/*
 * Opens path for an output as outfile_write would write it (the same targets, the
 * same modes), and gives the FILE to write it to, or NULL with the reason in err.
 */
FILE *outfile_open(struct outfile *of, const char *path, unsigned flags, char *err, size_t errlen);

/*
 * Ends the output: with `made` (every byte of it was written to of->f) a temporary
 * file is flushed to disk and renamed over the target; without, or on an error, it
 * is removed and the target is left as it was. Returns 0, or -1 with the reason in
 * err (the system's when writing failed, else "the output could not be made").
 */
int outfile_close(struct outfile *of, bool made, char *err, size_t errlen);

/* Which file a path names, for telling whether two names are one file. */
struct outfile_id {
	bool exists;          /* stat() found it; dev and ino are set */
	dev_t dev;
	ino_t ino;
	bool is_null;         /* it is the null device, where any number of outputs can go */
	char canon[4096];     /* an absolute path (folder resolved) when it does not exist yet */
};

/*
 * Fills id for path ("-" is whatever standard output is). Symbolic and hard links
 * to one file give the same dev and ino. Never fails: a path that cannot be
 * resolved keeps its own spelling in canon.
 */
void outfile_identify(const char *path, struct outfile_id *id);

/* Whether a and b (from outfile_identify) name the same file. */
bool outfile_same(const struct outfile_id *a, const struct outfile_id *b);

#endif
