/*
 * ui/ui.h — the step-through terminal UI (ncursesw). The only layer that
 * includes curses; it reads the timeline and never calls mbed TLS.
 */
#ifndef TLSSTEP_UI_UI_H
#define TLSSTEP_UI_UI_H

#include <stddef.h>

#include "model/timeline.h"

/* A capture's TLS connections, each built (model/from_capture.h): the menu lists them instead
 * of the lessons, and the UI opens on it. Owned by the caller; tl[0] and sc[0] are ui_run's. */
struct ui_capture {
	size_t n;
	struct timeline **tl;
	struct scenario **sc;
	char **line;             /* each one's row of the list: client, server, SNI, version, suite, keys */
};

struct ui_start {
	const char *lessons_dir;
	const char *assets_dir;
	const char *target;      /* scenario name or path the app loaded */
	size_t step;             /* open at this step (0: before the first message) */
	const struct ui_capture *capture; /* NULL, or a capture's connections to choose from */
};

/*
 * Runs the UI on the timeline (borrowed; the UI may replace it with other runs
 * it makes itself and frees those). Returns 0 on a normal quit, 2 when the
 * terminal cannot be used (the message is printed).
 */
int ui_run(struct timeline *tl, struct scenario *sc, const struct ui_start *start);

#endif
