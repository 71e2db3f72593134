/* model/narration.c — see narration.h. */
#include "model/narration.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/placeholder.h"
#include "lesson/values.h"
#include "model/chainwalk.h"
#include "util/buf.h"
#include "util/hex.h"
#include "wire/names.h"

static char *fail_null(char *why, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static char *fail_null(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return NULL;
}

/* Does a field's name match one component of a path? "record" matches "record[0]". */
static bool name_matches(const char *name, const char *comp, size_t len)
{
	if (strncmp(name, comp, len))
		return false;
	return !name[len] || (name[len] == '[' && !memchr(comp, '[', len));
}

/* The first field under parent (any depth; FIELD_NONE: the whole tree) matching comp. */
static int find(const struct fields *f, int parent, const char *comp, size_t len)
{
	for (size_t i = 0; i < f->n; i++) {
		if (!name_matches(f->v[i].name, comp, len))
			continue;
		int p = f->v[i].parent;
		while (parent != FIELD_NONE && p != FIELD_NONE && p != parent)
			p = f->v[p].parent;
		if (parent == FIELD_NONE || p == parent)
			return (int)i;
	}
	return FIELD_NONE;
}

/* A dotted path in one tree: each component found under the one before. */
static const struct field *find_path(const struct fields *f, const char *path)
{
	int at = FIELD_NONE;
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, ".");
		at = find(f, at, p, len);
		if (at == FIELD_NONE)
			return NULL;
		p += len + (p[len] == '.');
	}
	return at == FIELD_NONE ? NULL : &f->v[at];
}

static char *hex_of(const struct buf *b)
{
	return hex_string(b->data, b->len, '\0');
}

/* Names the top-level fields of a step, for a message that says what there is. */
static void top_names(const struct fields *f, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < f->n && len + 1 < n; i++)
		if (f->v[i].parent == FIELD_NONE && strcmp(f->v[i].name, "handshake_header")) {
			int k = snprintf(out + len, n - len, "%s%s", len ? ", " : "", f->v[i].name);
			if (k < 0 || (size_t)k >= n - len)
				break;
			len += (size_t)k;
		}
}

static char *step_value(const struct timeline *tl, const struct placeholder *ph, char *why, size_t n)
{
	if ((size_t)ph->step > tl->nsteps)
		return fail_null(why, n, "this run has only %zu steps", tl->nsteps);
	const struct step *st = &tl->steps[ph->step - 1];
	if (!strcmp(ph->name, "transcript_hash")) {
		if (!st->transcript_hash_len)
			return fail_null(why, n, "step %d (%s) has no transcript hash", ph->step, st->message);
		return hex_string(st->transcript_hash, st->transcript_hash_len, '\0');
	}
	if (!strcmp(ph->name, "message"))
		return hex_of(&st->plain);
	if (!strcmp(ph->name, "record"))
		return hex_of(&st->record);
	const struct field *f = !strncmp(ph->name, "record.", 7) || !strncmp(ph->name, "record[", 7)
	                      ? find_path(&st->record_fields, ph->name) : find_path(&st->fields, ph->name);
	for (size_t i = 0; !f && i < st->nsecrets; i++) /* a secret as it became known at this step */
		if (!strcmp(st->secrets[i].name, ph->name))
			return hex_of(&st->secrets[i].value);
	if (!f) {
		char names[160];
		top_names(&st->fields, names, sizeof(names));
		return fail_null(why, n, "step %d (%s) has no field %s; expected a field's name or dotted path (%s, "
		                 "record.length, transcript_hash, ...) or a secret that became known there", ph->step, st->message, ph->name,
		                 names[0] ? names : "no fields");
	}
	return xstrdup(f->value);
}

/* The group the run agreed on: the ServerKeyExchange's named_curve, or TLS 1.3's key_share group. */
static char *group_value(const struct timeline *tl)
{
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		const struct field *f = find_path(&st->fields, "named_curve");
		if (!f && !strncmp(st->message, "ServerHello", 11))
			f = find_path(&st->fields, "key_share.group");
		if (f) {
			size_t len = strcspn(f->value, " ");
			char *s = xmalloc(len + 1);
			memcpy(s, f->value, len);
			s[len] = '\0';
			return s;
		}
	}
	return NULL;
}

static char *name_value(const struct timeline *tl, const struct placeholder *ph, size_t upto, char *why, size_t n)
{
	if (!strcmp(ph->name, "suite")) {
		const char *s = timeline_suite_iana(tl);
		return *s ? xstrdup(s) : fail_null(why, n, "this run agreed on no suite");
	}
	if (!strcmp(ph->name, "version"))
		return tl->tls_version ? xstrdup(names_version(tl->tls_version)) : fail_null(why, n, "no version was agreed");
	if (!strcmp(ph->name, "group")) {
		char *g = group_value(tl);
		return g ? g : fail_null(why, n, "this run agreed on no (EC)DHE group");
	}
	const struct secret *s = timeline_secret(tl, ph->name, upto);
	if (!s)
		s = timeline_secret(tl, ph->name, 0);
	if (s)
		return hex_of(&s->value);
	/* Say which names this run does have. */
	char names[240] = "";
	size_t len = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++) {
			const char *nm = tl->steps[i].secrets[j].name;
			if (strstr(names, nm) || len + strlen(nm) + 3 >= sizeof(names))
				continue;
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s", len ? ", " : "", nm);
		}
	return fail_null(why, n, "no value called %s in this run; expected suite, group, version or a secret "
	                 "of the run (%s)", ph->name, names);
}

static bool all_hex(const char *s)
{
	for (; *s; s++)
		if (hex_nibble(*s) < 0)
			return false;
	return true;
}

char *narration_value(const struct timeline *tl, const char *ref, size_t upto, char *why, size_t n)
{
	struct placeholder ph;
	if (placeholder_parse(ref, strlen(ref), &ph, why, n))
		return NULL;
	if (ph.run_b)
		return fail_null(why, n, "{%s} quotes run B, and these words speak of one run; expected it in a [row N] of a "
		                 "two-run lesson", ref);
	if (ph.kind == PLACEHOLDER_CONST) {
		char *s = xmalloc(ph.len + 1);
		memcpy(s, ph.text, ph.len);
		s[ph.len] = '\0';
		return s;
	}
	char *v = ph.kind == PLACEHOLDER_STEP ? step_value(tl, &ph, why, n) : name_value(tl, &ph, upto, why, n);
	if (!v || !ph.cut)
		return v;
	if (!all_hex(v)) {
		free(v);
		return fail_null(why, n, "a cut (:%d) applies to bytes, and this value is text", ph.cut);
	}
	if (strlen(v) > (size_t)ph.cut)
		strcpy(v + ph.cut, "..."); /* the cut is marked as the lessons and the screens mark it */
	return v;
}

/* The line of the file where placeholder ref is written (its first use), or fallback. */
static int line_of(const struct lesson *l, const char *ref, int fallback)
{
	for (int i = 0; i < l->nrefs; i++)
		if (!l->refs[i].literal && !strcmp(l->refs[i].text, ref))
			return l->refs[i].line;
	return fallback;
}

/* Where noted misfits go: a run's own list, or a comparison's. */
struct notes {
	struct narration_error **v;
	size_t *n;
};

static void note(struct notes nt, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(struct notes nt, int line, const char *fmt, ...)
{
	*nt.v = xrealloc(*nt.v, (*nt.n + 1) * sizeof(**nt.v));
	struct narration_error *e = &(*nt.v)[(*nt.n)++];
	e->line = line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
}

/* A placeholder's value from the run it names: run A, or run B for "b ..." where there is one. */
static char *pair_value(const struct timeline *const run[2], const size_t upto[2], const char *ref, char *why, size_t n)
{
	bool b = run[1] && !strncmp(ref, "b ", 2);
	return narration_value(run[b], ref + (b ? 2 : 0), upto[b], why, n);
}

/* Text with every placeholder replaced by its value (run[s] up to step upto[s]); owned. */
static char *expand_in(const struct lesson *l, const struct timeline *const run[2], const size_t upto[2], const char *text,
                       int fallback_line, struct notes nt)
{
	if (!text)
		return NULL;
	struct buf out = { 0 };
	const char *pos = text;
	struct narration_piece pc;
	char why[240];
	int rc;
	while ((rc = placeholder_next(&pos, &pc, why, sizeof(why))) > 0) {
		if (!pc.placeholder) {
			buf_append(&out, (const uint8_t *)pc.s, pc.len);
			continue;
		}
		char ref[200];
		snprintf(ref, sizeof(ref), "%.*s", (int)pc.len, pc.s);
		char *v = pair_value(run, upto, ref, why, sizeof(why));
		if (!v) {
			note(nt, line_of(l, ref, fallback_line), "{%s}: %s", ref, why);
			buf_append(&out, "{", 1);
			buf_append(&out, ref, strlen(ref));
			buf_append(&out, "?}", 2);
			continue;
		}
		buf_append(&out, (const uint8_t *)v, strlen(v));
		free(v);
	}
	if (rc < 0) /* braces that do not pair (the file reader refuses them; words set in code may not): kept as written */
		buf_append(&out, pos, strlen(pos));
	buf_append_byte(&out, 0);
	return (char *)out.data; /* the buffer's bytes, owned by the caller now */
}

/* The passes a placeholder of text quotes run first: a Certificate's signed_by fields are
 * tlsstep's own check of its chain (model/chainwalk.h), made only when something shows them. */
static void ensure_quoted(struct timeline *tl, const char *text)
{
	const char *pos = text;
	struct narration_piece pc;
	struct placeholder ph;
	char why[240];
	while (!tl->chainwalk_done && placeholder_next(&pos, &pc, why, sizeof(why)) > 0)
		if (pc.placeholder && !placeholder_parse(pc.s, pc.len, &ph, why, sizeof(why)) &&
		    ph.kind == PLACEHOLDER_STEP && !ph.run_b && ph.step >= 1 && (size_t)ph.step <= tl->nsteps &&
		    tl->steps[ph.step - 1].hs_type == 11 && strstr(ph.name, "signed_by"))
			chainwalk_ensure(tl, (size_t)ph.step);
}

static char *expand(struct timeline *tl, const char *text, size_t upto, int fallback_line)
{
	if (text)
		ensure_quoted(tl, text);
	const struct timeline *run[2] = { tl, NULL };
	const size_t at[2] = { upto, 0 };
	return expand_in(&tl->sc->lesson, run, at, text, fallback_line,
	                 (struct notes){ &tl->narration_errors, &tl->nnarration_errors });
}

/* A value checkpoint's expected answer: the first N bytes as hex, or the number. */
static void answer_in(const struct timeline *const run[2], const size_t upto[2], struct lesson_step *st, struct notes nt)
{
	char why[240];
	char *v = pair_value(run, upto, st->answer_from, why, sizeof(why));
	if (!v) {
		note(nt, st->answer_from_line, "answer_from = %s: %s", st->answer_from, why);
		return;
	}
	if (st->ask_number) {
		size_t k = strspn(v, "0123456789");
		if (!k)
			note(nt, st->answer_from_line, "answer_from = %s is \"%s\" in this run, not a number; expected "
			     "ask_value = hex N for bytes", st->answer_from, v);
		else
			v[k] = '\0', st->answer_value = xstrdup(v);
	} else if (!all_hex(v) || strlen(v) < (size_t)st->ask_bytes * 2) {
		note(nt, st->answer_from_line, "answer_from = %s: the run's value is not %d bytes or more; expected a "
		     "field that holds bytes (or ask_value = number)", st->answer_from, st->ask_bytes);
	} else {
		v[st->ask_bytes * 2] = '\0';
		st->answer_value = xstrdup(v);
	}
	free(v);
}

static void answer(struct timeline *tl, struct lesson_step *st, size_t upto)
{
	const struct timeline *run[2] = { tl, NULL };
	const size_t at[2] = { upto, 0 };
	answer_in(run, at, st, (struct notes){ &tl->narration_errors, &tl->nnarration_errors });
}

void narration_expand_step(const struct lesson *l, const struct timeline *a, const struct timeline *b, size_t upto_a,
                           size_t upto_b, const struct lesson_step *from, struct lesson_step *to,
                           struct narration_error **errs, size_t *nerrs)
{
	const struct timeline *run[2] = { a, b };
	const size_t at[2] = { upto_a, upto_b };
	struct notes nt = { errs, nerrs };
	memset(to, 0, sizeof(*to));
	to->line = from->line;
	to->answer = from->answer;
	to->show = from->show;
	to->answer_from = from->answer_from; /* borrowed */
	to->answer_from_line = from->answer_from_line;
	to->ask_bytes = from->ask_bytes;
	to->ask_number = from->ask_number;
	to->say = expand_in(l, run, at, from->say, from->line, nt);
	to->ask = expand_in(l, run, at, from->ask, from->line, nt);
	to->explain = expand_in(l, run, at, from->explain, from->line, nt);
	for (int c = 0; c < LESSON_MAX_CHOICES; c++)
		to->choices[c] = expand_in(l, run, at, from->choices[c], from->line, nt);
	if (from->answer_from)
		answer_in(run, at, to, nt);
}

void narration_step_free(struct lesson_step *st)
{
	free(st->say);
	free(st->ask);
	free(st->explain);
	for (int c = 0; c < LESSON_MAX_CHOICES; c++)
		free(st->choices[c]);
	free(st->answer_value);
	memset(st, 0, sizeof(*st));
}

void narration_expand(struct timeline *tl)
{
	const struct scenario *src = tl->sc;
	if (!src || !src->lesson.title || tl->sc == &tl->own)
		return;
	tl->own = *src; /* borrows every pointer; the lesson's prose is replaced below, and owned */
	struct lesson *l = &tl->own.lesson;
	const struct lesson *from = &src->lesson;
	l->intro = expand(tl, from->intro, 0, 0);
	l->summary = expand(tl, from->summary, 0, 0);
	for (int i = 0; i < LESSON_MAX_TRIES; i++)
		l->tries[i] = expand(tl, from->tries[i], 0, 0);
	for (int i = 1; i <= LESSON_MAX_STEPS; i++) {
		const struct lesson_step *fs = &from->steps[i];
		struct lesson_step *st = &l->steps[i];
		st->say = expand(tl, fs->say, (size_t)i, fs->line);
		st->ask = expand(tl, fs->ask, (size_t)i, fs->line);
		st->explain = expand(tl, fs->explain, (size_t)i, fs->line);
		for (int c = 0; c < LESSON_MAX_CHOICES; c++)
			st->choices[c] = expand(tl, fs->choices[c], (size_t)i, fs->line);
		st->answer_value = NULL;
		if (fs->answer_from)
			answer(tl, st, (size_t)i);
	}
	tl->sc = &tl->own;
}

void narration_free(struct timeline *tl)
{
	if (tl->sc == &tl->own) {
		struct lesson *l = &tl->own.lesson;
		free(l->intro);
		free(l->summary);
		for (int i = 0; i < LESSON_MAX_TRIES; i++)
			free(l->tries[i]);
		for (int i = 1; i <= LESSON_MAX_STEPS; i++)
			narration_step_free(&l->steps[i]);
	}
	free(tl->narration_errors);
}

const char *narration_ask_value(const struct lesson_step *ls, char *buf, size_t n)
{
	if (ls->ask_number)
		snprintf(buf, n, "number");
	else if (ls->ask_bytes)
		snprintf(buf, n, "hex %d", ls->ask_bytes);
	else
		snprintf(buf, n, "%s", "");
	return buf;
}

const char *narration_ask_hint(const struct lesson_step *ls, char *buf, size_t n)
{
	if (ls->ask_number)
		snprintf(buf, n, "Type the number.");
	else if (ls->ask_bytes == 1)
		snprintf(buf, n, "Type the first byte in hex (2 digits).");
	else
		snprintf(buf, n, "Type the first %d bytes in hex (%d digits; spaces are fine).", ls->ask_bytes,
		         ls->ask_bytes * 2);
	return buf;
}

bool narration_answer_matches(const struct lesson_step *ls, const char *typed)
{
	if (!ls->answer_value || !typed)
		return false;
	char t[256];
	size_t k = 0;
	for (const char *p = typed; *p && k + 1 < sizeof(t); p++)
		if (*p != ' ' && *p != '\t' && (ls->ask_number || *p != ':'))
			t[k++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	t[k] = '\0';
	if (ls->ask_number) {
		uint64_t a, b;
		return value_number(t, UINT64_MAX, &a) && value_number(ls->answer_value, UINT64_MAX, &b) && a == b;
	}
	const char *h = !strncmp(t, "0x", 2) ? t + 2 : t;
	return !strcmp(h, ls->answer_value);
}
