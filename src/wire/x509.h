/*
 * wire/x509.h — one certificate of a chain, as fields (RFC 5280 §4.1).
 *
 * Parsed with mbed TLS's X.509 parser (not its TLS code), without copying, so
 * every part it finds maps to its exact offset in the message.
 */
#ifndef TLSSTEP_WIRE_X509_H
#define TLSSTEP_WIRE_X509_H

#include <stddef.h>
#include <stdint.h>

#include "wire/fields.h"

/*
 * Adds the fields of the DER certificate at msg[off .. off+len) under `parent`,
 * offsets relative to msg; `depth` is its place in the chain (0: the sender's
 * own). A certificate that does not parse gets a field saying why; it is not an
 * error of the TLS message. Returns 0, or -1 if it did not parse.
 */
int x509_fields(struct fields *out, int parent, const uint8_t *msg, size_t off, size_t len, unsigned depth);

/*
 * Adds a distinguished name (a CA's name in a CertificateRequest or in the
 * certificate_authorities extension) at msg[off .. off+len) under `parent`: its
 * DER bytes, and under them the name as text ("CN=..., O=..., C=..."). A name
 * that does not parse keeps its bytes and says so.
 */
void x509_dn_field(struct fields *out, int parent, const uint8_t *msg, size_t off, size_t len);

/*
 * A Name's DER (RDNSequence ::= SEQUENCE OF SET OF { type OID, value }, RFC 5280
 * §4.1.2.4) as text "CN=..., O=..." into text[0..cap): non-ASCII bytes as '?', a long
 * name cut and marked "...". Returns 0, or -1 if the bytes are not such a sequence.
 */
int x509_dn_text(const uint8_t *der, size_t len, char *text, size_t cap);

#endif
