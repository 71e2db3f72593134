/*
 * tests/bench/bench.c — measured, not timed tests (the brief): each figure with
 * its budget, medians over repeated runs on this machine.
 *
 *   bench [--runs N]
 *
 * 1. The cost of tlsstep over a bare handshake: a full tlsstep run (engine,
 *    capture, decoding, every re-derivation and proof, the timeline) against the
 *    same two configurations shaking hands over the same pipe with nothing
 *    captured. Budget: ratio <= 1.15. Runs are interleaved so that both see the
 *    same machine.
 * 2. The terminal UI's launch, key-press and memory budgets are reported as not
 *    measured until the UI exists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "engine/engine.h"
#include "lesson/catalog.h"
#include "model/timeline.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	size_t runs = 41;
	if (argc == 3 && !strcmp(argv[1], "--runs"))
		runs = (size_t)atoi(argv[2]);
	if (runs < 3)
		runs = 3;
	static const char *const names[] = { "tls12-rsa", "tls12-ecdhe-rsa", "tls12-ecdhe-ecdsa", "tls13" };
	double *bare = calloc(runs, sizeof(double)), *full = calloc(runs, sizeof(double));
	int within = 0, total = 0;
	printf("tlsstep benchmark: medians of %zu interleaved runs each\n", runs);
	printf("  %-20s %10s %10s %8s %8s\n", "scenario", "bare ms", "tlsstep ms", "ratio", "budget");
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		struct scenario sc;
		char err[512];
		scenario_init(&sc);
		if (catalog_load(TLSSTEP_LESSONS_DIR, names[k], &sc, err, sizeof(err))) {
			fprintf(stderr, "bench: %s\n", err);
			return 2;
		}
		for (size_t i = 0; i < runs; i++) {
			struct engine_options eo = { &sc, TLSSTEP_ASSETS_DIR, sc.seed, true };
			struct engine_run r;
			engine_run_init(&r);
			double t0 = now_ms();
			if (engine_run(&eo, &r, err, sizeof(err)) || !r.side[0].finished) {
				fprintf(stderr, "bench: %s: the bare run failed\n", names[k]);
				return 2;
			}
			bare[i] = now_ms() - t0;
			engine_run_free(&r);
			struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
			struct timeline tl;
			t0 = now_ms();
			if (timeline_run(&sc, &o, &tl, err, sizeof(err)) || !tl.outcome.ok) {
				fprintf(stderr, "bench: %s: the tlsstep run failed\n", names[k]);
				return 2;
			}
			full[i] = now_ms() - t0;
			timeline_free(&tl);
		}
		double b = median(bare, runs), f = median(full, runs), ratio = f / b;
		bool ok = ratio <= 1.15;
		within += ok;
		total++;
		printf("  %-20s %10.2f %10.2f %8.2f %8s %s\n", names[k], b, f, ratio, "<= 1.15", ok ? "within" : "OVER");
		scenario_free(&sc);
	}
	printf("  terminal UI: launch to first frame (<= 30 ms), key press to frame at 200x60 (<= 5 ms), peak RSS\n"
	       "  at 200x60 (<= 12 MB): not measured, the terminal UI does not exist yet\n");
	printf("%d of %d measured figures within budget\n", within, total);
	free(bare);
	free(full);
	return 0;
}
