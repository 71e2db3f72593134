/*
 * ui/ui.c — the terminal: set-up and restore (on quit, errors and signals), the
 * key loop, and the actions that make new runs (a scenario from the menu, a
 * fault injected at the next message). Drawing is in draw.c.
 */
#define _XOPEN_SOURCE_EXTENDED 1

#include "ui/ui.h"

#include <curses.h>
#include <term.h> /* tigetstr, tputs: what the terminal can do */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lesson/catalog.h"
#include "model/chainwalk.h"
#include "model/dh_recipe.h"
#include "model/eavesdrop.h"
#include "model/explain.h"
#include "ui/copy.h"
#include "ui/progress.h"
#include "ui/view.h"

static volatile sig_atomic_t stop_signal;
static bool curses_on;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* The terminal is restored on every way out. */
static void restore(void)
{
	if (curses_on) {
		endwin();
		curses_on = false;
	}
}

/* SIGABRT (the out-of-memory path calls abort, which never returns) cannot wait for
 * the key loop, and endwin() is not safe in a handler: what endwin would send and the
 * tty modes from before curses are prepared here, the handler only writes and sets them. */
static char abort_seq[256];
static size_t abort_len;
static struct termios shell_modes;
static bool have_shell_modes;

static int abort_seq_putc(int c)
{
	if (abort_len < sizeof(abort_seq))
		abort_seq[abort_len++] = (char)c;
	return c;
}

static void abort_seq_add(const char *cap)
{
	if (cap && cap != (char *)-1)
		tputs(cap, 1, abort_seq_putc); /* tputs: padding expanded, as endwin would */
}

/* Run once curses is up: mouse reporting off, attributes, keypad, cursor, alternate screen. */
static void prepare_abort_restore(void)
{
	abort_len = 0;
	char *xm = tigetstr("XM"), *kmous = tigetstr("kmous");
	if (xm && xm != (char *)-1)
		abort_seq_add(tiparm(xm, 0));
	else if (kmous && kmous != (char *)-1)
		abort_seq_add("\033[?1000l"); /* what ncurses sends for an xterm mouse without XM */
	abort_seq_add(tigetstr("sgr0"));
	abort_seq_add(tigetstr("rmkx"));
	abort_seq_add(tigetstr("cnorm"));
	abort_seq_add(tigetstr("rmcup"));
}

/* Async-signal-safe calls only: the terminal back as it was, then die of the signal. */
static void on_abort(int sig)
{
	if (curses_on) {
		ssize_t w = write(STDOUT_FILENO, abort_seq, abort_len);
		(void)w;
		if (have_shell_modes)
			tcsetattr(STDOUT_FILENO, TCSANOW, &shell_modes);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void colors(struct ui_view *v)
{
	v->color = has_colors() && !getenv("NO_COLOR");
	if (!v->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);    /* title */
	init_pair(2, COLOR_YELLOW, -1);  /* phase headings */
	init_pair(3, COLOR_GREEN, -1);   /* client's messages */
	init_pair(4, COLOR_BLUE, -1);    /* server's messages */
	init_pair(5, -1, -1);
	init_pair(6, COLOR_MAGENTA, -1); /* highlighted bytes */
	init_pair(7, COLOR_GREEN, -1);   /* verified */
	init_pair(8, COLOR_RED, -1);     /* mismatch, fatal alerts */
	init_pair(9, -1, -1);            /* hints, kept at the terminal's own colour */
}

/* Replaces the view's timeline with a new run of sc; returns 0 or -1 (status set). */
static int rerun(struct ui_view *v, const struct scenario *sc, const struct ui_start *s, struct timeline **owned)
{
	struct timeline *tl = calloc(1, sizeof(*tl));
	struct run_options o = { s->assets_dir, sc->seed };
	char err[300];
	if (!tl || timeline_run(sc, &o, tl, err, sizeof(err))) {
		snprintf(v->status, sizeof(v->status), " %s", tl ? err : "out of memory");
		free(tl);
		return -1;
	}
	if (*owned) {
		timeline_free(*owned);
		free(*owned);
	}
	*owned = tl;
	v->tl = tl;
	v->sc = sc;
	return 0;
}

/* f: flip a bit in the middle of the next message's record and run again from the start. */
static void inject(struct ui_view *v, const struct ui_start *s, struct scenario *fsc, struct timeline **tampered,
                   struct timeline *base)
{
	if (timeline_mitm(v->tl)) { /* its scenario may have no faults (lesson/scenario_file.c) */
		snprintf(v->status, sizeof(v->status), " no faults in a run with a man in the middle: the attacker is the one on "
		         "the wire");
		return;
	}
	if (v->tampered || v->cur >= v->tl->nsteps) {
		snprintf(v->status, sizeof(v->status), " %s", v->tampered ? "a fault is already injected: b at its step undoes it"
		                                                            : "no next message to tamper with");
		return;
	}
	const struct step *next = &v->tl->steps[v->cur];
	unsigned record = 0;
	const struct buf *last = NULL;
	for (size_t i = 0; i <= v->cur; i++) {
		const struct step *st = &v->tl->steps[i];
		if (st->from != next->from || st->connection != next->connection)
			continue;
		if (last && last->len == st->record.len && !memcmp(last->data, st->record.data, st->record.len))
			continue;
		last = &st->record;
		record++;
	}
	if (next->connection != 1) {
		snprintf(v->status, sizeof(v->status), " faults from the UI hit the first connection only");
		return;
	}
	*fsc = *v->sc; /* shallow: strings stay the base scenario's */
	struct fault f;
	memset(&f, 0, sizeof(f));
	f.from = next->from;
	f.record = record;
	f.action = FAULT_FLIP;
	f.offset = next->record.len > 10 ? (next->record.len - 5) / 2 : 0;
	fsc->faults[0] = f;
	fsc->nfaults = 1;
	if (rerun(v, fsc, s, tampered) == 0) {
		v->tampered = true;
		v->tampered_at = v->cur;
		snprintf(v->status, sizeof(v->status), " fault: one bit of the %s's %s flipped; Space to watch what follows",
		         side_name(next->from), next->message);
	}
	(void)base;
}

static void step_to(struct ui_view *v, size_t cur)
{
	if (cur > v->tl->nsteps)
		cur = v->tl->nsteps;
	if (cur != v->cur) {
		v->cur = cur;
		view_reset_fields(v);
	}
	/* A lesson stepped through to its end, untouched, counts as finished, with how many
	 * of its checkpoints were answered (a jump past one leaves it unanswered). */
	if (v->sc->lesson.title && !v->tampered && !v->marked && v->tl->nsteps && cur == v->tl->nsteps) {
		char err[300];
		int answered, right, total;
		quiz_counts(&v->quiz, &answered, &right, &total);
		v->marked = true;
		if (progress_mark(v->sc->name, answered, right, total, err, sizeof(err)))
			snprintf(v->status, sizeof(v->status), " %s", err);
		else if (total)
			snprintf(v->status, sizeof(v->status), " lesson finished: %d of %d checkpoints answered, %d right", answered,
			         total, right);
		else
			snprintf(v->status, sizeof(v->status), " lesson finished: s shows it ticked in the menu");
	}
}

/* Instructor mode: a lesson step may open the keys or eavesdropper view as it is reached. */
static void show_panes(struct ui_view *v)
{
	const struct lesson_step *ls = v->cur ? explain_lesson_step(v->tl, &v->tl->steps[v->cur - 1]) : NULL;
	if (!ls || v->overlay != OV_NONE)
		return;
	if ((ls->show & PANE_KEYS) && !view_hidden(v, PANE_KEYS, NULL, 0)) {
		v->overlay = OV_KEYS;
		v->ov_top = 0;
	} else if ((ls->show & PANE_EAVES) && !view_hidden(v, PANE_EAVES, NULL, 0)) {
		v->overlay = OV_EAVES;
	}
}

/* k and e: unless the lesson hides the view for now. */
static void open_overlay(struct ui_view *v, enum overlay ov, unsigned pane, const char *what)
{
	char why[40];
	if (view_hidden(v, pane, why, sizeof(why))) {
		snprintf(v->status, sizeof(v->status), " the lesson hides %s %s: step on", what, why);
		return;
	}
	v->overlay = ov;
	v->ov_top = 0;
}

/*
 * Steps on towards v->goal; a lesson asks each checkpoint not yet answered on the
 * way (a step-by-step walk and a jump alike), and the walk goes on once it is.
 */
static void advance(struct ui_view *v)
{
	if (v->goal > v->tl->nsteps)
		v->goal = v->tl->nsteps;
	while (v->cur < v->goal) {
		size_t next = v->cur + 1;
		if (!v->tampered && next > v->asked_upto && quiz_at(&v->quiz, v->tl, next) &&
		    !quiz_answered(&v->quiz, next)) {
			v->overlay = OV_ASK;
			v->ask_step = next;
			v->ask_pick = 0;
			v->ask_shown = false;
			v->ask_len = 0;
			v->ask_input[0] = '\0';
			v->ov_top = 0;
			return;
		}
		step_to(v, next);
	}
	show_panes(v);
}

static void go_to(struct ui_view *v, size_t step)
{
	if (step <= v->cur) {
		step_to(v, step);
		v->goal = v->cur;
		return;
	}
	v->goal = step;
	advance(v);
}

/* A key while a checkpoint is asked: a number answers (again, after a wrong one), Space shows the
 * answer and then the step, Esc leaves it unanswered; the walk then goes on. */
/* A value checkpoint's one-line input: characters, Backspace, Enter answers. True when the key was used. */
static bool ask_type_key(struct ui_view *v, int ch)
{
	if (v->ask_shown || !quiz_typed(&v->quiz, v->tl, v->ask_step))
		return false;
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (v->ask_len)
			v->ask_input[--v->ask_len] = '\0';
		return true;
	}
	if ((ch == '\n' || ch == KEY_ENTER) && v->ask_len) {
		v->ask_pick = quiz_type(&v->quiz, v->tl, v->ask_step, v->ask_input) ? 1 : 2;
		v->ask_shown = true; /* the verdict gives the run's value: nothing to try again */
		v->ov_top = 1 << 20;
		return true;
	}
	if (ch >= 32 && ch < 127 && v->ask_len + 1 < sizeof(v->ask_input)) {
		v->ask_input[v->ask_len++] = (char)ch;
		v->ask_input[v->ask_len] = '\0';
		return true;
	}
	return ch != 27; /* Esc leaves the question unanswered; other keys do nothing while typing */
}

static void ask_key(struct ui_view *v, int ch)
{
	const struct lesson_step *ls = quiz_at(&v->quiz, v->tl, v->ask_step);
	if (ch != KEY_DOWN && ch != KEY_UP && ch != KEY_NPAGE && ch != KEY_PPAGE && ask_type_key(v, ch))
		return;
	int n = 0;
	while (ls && n < LESSON_MAX_CHOICES && ls->choices[n])
		n++;
	if (ls && !v->ask_shown && ch >= '1' && ch < '1' + n) {
		v->ask_pick = ch - '0';
		v->ask_shown = quiz_pick(&v->quiz, v->tl, v->ask_step, v->ask_pick);
		v->ov_top = 1 << 20; /* the verdict and its explanation come last: show them (overlays.c clamps) */
		return;
	}
	if (ch == KEY_DOWN || ch == KEY_NPAGE || ch == KEY_UP || ch == KEY_PPAGE) {
		/* a question longer than its box scrolls (overlays.c clamps) */
		int d = ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 : ch == KEY_NPAGE ? v->ov_page : -v->ov_page;
		v->ov_top = v->ov_top + d < 0 ? 0 : v->ov_top + d;
		return;
	}
	bool go = ch == ' ' || ch == '\n' || ch == KEY_ENTER || ch == 'n' || ch == KEY_RIGHT;
	if (go && v->ask_pick && !v->ask_shown) {
		v->ask_shown = true; /* after a wrong pick: the answer, then the step */
		v->ov_top = 1 << 20;
		return;
	}
	if (ch == 27 || (go && v->ask_shown)) {
		v->overlay = OV_NONE;
		v->asked_upto = v->ask_step;
		step_to(v, v->ask_step);
		if (ch == 27)
			v->goal = v->cur; /* a skipped question stops a jump too */
		advance(v);
	}
}

static void toggle_field(struct ui_view *v)
{
	int vis[512];
	size_t n = view_visible(v, vis, 512);
	if (!n || v->sel >= (int)n)
		return;
	int f = vis[v->sel];
	if ((size_t)f < v->nopen)
		v->open[f] = !v->open[f];
}

/* s: the menu, each lesson marked with its record ("✓ 3/4": finished, 3 of 4 checkpoints answered). */
static void open_menu(struct ui_view *v, const struct ui_start *s)
{
	v->overlay = OV_MENU;
	if (s->capture)
		return; /* a capture's connections: no lessons, no records */
	for (size_t i = 0; v->menu_mark && i < v->nmenu; i++)
		free(v->menu_mark[i]);
	free(v->menu_mark);
	v->menu_mark = calloc(v->nmenu ? v->nmenu : 1, sizeof(char *));
	for (size_t i = 0; v->menu_mark && i < v->nmenu; i++) {
		struct progress_entry e;
		if (!progress_get(v->menu[i], &e))
			continue;
		char m[32];
		if (e.total > 0)
			snprintf(m, sizeof(m), "%s %d/%d", v->utf8 ? "\u2713" : "*", e.answered, e.total);
		else
			snprintf(m, sizeof(m), "%s", v->utf8 ? "\u2713" : "*");
		v->menu_mark[i] = strdup(m);
	}
	if (!v->menu_title && (v->menu_title = calloc(v->nmenu ? v->nmenu : 1, sizeof(char *))))
		for (size_t i = 0; i < v->nmenu; i++)
			v->menu_title[i] = catalog_title(s->lessons_dir, v->menu[i]);
}

/* The view at the start of a run it now shows. */
static void view_restart(struct ui_view *v)
{
	quiz_free(&v->quiz);
	quiz_init(&v->quiz, v->tl);
	v->cur = 1;
	v->asked_upto = 0;
	v->marked = false;
	v->ladder_top = 0;
	step_to(v, 0);
	v->goal = 0;
}

/* Enter in the menu: the chosen lesson or scenario, run afresh; a capture's connection, as it was built. */
static void menu_run_chosen(struct ui_view *v, const struct ui_start *s, struct timeline **tampered,
                            struct timeline **menu_run, struct scenario **menu_sc)
{
	if (s->capture) {
		v->tl = s->capture->tl[v->menu_sel];
		v->sc = s->capture->sc[v->menu_sel];
		view_restart(v);
		return;
	}
	struct scenario *sc = calloc(1, sizeof(*sc));
	char err[300];
	if (!sc)
		return;
	scenario_init(sc);
	if (catalog_load(s->lessons_dir, v->menu[v->menu_sel], sc, err, sizeof(err))) {
		snprintf(v->status, sizeof(v->status), " %s", err);
		scenario_free(sc);
		free(sc);
		return;
	}
	if (*tampered) {
		timeline_free(*tampered);
		free(*tampered);
		*tampered = NULL;
	}
	v->tampered = false;
	if (rerun(v, sc, s, menu_run)) {
		scenario_free(sc);
		free(sc);
		return;
	}
	if (*menu_sc) {
		scenario_free(*menu_sc);
		free(*menu_sc);
	}
	*menu_sc = sc;
	view_restart(v);
}

static bool has_secrets_pane(const struct ui_view *v)
{
	return v->L.secrets.h > 0;
}

/* One key; returns false to quit. */
static bool key(struct ui_view *v, int ch, const struct ui_start *s, struct scenario *fsc, struct timeline **tampered,
                struct timeline **menu_run, struct scenario **menu_sc, struct timeline *base)
{
	v->status[0] = '\0';
	if (v->L.too_small)
		return ch != 'q' && ch != 'Q'; /* keys wait until the terminal is large enough; q still quits */
	if (ch == '?' && v->overlay != OV_MENU) {
		v->overlay = v->overlay == OV_HELP ? OV_NONE : OV_HELP;
		v->ov_top = 0;
		return true;
	}
	if (v->overlay == OV_MENU) {
		if (ch == KEY_UP && v->menu_sel > 0)
			v->menu_sel--;
		else if (ch == KEY_DOWN && (size_t)v->menu_sel + 1 < v->nmenu)
			v->menu_sel++;
		else if (ch == '\n' || ch == KEY_ENTER) {
			v->overlay = OV_NONE;
			menu_run_chosen(v, s, tampered, menu_run, menu_sc);
		} else if (ch == 27 || ch == 'q' || ch == 's')
			v->overlay = OV_NONE;
		return true;
	}
	if (v->overlay == OV_ASK && ch != 'q') {
		ask_key(v, ch);
		return true;
	}
	if (v->overlay != OV_NONE && ch != 'q') {
		int page = v->ov_page > 0 ? v->ov_page : 10;
		if (ch == KEY_DOWN || ch == KEY_NPAGE || ch == ' ')
			v->ov_top += ch == KEY_DOWN ? 1 : page;
		else if (ch == KEY_UP || ch == KEY_PPAGE)
			v->ov_top -= ch == KEY_UP ? 1 : page;
		else if (v->overlay == OV_KEYS && ch == 'r')
			v->show_recipes = !v->show_recipes;
		else if (v->overlay == OV_KEYS && ch == 'c')
			copy_recipes(v, true);
		else if (ch == 27 || ch == 'k' || ch == 'e' || ch == '\n')
			v->overlay = v->overlay == OV_HELP && v->ask_step && v->cur < v->ask_step ? OV_ASK : OV_NONE;
		return true;
	}
	switch (ch) {
	case 'q':
	case 'Q':
		return false;
	case ' ':
	case 'n':
	case KEY_RIGHT:
		go_to(v, v->cur + 1);
		break;
	case 'b':
	case 'p':
	case KEY_LEFT:
		if (v->tampered && v->cur <= v->tampered_at + 1) {
			/* back at the tampered step: return to the untouched run */
			v->tl = *menu_run ? *menu_run : base;
			v->sc = *menu_sc ? *menu_sc : v->sc;
			v->tampered = false;
			view_reset_fields(v);
			snprintf(v->status, sizeof(v->status), " the untouched run again");
			break;
		}
		go_to(v, v->cur ? v->cur - 1 : 0);
		break;
	case KEY_NPAGE: /* the narration a page on (pane_narration.c clamps) */
		v->narr_top += v->L.narration.h > 1 ? v->L.narration.h - 1 : 1;
		break;
	case KEY_PPAGE:
		v->narr_top -= v->L.narration.h > 1 ? v->L.narration.h - 1 : 1;
		if (v->narr_top < 0)
			v->narr_top = 0;
		break;
	case KEY_HOME:
		go_to(v, 0);
		break;
	case KEY_END:
		go_to(v, v->tl->nsteps);
		break;
	case '\t':
		v->focus = v->focus == FOCUS_LADDER ? FOCUS_FIELDS
		           : v->focus == FOCUS_FIELDS && has_secrets_pane(v) ? FOCUS_SECRETS
		                                                              : FOCUS_LADDER;
		break;
	case KEY_UP:
		if (v->focus == FOCUS_FIELDS && v->sel > 0)
			v->sel--;
		else if (v->focus == FOCUS_SECRETS)
			v->sec_sel = v->sec_sel < 0 ? 0 : v->sec_sel > 0 ? v->sec_sel - 1 : 0;
		else if (v->focus == FOCUS_LADDER)
			go_to(v, v->cur ? v->cur - 1 : 0);
		break;
	case KEY_DOWN:
		if (v->focus == FOCUS_FIELDS)
			v->sel++;
		else if (v->focus == FOCUS_SECRETS)
			v->sec_sel++; /* clamped when drawn */
		else
			go_to(v, v->cur + 1);
		break;
	case '\n':
	case KEY_ENTER:
		if (v->focus == FOCUS_SECRETS)
			v->sec_sel = -1; /* back to the newest */
		else
			toggle_field(v);
		break;
	case 'x':
		v->show_record = !v->show_record;
		break;
	case 'k':
		open_overlay(v, OV_KEYS, PANE_KEYS, "the keys");
		break;
	case 'e':
		open_overlay(v, OV_EAVES, PANE_EAVES, "the eavesdropper");
		break;
	case 'c':
		if (view_hidden(v, PANE_KEYS, NULL, 0))
			snprintf(v->status, sizeof(v->status), " the lesson hides the keys for now: step on");
		else
			copy_recipes(v, v->focus != FOCUS_SECRETS);
		break;
	case 's':
		open_menu(v, s);
		break;
	case 'f':
		if (v->tl->capture.file) /* a capture is read, not run: there is nothing to run again */
			snprintf(v->status, sizeof(v->status), " a capture is read, not run: no fault can be injected into it");
		else
			inject(v, s, fsc, tampered, base);
		break;
	case KEY_MOUSE: {
		MEVENT m;
		if (getmouse(&m) == OK && (m.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) && v->ladder_step &&
		    m.y >= v->ladder_y && m.y < v->ladder_y + v->ladder_rows && m.x >= v->ladder_x &&
		    m.x < v->ladder_x + v->ladder_w) {
			size_t row = (size_t)(v->ladder_top + m.y - v->ladder_y);
			if (row < 2 * v->tl->nsteps + 2 && v->ladder_step[row])
				go_to(v, v->ladder_step[row]);
		}
		break;
	}
	default:
		break;
	}
	return true;
}

int ui_term_open(struct ui_view *v)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "tlsstep: not a terminal: the step-through view needs one; use --batch for the transcript\n");
		return 2;
	}
	/* Only the character set matters to curses and to the glyphs (nl_langinfo(CODESET)):
	 * LC_ALL would look up all 13 categories, twice each under C.UTF-8, before the first
	 * frame, and would let LC_NUMERIC and LC_TIME change what the screens print. */
	setlocale(LC_CTYPE, "");
	const char *cs = nl_langinfo(CODESET);
	v->utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL); /* Ctrl-\ is a key: cbreak keeps isig */
	sa.sa_handler = on_abort;
	sigaction(SIGABRT, &sa, NULL);
	atexit(restore);
	have_shell_modes = tcgetattr(STDOUT_FILENO, &shell_modes) == 0;
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "tlsstep: this terminal (TERM=%s) cannot be driven; use --batch\n",
		        getenv("TERM") ? getenv("TERM") : "unset");
		return 2;
	}
	curses_on = true;
	/* A terminal that cannot address the cursor (TERM=dumb) would draw one line. */
	char *cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		restore();
		fprintf(stderr, "tlsstep: this terminal (TERM=%s) cannot be driven: it cannot move the cursor; use --batch\n",
		        getenv("TERM") ? getenv("TERM") : "unset");
		return 2;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	timeout(200); /* so that a signal is noticed within 0.2 s */
	prepare_abort_restore();
	colors(v);
	return 0;
}

bool ui_term_stopping(void)
{
	return stop_signal != 0;
}

void ui_term_close(void)
{
	restore();
}

void ui_term_reraise(void)
{
	if (stop_signal) {
		signal(stop_signal, SIG_DFL);
		raise(stop_signal);
	}
}

int ui_run(struct timeline *tl, struct scenario *sc, const struct ui_start *s)
{
	struct ui_view v;
	memset(&v, 0, sizeof(v));
	v.tl = tl;
	v.sc = sc;
	char err[300];
	if (ui_term_open(&v))
		return 2;
	if (s->capture) { /* the menu lists the capture's connections, and opens first */
		v.nmenu = s->capture->n;
		v.menu = calloc(v.nmenu, sizeof(char *));
		v.menu_title = calloc(v.nmenu, sizeof(char *));
		for (size_t i = 0; v.menu && v.menu_title && i < v.nmenu; i++) {
			char name[32];
			snprintf(name, sizeof(name), "connection %zu", i + 1);
			v.menu[i] = strdup(name);
			v.menu_title[i] = strdup(s->capture->line[i]);
		}
		v.overlay = OV_MENU;
	} else {
		v.menu = catalog_names(s->lessons_dir, &v.nmenu, err, sizeof(err));
	}
	quiz_init(&v.quiz, tl);
	step_to(&v, s->step);
	v.goal = v.cur;
	v.asked_upto = s->step; /* a deep link skips the checkpoints before it (they stay unanswered) */
	struct scenario fsc;
	struct timeline *tampered = NULL, *menu_run = NULL;
	struct scenario *menu_sc = NULL;
	bool go = true;
	while (go && !stop_signal) {
		/* The passes that compute only when asked (model/timeline.h), each once, when this
		 * frame can show its result: the eavesdropper's RSA decryption, the chain's own
		 * check (a Certificate's fields), the (EC)DH recipes (the keys view's r). */
		if (v.overlay == OV_EAVES || v.cur)
			eavesdrop_ensure(v.tl, v.overlay == OV_EAVES ? 0 : v.cur);
		if (v.cur)
			chainwalk_ensure(v.tl, v.cur);
		if (v.show_recipes)
			dh_recipe_ensure(v.tl);
		view_draw(&v);
		refresh();
		int ch = getch();
		if (ch == ERR)
			continue;
		if (ch == KEY_RESIZE)
			continue;
		go = key(&v, ch, s, &fsc, &tampered, &menu_run, &menu_sc, tl);
	}
	restore();
	if (tampered) {
		timeline_free(tampered);
		free(tampered);
	}
	if (menu_run) {
		timeline_free(menu_run);
		free(menu_run);
	}
	if (menu_sc) {
		scenario_free(menu_sc);
		free(menu_sc);
	}
	free(v.open);
	free(v.ladder_step);
	for (size_t i = 0; v.menu_mark && i < v.nmenu; i++)
		free(v.menu_mark[i]);
	free(v.menu_mark);
	quiz_free(&v.quiz);
	for (size_t i = 0; v.menu_title && i < v.nmenu; i++)
		free(v.menu_title[i]);
	free(v.menu_title);
	if (s->capture) {
		for (size_t i = 0; v.menu && i < v.nmenu; i++)
			free(v.menu[i]);
		free(v.menu);
	} else {
		catalog_names_free(v.menu, v.nmenu);
	}
	ui_term_reraise();
	return 0;
}
