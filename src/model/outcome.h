/*
 * model/outcome.h — how the run ended, from the engine's two ends and the alerts
 * on the timeline; and whether the application data tlsstep decrypted is what
 * each library delivered.
 */
#ifndef TLSSTEP_MODEL_OUTCOME_H
#define TLSSTEP_MODEL_OUTCOME_H

#include "engine/engine.h"
#include "model/timeline.h"

/* Fills tl->outcome but its alert (set while the steps were built), fault note and eavesdrop. */
void outcome_fill(struct timeline *tl, const struct engine_run *run);

/*
 * Our decryption against the library's: the application data decrypted from each
 * side's records (last connection) must be exactly what the other end's
 * mbedtls_ssl_read() delivered. Sets tl->outcome.plaintext_agrees.
 */
void outcome_delivered(struct timeline *tl, const struct engine_run *run);

#endif
