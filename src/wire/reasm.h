/*
 * wire/reasm.h — handshake message reassembly (RFC 5246 §6.2.1, RFC 8446 §5.1).
 *
 * Handshake messages may be split over several records, and one record may
 * carry several messages. Feed the plaintext of each handshake record in order;
 * take out every complete message (4-byte header included).
 */
#ifndef TLSSTEP_WIRE_REASM_H
#define TLSSTEP_WIRE_REASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Handshake messages larger than this are refused (mbed TLS's own limit is lower). */
#define REASM_MAX_MESSAGE (1u << 17)

struct reasm {
	struct buf pending;
};

void reasm_init(struct reasm *r);
void reasm_free(struct reasm *r);
void reasm_feed(struct reasm *r, const uint8_t *p, size_t n);
/*
 * Moves the next complete message into msg (replacing its content). Returns 1 if
 * one was taken, 0 if none is complete yet, -1 if the pending bytes announce a
 * message over REASM_MAX_MESSAGE (the caller should report decode_error).
 */
int reasm_next(struct reasm *r, struct buf *msg);
/* Bytes fed but not yet returned as a message. */
size_t reasm_pending(const struct reasm *r);

#endif
