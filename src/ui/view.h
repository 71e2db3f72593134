/* ui/view.h — the UI's state and drawing (internal to ui/). */
#ifndef TLSSTEP_UI_VIEW_H
#define TLSSTEP_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/timeline.h"

enum overlay { OV_NONE, OV_HELP, OV_KEYS, OV_EAVES, OV_MENU, OV_ASK };
enum focus { FOCUS_LADDER, FOCUS_FIELDS };

struct ui_view {
	struct timeline *tl;
	const struct scenario *sc;
	size_t cur;             /* steps shown: 1..cur; 0 before the first message */
	enum focus focus;
	int sel;                /* selected row in the visible field list */
	bool *open;             /* per field of the current step: expanded */
	size_t nopen;
	bool show_record;       /* hex of the record(s) instead of the message */
	enum overlay overlay;
	int menu_sel;
	int ov_top;             /* first row of a scrolling overlay (the keys view) */
	int narr_top;           /* first line of the narration shown (PgUp/PgDn when it does not fit) */
	char **menu;            /* bundled lesson and scenario names, lessons first */
	size_t nmenu;
	bool *menu_done;        /* per menu entry: a lesson finished (ui/progress.h), read when the menu opens */
	char **menu_title;      /* per menu entry: its title, read the first time the menu opens */
	bool marked;            /* this run's lesson was recorded as finished */
	bool utf8, color;
	bool tampered;          /* showing a run with a fault injected from the UI */
	size_t tampered_at;
	int ladder_top;         /* first ladder row shown */
	int ladder_rows;        /* ladder rows on screen: for mouse clicks */
	int ladder_y;
	size_t *ladder_step;    /* step shown on each ladder row (0: heading) */
	char status[400];       /* a one-line message (errors, notices) */
	/* Lesson checkpoints: the question for step ask_step is asked before that
	 * step is revealed, once; ask_pick is the learner's choice (0: none yet). */
	size_t asked_upto;
	size_t ask_step;
	int ask_pick;
};

void view_reset_fields(struct ui_view *v);
/* Instructor mode: is this pane (enum lesson_pane) hidden at the current step?
 * If so, and why is non-NULL, *why says until when ("until phase 3"). */
bool view_hidden(const struct ui_view *v, unsigned pane, char *why, size_t cap);
void view_draw(struct ui_view *v);
/* The fields visible in the tree (expanded ones' children included), in order. */
size_t view_visible(const struct ui_view *v, int *out, size_t cap);

#endif
