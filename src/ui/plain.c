/*
 * ui/plain.c — see plain.h. One command a line; every answer is plain lines
 * written once, never repainted, so a screen reader reads each line as it comes
 * and a serial console or a log keeps the whole session.
 */
#include "ui/plain.h"
#include "ui/plain_session.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/explain.h"
#include "model/mitm.h"
#include "model/narration.h"
#include "ui/progress.h"
#include "ui/quiz.h"

/*
 * Reads one line into p->line, spaces around it trimmed; NULL at the end of input.
 * The prompt goes out only to a terminal, so a piped session's output is the
 * program's words alone.
 */
static const char *read_line(struct plain *p, const char *prompt)
{
	if (p->tty)
		fputs(prompt, p->out);
	fflush(p->out);
	ssize_t n = getline(&p->line, &p->cap, p->in);
	if (n < 0)
		return NULL;
	char *s = p->line, *e = s + n;
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* "phase 2 Server authentication and key exchange" (TLS 1.3: its own grouping), or
 * "after the handshake" for application data and closure, which have no number. */
static void phase_words(const struct timeline *tl, int phase, char *buf, size_t cap)
{
	const char *t = timeline_phase_title(tl, phase);
	if (timeline_phase_numbered(phase))
		snprintf(buf, cap, "phase %d %s", phase, t);
	else
		snprintf(buf, cap, "%c%s", t[0] >= 'A' && t[0] <= 'Z' ? t[0] - 'A' + 'a' : t[0], t[0] ? t + 1 : "");
}

/* How many bytes the step's message has: its plaintext where tlsstep has it, else what crossed. */
static size_t step_bytes(const struct step *st)
{
	return st->have_plain ? st->plain.len : st->record.len;
}

static bool two_connections(const struct timeline *tl)
{
	return tl->nsteps && tl->steps[tl->nsteps - 1].connection > 1;
}

static void intro(struct plain *p)
{
	const struct timeline *tl = p->tl;
	const struct scenario *sc = tl->sc;
	const struct lesson *l = &sc->lesson;
	char head[600];
	if (l->title && sc->name[0] >= '0' && sc->name[0] <= '9')
		snprintf(head, sizeof(head), "Lesson %d, %s (%s)", atoi(sc->name), l->title, sc->name);
	else
		snprintf(head, sizeof(head), "%s (%s)", l->title ? l->title : sc->title ? sc->title : sc->name, sc->name);
	fputc('\n', p->out);
	plain_say(p, head);
	char run[300];
	snprintf(run, sizeof(run), "%s, %s, %zu steps. Before the first message.",
	         tl->tls_version == TLS_V13 ? "TLS 1.3" : tl->tls_version ? "TLS 1.2" : "no version agreed",
	         tl->suite_name[0] ? tl->suite_name : "no cipher suite agreed", tl->nsteps);
	plain_say(p, run);
	char intro[400];
	snprintf(intro, sizeof(intro), "%s Every byte shown is a byte that crossed.", timeline_intro_words(tl));
	plain_say(p, l->title && l->intro ? l->intro : intro);
}

static void help(struct plain *p)
{
	static const char *const lines[] = {
		"Commands, one a line:",
		"  Enter or n   the next step (a lesson asks its checkpoint first)",
		"  b            the step before",
		"  g N          go to step N (checkpoints on the way are asked)",
		"  k            keys: every secret known so far, who holds it, whether tlsstep",
		"               re-derived it, its value and how it is derived",
		"  r            recipes: commands (python3, openssl) that recompute each secret",
		"               known so far, as they paste into sh",
		"  f            the fields of this message, whole",
		"  x            the bytes of this message (and of its record, if it was encrypted)",
		"  e            the eavesdropper: what the wire shows, and what stealing the",
		"               server's key later reveals",
		"  ?            this help",
		"  q            quit (so does the end of input)",
		"In a checkpoint: your answer's number, or the value it asks for; s skips it.",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		fprintf(p->out, "%s\n", lines[i]);
}

/* The end of a lesson: its summary, what to try next, the score, and the record of it. */
static void lesson_end(struct plain *p)
{
	const struct lesson *l = &p->tl->sc->lesson;
	char text[400];
	if (l->summary) {
		fputc('\n', p->out);
		plain_wrap(p, "Summary: ", "", l->summary);
	}
	if (l->tries[0]) {
		fputc('\n', p->out);
		plain_say(p, "Try next:");
		for (int i = 0; i < LESSON_MAX_TRIES && l->tries[i]; i++)
			plain_wrap(p, "- ", "  ", l->tries[i]);
	}
	int answered, right, total;
	quiz_counts(&p->q, &answered, &right, &total);
	fputc('\n', p->out);
	if (total)
		snprintf(text, sizeof(text), "You answered %d of %d checkpoint%s, %d right.", answered, total,
		         total == 1 ? "" : "s", right);
	else
		snprintf(text, sizeof(text), "This lesson asks no checkpoints.");
	plain_say(p, text);
	if (p->marked)
		return;
	p->marked = true;
	char err[4400];
	if (progress_mark(p->tl->sc->name, answered, right, total, err, sizeof(err)))
		plain_say(p, err);
	else
		plain_say(p, "Recorded: this lesson is finished.");
}

/* The current step: where it is, what it is, and what the learner reads there. */
static void show_step(struct plain *p)
{
	const struct timeline *tl = p->tl;
	const struct step *st = plain_current(p);
	if (!st) {
		intro(p);
		return;
	}
	char phase[160], conn[64] = "";
	phase_words(tl, st->phase, phase, sizeof(phase));
	if (two_connections(tl))
		snprintf(conn, sizeof(conn), "connection %d, ", st->connection);
	if (st->handshake > 1) /* a renegotiation (TLS 1.2): a second handshake in the connection */
		snprintf(conn + strlen(conn), sizeof(conn) - strlen(conn), "renegotiation (handshake %d), ", st->handshake);
	size_t n = step_bytes(st);
	fputc('\n', p->out);
	fprintf(p->out, "Step %d of %zu, %s%s: %s, %s to %s (%zu byte%s)\n", st->index, tl->nsteps, conn, phase,
	        st->message, step_from_party(tl, st), step_to_party(tl, st), n, n == 1 ? "" : "s");
	char text[800];
	if (st->fault_note) {
		snprintf(text, sizeof(text), "Fault: %s.", st->fault_note);
		plain_say(p, text);
	}
	bool last = p->cur == tl->nsteps;
	if (last) {
		snprintf(text, sizeof(text), "End of the run: %s.", tl->outcome.summary);
		plain_say(p, text);
		if (tl->outcome.attacker_read) {
			snprintf(text, sizeof(text), "What the attacker saw: %s.", tl->outcome.attacker_read);
			plain_say(p, text);
		}
	}
	plain_say(p, explain_narration(tl, st));
	if (last && tl->sc->lesson.title)
		lesson_end(p);
	/* Instructor mode: the lesson may open the keys or the eavesdropper at this step. */
	const struct lesson_step *ls = explain_lesson_step(tl, st);
	char why[40];
	if (ls && (ls->show & PANE_KEYS) && !plain_hidden(p, PANE_KEYS, why, sizeof(why)))
		plain_show_keys(p);
	else if (ls && (ls->show & PANE_EAVES) && !plain_hidden(p, PANE_EAVES, why, sizeof(why)))
		plain_show_eaves(p);
}

enum reply { REPLY_QUIT, REPLY_SKIPPED, REPLY_LINE };

/* A checkpoint's answer line into *line; q or the end of input quits, s skips (and says so). */
static enum reply read_answer(struct plain *p, size_t step, const char **line)
{
	const char *l = read_line(p, "answer> ");
	if (!l || !strcmp(l, "q"))
		return REPLY_QUIT;
	if (!strcmp(l, "s")) {
		p->skipped[step] = 1;
		plain_say(p, "Skipped: the question stays unanswered.");
		return REPLY_SKIPPED;
	}
	*line = l;
	return REPLY_LINE;
}

/*
 * A value checkpoint: the question, what to type, one answer read. The verdict
 * gives the run's value, so there is nothing to try again.
 */
static bool ask_value(struct plain *p, size_t step, const struct lesson_step *ls)
{
	char text[1200], hint[80];
	fputc('\n', p->out);
	snprintf(text, sizeof(text), "Checkpoint before step %zu: %s", step, ls->ask);
	plain_say(p, text);
	snprintf(text, sizeof(text), "%s Or s to skip.", narration_ask_hint(ls, hint, sizeof(hint)));
	plain_say(p, text);
	for (;;) {
		const char *l;
		enum reply r = read_answer(p, step, &l);
		if (r != REPLY_LINE)
			return r == REPLY_SKIPPED;
		if (!*l) {
			plain_say(p, hint);
			continue;
		}
		bool right = quiz_type(&p->q, p->tl, step, l);
		snprintf(text, sizeof(text), "%s the run's value is %s.", right ? "Right:" : "Not quite:", ls->answer_value);
		plain_say(p, text);
		if (ls->explain)
			plain_say(p, ls->explain);
		return true;
	}
}

/*
 * The checkpoint before step: the question and its numbered choices, then an
 * answer read. A wrong one is explained and may be tried again; the first one
 * counts (ui/quiz.h). Returns false when the learner quits or the input ends.
 */
static bool ask(struct plain *p, size_t step)
{
	const struct lesson_step *ls = quiz_at(&p->q, p->tl, step);
	if (ls->answer_value)
		return ask_value(p, step, ls);
	int n = 0;
	while (n < LESSON_MAX_CHOICES && ls->choices[n])
		n++;
	char text[1200];
	fputc('\n', p->out);
	snprintf(text, sizeof(text), "Checkpoint before step %zu: %s", step, ls->ask);
	plain_say(p, text);
	for (int i = 0; i < n; i++) {
		char num[16];
		snprintf(num, sizeof(num), "  %d) ", i + 1);
		plain_wrap(p, num, "     ", ls->choices[i]);
	}
	snprintf(text, sizeof(text), "Type the number of your answer (1 to %d), or s to skip.", n);
	plain_say(p, text);
	bool wrong = false;
	for (;;) {
		const char *l;
		enum reply r = read_answer(p, step, &l);
		if (r != REPLY_LINE)
			return r == REPLY_SKIPPED;
		char *end;
		errno = 0;
		long pick = strtol(l, &end, 10);
		if (!*l || *end || errno || pick < 1 || pick > n) {
			snprintf(text, sizeof(text), "Type a number from 1 to %d, or s to skip.", n);
			plain_say(p, text);
			continue;
		}
		if (quiz_pick(&p->q, p->tl, step, (int)pick)) {
			plain_say(p, "Right.");
			if (!wrong && ls->explain)
				plain_say(p, ls->explain);
			return true;
		}
		wrong = true;
		plain_say(p, "Not quite.");
		if (ls->explain)
			plain_say(p, ls->explain);
		snprintf(text, sizeof(text), "Try again (1 to %d), or s to skip.", n);
		plain_say(p, text);
	}
}

/* One step on, asking its checkpoint first (unless answered or skipped). False: quit. */
static bool next(struct plain *p)
{
	size_t nx = p->cur + 1;
	if (nx > p->tl->nsteps) {
		plain_say(p, "That was the last step: b goes back, q quits.");
		return true;
	}
	if (quiz_at(&p->q, p->tl, nx) && !quiz_answered(&p->q, nx) && !p->skipped[nx] && !ask(p, nx))
		return false;
	p->cur = nx;
	show_step(p);
	return true;
}

/* g N: to step N; going forward, every checkpoint on the way is asked. False: quit. */
static bool go_to(struct plain *p, const char *arg)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (!*arg || *end || errno || n < 0 || (size_t)n > p->tl->nsteps) {
		char text[120];
		snprintf(text, sizeof(text), "g needs a step number from 0 to %zu.", p->tl->nsteps);
		plain_say(p, text);
		return true;
	}
	size_t to = (size_t)n;
	/* (s, to] is what is left to search; a question skipped with s is not asked again. */
	for (size_t s = p->cur; (s = quiz_next_unanswered(&p->q, s, to)) != 0;)
		if (!p->skipped[s] && !ask(p, s))
			return false;
	p->cur = to;
	show_step(p);
	return true;
}

int plain_run(const struct timeline *tl, FILE *in, FILE *out, const struct plain_start *st)
{
	struct plain p;
	memset(&p, 0, sizeof(p));
	p.tl = tl;
	p.in = in;
	p.out = out;
	p.tty = isatty(fileno(in));
	p.width = st->width;
	const char *c = getenv("COLUMNS");
	if (p.width <= 0 && c && atoi(c) > 0)
		p.width = atoi(c);
	if (p.width <= 0)
		p.width = 78;
	if (p.width < 20)
		p.width = 20;
	p.skipped = calloc(tl->nsteps + 1, 1);
	if (!p.skipped || quiz_init(&p.q, tl)) {
		free(p.skipped);
		fprintf(stderr, "tlsstep: out of memory\n");
		return 2;
	}
	p.cur = st->step > tl->nsteps ? tl->nsteps : st->step;
	show_step(&p);
	plain_say(&p, "Enter or n: the next step. ? lists every command.");
	const char *l;
	bool go = true;
	while (go && (l = read_line(&p, "> ")) != NULL) {
		if (!*l || !strcmp(l, "n"))
			go = next(&p);
		else if (!strcmp(l, "b")) {
			if (p.cur) {
				p.cur--;
				show_step(&p);
			} else
				plain_say(&p, "This is the start: nothing came before it.");
		} else if (l[0] == 'g' && (l[1] == ' ' || l[1] == '\0'))
			go = go_to(&p, l + 1 + strspn(l + 1, " "));
		else if (!strcmp(l, "k"))
			plain_show_keys(&p);
		else if (!strcmp(l, "r"))
			plain_show_recipes(&p);
		else if (!strcmp(l, "f"))
			plain_show_fields(&p);
		else if (!strcmp(l, "x"))
			plain_show_bytes(&p);
		else if (!strcmp(l, "e"))
			plain_show_eaves(&p);
		else if (!strcmp(l, "?") || !strcmp(l, "h"))
			help(&p);
		else if (!strcmp(l, "q"))
			go = false;
		else {
			char text[300];
			snprintf(text, sizeof(text), "Unknown command '%.40s'; ? lists the commands.", l);
			plain_say(&p, text);
		}
	}
	fflush(out);
	quiz_free(&p.q);
	free(p.skipped);
	free(p.line);
	return 0;
}
