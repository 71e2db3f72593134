/*
 * ui/progress.h — which lessons a learner has finished, kept between runs in
 * the XDG state directory: $XDG_STATE_HOME/tlsstep/progress, else
 * ~/.local/state/tlsstep/progress. One lesson name per line; a file that cannot
 * be read is an empty record, one that cannot be written is reported, never fatal.
 */
#ifndef TLSSTEP_UI_PROGRESS_H
#define TLSSTEP_UI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* Where the record lives; false when neither XDG_STATE_HOME nor HOME is set. */
bool progress_path(char *buf, size_t cap);

/* Was the lesson finished in an earlier or this run? */
bool progress_done(const char *name);

/* Records that the lesson was finished. Returns 0, or -1 with a message in err. */
int progress_mark(const char *name, char *err, size_t errlen);

#endif
