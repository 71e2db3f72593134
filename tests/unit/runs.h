/* tests/unit/runs.h — a bundled scenario loaded and run for real, for the tests that compare runs. */
#ifndef TLSSTEP_TESTS_RUNS_H
#define TLSSTEP_TESTS_RUNS_H

#include <stdint.h>

#include "model/timeline.h"
#include "spec/scenario.h"

struct run {
	struct scenario sc;
	struct timeline tl; /* borrows sc */
};

/* Loads and runs the bundled name with this seed (0: the scenario's own); fails the test otherwise. */
void run_named(const char *name, uint64_t seed, struct run *r);
void run_free(struct run *r);

/* The index (0-based) of the n-th (1-based) step of the connection from `from` called message, or -1. */
int run_find(const struct run *r, int connection, enum side from, const char *message, int n);

#endif
