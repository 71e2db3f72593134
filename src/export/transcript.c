/* export/transcript.c — see transcript.h. */
#include "export/transcript.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "export/escape.h"
#include "model/explain.h"
#include "model/mitm.h"
#include "model/narration.h"
#include "model/failure.h"
#include "util/hex.h"
#include "wire/names.h"

const char *transcript_version_name(unsigned version)
{
	const char *n = version ? names_version((uint16_t)version) : NULL;
	return n ? n : "none";
}

/* Long hex values are cut for reading; --fields all prints them whole. */
static void value(FILE *out, const struct field *f, bool whole)
{
	size_t n = strlen(f->value);
	if (f->kind == FIELD_BYTES) {
		if (n == 0)
			fprintf(out, "(empty)");
		else if (whole || n <= 64)
			fprintf(out, "%s", f->value);
		else
			fprintf(out, "%.32s... (%zu bytes)", f->value, f->length);
		return;
	}
	fprintf(out, "%s", f->value);
}

static void fields(FILE *out, const struct fields *fs, int parent, int depth, bool all)
{
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling) {
		const struct field *f = &fs->v[i];
		if (!all && depth == 0 && !strcmp(f->name, "handshake_header"))
			continue; /* its type is the step's title, its length the record's */
		if (!all && (!strcmp(f->name, "cert_data") || (depth == 2 && f->kind == FIELD_BYTES)))
			continue; /* the raw certificate and its signature: --fields all shows them */
		fprintf(out, "       %*s%-*s ", depth * 2, "", 24 - depth * 2, f->name);
		value(out, f, all);
		fprintf(out, "\n");
		/* The main view goes two levels deep, and into certificates, which a learner reads. */
		if (all || depth < 1 || !strncmp(f->name, "certificate[", 12))
			fields(out, fs, i, depth + 1, all);
	}
}

static const char *holders(const struct timeline *tl, const struct step *st, unsigned h, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s%s%s%s%s%s", h & HOLDER_CLIENT ? timeline_party(tl, st->connection, SIDE_CLIENT) : "",
	         h & HOLDER_CLIENT ? " " : "", h & HOLDER_SERVER ? timeline_party(tl, st->connection, SIDE_SERVER) : "",
	         h & HOLDER_SERVER ? " " : "", h & HOLDER_WIRE ? "wire " : "", h & HOLDER_KEYLOG ? "key log " : "");
	size_t n = strlen(buf);
	if (n)
		buf[n - 1] = '\0';
	return buf;
}

static const char *mark(enum agreement a)
{
	return a == AGREE_YES ? "[verified]" : a == AGREE_NO ? "[MISMATCH]" : "[unchecked]";
}

static void secrets(FILE *out, const struct timeline *tl, const struct step *st, const struct transcript_options *o)
{
	for (size_t i = 0; i < st->nsecrets; i++) {
		const struct secret *s = &st->secrets[i];
		char h[32];
		char *v = hex_string(s->value.data, s->value.len, '\0');
		fprintf(out, "     known: %-36s %-11s (%s)\n", s->name, mark(s->agrees), holders(tl, st, s->holders, h, sizeof(h)));
		fprintf(out, "            %s\n", v);
		if (o->formulas && s->derived_as)
			fprintf(out, "            = %s\n", s->derived_as);
		/* Unindented, so that it pastes into sh as it is (python's lines keep their own indentation). */
		if (o->formulas && s->recipe)
			fprintf(out, "            do it yourself (paste into sh; every line it prints is the value):\n%s"
			        "            (end of recipe)\n", s->recipe);
		if (s->check_note)
			fprintf(out, "            check: %s\n", s->check_note);
		free(v);
	}
}

static void trace_upto(FILE *out, const struct timeline *tl, size_t *next, int step)
{
	while (*next < tl->ntrace && tl->trace[*next].step <= step) {
		const struct trace_line *t = &tl->trace[*next];
		fprintf(out, "     %s %s\n", t->side == SIDE_CLIENT ? "SSL_connect:" : "SSL_accept: ", t->text);
		(*next)++;
	}
}

void transcript_wrap(FILE *out, const char *first, const char *rest, const char *text, size_t width)
{
	const char *indent = first;
	size_t col = 0, ind = strlen(indent);
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		size_t n = strcspn(p, " \n");
		if (!n)
			break;
		if (col && col + 1 + n > width) {
			fputc('\n', out);
			col = 0;
			indent = rest;
			ind = strlen(indent);
		}
		if (!col) {
			fputs(indent, out);
			col = ind;
		} else {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, n, out);
		col += n;
		p += n;
	}
	if (col)
		fputc('\n', out);
}

/* Prose for a printed handout, wrapped at 78 columns. */
static void prose_hang(FILE *out, const char *first, const char *rest, const char *text)
{
	transcript_wrap(out, first, rest, text, 78);
}

/* Prose with the same indent on every line. */
static void prose(FILE *out, const char *indent, const char *text)
{
	prose_hang(out, indent, indent, text);
}

/* A lesson's checkpoint, answer included: the transcript is the instructor's copy. */
void transcript_checkpoint(FILE *out, const struct lesson_step *ls, size_t width)
{
	transcript_wrap(out, "     ? ", "       ", ls->ask, width);
	if (ls->answer_from) { /* a value checkpoint: what to type, and the run's value */
		char hint[80], ans[300];
		transcript_wrap(out, "       ", "       ", narration_ask_hint(ls, hint, sizeof(hint)), width);
		snprintf(ans, sizeof(ans), "the run's value: %s", ls->answer_value ? ls->answer_value : "(none)");
		transcript_wrap(out, "       * ", "       * ", ans, width);
	}
	for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i]; i++) {
		char ind[16];
		snprintf(ind, sizeof(ind), "       %c%d) ", i + 1 == ls->answer ? '*' : ' ', i + 1);
		transcript_wrap(out, ind, "           ", ls->choices[i], width);
	}
	if (ls->explain)
		transcript_wrap(out, "       answer: ", "               ", ls->explain, width);
}

static void checkpoint(FILE *out, const struct lesson_step *ls)
{
	transcript_checkpoint(out, ls, 78);
}

/* A man in the middle's two ends, and what it read (model/mitm.h). */
static void mitm_outcome_lines(FILE *out, const struct timeline *tl)
{
	const struct outcome *o = &tl->outcome;
	if (!o->mitm)
		return;
	static const char *const as[2] = { "attacker (as the client, to the server)", "attacker (as the server, to the client)" };
	for (int r = 0; r < 2; r++) {
		const struct end_outcome *e = &o->attacker[r];
		if (e->failed)
			fprintf(out, "  %s failed: %s (-0x%04x)\n", as[r], e->error_text, (unsigned)-e->error);
		else if (e->never_connected)
			fprintf(out, "  %s: never opened its connection\n", as[r]);
		else
			fprintf(out, "  %s: %s\n", as[r], e->finished ? "handshake, relay and closure done" : "did not finish");
	}
	if (o->end[SIDE_SERVER].never_connected)
		fprintf(out, "  server: no connection ever reached it\n");
	if (o->attacker_read) {
		fprintf(out, "What the attacker in the middle saw:\n");
		for (const char *l = o->attacker_read; *l;) {
			size_t n = strcspn(l, "\n");
			fprintf(out, "  %.*s\n", (int)n, l);
			l += n + (l[n] == '\n');
		}
	}
}

static void outcome(FILE *out, const struct timeline *tl)
{
	const struct outcome *o = &tl->outcome;
	fprintf(out, "\nOutcome: %s\n", o->summary);
	if (explain_failure(tl))
		prose_hang(out, "  in words: ", "    ", explain_failure(tl));
	for (int i = 0; i < 2; i++) {
		const struct end_outcome *e = &o->end[i];
		if (e->failed) {
			fprintf(out, "  %s failed: %s (-0x%04x)\n", side_name((enum side)i), e->error_text, (unsigned)-e->error);
			if (e->verify_flags)
				fprintf(out, "  %s's certificate check: %s (flags 0x%x)\n", side_name((enum side)i),
				        e->verify_text, e->verify_flags);
		}
	}
	/* Every alert that reports a problem: the first is the outcome's; a receiver that cannot
	 * read it may answer with its own. (The same steps the timeline took o->alert from.) */
	int told = 0;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->type != STEP_ALERT || !st->have_plain || !(st->alert_level == 2 || st->alert_desc != 0))
			continue;
		const char *d = names_alert(st->alert_desc), *l = names_alert_level(st->alert_level);
		if (told++)
			fprintf(out, "  then, at step %d: ", st->index);
		else
			fprintf(out, "  alert on the wire: ");
		fprintf(out, "%s %s (%u) from the %s\n", l ? l : "?", d ? d : "unknown", st->alert_desc, step_from_party(tl, st));
	}
	if (!told && !o->ok) {
		fprintf(out, "  no alert was sent\n");
	}
	mitm_outcome_lines(out, tl);
	if (o->stalled)
		fprintf(out, "  %s\n", o->stall_text);
	if (o->fault_note)
		fprintf(out, "  ! %s\n", o->fault_note);
	if (o->plaintext_agrees != AGREE_UNCHECKED)
		fprintf(out, "  application data decrypted by tlsstep %s what each library delivered\n",
		        o->plaintext_agrees == AGREE_YES ? "[verified]: identical to" : "[MISMATCH]: differs from");
	if (o->eavesdrop) {
		fprintf(out, "Eavesdropper who recorded everything and later steals the server's private key:\n");
		for (const char *l = o->eavesdrop; *l;) {
			size_t n = strcspn(l, "\n");
			fprintf(out, "  %.*s\n", (int)n, l);
			l += n + (l[n] == '\n');
		}
	}
	if (tl->capture.file) { /* a capture expects nothing; what it hides without its key log */
		fprintf(out, "Read from the capture: %s\n", tl->capture.reveals ? tl->capture.reveals : "");
		fprintf(out, "Not in the key log, so never verified:");
		for (size_t i = 0; tl->capture.not_in_keylog && tl->capture.not_in_keylog[i]; i++)
			fprintf(out, " %s", tl->capture.not_in_keylog[i]);
		fprintf(out, "\n");
		return;
	}
	fprintf(out, "Expected: %s -> %s\n",
	        tl->sc->expect.success ? "success" : "failure",
	        o->expected ? "as expected" : "NOT as expected");
}

static int render(FILE *out, const struct timeline *tl, const struct transcript_options *o)
{
	const struct scenario *sc = tl->sc;
	time_t t = (time_t)sc->sim_time;
	struct tm tm;
	char when[40] = "?";
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	const struct timeline_capture *cap = &tl->capture;
	if (cap->file) { /* read from a capture: its connection, not a simulation */
		fprintf(out, "tlsstep %s -- capture %s, connection %d\n", TLSSTEP_VERSION, cap->file, cap->connection);
		fprintf(out, "client %s -> server %s; SNI %s\n", cap->client, cap->server, cap->sni ? cap->sni : "(none)");
		fprintf(out, "key log: %s (%s)\n", cap->keylog ? cap->keylog : "none", cap->keys_note ? cap->keys_note : "");
	} else {
		fprintf(out, "tlsstep %s -- scenario %s (%s), seed %llu\n", TLSSTEP_VERSION, sc->name, sc->source,
		        (unsigned long long)tl->seed);
		fprintf(out, "%s\n", sc->title);
		fprintf(out, "simulation clock %s; %s\n", when, tl->library_version);
	}
	if (tl->tls_version)
		fprintf(out, "negotiated: %s, %s (0x%04x; mbed TLS: %s)\n", transcript_version_name(tl->tls_version),
		        tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite", tl->suite_id,
		        tl->suite_name[0] ? tl->suite_name : "-");
	else
		fprintf(out, "negotiated: nothing (no ServerHello crossed)\n");

	const struct lesson *l = &sc->lesson;
	if (l->title) {
		fprintf(out, "lesson: %s\n", l->title);
		if (l->intro)
			prose(out, "  ", l->intro);
	}

	int phase = 0, connection = 1, handshake = 1;
	size_t next_trace = 0;
	if (o->trace)
		trace_upto(out, tl, &next_trace, 0);
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection != connection || (i == 0 && timeline_mitm(tl))) {
			connection = st->connection;
			phase = 0;
			if (timeline_mitm(tl))
				fprintf(out, "\n== Connection %d: %s ==\n", connection, mitm_connection_words(tl, connection));
			else
				fprintf(out, "\n== Connection %d: the client offers the session of connection 1 ==\n", connection);
		}
		if (st->handshake != handshake) {
			handshake = st->handshake;
			phase = 0;
			if (handshake > 1)
				fprintf(out, "\n== Renegotiation: handshake %d of connection %d, inside the encryption of handshake "
				        "%d ==\n", handshake, connection, handshake - 1);
		}
		if (st->phase != phase) {
			phase = st->phase;
			if (timeline_phase_numbered(phase))
				fprintf(out, "\n-- Phase %d: %s --\n", phase, timeline_phase_title(tl, phase));
			else
				fprintf(out, "\n-- %s --\n", timeline_phase_title(tl, phase));
		}
		char recs[48];
		step_record_words(st, recs, sizeof(recs));
		fprintf(out, "%3d  %s -> %s  %s%s  (%s, %s%s)\n", st->index, step_from_party(tl, st),
		        step_to_party(tl, st), st->message,
		        step_is_compat_ccs(tl, st) ? " (middlebox compatibility)" : "", timeline_step_type_name(st->type),
		        recs, st->encrypted ? ", encrypted" : "");
		if (st->fault_note)
			fprintf(out, "     ! %s\n", st->fault_note);
		for (size_t k = 0; k < st->nfault; k++)
			fprintf(out, "     ! byte %zu of the record: %02x before the fault, %02x as it crossed\n", st->fault_off[k],
			        st->fault_was[k], st->record.data[st->fault_off[k]]);
		if (st->in_flight)
			fprintf(out, "     (already sent before the %s's alert arrived)\n", step_to_party(tl, st));
		const struct lesson_step *ls = explain_lesson_step(tl, st);
		if (ls && ls->ask)
			checkpoint(out, ls);
		if (ls && ls->say)
			prose(out, "     > ", ls->say);
		if (o->all_fields)
			fields(out, &st->record_fields, FIELD_NONE, 0, true);
		fields(out, &st->fields, FIELD_NONE, 0, o->all_fields);
		if (st->decode_error.alert)
			fprintf(out, "     decode error at byte %zu: %s (%s)\n", st->decode_error.offset, st->decode_error.text,
			        names_alert((uint8_t)st->decode_error.alert) ? names_alert((uint8_t)st->decode_error.alert) : "?");
		if (st->signature_note)
			fprintf(out, "     signature %s: %s\n", mark(st->signature_ok), st->signature_note);
		if (o->formulas && st->signed_content.len) {
			char *h = hex_string(st->signed_content.data, st->signed_content.len > 200 ? 200 : st->signed_content.len,
			                     '\0');
			fprintf(out, "     signed content (%zu bytes): %s%s\n", st->signed_content.len, h,
			        st->signed_content.len > 200 ? "..." : "");
			free(h);
		}
		if (o->formulas && st->transcript_hash_len) {
			char *h = hex_string(st->transcript_hash, st->transcript_hash_len, '\0');
			fprintf(out, "     transcript hash so far (%s): %s\n", st->transcript_hash_md, h);
			free(h);
		}
		secrets(out, tl, st, o);
		if (o->trace)
			trace_upto(out, tl, &next_trace, st->index);
	}
	outcome(out, tl);
	if (l->title && l->summary) {
		fprintf(out, "In short:\n");
		prose(out, "  ", l->summary);
	}
	if (l->title && l->tries[0])
		fprintf(out, "Try this:\n");
	for (int i = 0; l->title && i < LESSON_MAX_TRIES && l->tries[i]; i++)
		prose_hang(out, "  - ", "    ", l->tries[i]);
	return ferror(out) ? -1 : 0;
}

/*
 * The transcript is rendered whole, then every byte that came from a file (a title, a lesson's prose, the
 * source path) or from the wire (a host name, an ALPN name a fault changed) goes out through escape_write, so
 * no control character reaches the terminal raw.
 */
struct run_and_options {
	const struct timeline *tl;
	const struct transcript_options *o;
};

static int render_any(FILE *m, const void *arg)
{
	const struct run_and_options *a = arg;
	return render(m, a->tl, a->o);
}

int transcript_write(FILE *out, const struct timeline *tl, const struct transcript_options *o)
{
	struct run_and_options a = { tl, o };
	return escape_rendered(out, render_any, &a);
}
