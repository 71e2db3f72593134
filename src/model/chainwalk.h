/*
 * model/chainwalk.h — every link of a certificate chain checked by tlsstep itself:
 * each certificate's signature over its tbsCertificate, verified with the public key
 * of the certificate above it in certificate_list, or, for the last one, of the CA in
 * the receiving end's trust store that its issuer names (RFC 5280 6.1). The verdict
 * is a field `signed_by` under each certificate, beside mbed TLS's own verdict.
 */
#ifndef TLSSTEP_MODEL_CHAINWALK_H
#define TLSSTEP_MODEL_CHAINWALK_H

#include "model/proof.h"

void chainwalk_finish(struct proof *p);

#endif
