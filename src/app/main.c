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
#include <sys/stat.h>
#include <unistd.h>

#include "app/about.h"
#include "app/datadir.h"
#include "app/open.h"
#include "config.h"
#include "engine/rng.h"
#include "export/escape.h"
#include "export/json.h"
#include "export/html.h"
#include "export/markdown.h"
#include "export/keylog.h"
#include "export/pcap.h"
#include "export/pcapng.h"
#include "util/outfile.h"
#include "util/pcaplib.h"
#include "export/transcript.h"
#include "lesson/catalog.h"
#include "model/chainwalk.h"
#include "model/eavesdrop.h"
#include "model/compare.h"
#include "model/fit.h"
#include "model/timeline.h"
#include "spec/scenario.h"
#include "ui/plain.h"
#include "ui/ui.h"
#include "app/compare.h"
#include "app/outputs.h"
#include "export/compare_json.h"
#include "export/compare_md.h"
#include "export/html_compare.h"

enum { EXIT_EXPECTED = 0, EXIT_UNEXPECTED = 1, EXIT_USAGE = 2 };

struct options {
	bool batch;
	bool plain;
	const char *json;
	const char *pcap;
	const char *pcapng;
	const char *keylog;
	const char *markdown;
	const char *html;
	const char *check;
	bool seed_random;
	uint64_t seed;
	bool seed_given;
	long step;
	bool trace;
	struct transcript_options tr;
	const char *target;
	const char *compare;    /* --compare A: A, compared with the target (B) or with itself at --seed2 */
	uint64_t seed2;
	bool seed2_given;
	const char *open;          /* --open CAPTURE (app/open.c) */
	bool list_connections;
	long connection;
	const char *server_key;    /* --server-key FILE (a capture's TLS 1.2 RSA key exchange) */
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
	        "                         (with --seed N, the run of that seed)\n"
	        "  --batch                no UI: print the annotated transcript to stdout\n"
	        "  --plain                step through in plain lines, commands read a line at a time\n"
	        "                         (a screen reader, a serial console, a pipe); ? lists them\n"
	        "  --json FILE|-          write the whole run as JSON\n"
	        "  --pcap FILE            write the run as a capture Wireshark opens (with --keylog: decrypted)\n"
	        "  --pcapng FILE          the capture with its key log inside: Wireshark opens it decrypted\n"
	        "  --keylog FILE          write the secrets in the NSS key log format (Wireshark, tshark)\n"
	        "  --markdown FILE|-      a handout of the run in Markdown (a lesson's words, checkpoints\n"
	        "                         with their answers folded away, fields and secrets)\n"
	        "  --html FILE|-          the run as one web page: every byte marked with its field, the\n"
	        "                         narration, the secrets and their checks (style and script inline)\n"
	        "  --seed N|random        reproducible by default (the scenario's seed); 'random' draws a\n"
	        "                         fresh seed and prints it, so that run can be replayed too\n"
	        "  --step N               open at step N (deep link); with --compare, at row N\n"
	        "  --compare A [B]        run A and B (bundled names or files) and show them side by side,\n"
	        "                         aligned by what each message does (B left out: a two-run\n"
	        "                         lesson's own 'compare = NAME'); with --batch, --plain, --json\n"
	        "                         --markdown or --html: the aligned transcript, row by row, the\n"
	        "                         comparison, a handout, a page\n"
	        "  --seed2 N              with --compare: B's seed (--seed sets both); with --compare A\n"
	        "                         alone, B is A again with seed N\n"
	        "  --trace                with --batch: each end's state changes, like openssl s_client -state\n"
	        "  --fields main|all      with --batch: the main fields (default) or every field, whole\n"
	        "  --formulas             with --batch: how each secret is derived, with its inputs, and\n"
	        "                         a recipe (python3, openssl) that recomputes it\n"
	        "  --version, --help\n"
	        "\n"
	        "A capture of your own (pcap or pcapng, from any TLS stack; also given as LESSON-OR-SCENARIO):\n"
	        "  --open CAPTURE         read its TLS connections; --keylog FILE then reads the NSS key log\n"
	        "                         written while it was taken (SSLKEYLOGFILE)\n"
	        "  --list-connections     with --open: number, client, server, SNI, version, suite, keys\n"
	        "  --connection N         with --open: the connection to step through (else the only one; the UI\n"
	        "                         offers a menu of several)\n"
	        "  --server-key FILE      with --open: the server's private key (PEM): a TLS 1.2 RSA key exchange\n"
	        "                         is then decrypted without a key log\n"
	        "  With --open, --batch, --json, --markdown, --html, --plain and the UI step through it.\n"
	        "\n"
	        "Exit status: 0 the run went as the scenario expects, 1 it did not, 2 bad usage or input.\n");
}

static const char *lessons_dir(void)
{
	return datadir_lessons();
}

/*
 * Every exit goes through here: output that sat in stdout's buffer is written now, so
 * a full disk or a closed pipe (`--list >/dev/full`) is a failure said on stderr, exit
 * 2, never a silent 0.
 */
static int finish(int status)
{
	errno = 0;
	bool bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno ? errno : EIO;
	if (fclose(stdout) && !bad) {
		bad = true;
		e = errno ? errno : EIO;
	}
	if (bad) {
		fprintf(stderr, "tlsstep: cannot write standard output: %s\n", strerror(e));
		return EXIT_USAGE;
	}
	return status;
}

/* The bundled titles come from files: rendered whole, then escaped (export/escape.h). */
static int list(void)
{
	char err[512], *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int n = m ? catalog_list(lessons_dir(), m, err, sizeof(err)) : -1;
	if (m && fclose(m))
		n = -1;
	if (n < 0) {
		escape_printf(stderr, "tlsstep: %s\n", m ? err : "out of memory");
		free(text);
		return EXIT_USAGE;
	}
	/* Written whole (util/outfile.h): a list longer than stdout's buffer would fail in the middle,
	 * and the system's reason would be lost by the time finish() looks. */
	char *out = NULL;
	size_t olen = 0;
	FILE *e = open_memstream(&out, &olen);
	int rc = e ? escape_write(e, text, len) : -1;
	if (e && fclose(e))
		rc = -1;
	free(text);
	snprintf(err, sizeof(err), "out of memory");
	if (rc == 0)
		rc = outfile_write("-", out, olen, 0, err, sizeof(err));
	free(out);
	if (rc) {
		fprintf(stderr, "tlsstep: cannot write standard output: %s\n", err);
		return EXIT_USAGE;
	}
	return EXIT_EXPECTED;
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

/* What --compare goes with, and what it does not. */
/* The output given as "-" (standard output), or NULL: at most one may be (app/outputs.c). */
static const char *stdout_output(const struct options *o)
{
	const char *const outs[] = { o->json, o->keylog, o->pcap, o->pcapng, o->markdown, o->html };
	for (size_t i = 0; i < sizeof(outs) / sizeof(outs[0]); i++)
		if (outs[i] && !strcmp(outs[i], "-"))
			return outs[i];
	return NULL;
}

static int parse_compare(const struct options *o)
{
	if (!o->compare) {
		fprintf(stderr, "tlsstep: --seed2 gives the second run of a comparison; use it with --compare A\n");
		return -1;
	}
	const char *alone = o->pcap ? "--pcap" : o->pcapng ? "--pcapng" : o->keylog ? "--keylog" : o->check ? "--check" : NULL;
	if (alone) {
		fprintf(stderr, "tlsstep: %s takes one run; with --compare use --batch, --plain, --json, --markdown or --html "
		                "(or run each alone with %s)\n", alone, alone);
		return -1;
	}
	if (o->tr.trace || o->tr.all_fields || o->tr.formulas) {
		fprintf(stderr, "tlsstep: --trace, --fields and --formulas are for one run's transcript; "
		                "--compare prints what differs\n");
		return -1;
	}
	return 0;
}

static int parse(int argc, char **argv, struct options *o)
{
	enum { O_LIST = 256, O_CHECK, O_BATCH, O_PLAIN, O_JSON, O_PCAP, O_PCAPNG, O_KEYLOG, O_MARKDOWN, O_HTML, O_SEED, O_STEP,
	       O_TRACE, O_FIELDS, O_FORMULAS, O_VERSION, O_HELP, O_COMPARE, O_SEED2, O_OPEN, O_LIST_CONNECTIONS, O_CONNECTION,
	       O_SERVER_KEY };
	static const struct option longs[] = {
		{ "list", no_argument, NULL, O_LIST },
		{ "check", required_argument, NULL, O_CHECK },
		{ "batch", no_argument, NULL, O_BATCH },
		{ "plain", no_argument, NULL, O_PLAIN },
		{ "json", required_argument, NULL, O_JSON },
		{ "pcap", required_argument, NULL, O_PCAP },
		{ "pcapng", required_argument, NULL, O_PCAPNG },
		{ "keylog", required_argument, NULL, O_KEYLOG },
		{ "markdown", required_argument, NULL, O_MARKDOWN },
		{ "html", required_argument, NULL, O_HTML },
		{ "seed", required_argument, NULL, O_SEED },
		{ "step", required_argument, NULL, O_STEP },
		{ "trace", no_argument, NULL, O_TRACE },
		{ "fields", required_argument, NULL, O_FIELDS },
		{ "formulas", no_argument, NULL, O_FORMULAS },
		{ "compare", required_argument, NULL, O_COMPARE },
		{ "seed2", required_argument, NULL, O_SEED2 },
		{ "version", no_argument, NULL, O_VERSION },
		{ "help", no_argument, NULL, O_HELP },
		{ "open", required_argument, NULL, O_OPEN },
		{ "list-connections", no_argument, NULL, O_LIST_CONNECTIONS },
		{ "connection", required_argument, NULL, O_CONNECTION },
		{ "server-key", required_argument, NULL, O_SERVER_KEY },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case O_LIST:
			exit(finish(list()));
		case O_VERSION:
			about_version(stdout);
			exit(finish(EXIT_EXPECTED));
		case O_HELP:
			usage(stdout);
			exit(finish(EXIT_EXPECTED));
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
		case O_PCAPNG:
			o->pcapng = optarg;
			break;
		case O_KEYLOG:
			o->keylog = optarg;
			break;
		case O_MARKDOWN:
			o->markdown = optarg;
			break;
		case O_HTML:
			o->html = optarg;
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
		case O_COMPARE:
			o->compare = optarg;
			break;
		case O_SEED2:
			o->seed2_given = true;
			if (!parse_u64(optarg, &o->seed2)) {
				fprintf(stderr, "tlsstep: --seed2 %s: expected a whole number from 0 to 18446744073709551615\n",
				        optarg);
				return -1;
			}
			break;
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
		case O_OPEN:
			o->open = optarg;
			break;
		case O_LIST_CONNECTIONS:
			o->list_connections = true;
			break;
		case O_SERVER_KEY:
			o->server_key = optarg;
			break;
		case O_CONNECTION: {
			char *end;
			errno = 0;
			o->connection = strtol(optarg, &end, 10);
			if (errno || *end || o->connection < 1) {
				fprintf(stderr, "tlsstep: --connection %s: expected a connection number, 1 or more\n", optarg);
				return -1;
			}
			break;
		}
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
	if ((o->list_connections || o->connection || o->server_key) && !o->open && !(o->target && open_is_capture(o->target))) {
		fprintf(stderr, "tlsstep: %s reads a capture: give it with --open CAPTURE\n",
		        o->list_connections ? "--list-connections" : o->connection ? "--connection" : "--server-key");
		return -1;
	}
	if (o->plain && o->batch) {
		fprintf(stderr, "tlsstep: --plain steps through the run, --batch prints it whole: one or the other\n");
		return -1;
	}
	if (o->plain && stdout_output(o)) {
		fprintf(stderr, "tlsstep: --plain talks on standard output; write the other output to a file\n");
		return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "tlsstep: one lesson or scenario at a time; '%s' is one too many\n", argv[optind]);
		return -1;
	}
	return o->compare || o->seed2_given ? parse_compare(o) : 0;
}

static const char *assets_dir(void)
{
	return datadir_assets();
}

/*
 * --check of a two-run lesson (`compare = NAME` in [lesson]): the second run loads, its
 * credentials open (exit 2 otherwise, said with the lesson's file:line) and it goes as its
 * own [expect] says (exit 1 otherwise). 0 when there is none.
 */
static int check_compare(const struct scenario *sc, struct timeline *a, const char *file, const uint64_t *seed)
{
	const struct lesson *l = &sc->lesson;
	if (!l->compare)
		return EXIT_EXPECTED;
	struct scenario b;
	struct timeline tl;
	char err[512];
	const char *where = sc->file ? sc->file : file;
	int rc = EXIT_USAGE;
	scenario_init(&b);
	if (catalog_load(lessons_dir(), l->compare, &b, err, sizeof(err)) ||
	    scenario_check_files(&b, assets_dir(), err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s:%d: compare = %s: %s\n", where, l->compare_line, l->compare, err);
		goto out;
	}
	struct run_options ro = { assets_dir(), seed ? *seed : b.seed }; /* --seed N: both runs with it */
	if (timeline_run(&b, &ro, &tl, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s:%d: compare = %s: %s\n", where, l->compare_line, l->compare, err);
		goto out;
	}
	rc = EXIT_EXPECTED;
	if (!tl.outcome.expected) {
		escape_printf(stderr, "tlsstep: %s:%d: compare = %s: that run does not go as its [expect] says: %s\n", where,
		              l->compare_line, l->compare, tl.outcome.summary);
		rc = EXIT_UNEXPECTED;
	}
	/* The [row N] words: each row of the comparison is one the lesson can speak of, each placeholder names a value. */
	struct comparison c;
	timeline_ensure_all(a); /* the comparison reads every field of both runs */
	timeline_ensure_all(&tl);
	comparison_build(&c, a, &tl);
	comparison_add_words(&c);
	for (size_t i = 0; i < c.nword_errors; i++) {
		escape_printf(stderr, "tlsstep: %s:%d: %s\n", where, c.word_errors[i].line, c.word_errors[i].text);
		rc = EXIT_UNEXPECTED;
	}
	comparison_free(&c);
	timeline_free(&tl);
out:
	scenario_free(&b);
	return rc;
}

/*
 * --check: the file parses, every name in it is known, every credential it names
 * can be read (exit 2 otherwise); then the run goes as its [expect] says and a
 * lesson's words fit the run (exit 1 otherwise, each misfit with its line).
 */
static int check(const char *file, const uint64_t *seed)
{
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(lessons_dir(), file, &sc, err, sizeof(err)) ||
	    scenario_check_files(&sc, assets_dir(), err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	struct run_options ro = { assets_dir(), seed ? *seed : sc.seed }; /* --seed N: do the words fit that run too? */
	if (timeline_run(&sc, &ro, &tl, err, sizeof(err))) {
		bool placed = sc.file && !strncmp(err, sc.file, strlen(sc.file)); /* a credential's error names file:line */
		escape_printf(stderr, "tlsstep: %s%s%s\n", placed ? "" : file, placed ? "" : ": ", err);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	int rc = EXIT_EXPECTED;
	if (!tl.outcome.expected) {
		escape_printf(stderr, "tlsstep: %s: the run does not go as [expect] says: %s\n", file, tl.outcome.summary);
		rc = EXIT_UNEXPECTED;
	}
	struct misfit m[16];
	size_t n = lesson_fit(&tl, m, sizeof(m) / sizeof(m[0]));
	for (size_t i = 0; i < n && i < sizeof(m) / sizeof(m[0]); i++)
		if (m[i].line)
			escape_printf(stderr, "tlsstep: %s:%d: %s\n", sc.file ? sc.file : sc.source, m[i].line, m[i].text);
		else
			escape_printf(stderr, "tlsstep: %s: %s\n", sc.file ? sc.file : sc.source, m[i].text);
	if (n > sizeof(m) / sizeof(m[0]))
		escape_printf(stderr, "tlsstep: %s: and %zu more places where the lesson does not fit its run\n", file,
		        n - sizeof(m) / sizeof(m[0]));
	if (n)
		rc = EXIT_UNEXPECTED;
	int pair = check_compare(&sc, &tl, file, seed);
	if (pair != EXIT_EXPECTED && rc != EXIT_USAGE)
		rc = pair;
	if (rc == EXIT_EXPECTED)
		escape_printf(stdout, "%s: ok: %s (%zu fault%s, expects %s; the run does, in %zu steps%s)\n", file, sc.title, sc.nfaults,
		       sc.nfaults == 1 ? "" : "s", sc.expect.success ? "success" : "failure", tl.nsteps,
		       sc.lesson.title ? ", and the lesson fits it" : "");
	if (rc == EXIT_EXPECTED && sc.lesson.compare)
		escape_printf(stdout, "%s: ok: its second run, compare = %s, goes as its [expect] says too%s\n", file,
		              sc.lesson.compare, sc.lesson.nrows ? ", and the [row N] words fit the pair" : "");
	timeline_free(&tl);
	scenario_free(&sc);
	return rc;
}

struct batch_args {
	const struct timeline *tl;
	const struct transcript_options *tr;
};

static int render_batch(FILE *m, const void *arg)
{
	const struct batch_args *a = arg;
	return transcript_write(m, a->tl, a->tr);
}

/* --batch: the transcript, written as every output is (app/outputs.h). */
static int batch(const struct timeline *tl, const struct transcript_options *tr)
{
	struct batch_args a = { tl, tr };
	return write_transcript("--batch", render_batch, &a);
}

/* --compare: A against B (the target) or against itself with --seed2. */
static int compare(const struct options *o)
{
	struct output outs[3];
	size_t nout = 0;
	if (o->json)
		outs[nout++] = (struct output){ "--json", o->json, "JSON", ".json", NULL, compare_json_write, OUTFILE_SECRET };
	if (o->markdown)
		outs[nout++] = (struct output){ "--markdown", o->markdown, "handout", ".md", NULL, compare_markdown_write, 0 };
	if (o->html)
		outs[nout++] = (struct output){ "--html", o->html, "web page", ".html", NULL, html_compare_write, 0 };
	uint64_t seed = o->seed;
	if (o->seed_random) {
		seed = rng_fresh_seed();
		fprintf(stderr, "tlsstep: --seed random chose seed %" PRIu64 " (use it to replay this run)\n", seed);
	}
	struct compare_request rq = { o->compare, o->target, seed, o->seed2, o->seed_given, o->seed2_given, o->batch,
		                      o->plain, outs, nout, o->step ? (size_t)o->step : 0, lessons_dir(), assets_dir() };
	return app_compare(&rq);
}

/* keylog_write returns a count of lines; as an output it is written or not. */
static int emit_keylog(FILE *f, const struct timeline *tl)
{
	return keylog_write(f, tl) < 0 ? -1 : 0;
}

/* --open: the options that apply to a capture, the others refused by name; 0 when they fit. */
static int open_refuses(const struct options *o)
{
	if (o->open && o->target) {
		fprintf(stderr, "tlsstep: --open reads one capture; '%s' is one too many\n", o->target);
		return EXIT_USAGE;
	}
	const char *unsupported = o->pcap ? "--pcap" : o->pcapng ? "--pcapng" : o->seed_given ? "--seed" : NULL;
	if (unsupported) {
		fprintf(stderr, "tlsstep: %s does not apply to a capture: it is read, not made; --open takes --keylog "
		                "(a key log to read), --connection, --list-connections, --batch, --json, --markdown, "
		                "--html, --plain and --step\n", unsupported);
		return EXIT_USAGE;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	memset(&o, 0, sizeof(o));
	if (parse(argc, argv, &o))
		return finish(EXIT_USAGE);
	if (o.check) {
		if (o.seed_random) {
			o.seed = rng_fresh_seed();
			fprintf(stderr, "tlsstep: --seed random chose seed %" PRIu64 " (use it to replay this run)\n", o.seed);
		}
		return finish(check(o.check, o.seed_given ? &o.seed : NULL));
	}
	if (o.compare)
		return finish(compare(&o));
	/* A capture, by --open or by its magic number: --keylog is then a key log to read. */
	bool capture = o.open || (o.target && open_is_capture(o.target));
	if (capture && open_refuses(&o))
		return finish(EXIT_USAGE);
	struct output outs[6];
	size_t nout = 0;
	if (o.json)
		outs[nout++] = (struct output){ "--json", o.json, "JSON", ".json", json_write, NULL, OUTFILE_SECRET };
	if (o.pcap)
		outs[nout++] = (struct output){ "--pcap", o.pcap, "capture", ".pcap", pcap_write, NULL, 0 };
	if (o.pcapng) /* the capture and its key log: a secret, as the key log is */
		outs[nout++] = (struct output){ "--pcapng", o.pcapng, "capture with its key log", ".pcapng", pcapng_write,
			                        NULL, OUTFILE_SECRET };
	if (o.keylog && !capture)
		outs[nout++] = (struct output){ "--keylog", o.keylog, "key log", ".keys", emit_keylog, NULL, OUTFILE_SECRET };
	if (o.markdown)
		outs[nout++] = (struct output){ "--markdown", o.markdown, "handout", ".md", markdown_write, NULL, 0 };
	if (o.html)
		outs[nout++] = (struct output){ "--html", o.html, "web page", ".html", html_write, NULL, 0 };

	struct scenario sc;
	struct timeline tl;
	char err[512];
	int status = EXIT_USAGE;
	struct ui_capture menu = { 0 };
	if (capture) {
		const char *file = o.open ? o.open : o.target;
		bool ui = !o.batch && !o.plain && !(o.json || o.markdown || o.html);
		struct open_options oo = { file, o.keylog, o.connection, o.list_connections, o.batch, ui, o.server_key };
		bool built = false;
		if (outputs_sound(outs, nout, NULL, file, lessons_dir(), assets_dir()))
			return finish(EXIT_USAGE);
		for (size_t i = 0; i < nout; i++)
			if (o.keylog && strcmp(outs[i].path, "-") && !strcmp(outs[i].path, o.keylog)) {
				fprintf(stderr, "tlsstep: %s %s: that is the key log this capture is read with\n", outs[i].option,
				        outs[i].path);
				return finish(EXIT_USAGE);
			}
		status = open_run(&oo, &tl, &sc, &built, &menu);
		if (!built)
			return finish(status);
		o.keylog = NULL; /* read, not written */
		goto deliver;
	}
	scenario_init(&sc);
	if (catalog_load(lessons_dir(), o.target, &sc, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		scenario_free(&sc);
		return finish(EXIT_USAGE);
	}
	if (outputs_sound(outs, nout, &sc, o.target, lessons_dir(), assets_dir())) {
		scenario_free(&sc);
		return finish(EXIT_USAGE);
	}
	/* libpcap is loaded only for a capture (util/pcaplib.h); without it, say so before the run. */
	if (o.pcap && !pcaplib_load(err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: --pcap %s: cannot write capture: %s\n", o.pcap, err);
		scenario_free(&sc);
		return finish(EXIT_USAGE);
	}
	uint64_t seed = o.seed_random ? rng_fresh_seed() : o.seed_given ? o.seed : sc.seed;
	if (o.seed_random)
		fprintf(stderr, "tlsstep: --seed random chose seed %" PRIu64 " (use it to replay this run)\n", seed);

	struct run_options ro = { assets_dir(), seed };
	if (timeline_run(&sc, &ro, &tl, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		goto out;
	}
	status = tl.outcome.expected ? EXIT_EXPECTED : EXIT_UNEXPECTED;
deliver:
	if (o.step && (size_t)o.step > tl.nsteps) {
		fprintf(stderr, "tlsstep: --step %ld: this run has %zu steps\n", o.step, tl.nsteps);
		status = EXIT_USAGE;
		goto out_tl;
	}
	/* The passes that compute only when asked (model/timeline.h): these outputs show the whole
	 * run, recipes included; --batch shows them only with --formulas; the key log and the
	 * capture show none of it; the TUI asks for each itself when a frame shows it. */
	if (o.json || o.markdown || o.html || o.plain || (o.batch && o.tr.formulas)) {
		timeline_ensure_all(&tl);
	} else if (o.batch) {
		eavesdrop_ensure(&tl, 0);
		chainwalk_ensure(&tl, 0);
	}
	if (write_outputs(outs, nout, &tl, NULL))
		status = EXIT_USAGE;
	/* --plain: the step-through in plain lines, after any output files are written. */
	if (o.plain) {
		struct plain_start ps = { o.step ? (size_t)o.step : 0, 0 };
		if (plain_run(&tl, stdin, stdout, &ps))
			status = EXIT_USAGE;
		goto out_tl;
	}
	/* Without --batch or an output file, the run opens in the terminal UI. */
	if (!o.batch && !(o.json || o.keylog || o.pcap || o.pcapng || o.markdown || o.html)) {
		struct ui_start us = { lessons_dir(), assets_dir(), o.target, o.step ? (size_t)o.step : 0,
			               menu.n ? &menu : NULL };
		int rc = ui_run(&tl, &sc, &us);
		if (rc)
			status = EXIT_USAGE;
		goto out_tl;
	}
	if (o.batch) {
		/* An output written to standard output takes it: the transcript would corrupt it. */
		if (!stdout_output(&o) && batch(&tl, &o.tr))
			status = EXIT_USAGE;
	}
out_tl:
	open_menu_free(&menu); /* a capture's other connections (tl is the first) */
	timeline_free(&tl);
out:
	scenario_free(&sc);
	return finish(status);
}
