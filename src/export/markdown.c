/* export/markdown.c — see markdown.h. */
#include "export/markdown.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "export/escape.h"
#include "export/transcript.h"
#include "model/explain.h"
#include "model/mitm.h"
#include "model/narration.h"
#include "util/hex.h"

/* Text from a lesson or the library, on one Markdown line: newlines become spaces. */
static void para(FILE *out, const char *text)
{
	for (const char *p = text; *p; p++)
		fputc(*p == '\n' ? ' ' : *p, out);
	fputs("\n\n", out);
}

/* A handout lists at most this many entries of a long list (104 cipher suites, say). */
enum { HANDOUT_LIST_MAX = 10 };

/* The main fields, two levels deep, long values cut: a handout, not a dump (--json has it all). */
static void fields(FILE *out, const struct fields *fs, int parent, int depth)
{
	int shown = 0, total = 0;
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling)
		total++;
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling) {
		const struct field *f = &fs->v[i];
		if (depth > 0 && total > HANDOUT_LIST_MAX + 2 && shown == HANDOUT_LIST_MAX) {
			fprintf(out, "%*s... and %d more (tlsstep --batch --fields all shows them all)\n", depth * 2, "",
			        total - shown);
			break;
		}
		shown++;
		if (depth == 0 && !strcmp(f->name, "handshake_header"))
			continue;
		if (!strcmp(f->name, "cert_data") || (depth == 2 && f->kind == FIELD_BYTES))
			continue;
		size_t n = strlen(f->value);
		if (f->kind == FIELD_BYTES && n > 64)
			fprintf(out, "%*s%-*s %.32s... (%zu bytes)\n", depth * 2, "", 24 - depth * 2, f->name, f->value,
			        f->length);
		else
			fprintf(out, "%*s%-*s %s\n", depth * 2, "", 24 - depth * 2, f->name,
			        f->kind == FIELD_BYTES && !n ? "(empty)" : f->value);
		if (depth < 1 || !strncmp(f->name, "certificate[", 12))
			fields(out, fs, i, depth + 1);
	}
}

void markdown_checkpoint(FILE *out, const struct lesson_step *ls)
{
	fputs("> **Before you look:** ", out);
	para(out, ls->ask);
	for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i]; i++) {
		fprintf(out, "%d. ", i + 1);
		for (const char *p = ls->choices[i]; *p; p++)
			fputc(*p == '\n' ? ' ' : *p, out);
		fputc('\n', out);
	}
	char hint[80];
	if (ls->answer_from) /* a value checkpoint: what to type, and the run's value as the answer */
		fprintf(out, "%s\n\n<details><summary>Answer</summary>\n\n**%s** ", narration_ask_hint(ls, hint, sizeof(hint)),
		        ls->answer_value ? ls->answer_value : "(none)");
	else
		fprintf(out, "\n<details><summary>Answer</summary>\n\n**%d.** ", ls->answer);
	if (ls->explain)
		para(out, ls->explain);
	else
		fputs("\n\n", out);
	fputs("</details>\n\n", out);
}

/* Has an earlier secret of the run the same name and recipe (each end reports its own copy)? */
static bool recipe_seen(const struct timeline *tl, size_t step, size_t idx, const struct secret *s)
{
	for (size_t i = 0; i <= step; i++)
		for (size_t k = 0; k < tl->steps[i].nsecrets && (i < step || k < idx); k++) {
			const struct secret *t = &tl->steps[i].secrets[k];
			if (t->recipe && !strcmp(t->name, s->name) && !strcmp(t->recipe, s->recipe))
				return true;
		}
	return false;
}

/* Issue 13, "do it yourself": every secret's recipe, folded away, as it pastes into sh. */
static void recipes(FILE *out, const struct timeline *tl)
{
	bool any = false;
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t k = 0; k < tl->steps[i].nsecrets; k++) {
			const struct secret *s = &tl->steps[i].secrets[k];
			if (!s->recipe || recipe_seen(tl, i, k, s))
				continue;
			if (!any)
				fprintf(out, "## Do it yourself\n\nEach recipe recomputes a value of this run with python3's "
				             "standard library and openssl; pasted into sh, every line it prints is the value.\n\n");
			any = true;
			char *h = hex_string(s->value.data, s->value.len, '\0');
			fprintf(out, "<details><summary><code>%s</code> (step %d%s) = <code>%s</code></summary>\n\n```sh\n%s```\n"
			        "</details>\n\n", s->name, tl->steps[i].index,
			        tl->steps[i].connection > 1 ? ", connection 2" : "", h, s->recipe);
			free(h);
		}
}

static int render(FILE *out, const struct timeline *tl)
{
	const struct scenario *sc = tl->sc;
	const struct lesson *l = &sc->lesson;
	fprintf(out, "# %s\n\n", l->title ? l->title : sc->title);
	if (l->title)
		fprintf(out, "*%s*\n\n", sc->title);
	if (tl->capture.file) /* read from a capture: its connection and key log, no seed */
		fprintf(out, "Read by tlsstep %s from the capture `%s`, connection %d (client %s, server %s), key log %s: "
		        "%s, %s.\n\n", TLSSTEP_VERSION, tl->capture.file, tl->capture.connection, tl->capture.client,
		        tl->capture.server, tl->capture.keylog ? tl->capture.keylog : "none",
		        tl->tls_version ? transcript_version_name(tl->tls_version) : "no version agreed",
		        tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite agreed");
	else
		fprintf(out, "Made with tlsstep %s from `%s`, seed %llu, %s: %s, %s.\n\n", TLSSTEP_VERSION, sc->name,
		        (unsigned long long)tl->seed, tl->library_version,
		        tl->tls_version ? transcript_version_name(tl->tls_version) : "no version agreed",
		        tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite agreed");
	if (l->intro)
		para(out, l->intro);
	int phase = 0, connection = 1, handshake = 1;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection != connection) {
			connection = st->connection;
			phase = 0;
			fprintf(out, "## Connection %d\n\n", connection);
		}
		if (st->handshake != handshake) {
			handshake = st->handshake;
			phase = 0;
			if (handshake > 1)
				fprintf(out, "## Renegotiation: handshake %d, inside the encryption of handshake %d\n\n", handshake,
				        handshake - 1);
		}
		if (st->phase != phase) {
			phase = st->phase;
			if (timeline_phase_numbered(phase))
				fprintf(out, "## Phase %d: %s\n\n", phase, timeline_phase_title(tl, phase));
			else
				fprintf(out, "## %s\n\n", timeline_phase_title(tl, phase));
		}
		const struct lesson_step *ls = explain_lesson_step(tl, st);
		if (ls && ls->ask)
			markdown_checkpoint(out, ls);
		fprintf(out, "### %d. %s%s (%s \xe2\x86\x92 %s)\n\n", st->index, st->message,
		        step_is_compat_ccs(tl, st) ? ", middlebox compatibility" : "", step_from_party(tl, st),
		        step_to_party(tl, st));
		if (st->fault_note)
			fprintf(out, "**Fault:** %s\n\n", st->fault_note);
		para(out, explain_narration(tl, st));
		char recs[48];
		step_record_words(st, recs, sizeof(recs));
		fprintf(out, "```\n%s%s\n", recs, st->encrypted ? ", encrypted on the wire" : "");
		fields(out, &st->fields, FIELD_NONE, 0);
		fputs("```\n\n", out);
		for (size_t k = 0; k < st->nsecrets; k++) {
			const struct secret *s = &st->secrets[k];
			char *h = hex_string(s->value.data, s->value.len, '\0');
			unsigned w = s->holders;
			fprintf(out, "- `%s` known to %s%s%s%s%s = `%s`%s\n", s->name, w & HOLDER_CLIENT ? "the client" : "",
			        (w & HOLDER_CLIENT) && (w & HOLDER_SERVER) ? ", " : "", w & HOLDER_SERVER ? "the server" : "",
			        (w & HOLDER_WIRE) && (w & (HOLDER_CLIENT | HOLDER_SERVER)) ? " and " : "",
			        w & HOLDER_WIRE ? "anyone on the wire" : "", h,
			        s->agrees == AGREE_YES ? " (tlsstep's own check agrees)"
			        : s->agrees == AGREE_NO ? " (tlsstep's own check DISAGREES)" : "");
			free(h);
		}
		if (st->nsecrets)
			fputc('\n', out);
	}
	fprintf(out, "## Outcome\n\n");
	para(out, tl->outcome.summary);
	if (tl->outcome.attacker_read) { /* a man in the middle (model/mitm.h) */
		fprintf(out, "What the attacker in the middle saw:\n\n");
		for (const char *e = tl->outcome.attacker_read; *e;) {
			size_t n = strcspn(e, "\n");
			fprintf(out, "- %.*s\n", (int)n, e);
			e += n + (e[n] == '\n');
		}
		fputc('\n', out);
	}
	if (tl->outcome.eavesdrop) {
		/* Forward secrecy, per connection: what a recording gives away once the server's key is stolen. */
		fprintf(out, "## The eavesdropper\n\n");
		if (tl->capture.reveals) /* a capture: what it shows to whoever holds it without the key log */
			para(out, tl->capture.reveals);
		fprintf(out, "Someone recorded everything and later steals the server's private key:\n\n");
		for (const char *e = tl->outcome.eavesdrop; *e;) {
			size_t n = strcspn(e, "\n");
			fprintf(out, "- %.*s\n", (int)n, e);
			e += n + (e[n] == '\n');
		}
		fputc('\n', out);
	}
	if (l->summary) {
		fprintf(out, "## In short\n\n");
		para(out, l->summary);
	}
	for (int i = 0; i < LESSON_MAX_TRIES && l->tries[i]; i++) {
		if (!i)
			fprintf(out, "## Try this\n\n");
		fputs("- ", out);
		para(out, l->tries[i]);
	}
	recipes(out, tl);
	return ferror(out) ? -1 : 0;
}

/* Rendered whole, then through escape_write: no control character from a file or the wire gets through. */
static int render_any(FILE *m, const void *tl)
{
	return render(m, tl);
}

int markdown_write(FILE *out, const struct timeline *tl)
{
	return escape_rendered(out, render_any, tl);
}
