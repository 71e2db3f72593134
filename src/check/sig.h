/*
 * check/sig.h — checking a handshake signature by hand: the signer's public key
 * from its DER certificate, the signature scheme named on the wire, the exact
 * bytes that were signed. mbed TLS's X.509 and pk primitives only.
 */
#ifndef TLSSTEP_CHECK_SIG_H
#define TLSSTEP_CHECK_SIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "wire/fields.h"

/*
 * Verifies sig over content with the key of the DER certificate cert, using
 * `scheme` (RFC 8446 §4.2.3 code; TLS 1.2 hash/signature pairs use the same
 * codes). Returns 0 when the signature verifies, CHECK_ERR_AUTH when it does
 * not, another CHECK_ERR_* (and err) when it cannot be checked.
 */
int check_signature(const uint8_t *cert, size_t cert_len, uint16_t scheme, const uint8_t *content,
                    size_t content_len, const uint8_t *sig, size_t sig_len, char *err, size_t errlen);

/*
 * RFC 5246 §7.4.3: what a TLS 1.2 ServerKeyExchange signs, client_random + server_random
 * + its (EC)DH parameters, appended to content from the decoded message f of msg; false
 * if it has no parameters. One definition for the model's check and the one started
 * during the run (model/early.c).
 */
bool check_ske_content(const struct fields *f, const uint8_t *msg, const uint8_t client_random[32],
                       const uint8_t server_random[32], struct buf *content);

#endif
