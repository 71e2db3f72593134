/* export/compare_text.c — see compare_text.h. */
#include "export/compare_text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "export/escape.h"
#include "export/transcript.h"
#include "model/explain.h"
#include "model/mitm.h"

int compare_text_columns(const char *env)
{
	if (!env || !*env)
		return COMPARE_DEFAULT_COLUMNS;
	char *end;
	errno = 0;
	long v = strtol(env, &end, 10);
	if (errno || *end || v < 40 || v > 1000)
		return COMPARE_DEFAULT_COLUMNS;
	return (int)v;
}

void compare_value(const struct field *f, size_t w, char *out, size_t cap)
{
	size_t n = strlen(f->value);
	if (f->kind == FIELD_BYTES && n == 0)
		snprintf(out, cap, "(empty)");
	else if (n <= w)
		snprintf(out, cap, "%s", f->value);
	else if (f->kind == FIELD_BYTES)
		snprintf(out, cap, "%.*s... (%zu bytes)", (int)(w > 16 ? w - 16 : 8) & ~1, f->value, f->length);
	else
		snprintf(out, cap, "%.*s...", (int)(w > 3 ? w - 3 : 1), f->value);
}

/* One side of a row: "  4 server ServerKeyExchange  305 B", or "-" where the run has none. */
static void cell(const struct comparison *c, size_t r, int s, char *out, size_t cap)
{
	const struct step *st = comparison_step(c, r, s);
	if (!st) {
		snprintf(out, cap, "  -");
		return;
	}
	snprintf(out, cap, "%3d %s %s%s  %zu B%s", st->index, step_from_party(c->run[s], st), st->message,
	         step_is_compat_ccs(c->run[s], st) ? " (compat)" : "", st->record.len, st->encrypted ? " enc" : "");
}

/* s cut to w columns, the cut marked with "...". */
static void fit(const char *s, size_t w, char *out, size_t cap)
{
	if (strlen(s) <= w)
		snprintf(out, cap, "%s", s);
	else
		snprintf(out, cap, "%.*s...", (int)(w > 3 ? w - 3 : 0), s);
}

static const char *label(const struct comparison *c, int s, char *out, size_t cap)
{
	snprintf(out, cap, "%s: %s, seed %llu", s ? "B" : "A", c->run[s]->sc->name, (unsigned long long)c->run[s]->seed);
	return out;
}

/* A list offered by one side only shows this many entries, then says how many more. */
enum { LIST_SHOWN = 6 };

/* Whether d->v[k] is in the same list as d->v[j]: the same parent path, name and kind (one side only). */
static bool same_list(const struct step_diff *d, size_t j, size_t k)
{
	const char *pj = strrchr(d->v[j].path, '/'), *pk = strrchr(d->v[k].path, '/');
	size_t lj = pj ? (size_t)(pj - d->v[j].path) : 0, lk = pk ? (size_t)(pk - d->v[k].path) : 0;
	if (d->v[j].kind != d->v[k].kind || d->v[j].kind == DIFF_CHANGED || lj != lk || !pj ||
	    strncmp(d->v[j].path, d->v[k].path, lj) || d->v[j].record != d->v[k].record)
		return false;
	return strcspn(pj, "#") == strcspn(pk, "#") && !strncmp(pj, pk, strcspn(pj, "#"));
}

/* Every difference of a paired row: the runs' settings with both values, fresh values by cause. */
static void differences(FILE *out, const struct comparison *c, size_t r, size_t width)
{
	const struct step_diff *d = &c->diff[r];
	const struct step *sa = comparison_step(c, r, 0), *sb = comparison_step(c, r, 1);
	size_t vw = 64; /* as the transcript cuts hex; --json has every value whole */
	if (!d->n) {
		fputs("        (no difference: the same, field for field)\n", out);
		return;
	}
	for (size_t k = 0; k < d->n; k++) {
		const struct field_diff *x = &d->v[k];
		if (x->cause != CAUSE_SETTINGS || x->implied)
			continue;
		size_t end = k + 1;
		while (end < d->n && same_list(d, end, k))
			end++;
		if (end - k >= 2) { /* entries of one list on one side only: their values on one line */
			const struct fields *f = x->kind == DIFF_ONLY_A ? (x->record ? &sa->record_fields : &sa->fields)
			                                                 : (x->record ? &sb->record_fields : &sb->fields);
			char line[1600], v[200];
			const char *slash = strrchr(x->path, '/');
			size_t o = (size_t)snprintf(line, sizeof(line), "%s%.*s: %zu in %s only:", x->record ? "record " : "",
			                            slash ? (int)(slash - x->path) : 0, x->path, end - k,
			                            x->kind == DIFF_ONLY_A ? "A" : "B");
			for (size_t j = k; j < end && j < k + LIST_SHOWN; j++) {
				int fi = x->kind == DIFF_ONLY_A ? d->v[j].fa : d->v[j].fb;
				compare_value(&f->v[fi], vw, v, sizeof(v));
				o += (size_t)snprintf(line + o, sizeof(line) - o, "%s %s", j > k ? "," : "", v);
			}
			if (end - k > LIST_SHOWN)
				snprintf(line + o, sizeof(line) - o, ", and %zu more (--json lists every one)", end - k - LIST_SHOWN);
			transcript_wrap(out, "        ~ ", "            ", line, width);
			k = end - 1;
			continue;
		}
		const struct fields *fa = x->record ? &sa->record_fields : &sa->fields;
		const struct fields *fb = x->record ? &sb->record_fields : &sb->fields;
		char va[200] = "(absent)", vb[200] = "(absent)", line[600];
		if (x->fa != FIELD_NONE)
			compare_value(&fa->v[x->fa], vw, va, sizeof(va));
		if (x->fb != FIELD_NONE)
			compare_value(&fb->v[x->fb], vw, vb, sizeof(vb));
		snprintf(line, sizeof(line), "%s%s: A %s | B %s", x->record ? "record " : "", x->path, va, vb);
		transcript_wrap(out, "        ~ ", "            ", line, width);
	}
	for (int cause = CAUSE_RANDOM; cause <= CAUSE_CIPHERTEXT; cause++) {
		char line[1600];
		size_t o = (size_t)snprintf(line, sizeof(line), "%s:", diff_cause_words((enum diff_cause)cause));
		size_t n = 0;
		for (size_t k = 0; k < d->n; k++)
			if (d->v[k].cause == (enum diff_cause)cause && !d->v[k].implied && o + 200 < sizeof(line)) {
				o += (size_t)snprintf(line + o, sizeof(line) - o, "%s %s%s", n ? "," : "",
				                      d->v[k].record ? "record " : "", d->v[k].path);
				n++;
			}
		if (n)
			transcript_wrap(out, "        = ", "            ", line, width);
	}
}

/* The secrets that became known at each side's step of row r, by name: who holds what, side by side. */
static void secrets(FILE *out, const struct comparison *c, size_t r, size_t width)
{
	char line[1600];
	size_t o = (size_t)snprintf(line, sizeof(line), "known now:");
	bool any = false;
	for (int s = 0; s < 2; s++) {
		const struct step *st = comparison_step(c, r, s);
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s %s", s ? ";" : "", s ? "B" : "A");
		size_t n = st ? st->nsecrets : 0;
		for (size_t k = 0; k < n && o + 80 < sizeof(line); k++)
			o += (size_t)snprintf(line + o, sizeof(line) - o, "%s %s", k ? "," : "", st->secrets[k].name);
		if (!n)
			o += (size_t)snprintf(line + o, sizeof(line) - o, " nothing new");
		any = any || n;
	}
	if (any)
		transcript_wrap(out, "        ", "          ", line, width);
}

static void row_two(FILE *out, const struct comparison *c, size_t r, int columns)
{
	size_t each = (size_t)(columns - 9) / 2;
	char a[200], b[200], fa[200], fb[200];
	cell(c, r, 0, a, sizeof(a));
	cell(c, r, 1, b, sizeof(b));
	fit(a, each, fa, sizeof(fa));
	fit(b, each, fb, sizeof(fb));
	fprintf(out, "%4zu  %-*s | %s\n", r + 1, (int)each, fa, fb);
}

static void row_one(FILE *out, const struct comparison *c, size_t r, int columns)
{
	char a[200], b[200];
	cell(c, r, 0, a, sizeof(a));
	cell(c, r, 1, b, sizeof(b));
	fprintf(out, "row %zu\n  A:%s\n  B:%s\n", r + 1, a, b);
}

/* A figure of both runs: side by side when wide and both fit their column, else one under the other. */
static void figure(FILE *out, bool two, int columns, const char *what, const char *va, const char *vb)
{
	size_t each = (size_t)(columns - 36) / 2;
	if (two && strlen(va) < each && strlen(vb) <= each) {
		fprintf(out, "  %-32s %-*s  %s\n", what, (int)each, va, vb);
	} else {
		fprintf(out, "  %s\n    A: %s\n    B: %s\n", what, va, vb);
	}
}

/* One run's bytes in phase p, with the phase's words when the runs name it otherwise. */
static void phase_bytes(const struct timeline *tl, const struct run_summary *s, int p, const char *title, char *out,
                        size_t cap)
{
	if (!timeline_has_phase(tl, p))
		snprintf(out, cap, "none: TLS 1.3 has %d phases", PHASE13_AUTH);
	else if (title)
		snprintf(out, cap, "%zu (%s)", s->bytes_phase[p], title);
	else
		snprintf(out, cap, "%zu", s->bytes_phase[p]);
}

static void summary(FILE *out, const struct comparison *c, bool two, int columns)
{
	char va[300], vb[300], la[100], lb[100];
	fprintf(out, "\nSummary\n");
	if (two)
		figure(out, true, columns, "", label(c, 0, la, sizeof(la)), label(c, 1, lb, sizeof(lb)));
	const struct run_summary *s0 = &c->sum[0], *s1 = &c->sum[1];
	figure(out, two, columns, "round trips to application data", summary_round_trips(s0, va, sizeof(va)),
	       summary_round_trips(s1, vb, sizeof(vb)));
	for (int p = 1; p <= PHASE_DATA; p++) {
		if (!s0->bytes_phase[p] && !s1->bytes_phase[p])
			continue;
		/* The phases' words name what the number counts (TLS 1.3 groups its phases otherwise). */
		const char *ta = timeline_phase_title(c->run[0], p), *tb = timeline_phase_title(c->run[1], p);
		bool same = !strcmp(ta, tb);
		char what[64];
		snprintf(what, sizeof(what), p == PHASE_DATA ? "bytes after the handshake" : "bytes in phase %d", p);
		phase_bytes(c->run[0], s0, p, same ? NULL : ta, va, sizeof(va));
		phase_bytes(c->run[1], s1, p, same ? NULL : tb, vb, sizeof(vb));
		figure(out, two, columns, what, va, vb);
		if (same && p != PHASE_DATA)
			fprintf(out, "    (phase %d: %s)\n", p, ta);
	}
	snprintf(va, sizeof(va), "%zu (handshake %zu)", s0->bytes_total, s0->bytes_handshake);
	snprintf(vb, sizeof(vb), "%zu (handshake %zu)", s1->bytes_total, s1->bytes_handshake);
	figure(out, two, columns, "bytes on the wire in all", va, vb);
	for (int e = 0; e < 2; e++) {
		char what[64];
		snprintf(what, sizeof(what), "%s public-key operations", side_name((enum side)e));
		figure(out, two, columns, what, summary_ops(&s0->ops[e], va, sizeof(va)), summary_ops(&s1->ops[e], vb, sizeof(vb)));
	}
	figure(out, two, columns, "forward secrecy", s0->forward_secret ? "yes" : "no", s1->forward_secret ? "yes" : "no");
	snprintf(va, sizeof(va), "%d in clear, %d encrypted", s0->clear_messages, s0->encrypted_messages);
	snprintf(vb, sizeof(vb), "%d in clear, %d encrypted", s1->clear_messages, s1->encrypted_messages);
	figure(out, two, columns, "handshake messages on the wire", va, vb);
	snprintf(va, sizeof(va), "%s", c->run[0]->outcome.ok ? "completed" : "failed");
	snprintf(vb, sizeof(vb), "%s", c->run[1]->outcome.ok ? "completed" : "failed");
	figure(out, two, columns, "outcome", va, vb);
	size_t width = (size_t)columns - 2;
	for (int s = 0; s < 2; s++) {
		char only[1200], line[1400];
		size_t n = diff_secrets_only(c->run[s], c->run[!s], only, sizeof(only));
		snprintf(line, sizeof(line), "secrets only %s has: %s", s ? "B" : "A", n ? only : "none");
		transcript_wrap(out, "  ", "    ", line, width);
	}
	for (int s = 0; s < 2; s++) {
		char line[900];
		snprintf(line, sizeof(line), "%s outcome: %s", s ? "B" : "A", c->run[s]->outcome.summary);
		transcript_wrap(out, "  ", "    ", line, width);
	}
	fprintf(out, "Eavesdropper who recorded everything and later steals the server's private key:\n");
	for (int s = 0; s < 2; s++) {
		const char *e = c->sum[s].eavesdrop;
		if (!e) {
			transcript_wrap(out, s ? "  B: " : "  A: ", "     ", "no connection got far enough to tell", width);
			continue;
		}
		for (const char *l = e; *l;) {
			size_t n = strcspn(l, "\n");
			char *one = strndup(l, n);
			if (one)
				transcript_wrap(out, s ? "  B: " : "  A: ", "     ", one, width);
			free(one);
			l += n + (l[n] == '\n');
		}
	}
}

/* The heading: both runs, what they agreed, how to read the rows. */
static int render_head(FILE *out, const struct comparison *c, size_t r, int columns)
{
	size_t width = (size_t)columns - 2;
	fprintf(out, "tlsstep %s -- compare two runs\n", TLSSTEP_VERSION);
	for (int s = 0; s < 2; s++) {
		const struct timeline *tl = c->run[s];
		char l[100], line[600];
		snprintf(line, sizeof(line), "%s (%s): %s", label(c, s, l, sizeof(l)), tl->sc->source, tl->sc->title);
		transcript_wrap(out, "", "   ", line, width);
		fprintf(out, "   negotiated: %s, %s\n", transcript_version_name(tl->tls_version),
		        tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite");
	}
	transcript_wrap(out, "", "", "Rows pair the steps that do the same thing; '-' where a run has no such step.", width);
	transcript_wrap(out, "  ", "    ", "~ differs because the runs were set up differently; = differs because each run "
	                "draws it afresh", width);
	return ferror(out) ? -1 : 0;
}

/* Row r: its steps, a lesson's words, the reason or the differences, the secrets each side learns;
 * a connection's heading before its first row. */
static int render_row(FILE *out, const struct comparison *c, size_t r, int columns)
{
	bool two = columns >= COMPARE_TWO_COLUMNS;
	size_t width = (size_t)columns - 2;
	const struct step *st = comparison_step(c, r, 0), *prev = r ? comparison_step(c, r - 1, 0) : NULL;
	if (!st)
		st = comparison_step(c, r, 1);
	if (r && !prev)
		prev = comparison_step(c, r - 1, 1);
	if (!prev || st->connection != prev->connection)
		fprintf(out, "-- connection %d --\n", st->connection);
	const struct lesson_step *w = comparison_words(c, r); /* a two-run lesson's words for this row */
	if (two)
		row_two(out, c, r, columns);
	else
		row_one(out, c, r, columns);
	if (w && w->say)
		transcript_wrap(out, "        > ", "          ", w->say, width);
	for (int s = 0; !w && s < 2; s++) { /* else each lesson's words for its run's step */
		const struct step *ls_st = comparison_step(c, r, s);
		const struct lesson_step *ls = ls_st ? explain_lesson_step(c->run[s], ls_st) : NULL;
		if (ls && ls->say)
			transcript_wrap(out, s ? "        > B: " : "        > A: ", "          ", ls->say, width);
	}
	char why[900];
	comparison_reason(c, r, why, sizeof(why));
	if (*why) {
		char line[920];
		snprintf(line, sizeof(line), "only %s: %s", c->al.rows[r].a < 0 ? "B" : "A", why);
		transcript_wrap(out, "        ", "          ", line, width);
	} else {
		differences(out, c, r, width);
	}
	secrets(out, c, r, width);
	return ferror(out) ? -1 : 0;
}

static int render_summary(FILE *out, const struct comparison *c, size_t r, int columns)
{
	summary(out, c, columns >= COMPARE_TWO_COLUMNS, columns);
	return ferror(out) ? -1 : 0;
}

static int render(FILE *out, const struct comparison *c, size_t unused, int columns)
{
	render_head(out, c, 0, columns);
	fputs("\n", out);
	if (columns >= COMPARE_TWO_COLUMNS) {
		size_t each = (size_t)(columns - 9) / 2;
		char la[100], lb[100];
		fprintf(out, " row  %-*s | %s\n", (int)each, label(c, 0, la, sizeof(la)), label(c, 1, lb, sizeof(lb)));
	}
	for (size_t r = 0; r < c->al.n; r++) {
		const struct lesson_step *w = comparison_words(c, r);
		if (w && w->ask) /* the instructor's copy: the checkpoint asked before the row, its answer starred */
			transcript_checkpoint(out, w, (size_t)columns - 2);
		render_row(out, c, r, columns);
	}
	render_summary(out, c, 0, columns);
	return ferror(out) ? -1 : 0;
}

/* Renders whole into memory, then escapes every byte from a file or the wire on its way out. */
struct part {
	int (*fn)(FILE *, const struct comparison *, size_t, int);
	const struct comparison *c;
	size_t r;
	int columns;
};

static int render_part(FILE *m, const void *arg)
{
	const struct part *p = arg;
	return p->fn(m, p->c, p->r, p->columns < 40 ? 40 : p->columns);
}

static int escaped(FILE *out, int (*fn)(FILE *, const struct comparison *, size_t, int), const struct comparison *c,
                   size_t r, int columns)
{
	struct part p = { fn, c, r, columns };
	return escape_rendered(out, render_part, &p);
}

int compare_text_head(FILE *out, const struct comparison *c, int columns)
{
	return escaped(out, render_head, c, 0, columns);
}

int compare_text_row(FILE *out, const struct comparison *c, size_t r, int columns)
{
	return r < c->al.n ? escaped(out, render_row, c, r, columns) : -1;
}

int compare_text_summary(FILE *out, const struct comparison *c, int columns)
{
	return escaped(out, render_summary, c, 0, columns);
}

int compare_text_write(FILE *out, const struct comparison *c, int columns)
{
	return escaped(out, render, c, 0, columns);
}
