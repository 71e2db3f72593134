/*
 * lesson/scenario_file.h — scenario files: plain INI text an instructor writes in
 * minutes, read with libinih into a struct scenario.
 *
 *   [scenario]  title, seed, date, hostname, client_auth, client_data, server_data
 *   [client]    versions, suites, cert, key, ca
 *   [server]    versions, suites, cert, key, ca
 *   [expect]    result, side, alert
 *
 * The format is documented with a worked example in lessons/README.md. Unknown
 * sections and keys, bad values and unknown names are errors, reported as
 * "file:line: what was wrong; what was expected" — never silently ignored.
 */
#ifndef TLSSTEP_LESSON_SCENARIO_FILE_H
#define TLSSTEP_LESSON_SCENARIO_FILE_H

#include <stddef.h>

#include "spec/scenario.h"

/*
 * Limits of a file, stated so an instructor can know them: at most 4 MB (a larger
 * file, a device or a FIFO is refused before reading it), lines of at most 199
 * characters (bytes) each; longer prose continues on indented lines.
 */
#define SCENARIO_FILE_MAX (4 << 20)
#define SCENARIO_FILE_MAX_LINE 199

/*
 * Reads `path` into sc (freshly initialised; its name is the file's stem unless
 * the file says otherwise). Only a regular file of at most SCENARIO_FILE_MAX
 * bytes, UTF-8 text. Returns 0, or -1 with the message in err: "PATH: is a FIFO;
 * expected ..." for what cannot be read, "PATH:LINE: what; expected" for the rest.
 */
int scenario_file_load(const char *path, struct scenario *sc, char *err, size_t errlen);

/* The same from text in memory; `name` is used in messages in place of a path. */
int scenario_file_parse(const char *name, const char *text, struct scenario *sc, char *err, size_t errlen);

#endif
