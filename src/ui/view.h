/* ui/view.h — the UI's state, and the panes that draw it (internal to ui/). */
#ifndef TLSSTEP_UI_VIEW_H
#define TLSSTEP_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/mitm.h"
#include "model/timeline.h"
#include "ui/layout.h"
#include "ui/quiz.h"

enum overlay { OV_NONE, OV_HELP, OV_KEYS, OV_EAVES, OV_MENU, OV_ASK };
enum focus { FOCUS_LADDER, FOCUS_FIELDS, FOCUS_SECRETS };

struct ui_view {
	struct timeline *tl;
	const struct scenario *sc;
	size_t cur;             /* steps shown: 1..cur; 0 before the first message */
	size_t goal;            /* a jump (End, a click) goes on to this step once its checkpoints are asked */
	enum focus focus;
	int sel;                /* selected row in the visible field list */
	int field_top;          /* first row of the field tree shown */
	bool *open;             /* per field of the current step: expanded */
	size_t nopen;
	bool show_record;       /* hex of the record(s) instead of the message */
	bool show_recipes;      /* the keys view shows each secret's recipe (r) */
	int sec_sel;            /* the secret chosen in the secrets pane (-1: the newest) */
	enum overlay overlay;
	int menu_sel;
	int ov_top;             /* first row of a scrolling overlay (keys, eavesdropper, help) */
	int ov_page;            /* rows an overlay shows: PgDn/PgUp move by it */
	int narr_top;           /* first line of the narration shown (PgUp/PgDn when it does not fit) */
	char **menu;            /* bundled lesson and scenario names, lessons first */
	size_t nmenu;
	char **menu_mark;       /* per menu entry: "✓ 3/4" for a finished lesson, read when the menu opens */
	char **menu_title;      /* per menu entry: its title, read the first time the menu opens */
	bool marked;            /* this run's lesson was recorded as finished */
	bool utf8, color;
	bool tampered;          /* showing a run with a fault injected from the UI */
	size_t tampered_at;
	int ladder_top;         /* first ladder row shown */
	int ladder_rows;        /* ladder rows on screen: for mouse clicks */
	int ladder_y, ladder_x, ladder_w;
	size_t *ladder_step;    /* step shown on each ladder row (0: heading) */
	char status[400];       /* a one-line message (errors, notices) */
	struct layout L;        /* the last frame's panes */
	/* Lesson checkpoints (ui/quiz.h): the question for step ask_step is asked before
	 * that step is revealed; ask_pick is the learner's latest pick (0: none yet). */
	struct quiz quiz;
	size_t asked_upto;      /* checkpoints up to here were offered (a deep link skips them) */
	size_t ask_step;
	int ask_pick;
	bool ask_shown;         /* the answer is shown (a right pick, or Space after a wrong one) */
	char ask_input[72];     /* a value checkpoint: what the learner has typed so far; ask_pick 1 right, 2 wrong */
	size_t ask_len;
};

/*
 * The terminal (ui.c, the one place that sets curses up): ui_term_open checks it is one,
 * takes the locale (v->utf8), the signals, curses and the colours (v->color); returns 0,
 * or 2 with the reason printed. ui_term_close gives the terminal back; ui_term_reraise
 * then dies of a signal that stopped the key loop (ui_term_stopping), as the shell expects.
 */
int ui_term_open(struct ui_view *v);
bool ui_term_stopping(void);
void ui_term_close(void);
void ui_term_reraise(void);

void view_reset_fields(struct ui_view *v);
/* Instructor mode: is this pane (enum lesson_pane) hidden at the current step?
 * If so, and why is non-NULL, *why says until when ("until phase 3"). */
bool view_hidden(const struct ui_view *v, unsigned pane, char *why, size_t cap);
void view_draw(struct ui_view *v);
/* The fields visible in the tree (expanded ones' children included), in order. */
size_t view_visible(const struct ui_view *v, int *out, size_t cap);
/* What the narration pane says at the current step (outcome, failure, summary and tries at the end). */
const char *view_narration(const struct ui_view *v);

/* --- drawing helpers (draw.c) --- */
enum { C_TITLE = 1, C_PHASE, C_CLIENT, C_SERVER, C_SEL, C_HI, C_OK, C_BAD, C_DIM };
void ui_attr(const struct ui_view *v, int pair, bool on);
/* Draws s at (y, x) in at most w columns, cut with an ellipsis when longer; returns the columns drawn. */
int ui_put(const struct ui_view *v, int y, int x, int w, const char *s);
/* Draws s exactly (it is known to fit). */
void ui_puts(int y, int x, const char *s);
/* The UTF-8 glyph, or its ASCII stand-in in another locale. */
const char *ui_glyph(const struct ui_view *v, const char *utf8, const char *ascii);
/* " · " between the parts of a line (" | " in ASCII). */
const char *ui_sep(const struct ui_view *v);
/* Wrapped text into the rectangle from its line `skip`; returns the lines the whole text takes. */
int ui_wrap(const struct ui_view *v, const struct rect *r, int skip, const char *text);
void ui_hrule(int y, int x, int w);
/* A centred box (cleared, framed, titled) of at most w x h inside area; returns its inside. */
struct rect ui_box(const struct ui_view *v, const struct rect *area, int h, int w, const char *title);

/* --- panes: one file each --- */
void pane_title_draw(struct ui_view *v, const struct rect *r);        /* pane_bars.c */
void pane_keybar_draw(struct ui_view *v, const struct rect *r);       /* pane_bars.c */
void pane_ladder_draw(struct ui_view *v, const struct rect *r);       /* pane_ladder.c */
int pane_ladder_label_cols(const struct timeline *tl);               /* the longest label */
void pane_fields_draw(struct ui_view *v, const struct rect *r);       /* pane_fields.c */
void pane_hex_draw(struct ui_view *v, const struct rect *r, int per, bool ascii); /* pane_hex.c */
void pane_narration_draw(struct ui_view *v, const struct rect *r);    /* pane_narration.c */
void pane_secrets_draw(struct ui_view *v, const struct rect *r, bool side); /* pane_secrets.c */
void pane_know_draw(struct ui_view *v, const struct rect *r);         /* pane_secrets.c */
void overlay_draw(struct ui_view *v);                                 /* overlays.c */

/* Every secret known after step cur, once (same name and value), with all its holders. */
struct known {
	const struct secret *s;    /* the first report of it */
	unsigned holders;          /* HOLDER_* of every report */
	enum agreement agrees;     /* AGREE_NO if any report disagrees, else YES if any agrees */
	int step;                  /* the step it became known */
	int connection;
};
size_t known_collect(const struct timeline *tl, size_t cur, struct known *out, size_t cap);
/* The mark of a check: "✓" agreed, "✗" differs, "?" not checked ("+", "X", "?" in ASCII). */
const char *known_mark(const struct ui_view *v, enum agreement a);
/* "client, server, wire" */
/* "client, server, wire"; with a man in the middle the connection's parties ("client, attacker"). */
const char *known_holders(const struct timeline *tl, int connection, unsigned holders, char *buf, size_t cap);

#endif
