/*
 * app/outputs.h — the files the command line writes (--json, --pcap, --pcapng, --keylog,
 * --markdown, --html): never over an input nor over each other, each written whole.
 */
#ifndef TLSSTEP_APP_OUTPUTS_H
#define TLSSTEP_APP_OUTPUTS_H

#include <stddef.h>
#include <stdio.h>

#include "model/compare.h"
#include "model/timeline.h"
#include "spec/scenario.h"

/* One output the command line asks for. */
struct output {
	const char *option;     /* "--json" */
	const char *path;       /* as given; "-" is standard output */
	const char *what;       /* for messages: "JSON" */
	const char *suffix;     /* what to call the file instead, when the name is an input's */
	int (*emit)(FILE *, const struct timeline *);
	int (*emit_compare)(FILE *, const struct comparison *); /* with --compare */
	/* The key log is the run's secrets and nothing else, and the JSON holds every one
	 * of them too (each step's "secrets", the "secrets" object): both are created 0600,
	 * as tools that read key logs expect. The capture is what an eavesdropper on the
	 * wire saw, and the handout is made to be handed out: the usual mode. */
	unsigned flags;
};

/*
 * An output must not destroy what the run reads, nor another output: refuses a name
 * ending in .scenario or .lesson, the same file as an input of the run of sc (named
 * target; its scenario, lesson and credential files, also through a link), and two
 * outputs to one file; sc NULL: target is a capture, the one input. Returns 0, or -1 after saying which and why on stderr.
 */
int outputs_sound(const struct output *out, size_t nout, const struct scenario *sc, const char *target,
                  const char *lessons_dir, const char *assets_dir);

/*
 * Writes every output (each o->emit of tl, or o->emit_compare of cmp when cmp is
 * not NULL), each whole or not at all, going on after a failure. Returns how many
 * failed, each said on stderr with its option, path and the system's reason.
 */
int write_outputs(const struct output *out, size_t nout, const struct timeline *tl, const struct comparison *cmp);

/*
 * --batch's transcript (render(m, arg) writing it) made whole, then written to standard
 * output as every output is (util/outfile.h), so a failure names its reason: said on
 * stderr as "tlsstep: OPTION: cannot write the transcript: REASON". Returns 0 or -1.
 */
int write_transcript(const char *option, int (*render)(FILE *m, const void *arg), const void *arg);

#endif
