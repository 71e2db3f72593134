/*
 * check/dh.h — (EC)DH recomputed from one end's private value and the peer's
 * public value, with mbed TLS's ECP and bignum primitives (never its TLS code nor
 * the PSA key agreement the engine observes), so that a captured private key is
 * shown to be the one that made the shared secret.
 */
#ifndef TLSSTEP_CHECK_DH_H
#define TLSSTEP_CHECK_DH_H

#include <stddef.h>
#include <stdint.h>

/*
 * group: "x25519", "x448", "secp256r1", "secp384r1", "secp521r1" (priv as RFC 7748
 * little-endian or SEC 1 big-endian bytes, peer as on the wire), or any other name
 * with p given (finite-field DH: priv the exponent, peer the public value, output
 * padded to the length of p). Writes the shared value into out; returns 0 and
 * *out_len, or a CHECK_ERR_* (check/kdf.h).
 */
int check_agree(const char *group, const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len,
                const uint8_t *p, size_t p_len, uint8_t *out, size_t cap, size_t *out_len);

#endif
