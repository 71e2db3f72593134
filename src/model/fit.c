/* model/fit.c — see fit.h. */
#include "model/fit.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const message_names[] = {
	"HelloRequest", "ClientHello", "ServerHello", "HelloRetryRequest", "NewSessionTicket", "EndOfEarlyData",
	"EncryptedExtensions", "Certificate", "ServerKeyExchange", "CertificateRequest", "ServerHelloDone",
	"CertificateVerify", "ClientKeyExchange", "Finished", "KeyUpdate", "ChangeCipherSpec",
};

/* A step's message is its name, sometimes with a note: "Finished (not decrypted)". */
static bool is_message(const struct step *st, const char *msg)
{
	size_t n = strlen(msg);
	return !strncmp(st->message, msg, n) && (!st->message[n] || st->message[n] == ' ');
}

static bool in_run(const struct timeline *tl, const char *msg)
{
	for (size_t i = 0; i < tl->nsteps; i++)
		if (is_message(&tl->steps[i], msg))
			return true;
	return false;
}

static bool is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Do the (up to) four words before text[at] deny what follows? ("no client Certificate or CertificateVerify") */
static bool negated(const char *text, size_t at)
{
	static const char *const neg[] = { "no", "not", "without", "never", "nor", "No", "Not", "Without", "Never" };
	size_t end = at;
	for (int w = 0; w < 4; w++) {
		while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '('))
			end--;
		size_t start = end;
		while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\n')
			start--;
		if (start == end)
			return false;
		for (size_t k = 0; k < sizeof(neg) / sizeof(neg[0]); k++)
			if (strlen(neg[k]) == end - start && !strncmp(text + start, neg[k], end - start))
				return true;
		end = start;
	}
	return false;
}

struct sink {
	struct misfit *out;
	size_t cap, n;
};

static void add(struct sink *s, int step, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add(struct sink *s, int step, int line, const char *fmt, ...)
{
	if (s->n < s->cap) {
		struct misfit *m = &s->out[s->n];
		m->step = step;
		m->line = line;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(m->text, sizeof(m->text), fmt, ap);
		va_end(ap);
	}
	s->n++;
}

/* Every message a text names must be in the run, unless the text says it is not. */
static void names_in_run(struct sink *s, const struct timeline *tl, int step, int line, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (p > text && is_letter(p[-1]))
			continue;
		for (size_t k = 0; k < sizeof(message_names) / sizeof(message_names[0]); k++) {
			size_t n = strlen(message_names[k]);
			if (strncmp(p, message_names[k], n) != 0 || is_letter(p[n]))
				continue; /* "Certificate" in "CertificateVerify": the longer name is checked on its own */
			if (!in_run(tl, message_names[k]) && !negated(text, (size_t)(p - text)))
				add(s, step, line, "[step %d] speaks of a %s, which this run never sends", step, message_names[k]);
		}
	}
}

/* The line of the fault a "fault did not apply: the SIDE's ... none at offset N" clause is about. */
static int fault_line_of(const struct scenario *sc, const char *clause)
{
	enum side from = strstr(clause, "the server's") ? SIDE_SERVER : SIDE_CLIENT;
	const char *at = strstr(clause, "none at offset ");
	unsigned long off = at ? strtoul(at + 15, NULL, 10) : 0;
	for (size_t i = 0; i < sc->nfaults; i++) {
		const struct fault *x = &sc->faults[i];
		bool edit = x->action == FAULT_FLIP || x->action == FAULT_SET || x->action == FAULT_TRUNCATE;
		if (x->from == from && (at ? edit && x->offset == off : x->action == FAULT_REORDER))
			return x->line;
	}
	return 0;
}

/*
 * A fault that never took effect, as the run's notes say: "fault did not apply: ...",
 * "...; the fault on scenario line N did not apply: ...", "fault (scenario line N)
 * found nothing to hit: ...". A scenario's fault is there to change the run.
 */
static void unfired_faults(struct sink *s, const struct timeline *tl, const char *note)
{
	char copy[2048];
	snprintf(copy, sizeof(copy), "%s", note);
	for (char *c = copy, *next; c; c = next) {
		next = strstr(c, "; ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		const char *why = strstr(c, "did not apply: ");
		const char *nothing = strstr(c, "found nothing to hit: ");
		const char *at = strstr(c, "scenario line ");
		if (!why && !nothing)
			continue;
		int line = at ? atoi(at + 14) : fault_line_of(tl->sc, c);
		const char *text = why ? why + 15 : nothing + 22;
		add(s, 0, line, "this fault never takes effect in the run: %.150s", text);
	}
}

size_t lesson_fit(const struct timeline *tl, struct misfit *out, size_t cap)
{
	struct sink s = { out, cap, 0 };
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].fault_note)
			unfired_faults(&s, tl, tl->steps[i].fault_note);
	if (tl->outcome.fault_note)
		unfired_faults(&s, tl, tl->outcome.fault_note);
	const struct lesson *l = &tl->sc->lesson;
	if (!l->title) {
		/* [step N] sections without a [lesson]: no front end ever shows their words. */
		int first = 0;
		for (int k = 1; k <= l->nsteps; k++)
			if (l->steps[k].line && (!first || l->steps[k].line < l->steps[first].line))
				first = k;
		if (first)
			add(&s, first, l->steps[first].line, "[step %d] in a file with no [lesson]: its words are never shown; "
			    "expected a [lesson] section with a title, or no [step N] sections", first);
		return s.n;
	}
	/* Live values (model/narration.h): a run value written by hand is wrong with another
	 * seed; a placeholder must name something of this run. */
	for (int i = 0; i < l->nrefs; i++)
		if (l->refs[i].literal)
			add(&s, 0, l->refs[i].line, "\"%s\" is written by hand, and a run value changes with the seed; expected "
			    "a placeholder ({server_random:8}, {step 4 FIELD:8}) or, for a constant of the RFCs, {const %s}",
			    l->refs[i].text, l->refs[i].text);
	for (size_t i = 0; i < tl->nnarration_errors; i++)
		add(&s, 0, tl->narration_errors[i].line, "%s", tl->narration_errors[i].text);
	if (l->hide && l->hide_step > 0 && (size_t)l->hide_step > tl->nsteps)
		add(&s, 0, l->hide_line, "hide ... until step %d: this run has only %zu steps, so the panes stay hidden "
		    "to the end", l->hide_step, tl->nsteps);
	if (l->hide && !l->hide_step && l->hide_phase > 0) {
		bool reached = false;
		for (size_t i = 0; i < tl->nsteps && !reached; i++)
			reached = tl->steps[i].phase >= l->hide_phase || tl->steps[i].connection > 1;
		if (!reached)
			add(&s, 0, l->hide_line, "hide ... until phase %d: this run never reaches phase %d, so the panes stay "
			    "hidden to the end", l->hide_phase, l->hide_phase);
	}
	for (int k = 1; k <= l->nsteps; k++) {
		const struct lesson_step *ls = &l->steps[k];
		if ((ls->say || ls->ask) && (size_t)k > tl->nsteps)
			add(&s, k, ls->line, "[step %d]: this run has only %zu steps", k, tl->nsteps);
	}
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->index < 1 || st->index > l->nsteps)
			continue;
		const struct lesson_step *ls = &l->steps[st->index];
		if (!ls->say)
			continue;
		char own[48];
		snprintf(own, sizeof(own), "%.*s", (int)strcspn(st->message, " "), st->message);
		if (st->type == STEP_HANDSHAKE && !strstr(ls->say, own))
			add(&s, st->index, ls->line, "[step %d] is a %s in this run, but its narration never names it",
			    st->index, own);
		/* Only the narration: a question may well ask about a message that will not come. */
		names_in_run(&s, tl, st->index, ls->line, ls->say);
	}
	return s.n;
}
