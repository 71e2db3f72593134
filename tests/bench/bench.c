/*
 * tests/bench/bench.c — measured, not timed tests: each figure beside its budget
 * (issue 15), medians over repeated, interleaved runs on this machine.
 *
 *   bench [--runs N] [--proc-runs N] [--ui-runs N] [--no-valgrind]
 *
 * 1. In one process: a full tlsstep run (engine with capture, decoding, every
 *    re-derivation and proof, the timeline) against the engine's bare handshake
 *    of the same two configurations over the same pipe. Budget: the CPU time of
 *    all threads, ratio <= 1.10 (what the work costs wherever it ran; the wall
 *    ratio beside it moves with what else the machine does).
 * 2. Whole processes, as a user pays (process start, loading, output):
 *    `tlsstep --batch NAME` and `tlsstep --json /dev/null NAME` against `bare NAME`
 *    (tests/bench/bare.c: the same handshake with mbed TLS alone, one process).
 *    CPU time of all threads and wall time; where valgrind is installed, the
 *    instruction counts too (they do not move with the machine's load), and the
 *    budget is judged on them; otherwise on CPU time. Budgets for --json: 1.12
 *    (tls12-ecdhe-rsa, tls13), 1.35 (tls12-ecdhe-ecdsa: its third ECDSA
 *    verification is inherent), 1.25 (the others).
 * 3. 1 MB of application data each way (tls12-ecdhe-rsa's configuration, a file
 *    this program writes): the --json process against the bare handshake process
 *    (budget 10x) and, for reference, against bare with the same data; its peak
 *    resident memory (budget 64 MB); the key press that lands on its largest step
 *    in the UI at 100x30 (budget 5 ms).
 * 4. The terminal UI at 100x30 and 200x60: launch to first frame (budget 12 ms),
 *    a key press to the next frame through tls12-ecdhe-rsa and back (median,
 *    budget 5 ms), peak resident memory (budget 12 MB).
 * 5. The byte sweep of tls12-rsa (tests/sweep): its wall time against its crypto
 *    limit, the CPU time of the same tampered runs through the engine alone
 *    (`sweep --bare`) summed and divided by the cores (budget 1.2); beside it the
 *    sweep's CPU time (every process of it) over that sum, which the machine's load
 *    does not move.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "config.h"
#include "engine/engine.h"
#include "lesson/catalog.h"
#include "measure.h"
#include "model/timeline.h"
#include "ui.h"

enum { DATA_BYTES = 1 << 20, DATA_LINE = 180 };

static const struct bench_scenario {
	const char *name;
	double json_budget; /* whole-process --json over bare */
} scenarios[] = {
	{ "tls12-ecdhe-rsa", 1.12 }, { "tls12-ecdhe-ecdsa", 1.35 }, { "tls12-rsa", 1.25 },
	{ "tls13", 1.12 },           { "tls13-resume", 1.25 },      { "tls12-resume-ticket", 1.25 },
};
enum { NSCENARIOS = sizeof(scenarios) / sizeof(scenarios[0]) };

static int within, total;

static const char *verdict(bool ok)
{
	within += ok;
	total++;
	return ok ? "within" : "OVER";
}

static int compare_launch(const struct ui_size *size, size_t ui_runs, const char *state_dir);

/* 1. In one process. */
static int in_process(size_t runs)
{
	double *bare = calloc(runs, sizeof(double)), *full = calloc(runs, sizeof(double));
	double *bare_cpu = calloc(runs, sizeof(double)), *full_cpu = calloc(runs, sizeof(double));
	printf("1. in one process: tlsstep's run over the engine's bare handshake, medians of %zu interleaved runs\n", runs);
	printf("  %-20s %10s %10s %9s %8s %-7s %10s\n", "scenario", "bare CPU", "tlsstep", "CPU ratio", "budget", "",
	       "wall ratio");
	for (size_t k = 0; k < NSCENARIOS; k++) {
		const char *name = scenarios[k].name;
		struct scenario sc;
		char err[512];
		scenario_init(&sc);
		if (catalog_load(TLSSTEP_LESSONS_DIR, name, &sc, err, sizeof(err))) {
			fprintf(stderr, "bench: %s\n", err);
			return -1;
		}
		for (size_t i = 0; i < runs; i++) {
			struct engine_options eo = { &sc, TLSSTEP_ASSETS_DIR, sc.seed, true, NULL, NULL };
			struct engine_run r;
			engine_run_init(&r);
			double t0 = now_ms(), c0 = cpu_ms();
			if (engine_run(&eo, &r, err, sizeof(err)) || !r.side[0].finished) {
				fprintf(stderr, "bench: %s: the bare run failed\n", name);
				return -1;
			}
			bare[i] = now_ms() - t0;
			bare_cpu[i] = cpu_ms() - c0;
			engine_run_free(&r);
			struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
			struct timeline tl;
			t0 = now_ms();
			c0 = cpu_ms();
			if (timeline_run(&sc, &o, &tl, err, sizeof(err)) || !tl.outcome.ok) {
				fprintf(stderr, "bench: %s: the tlsstep run failed\n", name);
				return -1;
			}
			full[i] = now_ms() - t0;
			full_cpu[i] = cpu_ms() - c0;
			timeline_free(&tl);
		}
		double bc = median(bare_cpu, runs), fc = median(full_cpu, runs), ratio = fc / bc;
		double wall = median(full, runs) / median(bare, runs);
		printf("  %-20s %7.2f ms %7.2f ms %9.2f %8s %-7s %10.2f\n", name, bc, fc, ratio, "<= 1.10",
		       verdict(ratio <= 1.10), wall);
		scenario_free(&sc);
	}
	free(bare);
	free(full);
	free(bare_cpu);
	free(full_cpu);
	return 0;
}

/* The three processes of one scenario: bare, tlsstep --batch, tlsstep --json /dev/null. */
struct trio {
	char *argv[3][8];
};

static void trio_set(struct trio *t, const char *scenario, const char *bare_name, const char *bare_data)
{
	memset(t, 0, sizeof(*t));
	char **b = t->argv[0], **x = t->argv[1], **j = t->argv[2];
	b[0] = BARE_BIN, b[1] = (char *)bare_name;
	if (bare_data)
		b[2] = "--data", b[3] = (char *)bare_data;
	x[0] = TLSSTEP_BIN, x[1] = "--batch", x[2] = (char *)scenario;
	j[0] = TLSSTEP_BIN, j[1] = "--json", j[2] = "/dev/null", j[3] = (char *)scenario;
}

struct trio_figures {
	double cpu[3], wall[3], ir[3]; /* medians; ir -1 without valgrind */
	long rss_kb[3];                /* the largest seen */
};

static int trio_measure(const struct trio *t, size_t runs, bool valgrind, struct trio_figures *f)
{
	double *cpu[3], *wall[3];
	for (int p = 0; p < 3; p++) {
		cpu[p] = calloc(runs, sizeof(double));
		wall[p] = calloc(runs, sizeof(double));
		f->rss_kb[p] = 0;
		f->ir[p] = -1;
	}
	int rc = 0;
	for (size_t i = 0; i < runs && !rc; i++)
		for (int p = 0; p < 3 && !rc; p++) {
			struct proc_cost c;
			if (proc_run(t->argv[p], &c) || c.status != 0) {
				fprintf(stderr, "bench: %s %s ... did not exit 0\n", t->argv[p][0], t->argv[p][1]);
				rc = -1;
				break;
			}
			cpu[p][i] = c.cpu_ms;
			wall[p][i] = c.wall_ms;
			f->rss_kb[p] = c.rss_kb > f->rss_kb[p] ? c.rss_kb : f->rss_kb[p];
		}
	for (int p = 0; p < 3; p++) {
		if (!rc) {
			f->cpu[p] = median(cpu[p], runs);
			f->wall[p] = median(wall[p], runs);
			if (valgrind && (f->ir[p] = proc_instructions(t->argv[p])) < 0)
				rc = -1;
		}
		free(cpu[p]);
		free(wall[p]);
	}
	return rc;
}

/* 2. Whole processes. */
static int whole_processes(size_t runs, bool valgrind)
{
	printf("2. whole processes over `bare NAME` (one process, mbed TLS alone), medians of %zu interleaved runs%s\n",
	       runs, valgrind ? "; instructions from callgrind, the budget judged on them" : "; the budget judged on CPU");
	printf("  %-20s %8s %8s %8s %8s %8s %9s %9s %8s\n", "scenario", "bare CPU", "--batch", "--json", "wall", "bare Ir",
	       "--batch", "--json", "budget");
	for (size_t k = 0; k < NSCENARIOS; k++) {
		struct trio t;
		struct trio_figures f;
		trio_set(&t, scenarios[k].name, scenarios[k].name, NULL);
		if (trio_measure(&t, runs, valgrind, &f))
			return -1;
		double judged = valgrind ? f.ir[2] / f.ir[0] : f.cpu[2] / f.cpu[0];
		char budget[16];
		snprintf(budget, sizeof(budget), "<= %.2f", scenarios[k].json_budget);
		printf("  %-20s %5.2f ms %8.2f %8.2f %8.2f", scenarios[k].name, f.cpu[0], f.cpu[1] / f.cpu[0],
		       f.cpu[2] / f.cpu[0], f.wall[2] / f.wall[0]);
		if (valgrind)
			printf(" %8.1fM %9.2f %9.2f", f.ir[0] / 1e6, f.ir[1] / f.ir[0], f.ir[2] / f.ir[0]);
		else
			printf(" %9s %9s %9s", "-", "-", "-");
		printf(" %8s %s\n", budget, verdict(judged <= scenarios[k].json_budget));
	}
	printf("  (ratios: tlsstep's process over bare's; CPU and wall for --json, Ir for both)\n");
	return 0;
}

/*
 * tls12-ecdhe-rsa's scenario with DATA_BYTES of application data each way, in
 * continuation lines (the file's lines have at most 199 characters). Returns 0 or -1.
 */
static int write_data_scenario(const char *path)
{
	char src[4096];
	snprintf(src, sizeof(src), "%s/scenarios/tls12-ecdhe-rsa.scenario", TLSSTEP_LESSONS_DIR);
	FILE *in = fopen(src, "r"), *out = fopen(path, "w");
	if (!in || !out) {
		perror("bench: the 1 MB scenario");
		return -1;
	}
	char line[512], chunk[DATA_LINE + 1];
	while (fgets(line, sizeof(line), in)) {
		bool client = !strncmp(line, "client_data", 11), server = !strncmp(line, "server_data", 11);
		if (!client && !server) {
			fputs(line, out);
			continue;
		}
		memset(chunk, client ? 'c' : 's', DATA_LINE);
		for (size_t done = 0; done < DATA_BYTES; done += DATA_LINE) {
			size_t n = DATA_BYTES - done < DATA_LINE ? DATA_BYTES - done : DATA_LINE;
			chunk[n] = '\0';
			if (done)
				fprintf(out, "  %s\n", chunk);
			else
				fprintf(out, "%s = %s\n", client ? "client_data" : "server_data", chunk);
		}
	}
	fclose(in);
	return fclose(out) ? -1 : 0;
}

/* 3. 1 MB each way. */
static int megabyte(const char *dir, size_t runs, bool valgrind)
{
	char path[512], bytes[32];
	snprintf(path, sizeof(path), "%s/data-1mb.scenario", dir);
	snprintf(bytes, sizeof(bytes), "%d", DATA_BYTES);
	if (write_data_scenario(path))
		return -1;
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	if (catalog_load(TLSSTEP_LESSONS_DIR, path, &sc, err, sizeof(err)) ||
	    (o.seed = sc.seed, timeline_run(&sc, &o, &tl, err, sizeof(err)))) {
		fprintf(stderr, "bench: %s\n", err);
		return -1;
	}
	if (strlen(sc.client_data) != DATA_BYTES || !tl.outcome.ok) {
		fprintf(stderr, "bench: %s is not %d bytes each way, or did not succeed\n", path, DATA_BYTES);
		return -1;
	}
	size_t steps = tl.nsteps, largest = 1;
	for (size_t i = 0; i < tl.nsteps; i++)
		if (tl.steps[i].record.len > tl.steps[largest - 1].record.len)
			largest = i + 1;
	size_t largest_len = tl.steps[largest - 1].record.len;
	timeline_free(&tl);
	scenario_free(&sc);

	struct trio t, h;
	struct trio_figures f, hs;
	trio_set(&t, path, "tls12-ecdhe-rsa", bytes);
	trio_set(&h, "tls12-ecdhe-rsa", "tls12-ecdhe-rsa", NULL);
	if (trio_measure(&t, runs, valgrind, &f) || trio_measure(&h, runs, false, &hs))
		return -1;
	double judged = valgrind ? f.ir[2] / proc_instructions(h.argv[0]) : f.cpu[2] / hs.cpu[0];
	printf("3. %d bytes of application data each way (tls12-ecdhe-rsa, %zu steps), medians of %zu runs\n", DATA_BYTES,
	       steps, runs);
	printf("  %-52s %10s %10s\n", "figure", "measured", "budget");
	printf("  %-52s %8.1f x %8s x %s\n", valgrind ? "--json process over the bare handshake process, Ir"
	                                              : "--json process over the bare handshake process, CPU",
	       judged, "<= 10", verdict(judged <= 10));
	printf("  %-52s %8.1f x  (CPU %.1f ms over %.1f ms)\n", "  the same in CPU time", f.cpu[2] / hs.cpu[0], f.cpu[2],
	       hs.cpu[0]);
	printf("  %-52s %8.2f x  (--batch %.2f x)\n", "  over bare with the same data, CPU", f.cpu[2] / f.cpu[0],
	       f.cpu[1] / f.cpu[0]);
	double mb = f.rss_kb[2] / 1024.0;
	printf("  %-52s %7.1f MB %7s MB %s\n", "peak resident memory of the --json process", mb, "<= 64",
	       verdict(mb <= 64));
	static const struct ui_size size = { 100, 30 };
	struct ui_keys u;
	if (ui_keys_measure(&size, path, steps, largest, dir, &u)) {
		fprintf(stderr, "bench: the UI could not step through %s\n", path);
		return -1;
	}
	char what[80];
	snprintf(what, sizeof(what), "key press onto its largest step (%zu, %zu bytes), 100x30", largest, largest_len);
	printf("  %-52s %7.2f ms %7s ms %s (median of all %zu presses %.2f, slowest %.2f)\n", what, u.focus_ms, "<= 5",
	       verdict(u.focus_ms <= 5), u.presses, u.median_ms, u.max_ms);
	return 0;
}

/* 4. The terminal UI. */
static int terminal_ui(const char *state_dir, size_t ui_runs)
{
	static const struct ui_size sizes[] = { { 100, 30 }, { 200, 60 } };
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	if (catalog_load(TLSSTEP_LESSONS_DIR, "tls12-ecdhe-rsa", &sc, err, sizeof(err)) ||
	    (o.seed = sc.seed, timeline_run(&sc, &o, &tl, err, sizeof(err)))) {
		fprintf(stderr, "bench: %s\n", err);
		return -1;
	}
	size_t steps = tl.nsteps;
	timeline_free(&tl);
	scenario_free(&sc);
	double *launch = calloc(ui_runs, sizeof(double)), *key = calloc(ui_runs, sizeof(double));
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		const struct ui_size *size = &sizes[z];
		double key_max = 0;
		long rss = 0;
		size_t presses = 0;
		for (size_t i = 0; i < ui_runs; i++) {
			struct ui_keys u;
			launch[i] = ui_launch_ms(size, NULL, state_dir);
			if (launch[i] < 0 || ui_keys_measure(size, "tls12-ecdhe-rsa", steps, 0, state_dir, &u)) {
				fprintf(stderr, "bench: the terminal UI could not be measured at %ux%u (%s)\n", size->cols,
				        size->rows, TLSSTEP_BIN);
				return -1;
			}
			key[i] = u.median_ms;
			key_max = u.max_ms > key_max ? u.max_ms : key_max;
			rss = u.rss_kb > rss ? u.rss_kb : rss;
			presses = u.presses;
		}
		double l = median(launch, ui_runs), kp = median(key, ui_runs), mb = rss / 1024.0;
		printf("4. terminal UI at %ux%u, medians of %zu launches (%zu key presses each: n through tls12-ecdhe-rsa, "
		       "b back)\n",
		       size->cols, size->rows, ui_runs, presses);
		printf("  %-38s %10s %10s\n", "figure", "measured", "budget");
		printf("  %-38s %7.1f ms %7s ms %s\n", "launch to first frame (default lesson)", l, "<= 12",
		       verdict(l <= 12));
		printf("  %-38s %7.2f ms %7s ms %s (slowest %.2f ms)\n", "key press to next frame", kp, "<= 5",
		       verdict(kp <= 5), key_max);
		printf("  %-38s %7.1f MB %7s MB %s\n", "peak resident memory (VmHWM)", mb, "<= 12", verdict(mb <= 12));
		if (compare_launch(size, ui_runs, state_dir))
			return -1;
	}
	free(launch);
	free(key);
	return 0;
}

/*
 * Issue 16: a comparison runs two handshakes and lines them up; its first frame costs at
 * most twice a single run's. The budget's pair is one scenario at two seeds (two runs of
 * the same cost); TLS 1.2 against TLS 1.3 is shown against the two runs alone.
 * Interleaved launches, so all see the same machine.
 */
static int compare_launch(const struct ui_size *size, size_t ui_runs, const char *state_dir)
{
	static const char *const one[] = { "tls12-ecdhe-rsa", NULL }, *const one13[] = { "tls13", NULL };
	static const char *const seeds[] = { "--compare", "tls12-ecdhe-rsa", "--seed2", "2", NULL };
	static const char *const cross[] = { "--compare", "tls12-ecdhe-rsa", "tls13", NULL };
	const char *const *args[4] = { one, seeds, one13, cross };
	double *ms[4];
	int rc = 0;
	for (int k = 0; k < 4; k++)
		ms[k] = calloc(ui_runs, sizeof(double));
	for (size_t i = 0; i < ui_runs && !rc; i++)
		for (int k = 0; k < 4 && !rc; k++)
			if ((ms[k][i] = ui_launch_ms(size, args[k], state_dir)) < 0) {
				fprintf(stderr, "bench: a launch drew no first frame at %ux%u\n", size->cols, size->rows);
				rc = -1;
			}
	if (!rc) {
		double a12 = median(ms[0], ui_runs), m1 = median(ms[1], ui_runs), a13 = median(ms[2], ui_runs),
		       m2 = median(ms[3], ui_runs), r = m1 / a12;
		printf("  %-38s %7.1f ms, tls13 %.1f ms\n", "launch to first frame, tls12-ecdhe-rsa", a12, a13);
		printf("  %-38s %7.1f ms %7s    %s (ratio %.2f)\n", "--compare tls12-ecdhe-rsa --seed2 2", m1, "<= 2x",
		       verdict(r <= 2), r);
		printf("  %-38s %7.1f ms (%.2f of the two alone)\n", "--compare tls12-ecdhe-rsa tls13", m2, m2 / (a12 + a13));
	}
	for (int k = 0; k < 4; k++)
		free(ms[k]);
	return rc;
}

/* A sweep's own figures: its wall time and the CPU of its runs (what it prints), and
 * the CPU of the whole sweep, every process (its children's rusage once it is waited for). */
struct sweep_cost {
	double wall_s, runs_cpu_s, all_cpu_s;
	unsigned runs;
};

static double children_cpu_s(void)
{
	struct rusage u;
	getrusage(RUSAGE_CHILDREN, &u);
	return (double)u.ru_utime.tv_sec + (double)u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static int sweep_once(const char *flags, const char *name, struct sweep_cost *c)
{
	char cmd[512], line[512];
	snprintf(cmd, sizeof(cmd), "'%s' --quiet %s %s", SWEEP_BIN, flags, name);
	double c0 = children_cpu_s();
	FILE *f = popen(cmd, "r");
	if (!f)
		return -1;
	int got = 0;
	while (fgets(line, sizeof(line), f)) {
		const char *p = strstr(line, " runs (");
		if (!strncmp(line, "tamper sweep of ", 16) && p && strstr(line, " s\n")) {
			while (p > line && p[-1] != ' ')
				p--;
			c->runs = (unsigned)strtoul(p, NULL, 10);
			const char *w = strrchr(line, ',');
			c->wall_s = w ? strtod(w + 1, NULL) : 0;
			got++;
		} else if (sscanf(line, "  CPU of the runs: %lf s in all", &c->runs_cpu_s) == 1)
			got++;
	}
	int st = pclose(f);
	c->all_cpu_s = children_cpu_s() - c0;
	return got == 2 && st != -1 ? 0 : -1;
}

/* 5. The tamper sweep against what its runs cost through the engine alone. */
static int sweep_limit(void)
{
	static const char name[] = "tls12-rsa";
	struct sweep_cost full, bare;
	if (sweep_once("", name, &full) || sweep_once("--bare", name, &bare)) {
		fprintf(stderr, "bench: the sweep of %s did not run (%s)\n", name, SWEEP_BIN);
		return -1;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	double limit = bare.runs_cpu_s / (double)cores, r = full.wall_s / limit;
	printf("5. the byte sweep of %s (%u runs, %ld cores) against its crypto limit\n", name, full.runs, cores);
	printf("  %-52s %8s %8s\n", "figure", "measured", "budget");
	printf("  %-52s %6.2f s\n", "the same tampered runs, engine alone: CPU / cores", limit);
	printf("  %-52s %6.2f s\n", "the sweep's wall time", full.wall_s);
	printf("  %-52s %8.2f %8s %s\n", "  over the limit", r, "<= 1.2", verdict(r <= 1.2));
	printf("  %-52s %8.2f  (every process of the sweep %.2f s over %.2f s)\n",
	       "the sweep's CPU over the bare runs' CPU", full.all_cpu_s / bare.runs_cpu_s, full.all_cpu_s,
	       bare.runs_cpu_s);
	printf("  %-52s %8.2f  (its runs' own CPU %.2f s)\n", "  of which the tampered runs themselves",
	       full.runs_cpu_s / bare.runs_cpu_s, full.runs_cpu_s);
	return 0;
}

int main(int argc, char **argv)
{
	size_t runs = 41, proc_runs = 21, ui_runs = 5;
	bool valgrind = true;
	int only = 0; /* --only N: that section alone (0: all) */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-valgrind"))
			valgrind = false;
		else if (i + 1 < argc && !strcmp(argv[i], "--runs"))
			runs = (size_t)atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--proc-runs"))
			proc_runs = (size_t)atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--ui-runs"))
			ui_runs = (size_t)atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--only"))
			only = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: bench [--runs N] [--proc-runs N] [--ui-runs N] [--no-valgrind] [--only SECTION]\n");
			return 2;
		}
	}
	runs = runs < 3 ? 3 : runs;
	proc_runs = proc_runs < 3 ? 3 : proc_runs;
	ui_runs = ui_runs < 1 ? 1 : ui_runs;
	valgrind = valgrind && proc_have_valgrind();
	char dir[] = "/tmp/tlsstep-bench-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("bench: mkdtemp");
		return 2;
	}
#define SECTION(n, call) ((!only || only == (n)) && (call))
	int rc = SECTION(1, in_process(runs)) || SECTION(2, whole_processes(proc_runs, valgrind)) ||
	         SECTION(3, megabyte(dir, 5, valgrind)) || SECTION(4, terminal_ui(dir, ui_runs)) || SECTION(5, sweep_limit());
#undef SECTION
	char rm[128];
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "bench: could not remove %s\n", dir);
	if (rc)
		return 2;
	printf("%d of %d measured figures within budget\n", within, total);
	return 0;
}
