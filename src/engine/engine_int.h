/*
 * engine/engine_int.h — the engine's own state, shared by engine.c and mitm.c (the man in
 * the middle's ends) only; nothing outside src/engine includes it.
 */
#ifndef TLSSTEP_ENGINE_ENGINE_INT_H
#define TLSSTEP_ENGINE_ENGINE_INT_H

#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ticket.h>

#include "engine/capture.h"
#include "engine/creds.h"
#include "engine/engine.h"
#include "engine/fault.h"
#include "engine/pipe.h"
#include "engine/rng.h"

/* What each end does, in order. */
enum op {
	OP_HANDSHAKE,
	OP_WRITE,        /* send its application data */
	OP_READ,         /* read the peer's application data */
	OP_CLOSE,        /* send close_notify */
	OP_READ_CLOSE,   /* read the peer's close_notify */
	OP_OPEN,         /* man in the middle: the attacker opens its connection to the server (mitm.c) */
	OP_ACCEPT,       /* man in the middle: the server waits for a connection that may never come */
	OP_RELAY,        /* man in the middle: the attacker writes what its other end read (becomes OP_WRITE) */
	OP_RENEGOTIATE,  /* start a renegotiation: a client's ClientHello, a server's HelloRequest */
	OP_AWAIT_RENEG,  /* the client reads until the server's HelloRequest has started one */
	OP_END,
};

struct engine;

struct end {
	enum side side;
	struct engine *e;
	mbedtls_ssl_context ssl;
	mbedtls_ssl_config conf;
	struct creds creds;
	struct rng rng;
	struct capture capture;
	int suites[SPEC_MAX_SUITES + 1];
	uint16_t groups[SPEC_MAX_GROUPS + 1];
	uint16_t sig_algs[SPEC_MAX_GROUPS + 1];
	const char *alpn[SPEC_MAX_ALPN + 1];
	enum op program[8];
	int pc;
	const char *out_data;     /* what OP_WRITE sends */
	size_t out_len, out_done;
	size_t in_expect;         /* how much OP_READ waits for */
	int state;                /* last seen handshake state */
	/* Which of the run's ends it is: its settings, its pipe and connection, where its results go. */
	const struct endpoint_spec *spec;
	const char *label;        /* its random generator's label */
	struct pipe *pipe;
	int connection;
	struct engine_side *out;
	/* A man in the middle's end: its other end, whose received data it relays (OP_RELAY), or
	 * the end that opens this one's connection (OP_ACCEPT). */
	struct end *partner;
	struct buf relay;
	bool never_opened;
	bool attacker;            /* one of the attacker's ends: asks the client for no certificate */
};

struct engine {
	bool bare;                /* nothing captured: the benchmark's baseline */
	bool renegotiate;         /* the scenario renegotiates (TLS 1.2): see renegotiating() in engine.c */
	struct end end[4];        /* client, server, and with a man in the middle the attacker as server, as client */
	int nends;
	struct pipe pipe;
	struct pipe pipe2;        /* the attacker <-> server pipe (connection 2) of a man in the middle */
	bool mitm;
	const char *replace_from, *replace_to; /* what the attacker changes in the request it relays */
	struct fault_state faults;
	mbedtls_ssl_cache_context cache;    /* the server's session cache (resume = session_id) */
	mbedtls_ssl_ticket_context ticket;  /* the server's ticket keys (resume = ticket) */
	struct engine_run *run;
	int connection;
	void (*observe)(void *ctx, int connection, enum side from, const uint8_t *rec, size_t len);
	void *observe_ctx;
};

#endif
