/*
 * model/align.h — two timelines lined up by what each message does, not by its index.
 *
 * Each step gets a role: its connection, its sender and what it is ("ClientHello",
 * "Finished", a TLS 1.3 middlebox-compatibility ChangeCipherSpec, a ClientHello sent
 * again after a HelloRetryRequest, a fatal alert). Steps of the two runs with the same role may
 * pair up; the pairing is the heaviest common subsequence of roles (hellos and
 * Finished weigh most, records after the handshake least), so it never crosses:
 * both runs are read in their own order, row by row. A step with no counterpart
 * (ServerKeyExchange against an RSA run, ClientKeyExchange against TLS 1.3, a
 * HelloRetryRequest's extra exchange, a resumption's second connection) gets a row
 * of its own with -1 on the other side. Pure: it reads the two timelines only.
 */
#ifndef TLSSTEP_MODEL_ALIGN_H
#define TLSSTEP_MODEL_ALIGN_H

#include <stddef.h>

#include "model/timeline.h"

/* One row: a step index (0-based into tl->steps) of each run, or -1 where it has none. */
struct align_row {
	int a, b;
};

struct alignment {
	struct align_row *rows; /* owned */
	size_t n;
};

/* A step's role, as compared: "1 client ClientHello", "1 server ChangeCipherSpec (compat)". */
void align_role(const struct timeline *tl, size_t i, char *out, size_t cap);

/*
 * Aligns two lists of roles (the core, for tests that build their own): rows in
 * order, every index of each list exactly once. Ties go to the earliest pairing,
 * so the result depends on the roles only. out: owned, alignment_free.
 */
void align_roles(const char *const *ra, size_t na, const char *const *rb, size_t nb, struct alignment *out);

/* Aligns the steps of two runs (align_roles over align_role). out: owned, alignment_free. */
void align_timelines(const struct timeline *a, const struct timeline *b, struct alignment *out);

void alignment_init(struct alignment *al);
void alignment_free(struct alignment *al);

#endif
