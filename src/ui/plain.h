/*
 * ui/plain.h — `tlsstep --plain`: the step-through as plain lines, for a screen
 * reader or a serial console. No curses, no cursor movement, no colours, no
 * box drawing: it prints lines and reads commands a line at a time, so it works
 * on a pipe as on a terminal. Non-ASCII text appears only where the data has it.
 */
#ifndef TLSSTEP_UI_PLAIN_H
#define TLSSTEP_UI_PLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "model/timeline.h"

struct plain_start {
	size_t step;             /* open at this step (0: before the first message); the checkpoints
	                          * before it stay unanswered */
	int width;               /* wrap prose at this many columns; 0: $COLUMNS, else 78 */
};

/*
 * Runs the plain mode on tl (borrowed; its scenario names the lesson): reads
 * commands from in until `q` or the end of input, writes to out. Reaching a
 * lesson's last step records it in the progress file (ui/progress.h); a record
 * that cannot be written is said, never fatal. Returns 0, or 2 when out of
 * memory (the message is printed on stderr).
 */
int plain_run(const struct timeline *tl, FILE *in, FILE *out, const struct plain_start *s);

#endif
