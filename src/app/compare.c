/* app/compare.c — see compare.h. */
#include "app/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/compare_text.h"
#include "export/escape.h"
#include "export/transcript.h"
#include "lesson/catalog.h"
#include "model/chainwalk.h"
#include "model/compare.h"
#include "model/eavesdrop.h"
#include "model/narration.h"
#include "ui/compare_view.h"

enum { EXIT_EXPECTED = 0, EXIT_UNEXPECTED = 1, EXIT_USAGE = 2 };

static int render_batch(FILE *m, const void *c)
{
	return compare_text_write(m, c, compare_text_columns(getenv("COLUMNS")));
}

/* --batch --compare: the aligned transcript, written as every output is (app/outputs.h). */
static int batch(const struct comparison *c)
{
	return write_transcript("--batch --compare", render_batch, c);
}

/*
 * A two-run lesson's checkpoint before row r (0-based), asked in plain lines: the question,
 * its choices (or what to type), one answer read (s skips), then the verdict and why.
 * False at the end of input.
 */
static bool ask_row(const struct comparison *c, size_t r, int width)
{
	const struct lesson_step *w = comparison_words(c, r);
	char line[256], hint[80];
	int n = 0;
	while (n < LESSON_MAX_CHOICES && w->choices[n])
		n++;
	char head[64];
	snprintf(head, sizeof(head), "Checkpoint before row %zu: ", r + 1);
	transcript_wrap(stdout, head, "  ", w->ask, (size_t)width);
	for (int i = 0; i < n; i++) {
		char ind[16];
		snprintf(ind, sizeof(ind), "  %d) ", i + 1);
		transcript_wrap(stdout, ind, "     ", w->choices[i], (size_t)width);
	}
	if (w->answer_from)
		printf("%s Or s to skip.\n", narration_ask_hint(w, hint, sizeof(hint)));
	else
		printf("Type the number of your answer (1 to %d), or s to skip.\n", n);
	fputs("answer> ", stdout);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	if (!strcmp(line, "s")) {
		puts("Skipped.");
		return true;
	}
	char verdict[400];
	if (w->answer_from) {
		bool right = narration_answer_matches(w, line);
		snprintf(verdict, sizeof(verdict), "%s the run's value is %s.", right ? "Right:" : "Not quite:",
		         w->answer_value ? w->answer_value : "(none)");
	} else {
		bool right = atoi(line) == w->answer;
		snprintf(verdict, sizeof(verdict), "%s the answer is %d.", right ? "Right:" : "Not quite:", w->answer);
	}
	transcript_wrap(stdout, "", "  ", verdict, (size_t)width);
	if (w->explain)
		transcript_wrap(stdout, "", "  ", w->explain, (size_t)width);
	return true;
}

/*
 * --plain --compare: the aligned rows one at a time, in plain lines (a screen reader, a
 * pipe): Enter or n the next row, b the one before, a number that row, s the figures,
 * ? the commands, q (or the end of input) quits. One column, A: and B: marked.
 */
static int plain(const struct comparison *c, size_t start)
{
	int width = compare_text_columns(getenv("COLUMNS"));
	if (width >= COMPARE_TWO_COLUMNS)
		width = COMPARE_TWO_COLUMNS - 1; /* one column: a row read aloud is A's step, then B's */
	static const char help[] = "Enter or n: the next row; b: the row before; a number: that row;\n"
	                           "s: both runs' figures; q: quit\n";
	if (compare_text_head(stdout, c, width) || printf("%zu rows.\n%s", c->al.n, help) < 0)
		return -1;
	size_t cur = start; /* rows shown: the last is cur (1-based); 0 before the first */
	if (cur && compare_text_row(stdout, c, cur - 1, width))
		return -1;
	char line[64];
	for (;;) {
		fputs("> ", stdout);
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin) || line[0] == 'q')
			break;
		line[strcspn(line, "\r\n")] = '\0';
		char *end;
		long n = strtol(line, &end, 10);
		int rc = 0;
		if (!line[0] || !strcmp(line, "n")) {
			const struct lesson_step *w = cur < c->al.n ? comparison_words(c, cur) : NULL;
			if (w && w->ask && !ask_row(c, cur, width))
				break;
			if (cur < c->al.n)
				rc = compare_text_row(stdout, c, cur++, width);
			else
				rc = printf("That was the last row (%zu); s shows the figures, q quits.\n", c->al.n) < 0;
		} else if (!strcmp(line, "b")) {
			if (cur > 1)
				rc = compare_text_row(stdout, c, --cur - 1, width);
			else
				rc = printf("This is the first row.\n") < 0;
		} else if (*end == '\0' && n >= 1 && (size_t)n <= c->al.n) {
			cur = (size_t)n;
			rc = compare_text_row(stdout, c, cur - 1, width);
		} else if (!strcmp(line, "s")) {
			rc = compare_text_summary(stdout, c, width);
		} else {
			rc = printf("%s: not a command here. %s", line, help) < 0;
		}
		if (rc)
			return -1;
	}
	return ferror(stdout) ? -1 : 0;
}

static bool to_stdout(const struct compare_request *rq)
{
	for (size_t i = 0; i < rq->nout; i++)
		if (!strcmp(rq->outs[i].path, "-"))
			return true;
	return false;
}

int app_compare(const struct compare_request *rq)
{
	struct scenario sc[2];
	struct timeline tl[2];
	const char *names[2] = { rq->a, rq->b ? rq->b : rq->a };
	char err[512];
	int status = EXIT_USAGE, ran = 0;
	scenario_init(&sc[0]);
	scenario_init(&sc[1]);
	for (int s = 0; s < 2; s++) {
		if (catalog_load(rq->lessons_dir, names[s], &sc[s], err, sizeof(err))) {
			escape_printf(stderr, "tlsstep: --compare: %s\n", err);
			goto out;
		}
		if (outputs_sound(rq->outs, rq->nout, &sc[s], names[s], rq->lessons_dir, rq->assets_dir))
			goto out;
		/* B named nowhere on the command line: a two-run lesson names it (compare = NAME). */
		if (s == 0 && !rq->b && !rq->seed_b_given) {
			if (!sc[0].lesson.compare) {
				escape_printf(stderr, "tlsstep: --compare %s: compare it with what? Name B (--compare %s B) or a "
				              "second seed (--compare %s --seed2 N)\n", rq->a, rq->a, rq->a);
				goto out;
			}
			names[1] = sc[0].lesson.compare;
		}
	}
	for (int s = 0; s < 2; s++, ran++) {
		uint64_t seed = sc[s].seed;
		if (rq->seed_a_given)
			seed = rq->seed_a;
		if (s == 1 && rq->seed_b_given)
			seed = rq->seed_b;
		struct run_options ro = { rq->assets_dir, seed };
		if (timeline_run(&sc[s], &ro, &tl[s], err, sizeof(err))) {
			escape_printf(stderr, "tlsstep: --compare: run %s (%s): %s\n", s ? "B" : "A", names[s], err);
			goto out;
		}
	}
	/* Every form of a comparison shows what each run's eavesdropper reads (the summary), and
	 * the comparison reads every field of both runs; only its JSON and web page hold the
	 * recipes (the view, --plain and --batch do not). */
	for (int s = 0; s < 2; s++) {
		if (rq->nout)
			timeline_ensure_all(&tl[s]);
		eavesdrop_ensure(&tl[s], 0);
		chainwalk_ensure(&tl[s], 0);
	}
	struct comparison c;
	comparison_build(&c, &tl[0], &tl[1]);
	/* A two-run lesson's words are written for the pair it names: B given as that name, or not given. */
	if (sc[0].lesson.compare && !strcmp(names[1], sc[0].lesson.compare))
		comparison_add_words(&c);
	status = tl[0].outcome.expected && tl[1].outcome.expected ? EXIT_EXPECTED : EXIT_UNEXPECTED;
	if (rq->step > c.al.n) {
		fprintf(stderr, "tlsstep: --step %zu: this comparison has %zu rows\n", rq->step, c.al.n);
		status = EXIT_USAGE;
	} else if (write_outputs(rq->outs, rq->nout, NULL, &c)) {
		status = EXIT_USAGE;
	} else if (rq->plain) {
		if (plain(&c, rq->step))
			status = EXIT_USAGE;
	} else if (rq->batch) {
		if (!to_stdout(rq) && batch(&c))
			status = EXIT_USAGE;
	} else if (!rq->nout) {
		if (compare_view_run(&c, rq->step))
			status = EXIT_USAGE;
	}
	comparison_free(&c);
out:
	for (int s = 0; s < ran; s++)
		timeline_free(&tl[s]);
	scenario_free(&sc[0]);
	scenario_free(&sc[1]);
	return status;
}
