/*
 * model/proof13.h — the TLS 1.3 key schedule re-derived from each end's shared
 * secret (see proof13.c), a pass over a built connection; and the PSK a resumed
 * connection starts from.
 */
#ifndef TLSSTEP_MODEL_PROOF13_H
#define TLSSTEP_MODEL_PROOF13_H

#include "model/proof.h"

/* TLS 1.3: re-derives the key schedule and checks both Finished messages. */
void proof13_finish(struct proof *p);

/* TLS 1.3 resumption: the PSK from the first connection's resumption master secret and ticket nonce. */
void proof_resumes13(struct proof *p, const struct proof *first);

/*
 * TLS 1.3 resumption (RFC 8446 §4.2.11.2): re-derives the binder of the connection's
 * first ClientHello from the PSK, as HMAC(finished key of the binder key, hash of
 * the ClientHello up to its binders), and compares it with the one that crossed;
 * shows the PSK, the binder key and the binder. Runs whether or not the server
 * accepted the PSK (a server that finds the binder wrong answers decrypt_error).
 */
void proof13_binder(struct proof *p);

#endif
