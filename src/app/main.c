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

#include "app/open.h"
#include "config.h"
#include "engine/rng.h"
#include "export/escape.h"
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
#include "util/outfile.h"

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
	const char *open;          /* --open CAPTURE (app/open.c) */
	bool list_connections;
	long connection;
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
	        "A capture of your own (pcap or pcapng, from any TLS stack; also given as LESSON-OR-SCENARIO):\n"
	        "  --open CAPTURE         read its TLS connections; --keylog FILE then reads the NSS key log\n"
	        "                         written while it was taken (SSLKEYLOGFILE)\n"
	        "  --list-connections     with --open: number, client, server, SNI, version, suite, keys\n"
	        "  --connection N         with --open: the connection to step through\n"
	        "\n"
	        "Exit status: 0 the run went as the scenario expects, 1 it did not, 2 bad usage or input.\n");
}

static const char *lessons_dir(void)
{
	const char *d = getenv("TLSSTEP_LESSONS");
	return d && *d ? d : TLSSTEP_LESSONS_DIR;
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
	escape_write(stdout, text, len);
	free(text);
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

static int parse(int argc, char **argv, struct options *o)
{
	enum { O_LIST = 256, O_CHECK, O_BATCH, O_PLAIN, O_JSON, O_PCAP, O_KEYLOG, O_MARKDOWN, O_SEED, O_STEP, O_TRACE,
	       O_FIELDS, O_FORMULAS, O_VERSION, O_HELP, O_OPEN, O_LIST_CONNECTIONS, O_CONNECTION };
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
		{ "open", required_argument, NULL, O_OPEN },
		{ "list-connections", no_argument, NULL, O_LIST_CONNECTIONS },
		{ "connection", required_argument, NULL, O_CONNECTION },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
		switch (c) {
		case O_LIST:
			exit(finish(list()));
		case O_VERSION:
			printf("tlsstep %s\n", TLSSTEP_VERSION);
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
		case O_OPEN:
			o->open = optarg;
			break;
		case O_LIST_CONNECTIONS:
			o->list_connections = true;
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
	if ((o->list_connections || o->connection) && !o->open && !(o->target && open_is_capture(o->target))) {
		fprintf(stderr, "tlsstep: %s reads a capture: give it with --open CAPTURE\n",
		        o->list_connections ? "--list-connections" : "--connection");
		return -1;
	}
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
		escape_printf(stderr, "tlsstep: %s\n", err);
		scenario_free(&sc);
		return EXIT_USAGE;
	}
	struct run_options ro = { assets_dir(), sc.seed };
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
	if (rc == EXIT_EXPECTED)
		escape_printf(stdout, "%s: ok: %s (%zu fault%s, expects %s; the run does, in %zu steps%s)\n", file, sc.title, sc.nfaults,
		       sc.nfaults == 1 ? "" : "s", sc.expect.success ? "success" : "failure", tl.nsteps,
		       sc.lesson.title ? ", and the lesson fits it" : "");
	timeline_free(&tl);
	scenario_free(&sc);
	return rc;
}

/* One output the command line asks for. */
struct output {
	const char *option;     /* "--json" */
	const char *path;       /* as given; "-" is standard output */
	const char *what;       /* for messages: "JSON" */
	const char *suffix;     /* what to call the file instead, when the name is an input's */
	int (*emit)(FILE *, const struct timeline *);
	/* The key log is the run's secrets and nothing else, and the JSON holds every one
	 * of them too (each step's "secrets", the "secrets" object): both are created 0600,
	 * as tools that read key logs expect. The capture is what an eavesdropper on the
	 * wire saw, and the handout is made to be handed out: the usual mode. */
	unsigned flags;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* An input of the run: the scenario or lesson file, and each credential file it names. */
struct input {
	char path[1200];
	const char *what;
};

static size_t inputs_of(const struct scenario *sc, const char *target, struct input *in, size_t cap)
{
	size_t n = 0;
	const char *t = target ? target : CATALOG_DEFAULT;
	/* A bundled name is one of two files in the lessons folder (lesson/catalog.c); both are checked. */
	if (strchr(t, '/') || ends_with(t, ".scenario") || ends_with(t, ".lesson")) {
		snprintf(in[n].path, sizeof(in[n].path), "%s", t);
		in[n++].what = ends_with(t, ".lesson") ? "the lesson file this run reads" : "the scenario file this run reads";
	} else {
		snprintf(in[n].path, sizeof(in[n].path), "%s/%s.lesson", lessons_dir(), t);
		in[n++].what = "the lesson file this run reads";
		snprintf(in[n].path, sizeof(in[n].path), "%s/scenarios/%s.scenario", lessons_dir(), t);
		in[n++].what = "the scenario file this run reads";
	}
	const struct endpoint_spec *ends[2] = { &sc->client, &sc->server };
	for (int e = 0; e < 2; e++) {
		const char *names[3] = { ends[e]->cert, ends[e]->key, ends[e]->ca };
		static const char *const whats[3] = { "a certificate this run reads", "a private key this run reads",
			                              "a CA certificate this run reads" };
		for (int k = 0; k < 3 && n < cap; k++)
			if (names[k]) {
				scenario_credential_path(names[k], assets_dir(), in[n].path, sizeof(in[n].path));
				in[n++].what = whats[k];
			}
	}
	return n;
}

/*
 * An output must not destroy what the run reads, nor another output: refuses a name
 * ending in .scenario or .lesson (`--markdown week4.lesson`, the output file forgotten),
 * the same file as an input (also through a symbolic or hard link), and two outputs
 * to one file (both "-" included). Returns 0, or -1 after saying which and why.
 */
static int outputs_sound(const struct output *out, size_t nout, const struct scenario *sc, const char *target)
{
	struct input in[2 + 6];
	size_t nin = inputs_of(sc, target, in, sizeof(in) / sizeof(in[0]));
	static struct outfile_id id[4], iid;
	for (size_t i = 0; i < nout; i++) {
		const struct output *o = &out[i];
		if (ends_with(o->path, ".scenario") || ends_with(o->path, ".lesson")) {
			escape_printf(stderr, "tlsstep: %s %s: that names a %s file, which tlsstep reads and never writes; "
			              "give the %s a name of its own (ending in %s)\n", o->option, o->path,
			              ends_with(o->path, ".lesson") ? "lesson" : "scenario", o->what, o->suffix);
			return -1;
		}
		outfile_identify(o->path, &id[i]);
		for (size_t k = 0; id[i].exists && k < nin; k++) {
			outfile_identify(in[k].path, &iid);
			if (iid.exists && outfile_same(&id[i], &iid)) {
				escape_printf(stderr, "tlsstep: %s %s: that is %s (%s); writing there would destroy it\n",
				              o->option, o->path, in[k].what, in[k].path);
				return -1;
			}
		}
		for (size_t k = 0; k < i; k++)
			if (outfile_same(&id[i], &id[k]) || (!strcmp(o->path, "-") && !strcmp(out[k].path, "-"))) {
				escape_printf(stderr, "tlsstep: %s %s: %s already writes %s; give each output its own file\n",
				              o->option, o->path, out[k].option,
				              !strcmp(out[k].path, "-") ? "to standard output" : "there");
				return -1;
			}
	}
	return 0;
}

/*
 * Writes every output, each whole or not at all (util/outfile.h), going on after a
 * failure so that one bad path costs only its own file. Returns how many failed,
 * each said with its option, path and the system's reason.
 */
static int write_outputs(const struct output *out, size_t nout, const struct timeline *tl)
{
	int failed = 0;
	for (size_t i = 0; i < nout; i++) {
		const struct output *o = &out[i];
		char *bytes = NULL, err[600];
		size_t len = 0;
		FILE *m = open_memstream(&bytes, &len);
		int rc = m ? o->emit(m, tl) : -1;
		if (m && fclose(m))
			rc = -1;
		if (rc < 0)
			snprintf(err, sizeof(err), "out of memory");
		else
			rc = outfile_write(o->path, bytes, len, o->flags, err, sizeof(err));
		free(bytes);
		if (rc < 0) {
			escape_printf(stderr, "tlsstep: %s %s: cannot write %s: %s\n", o->option, o->path, o->what, err);
			failed++;
		}
	}
	if (failed > 1)
		fprintf(stderr, "tlsstep: %d of the %zu outputs were not written\n", failed, nout);
	return failed;
}

/* --batch: the transcript made whole, then written as every output is, so a failure names its reason. */
static int batch(const struct timeline *tl, const struct transcript_options *tr)
{
	char *text = NULL, err[600] = "out of memory";
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int rc = m ? transcript_write(m, tl, tr) : -1;
	if (m && fclose(m))
		rc = -1;
	if (rc == 0)
		rc = outfile_write("-", text, len, 0, err, sizeof(err));
	free(text);
	if (rc)
		fprintf(stderr, "tlsstep: --batch: cannot write the transcript: %s\n", err);
	return rc;
}

/* keylog_write returns a count of lines; as an output it is written or not. */
static int emit_keylog(FILE *f, const struct timeline *tl)
{
	return keylog_write(f, tl) < 0 ? -1 : 0;
}

/* --open: the options that apply to a capture, the others refused by name. */
static int open_capture(const struct options *o)
{
	const char *capture = o->open ? o->open : o->target;
	if (o->open && o->target) {
		fprintf(stderr, "tlsstep: --open reads one capture; '%s' is one too many\n", o->target);
		return EXIT_USAGE;
	}
	const char *unsupported = o->json ? "--json" : o->pcap ? "--pcap" : o->markdown ? "--markdown" : o->plain ? "--plain"
	                        : o->step ? "--step" : o->seed_given ? "--seed" : NULL;
	if (unsupported) {
		fprintf(stderr, "tlsstep: %s does not apply to a capture yet; --open takes --keylog, --connection, "
		                "--list-connections and --batch\n", unsupported);
		return EXIT_USAGE;
	}
	struct open_options oo = { capture, o->keylog, o->connection, o->list_connections, o->batch };
	return open_run(&oo);
}

int main(int argc, char **argv)
{
	struct options o;
	memset(&o, 0, sizeof(o));
	if (parse(argc, argv, &o))
		return finish(EXIT_USAGE);
	if (o.check)
		return finish(check(o.check));
	/* A capture, by --open or by its magic number: --keylog is then a key log to read. */
	if (o.open || (o.target && open_is_capture(o.target)))
		return finish(open_capture(&o));
	struct output outs[4];
	size_t nout = 0;
	if (o.json)
		outs[nout++] = (struct output){ "--json", o.json, "JSON", ".json", json_write, OUTFILE_SECRET };
	if (o.pcap)
		outs[nout++] = (struct output){ "--pcap", o.pcap, "capture", ".pcap", pcap_write, 0 };
	if (o.keylog)
		outs[nout++] = (struct output){ "--keylog", o.keylog, "key log", ".keys", emit_keylog, OUTFILE_SECRET };
	if (o.markdown)
		outs[nout++] = (struct output){ "--markdown", o.markdown, "handout", ".md", markdown_write, 0 };

	struct scenario sc;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(lessons_dir(), o.target, &sc, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		scenario_free(&sc);
		return finish(EXIT_USAGE);
	}
	if (outputs_sound(outs, nout, &sc, o.target)) {
		scenario_free(&sc);
		return finish(EXIT_USAGE);
	}
	uint64_t seed = o.seed_random ? rng_fresh_seed() : o.seed_given ? o.seed : sc.seed;
	if (o.seed_random)
		fprintf(stderr, "tlsstep: --seed random chose seed %" PRIu64 " (use it to replay this run)\n", seed);

	struct run_options ro = { assets_dir(), seed };
	struct timeline tl;
	int status = EXIT_USAGE;
	if (timeline_run(&sc, &ro, &tl, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		goto out;
	}
	if (o.step && (size_t)o.step > tl.nsteps) {
		fprintf(stderr, "tlsstep: --step %ld: this run has %zu steps\n", o.step, tl.nsteps);
		goto out_tl;
	}
	status = tl.outcome.expected ? EXIT_EXPECTED : EXIT_UNEXPECTED;
	if (write_outputs(outs, nout, &tl))
		status = EXIT_USAGE;
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
		if (!to_stdout_json && batch(&tl, &o.tr))
			status = EXIT_USAGE;
	}
out_tl:
	timeline_free(&tl);
out:
	scenario_free(&sc);
	return finish(status);
}
