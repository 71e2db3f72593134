/*
 * model/from_capture.h — the timeline of one TLS connection of a capture made by
 * any stack (issue 17), built by the same builder and proof as a run of the engine
 * (model/build.h): the connection's records become the log's RECORD events, in the
 * order they crossed, and the key log's secrets its SECRET events, each placed just
 * before the first record that needs it. Those secrets are held by neither end
 * (HOLDER_KEYLOG): the proof takes them as given and confirms them by what they
 * open (model/proof_keylog.h).
 */
#ifndef TLSSTEP_MODEL_FROM_CAPTURE_H
#define TLSSTEP_MODEL_FROM_CAPTURE_H

#include <stddef.h>

#include "capture/conns.h"
#include "model/timeline.h"

struct capture_request {
	const struct tls_conn *conn;   /* borrowed from the capture's connection list */
	size_t number;                 /* its 1-based number there */
	const char *file;              /* the capture, as named (for tl->capture) */
	const char *keylog;            /* the key log file read with it, or NULL */
	const struct scenario *sc;     /* a stand-in the caller owns (capture_scenario) for the words that read one */
	struct mbedtls_pk_context *server_key; /* --server-key, or NULL: a TLS 1.2 RSA key exchange is then decrypted
	                                        * without a key log (the ClientKeyExchange's premaster secret) */
	const char *server_key_file;   /* its name, for the words */
};

/* Builds tl (initialised here) from rq's connection. Never fails: what could be decoded is there;
 * a server key that does not open its ClientKeyExchange is said in tl->capture.server_key_note. */
void timeline_from_capture(struct timeline *tl, const struct capture_request *rq);

/* Fills sc (initialised here; free with scenario_free) as a stand-in for a capture's connection. */
void capture_scenario(struct scenario *sc, const char *file, size_t number);

#endif
