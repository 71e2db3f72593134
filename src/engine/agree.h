/*
 * engine/agree.h — capture of each end's (EC)DHE private value and shared secret
 * (see agree.c): TLS 1.3's PSA key agreement, TLS 1.2's ECDH and DHM contexts.
 */
#ifndef TLSSTEP_ENGINE_AGREE_H
#define TLSSTEP_ENGINE_AGREE_H

#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"

/*
 * name is "shared_secret" (TLS 1.3: the (EC)DHE output as the key schedule takes
 * it) or "ephemeral_private_key" (TLS 1.2 and 1.3: the end's private value of the
 * key exchange, in the encoding RFC 7748 / SEC 1 / the DH exponent use: x25519
 * little-endian as on the wire, P-256/P-384 and DH big-endian).
 */
typedef void (*agree_fn)(void *arg, enum side side, const char *name, const uint8_t *p, size_t len);

/* Installs (or, with NULL, removes) the receiver. */
void agree_set_hook(agree_fn fn, void *arg);
/* Tells which end the engine is about to step. */
void agree_running(enum side side);

#endif
