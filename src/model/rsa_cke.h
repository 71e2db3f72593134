/*
 * model/rsa_cke.h — under RSA key exchange, proof in every run that the premaster
 * secret the client reported is the one that crossed, without the server's private
 * key: RSAES-PKCS1-v1_5 is deterministic once its padding string is known, so the
 * client's premaster secret re-encrypted with the public key of the certificate on
 * the wire, and with the padding bytes the client's seeded generator drew (the
 * engine keeps a tape of its draws), must give exactly the ClientKeyExchange's
 * ciphertext. One public-key operation: a fraction of the private-key decryption
 * that the eavesdropper's experiment performs, only when asked (model/eavesdrop.h).
 */
#ifndef TLSSTEP_MODEL_RSA_CKE_H
#define TLSSTEP_MODEL_RSA_CKE_H

#include "model/timeline.h"
#include "util/buf.h"

/*
 * A pass over the built timeline: every TLS 1.2 connection keyed by RSA (not RSA-PSK)
 * with a ClientKeyExchange, the server's certificate and the client's premaster secret
 * is checked against `draws` (engine_run.client_draws). Sets tl->rsa_cke_ok: YES when
 * every such connection's ciphertext matched, NO when one did not (that connection's
 * client premaster secret is then marked DIFFERENT, with why), UNCHECKED with none.
 */
void rsa_cke_check(struct timeline *tl, const struct buf *draws);

#endif
