/*
 * wire/record.h — TLS record framing (RFC 5246 §6.2, RFC 8446 §5.1).
 *
 * Pure functions over bytes: find where a record ends in a byte stream, and
 * read its header. No allocation.
 */
#ifndef TLSSTEP_WIRE_RECORD_H
#define TLSSTEP_WIRE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define RECORD_HEADER_LEN 5
/* Largest record body a peer may send: 2^14 + 2048 (RFC 5246 §6.2.3). */
#define RECORD_MAX_BODY (16384 + 2048)

enum content_type {
	CT_CHANGE_CIPHER_SPEC = 20,
	CT_ALERT = 21,
	CT_HANDSHAKE = 22,
	CT_APPLICATION_DATA = 23,
};

struct record_header {
	uint8_t type;
	uint16_t version;
	uint16_t length;
};

/*
 * Looks at the start of a byte stream p[0..n). Returns the length of the
 * complete record there (header + body), 0 if more bytes are needed, or -1 if the
 * header cannot start a record (its length exceeds RECORD_MAX_BODY).
 */
long record_complete(const uint8_t *p, size_t n);

/* Reads a header from p (at least RECORD_HEADER_LEN bytes). */
struct record_header record_header_read(const uint8_t *p);

#endif
