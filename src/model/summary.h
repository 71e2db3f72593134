/*
 * model/summary.h — one run in figures, for a comparison: round trips before the
 * client may send application data, bytes on the wire by phase, public-key
 * operations by each end, forward secrecy and what an eavesdropper reads. All of
 * it counted from the steps that crossed the pipe, never from the scenario's wishes.
 */
#ifndef TLSSTEP_MODEL_SUMMARY_H
#define TLSSTEP_MODEL_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/timeline.h"

enum { SUMMARY_MAX_CONN = 2, SUMMARY_PHASES = PHASE_DATA + 1 };

/* Public-key operations of one end. Counted from the messages that crossed: a
 * signature made for ServerKeyExchange or CertificateVerify, one verified by the
 * peer that received it (a certificate chain: one per certificate), RSA key
 * transport (the client encrypts, the server decrypts), an (EC)DHE agreement. */
struct pk_ops {
	int sign, verify, encrypt, decrypt, agree;
};

struct run_summary {
	int connections;
	/* Per connection: the round trips the client waits before it may send its first
	 * application data byte; -1 when it never sent any (the run stopped). */
	int round_trips[SUMMARY_MAX_CONN];
	size_t bytes_phase[SUMMARY_PHASES];   /* [1..PHASE_DATA]: record bytes, headers included */
	size_t bytes_handshake, bytes_total;  /* phases 1-4; everything */
	struct pk_ops ops[2];                 /* [SIDE_CLIENT], [SIDE_SERVER] */
	bool forward_secret;                  /* the agreed key exchange is ephemeral */
	int clear_messages, encrypted_messages; /* handshake messages an eavesdropper reads / cannot */
	const char *eavesdrop;                /* borrowed: the run's own account (outcome.eavesdrop, made by
	                                       * eavesdrop_ensure, which the caller runs first), or NULL */
};

void summary_compute(const struct timeline *tl, struct run_summary *s);

/* "2 RTT", "1 RTT; connection 2: 1 RTT", "never (the run stopped)": into out. */
const char *summary_round_trips(const struct run_summary *s, char *out, size_t cap);
/* "sign 1, verify 2, agree 1" (the non-zero counts), or "none". */
const char *summary_ops(const struct pk_ops *o, char *out, size_t cap);

#endif
