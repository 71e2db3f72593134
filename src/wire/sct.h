/*
 * wire/sct.h — Certificate Transparency's SignedCertificateTimestampList (RFC 6962
 * §3.3), wherever it travels: the signed_certificate_timestamp extension of a TLS 1.2
 * ServerHello or of a TLS 1.3 Certificate entry (RFC 8446 §4.4.2), or the certificate's
 * own extension (wire/x509.c). Internal to wire/.
 */
#ifndef TLSSTEP_WIRE_SCT_H
#define TLSSTEP_WIRE_SCT_H

#include "wire/reader.h"

/*
 * The list at r (the extension's whole body) as fields under parent: each SCT's
 * version, log id, timestamp, extensions, hash and signature algorithm and signature.
 * Returns 0, or -1 with r's error set when the lengths do not hold together.
 */
int sct_list(struct reader *r, int parent);

#endif
