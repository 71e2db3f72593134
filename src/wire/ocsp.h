/*
 * wire/ocsp.h — an OCSP response (RFC 6960 §4.2.1) as fields, and the
 * CertificateStatus that carries one in TLS (RFC 6066 §8, RFC 8446 §4.4.2.1).
 *
 * mbed TLS has no OCSP parser: the DER is walked with its ASN.1 functions
 * (mbedtls_asn1_*), its OID tables name the algorithms, and the responder's
 * certificates go through wire/x509.c. Nothing here checks the response's
 * signature or dates; it shows what the response says.
 */
#ifndef TLSSTEP_WIRE_OCSP_H
#define TLSSTEP_WIRE_OCSP_H

#include <stddef.h>
#include <stdint.h>

#include "wire/fields.h"
#include "wire/reader.h"

/*
 * Adds the fields of the DER OCSPResponse at msg[off .. off+len) under parent.
 * A response that does not parse keeps what was read and gets a field saying
 * where and why: it is not an error of the TLS message (a client that cannot read
 * a stapled response treats it as absent). Returns 0, or -1 if it did not parse.
 */
int ocsp_fields(struct fields *out, int parent, const uint8_t *msg, size_t off, size_t len);

/*
 * CertificateStatus { status_type; opaque OCSPResponse<1..2^24-1> } at r (the body of
 * the TLS 1.2 handshake message, or of a TLS 1.3 Certificate entry's status_request),
 * its fields under parent. Returns 0, or -1 with r's error set on bad TLS framing.
 */
int ocsp_certificate_status(struct reader *r, int parent);

#endif
