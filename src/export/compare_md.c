/* export/compare_md.c — see compare_md.h. */
#include "export/compare_md.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "export/compare_text.h"
#include "export/escape.h"
#include "export/markdown.h"
#include "export/transcript.h"
#include "model/mitm.h"

/* Text in a table cell: a '|' would end the cell, a newline the row. */
static void cell(FILE *out, const char *s)
{
	for (; *s; s++)
		if (*s == '|')
			fputs("\\|", out);
		else
			fputc(*s == '\n' ? ' ' : *s, out);
}

static void step_cell(FILE *out, const struct comparison *c, size_t r, int s)
{
	const struct step *st = comparison_step(c, r, s);
	if (!st) {
		fputs(" | -", out);
		return;
	}
	fprintf(out, " | %d %s %s%s, %zu bytes", st->index, step_from_party(c->run[s], st), st->message,
	        step_is_compat_ccs(c->run[s], st) ? " (compat)" : "", st->record.len);
}

/* Markdown's way to put a piece of what differs: a path as code, any other text in a cell. */
static void md_put(FILE *out, const char *s, bool code)
{
	if (code)
		fprintf(out, "`%s`", s);
	else
		cell(out, s);
}

void compare_md_differs(FILE *out, const struct comparison *c, size_t r, compare_put_fn put)
{
	char why[900];
	comparison_reason(c, r, why, sizeof(why));
	if (*why) {
		fprintf(out, "only %s: ", c->al.rows[r].a < 0 ? "B" : "A");
		put(out, why, false);
		return;
	}
	const struct step_diff *d = &c->diff[r];
	const struct step *sa = comparison_step(c, r, 0), *sb = comparison_step(c, r, 1);
	size_t told = 0, fresh = 0;
	for (size_t k = 0; k < d->n; k++) {
		const struct field_diff *x = &d->v[k];
		if (x->cause != CAUSE_SETTINGS) {
			fresh++;
			continue;
		}
		if (x->implied)
			continue; /* told by the field above it */
		const struct fields *fa = x->record ? &sa->record_fields : &sa->fields;
		const struct fields *fb = x->record ? &sb->record_fields : &sb->fields;
		char va[120] = "(absent)", vb[120] = "(absent)";
		if (x->fa != FIELD_NONE)
			compare_value(&fa->v[x->fa], 64, va, sizeof(va));
		if (x->fb != FIELD_NONE)
			compare_value(&fb->v[x->fb], 64, vb, sizeof(vb));
		char path[200];
		snprintf(path, sizeof(path), "%s%s", x->record ? "record " : "", x->path);
		fputs(told++ ? "; " : "", out);
		put(out, path, true);
		fputs(": ", out);
		put(out, va, false);
		fputs(" / ", out);
		put(out, vb, false);
	}
	if (fresh)
		fprintf(out, "%s%zu fresh value%s (randoms, keys, signatures, ciphertext)", told ? "; " : "", fresh,
		        fresh == 1 ? "" : "s");
	if (!told && !fresh)
		fputs("the same", out);
}

static void figure(FILE *out, const char *what, const char *a, const char *b)
{
	fprintf(out, "| %s | ", what);
	cell(out, a);
	fputs(" | ", out);
	cell(out, b);
	fputs(" |\n", out);
}

void compare_md_figures(FILE *out, const struct comparison *c, compare_figure_fn row)
{
	char va[300], vb[300];
	const struct run_summary *s0 = &c->sum[0], *s1 = &c->sum[1];
	snprintf(va, sizeof(va), "%s, %s", transcript_version_name(c->run[0]->tls_version), timeline_suite_iana(c->run[0]));
	snprintf(vb, sizeof(vb), "%s, %s", transcript_version_name(c->run[1]->tls_version), timeline_suite_iana(c->run[1]));
	row(out, "version, suite", va, vb);
	row(out, "round trips before application data", summary_round_trips(s0, va, sizeof(va)),
	       summary_round_trips(s1, vb, sizeof(vb)));
	snprintf(va, sizeof(va), "%zu (handshake %zu)", s0->bytes_total, s0->bytes_handshake);
	snprintf(vb, sizeof(vb), "%zu (handshake %zu)", s1->bytes_total, s1->bytes_handshake);
	row(out, "bytes on the wire", va, vb);
	for (int e = 0; e < 2; e++) {
		char what[64];
		snprintf(what, sizeof(what), "%s public-key operations", side_name((enum side)e));
		row(out, what, summary_ops(&s0->ops[e], va, sizeof(va)), summary_ops(&s1->ops[e], vb, sizeof(vb)));
	}
	row(out, "forward secrecy", s0->forward_secret ? "yes" : "no", s1->forward_secret ? "yes" : "no");
	snprintf(va, sizeof(va), "%d in clear, %d encrypted", s0->clear_messages, s0->encrypted_messages);
	snprintf(vb, sizeof(vb), "%d in clear, %d encrypted", s1->clear_messages, s1->encrypted_messages);
	row(out, "handshake messages", va, vb);
	diff_secrets_only(c->run[0], c->run[1], va, sizeof(va));
	diff_secrets_only(c->run[1], c->run[0], vb, sizeof(vb));
	row(out, "secrets only this run has", *va ? va : "none", *vb ? vb : "none");
	row(out, "outcome", c->run[0]->outcome.summary, c->run[1]->outcome.summary);
}

static void figures(FILE *out, const struct comparison *c)
{
	fprintf(out, "## In figures\n\n| | A | B |\n|---|---|---|\n");
	compare_md_figures(out, c, figure);
	fprintf(out, "\n## What an eavesdropper can read\n\nSomeone recorded everything and later steals the "
	             "server's private key.\n\n");
	for (int s = 0; s < 2; s++) {
		fprintf(out, "- **%s:** ", s ? "B" : "A");
		cell(out, c->sum[s].eavesdrop ? c->sum[s].eavesdrop : "no connection got far enough to tell");
		fputs("\n", out);
	}
}

/* A two-run lesson's words, row by row, each checkpoint before its row as the lesson asks it. */
static void words(FILE *out, const struct comparison *c)
{
	if (!comparison_has_words(c))
		return;
	fputs("## The lesson, row by row\n\n", out);
	for (size_t r = 0; r < c->al.n; r++) {
		const struct lesson_step *w = comparison_words(c, r);
		if (!w)
			continue;
		if (w->ask)
			markdown_checkpoint(out, w);
		fprintf(out, "**Row %zu.** ", r + 1);
		for (const char *p = w->say ? w->say : ""; *p; p++)
			fputc(*p == '\n' ? ' ' : *p, out);
		fputs("\n\n", out);
	}
}

static int render(FILE *out, const struct comparison *c)
{
	fprintf(out, "# Two TLS handshakes side by side\n\n");
	for (int s = 0; s < 2; s++) {
		const struct timeline *tl = c->run[s];
		fprintf(out, "- **%s:** `%s` (seed %llu): ", s ? "B" : "A", tl->sc->name, (unsigned long long)tl->seed);
		cell(out, tl->sc->title);
		fprintf(out, "; %s, %s\n", transcript_version_name(tl->tls_version),
		        tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite");
	}
	fprintf(out, "\nEach row pairs the steps of the two runs that do the same thing (tlsstep %s, "
	             "both runs real).\n\n| row | A | B | what differs |\n|---|---|---|---|\n", TLSSTEP_VERSION);
	for (size_t r = 0; r < c->al.n; r++) {
		fprintf(out, "| %zu", r + 1);
		step_cell(out, c, r, 0);
		step_cell(out, c, r, 1);
		fputs(" | ", out);
		compare_md_differs(out, c, r, md_put);
		fputs(" |\n", out);
	}
	fputs("\n", out);
	words(out, c);
	figures(out, c);
	return ferror(out) ? -1 : 0;
}

static int render_any(FILE *m, const void *c)
{
	return render(m, c);
}

/* Rendered whole, then through escape_write, as markdown_write does. */
int compare_markdown_write(FILE *out, const struct comparison *c)
{
	return escape_rendered(out, render_any, c);
}
