/*
 * model/chainwalk.h — every link of a certificate chain checked by tlsstep itself:
 * each certificate's signature over its tbsCertificate, verified with the public key
 * of the certificate above it in certificate_list, or, for the last one, of the CA in
 * the receiving end's trust store that its issuer names (RFC 5280 6.1). The verdict
 * is a field `signed_by` under each certificate, beside mbed TLS's own verdict.
 */
#ifndef TLSSTEP_MODEL_CHAINWALK_H
#define TLSSTEP_MODEL_CHAINWALK_H

#include <stddef.h>

#include "model/timeline.h"

/*
 * A pass over the finished timeline, run only when something shows a chain: each
 * check is a signature verification as costly as the library's own (an ECDSA one
 * is a fifth of a handshake), so a run whose Certificate nobody looks at (the
 * tamper sweep, --keylog, --pcap, a TUI still before it) never pays for it.
 *
 * Adds the signed_by fields if a view of steps 1..upto could show a Certificate
 * (upto 0: the whole run, as an export shows it): every Certificate of the run at
 * once. Runs once per timeline; later calls return at once. Call it before reading
 * the fields of a Certificate step (adding fields may move its field array).
 */
void chainwalk_ensure(struct timeline *tl, size_t upto);

#endif
