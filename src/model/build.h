/*
 * model/build.h — the timeline's builder, fed from an engine run (timeline_run,
 * model/build.c) or from a capture's connection (model/from_capture.c): both give
 * it an event log of the same shape, so there is one builder and one proof.
 */
#ifndef TLSSTEP_MODEL_BUILD_H
#define TLSSTEP_MODEL_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/engine.h"
#include "model/timeline.h"

struct early;

struct build_source {
	struct engine_run *run;  /* the log: RECORD events into run->stream[side], SECRET events; borrowed
	                          * (its server key, if any, is taken when tl has none) */
	struct early *early;     /* background checks started during the run, or NULL */
	bool keylog;             /* a capture: every SECRET came from a key log, held by neither end
	                          * (HOLDER_KEYLOG), and the proof takes it as given, to be confirmed */
	/* Fills tl->outcome once the steps are built (before the checks); NULL: from the
	 * engine's ends (model/outcome.h). */
	void (*outcome)(struct timeline *tl, void *ctx);
	void *outcome_ctx;
	uint16_t early_suite;    /* a capture's TLS 1.3 suite, for 0-RTT data sent before the ServerHello says it */
	/* A capture's renegotiation (TLS 1.2): the master secret of the key log line with this client
	 * random (len set), or NULL; called with outcome_ctx. Its ClientHello crossed encrypted, so only
	 * the builder reads it. */
	const uint8_t *(*master_for)(const void *ctx, const uint8_t client_random[32], size_t *len);
};

/* Builds tl (initialised, with sc, seed and assets_dir set) from src's log. */
void timeline_build(struct timeline *tl, const struct build_source *src);

#endif
