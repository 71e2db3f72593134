/*
 * app/main.c — the command line (design.md §4: its names are a contract).
 *
 * Exit status: 0 the run went as the scenario expects (a failure scenario is
 * expected to fail), 1 it did not, 2 bad usage or bad input.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "engine/rng.h"
#include "export/json.h"
#include "export/markdown.h"
#include "export/keylog.h"
#include "export/pcap.h"
#include "export/transcript.h"
#include "lesson/catalog.h"
#include "model/fit.h"
#include "model/timeline.h"
#include "spec/scenario.h"
#include "ui/plain.h"
#include "ui/ui.h"

enum { EXIT_EXPECTED = 0, EXIT_UNEXPECTED = 1, EXIT_USAGE = 2 };

struct options {
	bool batch;
	bool plain;
	const char *json;
	const char *pcap;
	const char *keylog;
	const char *markdown;
	const char *check;
	bool seed_random;
	uint64_t seed;
	bool seed_given;
	long step;
	bool trace;
	struct transcript_options tr;
	const char *target;
};

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: tlsstep [OPTIONS] [LESSON-OR-SCENARIO]\n"
	        "Step through a real TLS handshake between an mbed TLS client and server: opens the\n"
	        "step-through view in this terminal (default: the lesson 01-four-phases).\n"
	        "\n"
	        "  --list                 bundled lessons and scenarios, one per line: name and title\n"
	        "  --check FILE           lint a scenario or lesson file (or a bundled name), then run it:\n"
	        "                         exit 0 when it is sound, 1 when the run or a lesson's words do not fit\n"
	        "  --batch                no UI: print the annotated transcript to stdout\n"
	        "  --plain                step through in plain lines, commands read a line at a time\n"
	        "                         (a screen reader, a serial console, a pipe); ? lists them\n"
	        "  --json FILE|-          write the whole run as JSON\n"
	        "  --pcap FILE            write the run as a capture Wireshark opens (with --keylog: decrypted)\n"
	        "  --keylog FILE          write the secrets in the NSS key log format (Wireshark, tshark)\n"
	        "  --markdown FILE|-      a handout of the run in Markdown (a lesson's words, checkpoints\n"
	        "                         with their answers folded away, fields and secrets)\n"
	        "  --seed N|random        reproducible by default (the scenario's seed); 'random' draws a\n"
	        "                         fresh seed and prints it, so that run can be replayed too\n"
	        "  --step N               open at step N (deep link)\n"
	        "  --trace                with --batch: each end's state changes, like openssl s_client -state\n"
	        "  --fields main|all      with --batch: the main fields (default) or every field, whole\n"
	        "  --formulas             with --batch: how each secret is derived, with its inputs\n"
	        "  --version, --help\n"
	        "\n"
	        "Exit status: 0 the run went as the scenario expects, 1 it did not, 2 bad usage or input.\n");
}

static const char *lessons_dir(void)
{
	const char *d = getenv("TLSSTEP_LESSONS");
	return d && *d ? d : TLSSTEP_LESSONS_DIR;
}

static void list(void)
{
	char err[512];
	if (catalog_list(lessons_dir(), stdout, err, sizeof(err)) < 0) {
		fprintf(stderr, "tlsstep: %s\n", err);
		exit(EXIT_USAGE);
	}
}

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	if (!*s || *s == '-')
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = (uint64_t)v;
	return true;
}

static int parse(int argc, char **argv, struct options *o)
{
	enum { O_LIST = 256, O_CHECK, O_BATCH, O_PLAIN, O_JSON, O_PCAP, O_KEYLOG, O_MARKDOWN, O_SEED, O_STEP, O_TRACE,
	       O_FIELDS, O_FORMULAS, O_VERSION, O_HELP };
	static const struct option longs[] = {
		{ "list", no_argument, NULL, O_LIST },
		{ "check", required_argument, NULL, O_CHECK },
		{ "batch", no_argument, NULL, O_BATCH },
		{ "plain", no_argument, NULL, O_PLAIN },
		{ "json", required_argument, NULL, O_JSON },
		{ "pcap", required_argument, NULL, O_PCAP },
		{ "keylog", required_argument, NULL, O_KEYLOG },
		{ "markdown", required_argument, NULL, O_MARKDOWN },
		{ "seed", required_argument, NULL, O_SEED },
		{ "step", required_argument, NULL, O_STEP },
		{ "trace", no_argument, NULL, O_TRACE },
		{ "fields", required_argument, NULL, O_FIELDS },
		{ "formulas", no_argument, NULL, O_FORMULAS },
		{ "version", no_argument, NULL, O_VERSION },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case O_LIST:
			list();
			exit(EXIT_EXPECTED);
		case O_VERSION:
			printf("tlsstep %s\n", TLSSTEP_VERSION);
			exit(EXIT_EXPECTED);
		case O_HELP:
			usage(stdout);
			exit(EXIT_EXPECTED);
		case O_CHECK:
			o->check = optarg;
			break;
		case O_BATCH:
			o->batch = true;
			break;
		case O_PLAIN:
			o->plain = true;
			break;
		case O_JSON:
			o->json = optarg;
			break;
		case O_PCAP:
			o->pcap = optarg;
			break;
		case O_KEYLOG:
			o->keylog = optarg;
			break;
		case O_MARKDOWN:
			o->markdown = optarg;
			break;
		case O_SEED:
			o->seed_given = true;
			if (!strcmp(optarg, "random"))
				o->seed_random = true;
			else if (!parse_u64(optarg, &o->seed)) {
				fprintf(stderr, "tlsstep: --seed %s: expected a whole number from 0 to 18446744073709551615, "
				                "or 'random'\n", optarg);
				return -1;
			}
			break;
		case O_STEP: {
			char *end;
			errno = 0;
			o->step = strtol(optarg, &end, 10);
			if (errno || *end || o->step < 1) {
				fprintf(stderr, "tlsstep: --step %s: expected a step number, 1 or more\n", optarg);
				return -1;
			}
			break;
		}
		case O_TRACE:
			o->tr.trace = true;
			break;
		case O_FIELDS:
			if (!strcmp(optarg, "all"))
				o->tr.all_fields = true;
			else if (strcmp(optarg, "main") != 0) {
				fprintf(stderr, "tlsstep: --fields %s: expected 'main' or 'all'\n", optarg);
				return -1;
			}
			break;
		case O_FORMULAS:
			o->tr.formulas = true;
			break;
		case ':':
			fprintf(stderr, "tlsstep: %s needs a value; see tlsstep --help\n", argv[optind - 1]);
			return -1;
		default:
			fprintf(stderr, "tlsstep: unknown option '%s'; see tlsstep --help\n", argv[optind - 1]);
			return -1;
		}
	}
	if (optind < argc)
		o->target = argv[optind++];
	if (o->plain && o->batch) {
		fprintf(stderr, "tlsstep: --plain steps through the run, --batch prints it whole: one or the other\n");
		return -1;
	}
	if (o->plain && ((o->json && !strcmp(o->json, "-")) || (o->keylog && !strcmp(o->keylog, "-")) ||
	                 (o->markdown && !strcmp(o->markdown, "-")))) {
		fprintf(stderr, "tlsstep: --plain talks on standard output; write the other output to a file\n");
		return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "tlsstep: one lesson or scenario at a time; '%s' is one too many\n", argv[optind]);
		return -1;
	}
	return 0;
}

static const char *assets_dir(void)
{
	const char *a = getenv("TLSSTEP_ASSETS");
	return a && *a ? a : TLSSTEP_ASSETS_DIR;
}

/*
 * --check: the file parses, every name in it is known, every credential it names
 * can be read (exit 2 otherwise); then the run goes as its [expect] says and a
 * lesson's words fit the run (exit 1 otherwise, each misfit with its line).
 */
static int check(const char *file)
{
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(lessons_dir(), file, &sc, err, sizeof(err)) ||
	    scenario_check_files(&sc, assets_dir(), err, sizeof(err))) {
		fprintf(stderr, "tlsstep: %s\n", err);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	struct run_options ro = { assets_dir(), sc.seed };
	if (timeline_run(&sc, &ro, &tl, err, sizeof(err))) {
		bool placed = sc.file && !strncmp(err, sc.file, strlen(sc.file)); /* a credential's error names file:line */
		fprintf(stderr, "tlsstep: %s%s%s\n", placed ? "" : file, placed ? "" : ": ", err);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	int rc = EXIT_EXPECTED;
	if (!tl.outcome.expected) {
		fprintf(stderr, "tlsstep: %s: the run does not go as [expect] says: %s\n", file, tl.outcome.summary);
		rc = EXIT_UNEXPECTED;
	}
	struct misfit m[16];
	size_t n = lesson_fit(&tl, m, sizeof(m) / sizeof(m[0]));
	for (size_t i = 0; i < n && i < sizeof(m) / sizeof(m[0]); i++)
		if (m[i].line)
			fprintf(stderr, "tlsstep: %s:%d: %s\n", sc.file ? sc.file : sc.source, m[i].line, m[i].text);
		else
			fprintf(stderr, "tlsstep: %s: %s\n", sc.file ? sc.file : sc.source, m[i].text);
	if (n > sizeof(m) / sizeof(m[0]))
		fprintf(stderr, "tlsstep: %s: and %zu more places where the lesson does not fit its run\n", file,
		        n - sizeof(m) / sizeof(m[0]));
	if (n)
		rc = EXIT_UNEXPECTED;
	if (rc == EXIT_EXPECTED)
		printf("%s: ok: %s (%zu fault%s, expects %s; the run does, in %zu steps%s)\n", file, sc.title, sc.nfaults,
		       sc.nfaults == 1 ? "" : "s", sc.expect.success ? "success" : "failure", tl.nsteps,
		       sc.lesson.title ? ", and the lesson fits it" : "");
	timeline_free(&tl);
	scenario_free(&sc);
	return rc;
}

static FILE *open_out(const char *path)
{
	if (!strcmp(path, "-"))
		return stdout;
	FILE *f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "tlsstep: %s: cannot write: %s\n", path, strerror(errno));
	return f;
}

/* One output file (or stdout for "-") written by an exporter; 0, or -1 after saying why. */
static int write_out(const char *path, int (*emit)(FILE *, const struct timeline *), const struct timeline *tl)
{
	FILE *f = open_out(path);
	if (!f)
		return -1;
	if (emit(f, tl) < 0 || (f != stdout && fclose(f))) {
		fprintf(stderr, "tlsstep: %s: write failed\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	memset(&o, 0, sizeof(o));
	if (parse(argc, argv, &o))
		return EXIT_USAGE;
	if (o.check)
		return check(o.check);

	struct scenario sc;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(lessons_dir(), o.target, &sc, err, sizeof(err))) {
		fprintf(stderr, "tlsstep: %s\n", err);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	uint64_t seed = o.seed_random ? rng_fresh_seed() : o.seed_given ? o.seed : sc.seed;
	if (o.seed_random)
		fprintf(stderr, "tlsstep: --seed random chose seed %" PRIu64 " (use it to replay this run)\n", seed);

	struct run_options ro = { assets_dir(), seed };
	struct timeline tl;
	int status = EXIT_USAGE;
	if (timeline_run(&sc, &ro, &tl, err, sizeof(err))) {
		fprintf(stderr, "tlsstep: %s\n", err);
		goto out;
	}
	if (o.step && (size_t)o.step > tl.nsteps) {
		fprintf(stderr, "tlsstep: --step %ld: this run has %zu steps\n", o.step, tl.nsteps);
		goto out_tl;
	}
	status = tl.outcome.expected ? EXIT_EXPECTED : EXIT_UNEXPECTED;
	if ((o.json && write_out(o.json, json_write, &tl)) || (o.keylog && write_out(o.keylog, keylog_write, &tl)) ||
	    (o.markdown && write_out(o.markdown, markdown_write, &tl)))
		status = EXIT_USAGE;
	if (o.pcap && pcap_write(o.pcap, &tl, err, sizeof(err))) {
		fprintf(stderr, "tlsstep: %s\n", err);
		status = EXIT_USAGE;
	}
	/* --plain: the step-through in plain lines, after any output files are written. */
	if (o.plain) {
		struct plain_start ps = { o.step ? (size_t)o.step : 0, 0 };
		if (plain_run(&tl, stdin, stdout, &ps))
			status = EXIT_USAGE;
		goto out_tl;
	}
	/* Without --batch or an output file, the run opens in the terminal UI. */
	if (!o.batch && !(o.json || o.keylog || o.pcap || o.markdown)) {
		struct ui_start us = { lessons_dir(), assets_dir(), o.target, o.step ? (size_t)o.step : 0 };
		int rc = ui_run(&tl, &sc, &us);
		if (rc)
			status = EXIT_USAGE;
		goto out_tl;
	}
	if (o.batch) {
		bool to_stdout_json = (o.json && !strcmp(o.json, "-")) || (o.keylog && !strcmp(o.keylog, "-")) ||
		                      (o.markdown && !strcmp(o.markdown, "-"));
		if (!to_stdout_json && transcript_write(stdout, &tl, &o.tr))
			status = EXIT_USAGE;
	}
out_tl:
	timeline_free(&tl);
out:
	scenario_free(&sc);
	if (fflush(stdout)) {
		fprintf(stderr, "tlsstep: writing to standard output failed: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	return status;
}
