/*
 * tests/sweep/sweep.c — the tamper sweep: run a scenario once per byte of every
 * handshake record on the wire with that byte changed, and classify each run.
 *
 *   sweep [--bits] [--every N] [--jobs N] [--quiet] [--max-succeeded N] [--bare] [--isolate] SCENARIO
 *
 * Each run changes one byte (bit 0, or each of its 8 bits with --bits) of one
 * record's body, at the sender's n-th record, through the scenario's own fault
 * mechanism, so every run is a real handshake between two mbed TLS ends. The
 * scenario's own faults are left out of every run, the reference run included:
 * the targets are the handshake records of exactly the run being tampered with,
 * in every connection (a resumption's second handshake too). Classes:
 *   alert      the handshake failed and an end sent an alert (which, by whom)
 *   no-alert   it failed and no alert was sent (the stall detector ended it)
 *   succeeded  the fault changed the byte and the run still succeeded
 *   not-applied the fault found no such byte to change — must never happen, as
 *              the targets come from the same deterministic run
 *   CRASH      the run died on a signal  — must never happen
 *   HANG       the run exceeded 10 s     — must never happen
 * Runs happen in forked children, so a crash or hang is caught and counted, never
 * fatal (with --isolate, a child for each run), and are spread over --jobs workers
 * (default: the number of cores). Exit status 0 when
 * there was no CRASH, no HANG, no not-applied, and (with --max-succeeded N) at
 * most N runs that succeeded: a scenario whose full sweep shows none keeps none.
 *
 * --bare runs each of the same tampered runs through the engine alone (engine_run with
 * nothing captured: the two mbed TLS ends and the fault, no timeline, no checks), for
 * the benchmark's crypto limit of the sweep: the CPU time of those runs summed, over
 * the cores (tests/bench). Without the timeline it tells only whether the flip was
 * made and whether both ends finished: a failed run is counted as no-alert.
 * Every run's CPU time (its process's, all threads) is summed and printed either way.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "engine/engine.h"
#include "lesson/catalog.h"
#include "model/timeline.h"
#include "wire/names.h"

enum klass { K_ALERT, K_NOALERT, K_OK, K_NOTAPPLIED, K_CRASH, K_HANG, K_COUNT };
static const char *const class_names[K_COUNT] = { "alert", "no-alert", "succeeded", "not-applied", "CRASH", "HANG" };

struct target {
	int connection;
	enum side from;
	unsigned record;        /* the sender's n-th record */
	char message[48];
	size_t body;            /* body length */
};

struct result {
	unsigned t;             /* index into targets */
	unsigned offset;
	uint8_t bit;
	uint8_t klass;
	uint8_t alert;          /* K_ALERT: description */
	uint8_t alert_from;
	double ms;
	double cpu_ms;          /* the run's CPU time, all threads of its process */
};

static bool bare;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *lessons(void)
{
	const char *d = getenv("TLSSTEP_LESSONS");
	return d && *d ? d : TLSSTEP_LESSONS_DIR;
}

static const char *assets(void)
{
	const char *a = getenv("TLSSTEP_ASSETS");
	return a && *a ? a : TLSSTEP_ASSETS_DIR;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The same tampered run through the engine alone: was the flip made, did both ends finish. */
static void one_bare(const struct scenario *sc, struct result *r)
{
	struct engine_options eo = { sc, assets(), sc->seed, true, NULL, NULL };
	struct engine_run run;
	char err[256];
	engine_run_init(&run);
	double t0 = now_ms(), c0 = cpu_ms();
	int rc = engine_run(&eo, &run, err, sizeof(err));
	r->cpu_ms = cpu_ms() - c0;
	r->ms = now_ms() - t0;
	bool applied = false;
	for (size_t i = 0; i < run.nev && !applied; i++)
		applied = run.ev[i].kind == ENGINE_EV_FAULT && run.ev[i].data.data &&
		          strstr((const char *)run.ev[i].data.data, "flipped bit");
	if (rc)
		r->klass = K_CRASH;
	else if (!applied)
		r->klass = K_NOTAPPLIED;
	else
		r->klass = run.side[SIDE_CLIENT].finished && run.side[SIDE_SERVER].finished ? K_OK : K_NOALERT;
	engine_run_free(&run);
}

/* One tampered run, in this process. */
static void one(const struct scenario *base, const struct target *t, unsigned offset, uint8_t bit,
                struct result *r)
{
	struct scenario sc = *base; /* shallow: strings are only read */
	struct fault f;
	memset(&f, 0, sizeof(f));
	f.from = t->from;
	f.record = t->record;
	f.action = FAULT_FLIP;
	f.offset = offset;
	f.bit = bit;
	sc.faults[0] = f;
	sc.nfaults = 1;
	if (bare) {
		one_bare(&sc, r);
		return;
	}
	struct run_options o = { assets(), sc.seed };
	struct timeline tl;
	char err[256];
	double t0 = now_ms(), c0 = cpu_ms();
	if (timeline_run(&sc, &o, &tl, err, sizeof(err)) != 0) {
		r->klass = K_CRASH; /* a set-up error in a run that worked untampered: count it loudly */
		return;
	}
	r->ms = now_ms() - t0;
	r->cpu_ms = cpu_ms() - c0;
	/* Did the flip happen? The engine says so in the note of the step it hit. */
	bool applied = false;
	for (size_t i = 0; i < tl.nsteps && !applied; i++)
		applied = tl.steps[i].fault_note && strstr(tl.steps[i].fault_note, "fault: flipped bit");
	if (tl.outcome.fault_note && strstr(tl.outcome.fault_note, "fault: flipped bit"))
		applied = true;
	if (!applied)
		r->klass = K_NOTAPPLIED;
	else if (tl.outcome.ok)
		r->klass = K_OK;
	else if (tl.outcome.alert_seen) {
		r->klass = K_ALERT;
		r->alert = tl.outcome.alert_desc;
		r->alert_from = (uint8_t)tl.outcome.alert_from;
	} else
		r->klass = K_NOALERT;
	timeline_free(&tl);
}

static bool isolate; /* --isolate: one process per run */

static void job_result(const unsigned (*jobs)[3], size_t j, struct result *r)
{
	memset(r, 0, sizeof(*r));
	r->t = jobs[j][0];
	r->offset = jobs[j][1];
	r->bit = (uint8_t)jobs[j][2];
}

/*
 * A worker: runs every step-th job from `first`, writes results to fd. The runs happen
 * in a child process, so a crash or a hang is a result, not the end of the sweep: the
 * child runs job after job (a process for each run cost 0.46 ms of CPU, a sixth of a
 * tls12-rsa run) until one kills it or exceeds 10 s; that one is counted as CRASH or
 * HANG and a new child goes on with the next. With --isolate every run has a child
 * of its own, so nothing one run did to the process can reach the next.
 */
static void worker(const struct scenario *sc, const struct target *tg, const unsigned (*jobs)[3], size_t njobs,
                   size_t first, size_t step, int fd)
{
	size_t j = first;
	while (j < njobs) {
		int p[2];
		if (pipe(p) != 0)
			_exit(2);
		pid_t pid = fork();
		if (pid == 0) {
			close(p[0]);
			for (size_t k = j; k < njobs; k += step) {
				struct result r;
				job_result(jobs, k, &r);
				alarm(10);
				one(sc, &tg[r.t], r.offset, r.bit, &r);
				alarm(0);
				if (write(p[1], &r, sizeof(r)) != (ssize_t)sizeof(r))
					_exit(3);
				if (isolate)
					break;
			}
			_exit(0);
		}
		close(p[1]);
		struct result got;
		size_t read_n = 0;
		while (read(p[0], &got, sizeof(got)) == (ssize_t)sizeof(got)) {
			if (write(fd, &got, sizeof(got)) != (ssize_t)sizeof(got))
				_exit(2);
			j += step;
			read_n++;
		}
		close(p[0]);
		int status = 0;
		waitpid(pid, &status, 0);
		if (j < njobs && !(isolate && read_n)) {
			/* The child died on job j (or, exiting, never said how it went). */
			struct result r;
			job_result(jobs, j, &r);
			r.klass = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? K_HANG : K_CRASH;
			if (write(fd, &r, sizeof(r)) != (ssize_t)sizeof(r))
				_exit(2);
			j += step;
		}
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	bool bits = false, quiet = false;
	unsigned every = 1;
	long max_ok = -1;
	long jobs_n = sysconf(_SC_NPROCESSORS_ONLN);
	const char *name = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bits"))
			bits = true;
		else if (!strcmp(argv[i], "--quiet"))
			quiet = true;
		else if (!strcmp(argv[i], "--bare"))
			bare = true;
		else if (!strcmp(argv[i], "--isolate"))
			isolate = true;
		else if (!strcmp(argv[i], "--every") && i + 1 < argc)
			every = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--jobs") && i + 1 < argc)
			jobs_n = atol(argv[++i]);
		else if (!strcmp(argv[i], "--max-succeeded") && i + 1 < argc)
			max_ok = atol(argv[++i]);
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
		else {
			fprintf(stderr, "usage: sweep [--bits] [--every N] [--jobs N] [--quiet] [--max-succeeded N] [--bare] [--isolate] SCENARIO\n");
			return 2;
		}
	}
	if (!name || every == 0 || jobs_n < 1) {
		fprintf(stderr, "usage: sweep [--bits] [--every N] [--jobs N] [--quiet] [--max-succeeded N] [--bare] [--isolate] SCENARIO\n");
		return 2;
	}
	struct scenario sc;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(lessons(), name, &sc, err, sizeof(err))) {
		fprintf(stderr, "sweep: %s\n", err);
		return 2;
	}
	/* The untampered run, without the scenario's own faults as every swept run is:
	 * which handshake records crossed, from whom, how long. */
	size_t own_faults = sc.nfaults;
	sc.nfaults = 0;
	struct run_options o = { assets(), sc.seed };
	struct timeline tl;
	if (timeline_run(&sc, &o, &tl, err, sizeof(err))) {
		fprintf(stderr, "sweep: %s\n", err);
		return 2;
	}
	struct target tg[128];
	size_t ntg = 0;
	unsigned count[2] = { 0, 0 };
	const struct buf *last[2] = { NULL, NULL };
	for (size_t i = 0; i < tl.nsteps && ntg < 128; i++) {
		const struct step *st = &tl.steps[i];
		if (last[st->from] && last[st->from]->len == st->record.len &&
		    !memcmp(last[st->from]->data, st->record.data, st->record.len))
			continue; /* the same record carried two messages */
		last[st->from] = &st->record;
		count[st->from]++;
		if (st->phase > PHASE_FINISH)
			continue; /* the handshakes' records only, in every connection */
		struct target *t = &tg[ntg++];
		t->connection = st->connection;
		t->from = st->from;
		t->record = count[st->from];
		snprintf(t->message, sizeof(t->message), "%s", st->message);
		t->body = st->record.len > 5 ? st->record.len - 5 : 0;
	}
	bool expect_ok = tl.outcome.ok;
	timeline_free(&tl);
	if (own_faults)
		fprintf(stderr, "sweep: note: %s's own %zu %s left out: each run has the sweep's one only\n", name,
		        own_faults, own_faults == 1 ? "fault is" : "faults are");
	if (!expect_ok)
		fprintf(stderr, "sweep: note: %s fails even untampered\n", name);
	size_t njobs = 0;
	for (size_t i = 0; i < ntg; i++)
		njobs += (tg[i].body + every - 1) / every * (bits ? 8 : 1);
	unsigned (*jobs)[3] = calloc(njobs ? njobs : 1, sizeof(*jobs));
	size_t k = 0;
	for (unsigned i = 0; i < ntg; i++)
		for (unsigned off = 0; off < tg[i].body; off += every)
			for (unsigned b = 0; b < (bits ? 8u : 1u); b++) {
				jobs[k][0] = i;
				jobs[k][1] = off;
				jobs[k][2] = b;
				k++;
			}
	int fds[2];
	if (pipe(fds) != 0)
		return 2;
	double t0 = now_ms();
	for (long w = 0; w < jobs_n; w++) {
		if (fork() == 0) {
			close(fds[0]);
			worker(&sc, tg, (const unsigned(*)[3])jobs, njobs, (size_t)w, (size_t)jobs_n, fds[1]);
		}
	}
	close(fds[1]);
	unsigned per_class[K_COUNT] = { 0 }, per_msg[128][K_COUNT], alerts[2][256];
	memset(per_msg, 0, sizeof(per_msg));
	memset(alerts, 0, sizeof(alerts));
	struct result slowest = { 0 };
	struct result r;
	size_t got = 0;
	double cpu_sum = 0;
	while (read(fds[0], &r, sizeof(r)) == (ssize_t)sizeof(r)) {
		got++;
		cpu_sum += r.cpu_ms;
		per_class[r.klass]++;
		per_msg[r.t][r.klass]++;
		if (r.klass == K_ALERT)
			alerts[r.alert_from & 1][r.alert]++;
		if (r.ms > slowest.ms)
			slowest = r;
		if (!quiet && (r.klass == K_CRASH || r.klass == K_HANG || r.klass == K_NOTAPPLIED || r.klass == K_OK))
			printf("%s: connection %d, the %s's %s (record %u), byte %u bit %u\n", class_names[r.klass],
			       tg[r.t].connection, side_name(tg[r.t].from), tg[r.t].message, tg[r.t].record, r.offset, r.bit);
	}
	while (wait(NULL) > 0)
		;
	double secs = (now_ms() - t0) / 1e3;
	char nth[16] = "";
	if (every > 1) {
		unsigned t = every % 100, u = every % 10;
		snprintf(nth, sizeof(nth), "%s", t >= 11 && t <= 13 ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th");
	}
	printf("tamper sweep of %s%s: %zu runs (%s, every %u%s byte), %ld jobs, %.1f s\n", name,
	       bare ? " through the engine alone (--bare)" : "", got, bits ? "each bit" : "bit 0", every, nth, jobs_n, secs);
	/* The sum is what the runs themselves cost; over the cores it is the sweep's limit. */
	printf("  CPU of the runs: %.2f s in all, %.2f ms a run; over %ld cores %.2f s\n", cpu_sum / 1e3,
	       got ? cpu_sum / (double)got : 0, sysconf(_SC_NPROCESSORS_ONLN),
	       cpu_sum / 1e3 / (double)sysconf(_SC_NPROCESSORS_ONLN));
	printf("  %-26s %6s %9s %10s %12s %6s %6s\n", "connection record", "alert", "no-alert", "succeeded",
	       "not-applied", "CRASH", "HANG");
	for (size_t i = 0; i < ntg; i++) {
		char label[64];
		snprintf(label, sizeof(label), "%d %s %s", tg[i].connection, tg[i].from == SIDE_CLIENT ? "C" : "S",
		         tg[i].message);
		printf("  %-26s %6u %9u %10u %12u %6u %6u\n", label, per_msg[i][K_ALERT], per_msg[i][K_NOALERT],
		       per_msg[i][K_OK], per_msg[i][K_NOTAPPLIED], per_msg[i][K_CRASH], per_msg[i][K_HANG]);
	}
	printf("  %-26s %6u %9u %10u %12u %6u %6u\n", "total", per_class[K_ALERT], per_class[K_NOALERT],
	       per_class[K_OK], per_class[K_NOTAPPLIED], per_class[K_CRASH], per_class[K_HANG]);
	printf("  alerts:");
	for (int s = 0; s < 2; s++)
		for (int a = 0; a < 256; a++)
			if (alerts[s][a])
				printf(" %s:%s=%u", s == SIDE_CLIENT ? "client" : "server",
				       names_alert((uint8_t)a) ? names_alert((uint8_t)a) : "?", alerts[s][a]);
	printf("\n  slowest run: %.1f ms (the %s's %s, byte %u)\n", slowest.ms, side_name(tg[slowest.t].from),
	       tg[slowest.t].message, slowest.offset);
	free(jobs);
	scenario_free(&sc);
	bool clean = per_class[K_CRASH] == 0 && per_class[K_HANG] == 0 && per_class[K_NOTAPPLIED] == 0 && got == njobs &&
	             (max_ok < 0 || per_class[K_OK] <= (unsigned long)max_ok);
	if (max_ok >= 0 && per_class[K_OK] > (unsigned long)max_ok)
		printf("  %u runs succeeded, more than the %ld allowed: a tampered byte went unnoticed\n", per_class[K_OK],
		       max_ok);
	printf("%u passed, %u failed\n", clean ? 1u : 0u, clean ? 0u : 1u);
	return clean ? 0 : 1;
}
