/*
 * model/failure.h — what failed in a failed run and why, in words and as data.
 *
 * Everything here is derived from the run: the ends' errors and certificate
 * verify flags, the alerts on the wire, the decoded fields (certificate dates and
 * names, the offers in the hellos), the checks tlsstep made itself (signatures,
 * Finished, record tags) and the faults the scenario injected. No sentence is
 * written for one scenario.
 */
#ifndef TLSSTEP_MODEL_FAILURE_H
#define TLSSTEP_MODEL_FAILURE_H

#include "model/timeline.h"

/*
 * For a failed run: one paragraph on what failed and why, in words, with the alert
 * by name and code, e.g. "The client rejected the server's certificate: it expired
 * on 2015-01-01 00:00:00 UTC, before the simulation clock's 2025-06-01 12:00:00 UTC.
 * It sent the fatal alert certificate_expired (45) and ended the connection."
 * NULL when the run did not fail. The string is owned by tl (freed by timeline_free).
 */
const char *explain_failure(const struct timeline *tl);

/* For model/timeline.c: builds tl->failure once the run's timeline and checks are complete. */
void failure_build(struct timeline *tl);

/*
 * The decoded field of st that a failed check is about (the signature, verify_data,
 * the record's tag), or FIELD_NONE; *what (may be NULL) gets a short phrase
 * ("signature does not verify"), or NULL when nothing failed. The index is into
 * step_failed_tree(st): st->fields, except for a record whose tag or MAC failed,
 * whose field is in st->record_fields.
 */
int step_failed_field(const struct step *st, const char **what);

/* The field tree step_failed_field's index points into. */
const struct fields *step_failed_tree(const struct step *st);

#endif
