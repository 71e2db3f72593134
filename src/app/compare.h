/*
 * app/compare.h — `tlsstep --compare A B` and `--compare A --seed2 N`: both runs
 * made for real, lined up, and shown (the comparison view, --batch's aligned
 * transcript, --json, --markdown).
 */
#ifndef TLSSTEP_APP_COMPARE_H
#define TLSSTEP_APP_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/outputs.h"

struct compare_request {
	const char *a, *b;              /* bundled names or paths; b NULL: A again (with seed2) */
	uint64_t seed_a, seed_b;        /* valid when the matching *_given is set */
	bool seed_a_given, seed_b_given;
	bool batch;                     /* print the aligned transcript */
	bool plain;                     /* step through it in plain lines, commands from stdin */
	const struct output *outs;      /* --json, --markdown: each with emit_compare */
	size_t nout;
	size_t step;                    /* open the view at this row (0: before the first) */
	const char *lessons_dir, *assets_dir;
};

/* Runs the comparison. Returns the exit status: 0 both runs went as their scenarios
 * expect, 1 one did not, 2 bad input or an output not written (said on stderr). */
int app_compare(const struct compare_request *rq);

#endif
