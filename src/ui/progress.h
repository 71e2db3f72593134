/*
 * ui/progress.h — which lessons a learner has finished, and how the checkpoints
 * went, kept between runs in the XDG state directory: $XDG_STATE_HOME/tlsstep/progress,
 * else ~/.local/state/tlsstep/progress. No curses (the UI and --plain share it).
 *
 * One line a lesson: "NAME ANSWERED/TOTAL RIGHT" (a line with only a name, as
 * earlier versions wrote, is a finished lesson with unknown counts). A file that
 * cannot be read is an empty record; one that cannot be written is reported,
 * never fatal. The file is replaced whole (a temporary file in the same
 * directory, renamed over it), so a reader never sees half a record and the
 * other lessons' lines are kept as they were.
 */
#ifndef TLSSTEP_UI_PROGRESS_H
#define TLSSTEP_UI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* A lesson's record. The counts are -1 when unknown (a line from an older version). */
struct progress_entry {
	bool done;
	int answered, right, total;
};

/* Where the record lives; false when neither XDG_STATE_HOME nor HOME is set. */
bool progress_path(char *buf, size_t cap);

/* mkdir -p (mode 0700) for the directories above path; 0 or -1 with errno. */
int progress_make_parents(char *path);

/* The record of lesson name: true and *e filled when it was finished; false
 * (and *e not done, counts -1) when it was not or the file cannot be read. */
bool progress_get(const char *name, struct progress_entry *e);

/* Was the lesson finished in an earlier or this run? (progress_get without the counts) */
bool progress_done(const char *name);

/*
 * Records that the lesson was finished with `answered` of `total` checkpoints
 * answered, `right` of them right (any count -1: unknown). A record already
 * there is replaced only by a better one: known counts where it had none, more
 * answered, or as many answered and more right. Returns 0 (also when nothing
 * needed writing), or -1 with "PATH: progress not kept: REASON" in err.
 */
int progress_mark(const char *name, int answered, int right, int total, char *err, size_t errlen);

#endif
