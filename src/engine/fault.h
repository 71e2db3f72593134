/*
 * engine/fault.h — the scenario's faults, applied on the pipe (design.md §6).
 *
 * A fault hits the first record from its sender that carries its message (or the
 * sender's n-th record), once. Messages are recognised on the wire: a handshake
 * record by its first message's type, a TLS 1.2 handshake record after the
 * sender's ChangeCipherSpec as Finished; TLS 1.3's encrypted records all look like
 * application_data, so target those by record number.
 */
#ifndef TLSSTEP_ENGINE_FAULT_H
#define TLSSTEP_ENGINE_FAULT_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/pipe.h"
#include "spec/scenario.h"

/* One byte a fault changed: its offset in the record it hit (the 5-byte header included), before and after. */
struct fault_change {
	size_t offset;
	uint8_t was, now;
};
#define FAULT_MAX_CHANGES 4

/*
 * Reports what a fault did (or why it could not): a sentence for the learner, the
 * bytes it changed in the record it hit (nch of them, 0 for none: a drop, a reorder,
 * a rewrite, a fault that did not apply), and, after a rewrite, the first message of
 * the record as its sender wrote it (sent[0..nsent), the 4-byte header included;
 * NULL otherwise), which is what the sender hashed into its transcript. All borrowed
 * for the call.
 */
typedef void (*fault_report_fn)(void *arg, enum side from, const char *text, const struct fault_change *ch,
                                size_t nch, const uint8_t *sent, size_t nsent);

struct fault_state {
	const struct scenario *sc;
	bool applied[SPEC_MAX_FAULTS];
	bool ccs_seen[2];
	bool holding[2];          /* a record of this sender is held back by a reorder fault */
	struct fault_change held_ch[2][FAULT_MAX_CHANGES]; /* ... and the bytes faults changed in it */
	size_t held_nch[2];
	fault_report_fn report;
	void *arg;
};

void fault_init(struct fault_state *f, const struct scenario *sc, fault_report_fn report, void *arg);

/*
 * The pipe filter; arg is a struct fault_state. Every fault that hits a record is
 * told in one report for that record, in scenario order: the first fault that
 * decides the record's fate (drop, duplicate, reorder) wins, and a later one is
 * reported as not applying; the bytes reported changed are those that really
 * differ when the record crosses (none for a dropped record or a no-op `set`).
 * A held record's changed bytes are reported when it is let go (fault_released).
 */
enum pipe_verdict fault_filter(void *arg, enum side from, unsigned index, struct buf *rec);

/* The pipe lets go of the record it held back from `from` (call it before that record's
 * tap event): reports the bytes faults changed in it, if any. */
void fault_released(struct fault_state *f, enum side from);

/* A new connection begins: its first handshake records are hellos again, not Finished;
 * nothing is held back any more (the pipe was emptied). */
void fault_new_connection(struct fault_state *f);

/*
 * A renegotiation begins: applies side's renegotiation_info faults (FAULT_RENEG_INFO) to
 * the verify_data it is about to quote, vd[0..len) (the client's 12 bytes; the server's
 * 24: the client's, then its own), and reports each. No fault on the pipe can do this:
 * the renegotiating hellos travel encrypted. It stands for an end that quotes another
 * handshake than the one its connection had (RFC 5746 §1, the attack it stops).
 */
void fault_verify_data(struct fault_state *f, enum side side, uint8_t *vd, size_t len);

/* After the run: reports every fault that found no record to hit. */
void fault_finish(struct fault_state *f);

#endif
