/* export/html_compare.c — see html_compare.h. */
#include "export/html_compare.h"


#include <stdlib.h>

#include "config.h"
#include "export/compare_md.h"
#include "export/html.h"
#include "export/transcript.h"
#include "model/mitm.h"

static void put(FILE *out, const char *s, bool code)
{
	fputs(code ? "<code>" : "", out);
	html_text(out, s);
	fputs(code ? "</code>" : "", out);
}

static void fig_row(FILE *out, const char *what, const char *a, const char *b)
{
	fputs("<tr><th scope=\"row\">", out);
	html_text(out, what);
	fputs("</th><td>", out);
	html_text(out, a);
	fputs("</td><td>", out);
	html_text(out, b);
	fputs("</td></tr>\n", out);
}

static void step_cell(FILE *out, const struct comparison *c, size_t r, int s)
{
	const struct step *st = comparison_step(c, r, s);
	if (!st) {
		fputs("<td>&#8211;</td>", out);
		return;
	}
	fprintf(out, "<td><a href=\"#%cs%d\">%d %s ", s ? 'b' : 'a', st->index, st->index, step_from_party(c->run[s], st));
	html_text(out, st->message);
	fprintf(out, "%s</a>, %zu bytes</td>", step_is_compat_ccs(c->run[s], st) ? " (compat)" : "", st->record.len);
}

static void run_line(FILE *out, const struct timeline *tl, int s)
{
	fprintf(out, "<li><strong>%s:</strong> <a href=\"#%c-top\"><code>", s ? "B" : "A", s ? 'b' : 'a');
	html_text(out, tl->sc->name);
	fprintf(out, "</code></a> (seed %llu): ", (unsigned long long)tl->seed);
	html_text(out, tl->sc->title);
	fprintf(out, "; %s, ", transcript_version_name(tl->tls_version));
	html_text(out, tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite");
	fputs("</li>\n", out);
}

/*
 * The aligned rows as two columns, A's step beside B's, each side's phase named where it
 * changes; where a run has no step, the sentence saying why. A row is one unit of
 * "one step at a time".
 */
static void rows(FILE *out, const struct comparison *c)
{
	int phase[2] = { 0, 0 }, conn[2] = { 1, 1 };
	for (size_t r = 0; r < c->al.n; r++) {
		fprintf(out, "<div class=\"cols pair-row\" id=\"pair%zu\">\n", r + 1);
		for (int s = 0; s < 2; s++) {
			const struct step *st = comparison_step(c, r, s);
			fputs("<div>\n", out);
			if (!st) {
				char why[900];
				comparison_reason(c, r, why, sizeof(why));
				fprintf(out, "<div class=\"unit missing\" data-unit=\"%zu\"><p><strong>Row %zu: no step in %s.</strong> ",
				        r + 1, r + 1, s ? "B" : "A");
				html_text(out, why);
				fputs("</p></div>\n", out);
			} else {
				if (st->phase != phase[s] || st->connection != conn[s]) {
					phase[s] = st->phase;
					conn[s] = st->connection;
					fprintf(out, "<p class=\"unit phasename\" data-unit=\"%zu\">%s, ", r + 1, s ? "B" : "A");
					html_phase_title(out, c->run[s], st);
					fputs("</p>\n", out);
				}
				html_step(out, c->run[s], st, s ? "b-" : "a-", 3, r + 1);
			}
			fputs("</div>\n", out);
		}
		fputs("</div>\n", out);
	}
}

static void render(FILE *out, const struct comparison *c)
{
	html_head(out, "Two TLS handshakes side by side");
	fputs("<header><h1>Two TLS handshakes side by side</h1>\n<ul>\n", out);
	for (int s = 0; s < 2; s++)
		run_line(out, c->run[s], s);
	fputs("</ul>\n</header>\n<main>\n<section class=\"phase\">\n<h2>Row by row</h2>\n", out);
	fprintf(out, "<p>Each row pairs the steps of the two runs that do the same thing (tlsstep %s, both runs "
	             "real).</p>\n<table class=\"rows\">\n<thead><tr><th scope=\"col\">Row</th><th scope=\"col\">A</th>"
	             "<th scope=\"col\">B</th><th scope=\"col\">What differs</th></tr></thead>\n<tbody>\n",
	        TLSSTEP_VERSION);
	for (size_t r = 0; r < c->al.n; r++) {
		fprintf(out, "<tr id=\"row%zu\"><th scope=\"row\">%zu</th>", r + 1, r + 1);
		step_cell(out, c, r, 0);
		step_cell(out, c, r, 1);
		fputs("<td>", out);
		compare_md_differs(out, c, r, put);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n<h2>In figures</h2>\n<table class=\"figures\">\n<thead><tr><td></td><th scope=\"col\">A"
	      "</th><th scope=\"col\">B</th></tr></thead>\n<tbody>\n",
	      out);
	compare_md_figures(out, c, fig_row);
	fputs("</tbody>\n</table>\n</section>\n<div class=\"cols\">\n", out);
	for (int s = 0; s < 2; s++) {
		const struct timeline *tl = c->run[s];
		fprintf(out, "<section id=\"%c-top\">\n<h2>%s: ", s ? 'b' : 'a', s ? "B" : "A");
		html_text(out, tl->sc->title);
		fputs("</h2>\n", out);
		html_opening(out, tl, s ? "b-" : "a-", 3);
		fputs("</section>\n", out);
	}
	fputs("</div>\n<h2>Step by step</h2>\n", out);
	rows(out, c);
	fputs("<div class=\"cols\">\n", out);
	for (int s = 0; s < 2; s++) {
		fputs("<div>\n", out);
		html_outcome(out, c->run[s], s ? "b-" : "a-", 3, c->al.n + 1);
		fputs("</div>\n", out);
	}
	fputs("</div>\n", out);
	html_tail(out);
}

int html_compare_write(FILE *out, const struct comparison *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return -1;
	render(m, c);
	int rc = ferror(m) ? -1 : 0;
	if (fclose(m) || rc)
		rc = -1;
	else
		rc = html_finish(out, text, len);
	free(text);
	return rc;
}
