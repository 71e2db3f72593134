/*
 * model/mitm.h — a run with a man in the middle (scenario.h: has_attacker).
 *
 * The timeline keeps each step's `from` as its sender's role in its connection
 * (client or server), so that every per-connection check works unchanged; who that
 * is follows from the connection: connection 1 runs client <-> attacker, connection
 * 2 attacker <-> server. Front ends name parties with these functions only.
 */
#ifndef TLSSTEP_MODEL_MITM_H
#define TLSSTEP_MODEL_MITM_H

#include <stdbool.h>

#include "engine/engine.h"
#include "model/timeline.h"

bool timeline_mitm(const struct timeline *tl);

/* "client", "server", or "attacker" for the attacker's role in its connection. */
const char *timeline_party(const struct timeline *tl, int connection, enum side role);
const char *step_from_party(const struct timeline *tl, const struct step *st);
const char *step_to_party(const struct timeline *tl, const struct step *st);

/* "client <-> attacker" for connection 1 of a man in the middle, NULL without one. */
const char *mitm_connection_words(const struct timeline *tl, int connection);

/*
 * After outcome_fill: the attacker's two ends, our decryption against what each of the four
 * libraries delivered (both connections), the summary's words, and outcome.attacker_read (what
 * the attacker read and what it passed on). Does nothing without a man in the middle.
 */
void mitm_outcome(struct timeline *tl, const struct engine_run *run);

/* After failure_build: says who "the server" of connection 1 is in the failure's words. */
void mitm_failure_words(struct timeline *tl);

#endif
