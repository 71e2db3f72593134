/*
 * spec/scenario.h — the plain-data description of a run.
 *
 * A layer of its own below both engine (which consumes it) and lesson (which
 * will read it from files): design.md §2 puts engine and lesson side by side,
 * and neither may include the other, so the data they share lives beneath them.
 * Only plain data and its lifetime here; no parsing, no TLS.
 */
#ifndef TLSSTEP_SPEC_SCENARIO_H
#define TLSSTEP_SPEC_SCENARIO_H

#include <stdbool.h>
#include <stdint.h>

enum side { SIDE_CLIENT = 0, SIDE_SERVER = 1 };

const char *side_name(enum side s); /* "client", "server" */
enum side side_peer(enum side s);

enum tls_version {
	TLS_V12 = 0x0303,
	TLS_V13 = 0x0304,
};

enum client_auth {
	CLIENT_AUTH_NONE = 0,
	CLIENT_AUTH_OPTIONAL,
	CLIENT_AUTH_REQUIRED,
};

#define SPEC_MAX_SUITES 32

/* One end's configuration. Strings are owned (freed by scenario_free). */
struct endpoint_spec {
	uint16_t min_version;           /* TLS_V12 ... */
	uint16_t max_version;
	uint16_t suites[SPEC_MAX_SUITES]; /* IANA ids in preference order; 0 terminated; empty = library default */
	char *cert;                     /* certificate file: a bundled name in assets/ or a path; NULL = none */
	char *key;                      /* its private key */
	char *ca;                       /* the CA this end trusts; NULL = none */
};

/* What the run is expected to end in. */
struct expectation {
	bool success;
	enum side failing_side;         /* when !success */
	int alert;                      /* alert description expected on the wire, or one of: */
};
#define EXPECT_ALERT_ANY (-1)           /* whatever alert, or none */
#define EXPECT_NO_ALERT  (-2)           /* the failing end must send no alert at all */

struct scenario {
	char *name;                     /* stem: "tls12-ecdhe-rsa" */
	char *title;                    /* one line for --list */
	char *source;                   /* file it came from, or "built-in" */
	uint64_t seed;
	int64_t sim_time;               /* simulation clock, seconds since the epoch (UTC) */
	char *hostname;                 /* SNI and the name the client checks; NULL = none */
	enum client_auth client_auth;
	struct endpoint_spec client;
	struct endpoint_spec server;
	char *client_data;              /* application data the client sends after the handshake */
	char *server_data;              /* and the server's reply */
	struct expectation expect;
};

/* The simulation date used when a scenario names none: 2025-06-01 12:00:00 UTC. */
#define SPEC_DEFAULT_TIME INT64_C(1748779200)
#define SPEC_DEFAULT_SEED UINT64_C(1)

void scenario_init(struct scenario *sc);
void scenario_free(struct scenario *sc);

/* Fills sc with the default scenario (tls12-ecdhe-rsa); sc must be freshly initialised. */
void scenario_default(struct scenario *sc);

#endif
