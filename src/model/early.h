/*
 * model/early.h — tlsstep's most expensive checks, started while the handshake
 * is still running.
 *
 * Verifying a ServerKeyExchange signature costs as much as the client's own
 * verification of it; done after the run, it adds that cost on top of it (the
 * benchmark measured 1.29x the bare handshake for tls12-ecdhe-ecdsa). So the
 * engine shows every record to early_observe() as it crosses; as soon as the
 * inputs of such a check have crossed, it starts on a thread of its own and runs
 * beside the rest of the handshake. (The other costly check, the eavesdropper's
 * RSA decryption, is not started here: it runs only when asked, model/eavesdrop.h.)
 *
 * The results are a memo, not a second path: the model asks early_signature()
 * with the inputs it derived itself from the timeline,
 * and gets the background result only when every input byte is identical;
 * otherwise (a parse the observer did not follow, a fault) the check runs there
 * and then. The results do not depend on timing: the same run gives the same
 * answers, whichever thread computed them.
 */
#ifndef TLSSTEP_MODEL_EARLY_H
#define TLSSTEP_MODEL_EARLY_H

#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"

struct early;

/* A new, idle early context for one run. */
struct early *early_new(void);

/* The engine's observer (engine_options.observe): ctx is a struct early. */
void early_observe(void *ctx, int connection, enum side from, const uint8_t *rec, size_t len);

/* Waits for every background check to finish. */
void early_join(struct early *e);

/* How many checks were answered from a background result (for tests and the benchmark). */
unsigned early_hits(const struct early *e);

void early_free(struct early *e);

/*
 * check_signature (check/sig.h), answered from the background result when one was
 * computed for exactly these bytes; e may be NULL.
 */
int early_signature(struct early *e, const uint8_t *cert, size_t cert_len, uint16_t scheme, const uint8_t *content,
                    size_t content_len, const uint8_t *sig, size_t sig_len, char *err, size_t errlen);

#endif
