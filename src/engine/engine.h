/*
 * engine/engine.h — a real mbed TLS client and server, stepped in one thread
 * over the memory pipe, producing an ordered log of what happened.
 *
 * The engine runs a scenario to its end (success, failure or stall) and records
 * events: every record as it crossed the pipe, every secret the library handed
 * out (export-keys callback, debug dumps), every state change of each end, and
 * each end's final error. It interprets nothing: the model turns the log into
 * the timeline, and the check layer re-derives the secrets.
 *
 * Each event carries the pipe's position (bytes sent and consumed in each
 * direction) when it happened, so the model can tell which message an end had
 * just read or written when it came to know a secret.
 */
#ifndef TLSSTEP_ENGINE_ENGINE_H
#define TLSSTEP_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

#include "spec/scenario.h"
#include "util/buf.h"

#define ENGINE_ERR_INPUT   (-1)   /* a credential or setting the scenario names is unusable */
#define ENGINE_ERR_LIBRARY (-2)   /* mbed TLS refused to set up (a bug or an impossible config) */

enum engine_event_kind {
	ENGINE_EV_RECORD,   /* a record crossed the pipe: side sent it */
	ENGINE_EV_SECRET,   /* side's library handed out a secret */
	ENGINE_EV_STATE,    /* side's handshake state machine moved */
	ENGINE_EV_ERROR,    /* side failed */
	ENGINE_EV_FAULT,    /* a scenario fault hit a record from side (data: a sentence) */
};

struct engine_event {
	enum engine_event_kind kind;
	enum side side;
	int connection;           /* 1-based */
	uint64_t sent[2];         /* bytes side s had delivered into the pipe */
	uint64_t consumed[2];     /* bytes of what side s sent that its peer had read (or that were
	                           * discarded unread when its connection ended: engine.c resume()) */
	size_t offset, length;    /* RECORD: its bytes in run->stream[side] */
	char name[64];            /* SECRET: name ("premaster_secret", "master_secret", ...) */
	struct buf data;          /* SECRET: the bytes */
	uint8_t client_random[32];/* SECRET from the key-export callback: the randoms it reported */
	uint8_t server_random[32];
	bool has_randoms;
	int state_from, state_to; /* STATE */
	int error;                /* ERROR: mbed TLS error code */
	/* FAULT: the bytes it changed in the record it hit, which is the next RECORD event
	 * of this side: offsets in that record (header included), values before and after. */
	size_t fault_off[4];
	uint8_t fault_was[4], fault_now[4];
	size_t nfault;
	struct buf as_sent;       /* FAULT after a rewrite: the message as its sender wrote it (else empty) */
};

struct engine_side {
	bool handshake_done;
	bool finished;            /* ran its whole program (handshake, data, close) */
	int error;                /* 0, or the mbed TLS error that stopped it */
	char error_text[160];
	uint32_t verify_flags;    /* certificate verification result of the peer's chain */
	char verify_text[320];
	bool cert_not_server;     /* its own certificate's extendedKeyUsage leaves out serverAuth (mbed TLS's
	                             server will not send such a certificate) */
	bool never_connected;     /* a run with a man in the middle: its connection was never opened */
	struct buf received;      /* application data it read */
	uint8_t client_random[32], server_random[32]; /* from the export-keys callback */
	int prf_type;             /* mbedtls_tls_prf_types of the export-keys callback */
};

struct engine_run {
	struct engine_event *ev;
	size_t nev, cap;
	struct buf stream[2];     /* every byte each side sent, record by record */
	struct engine_side side[2];
	bool stalled;
	char stall_text[320];
	uint64_t seed;
	uint16_t tls_version;     /* negotiated, 0 if never reached */
	uint16_t suite_id;
	char suite_name[64];      /* mbed TLS's spelling: "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256" */
	char library_version[32]; /* "Mbed TLS 3.6.6" */
	/* Not in a bare run: every draw of the client's generator (engine/rng.h's tape), so that
	 * the model can re-encrypt an RSA premaster secret with the padding the client drew; and
	 * the server's private key as the server loaded and used it (NULL without one), so that
	 * the eavesdropper's decryption, when asked for, is not a cold start. */
	struct buf client_draws;
	mbedtls_pk_context *server_key;
	/* A run with a man in the middle (scenario.has_attacker): side[] are the real client and
	 * server, attacker[role] the attacker in that role (attacker[SIDE_SERVER] faces the client on
	 * connection 1, attacker[SIDE_CLIENT] the server on connection 2), and stream2[] connection
	 * 2's bytes (stream[] holds connection 1's). Events say their connection and role. */
	bool mitm;
	struct engine_side attacker[2];
	struct buf stream2[2];
};

/* The bytes a record event of this connection and role points into. */
const struct buf *engine_run_stream(const struct engine_run *run, int connection, enum side role);

struct engine_options {
	const struct scenario *sc;
	const char *assets_dir;
	uint64_t seed;
	bool bare;                /* for the benchmark: the same handshake with nothing captured */
	/*
	 * Optional: called with every record as it crosses the pipe, in the engine's
	 * own thread, so that a caller can start work on it while the handshake goes on
	 * (the model's background checks, model/early.c). Must be quick.
	 */
	void (*observe)(void *ctx, int connection, enum side from, const uint8_t *rec, size_t len);
	void *observe_ctx;
};

void engine_run_init(struct engine_run *run);
void engine_run_free(struct engine_run *run);
/* Takes run->server_key (the caller frees it with mbedtls_pk_free and free). */
mbedtls_pk_context *engine_run_take_server_key(struct engine_run *run);

/*
 * Runs the scenario. Returns 0 when the run happened (whatever its TLS outcome:
 * see run->side[] and run->stalled), or ENGINE_ERR_* with a sentence in err.
 */
int engine_run(const struct engine_options *o, struct engine_run *run, char *err, size_t errlen);

/* mbed TLS's name of a cipher suite ("TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256"), "unknown" if none. */
const char *engine_suite_name(uint16_t id);

/* mbed TLS's handshake state as a readable name ("ServerHello", "HandshakeOver"). */
const char *engine_state_name(int state);

#endif
