/*
 * wire/reader.h — a bounds-checked cursor over one message (internal to wire/).
 *
 * Every read checks what is left; a failure records the RFC alert, the offset
 * (relative to the start of the message) and a sentence in the wire_error,
 * and returns -1. Sub-readers for length-prefixed vectors share the base
 * pointer, so offsets stay relative to the whole message.
 */
#ifndef TLSSTEP_WIRE_READER_H
#define TLSSTEP_WIRE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "wire/decode.h"
#include "wire/fields.h"

struct reader {
	const uint8_t *p;     /* the whole message */
	size_t pos;           /* next byte to read */
	size_t len;           /* end of this reader's window (absolute) */
	size_t size;          /* for a vector: its body length */
	struct fields *out;
	struct wire_error *err;
};

void rd_init(struct reader *r, const uint8_t *p, size_t len, struct fields *out, struct wire_error *err);
size_t rd_left(const struct reader *r);
int rd_fail(struct reader *r, int alert, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int rd_u8(struct reader *r, uint8_t *v);
int rd_u16(struct reader *r, uint16_t *v);
int rd_u24(struct reader *r, uint32_t *v);
int rd_u32(struct reader *r, uint32_t *v);
int rd_skip(struct reader *r, size_t n, const char *what);
/*
 * Reads a 1- or 2-byte code and adds the field `name` with the value "NAME (code)"
 * (hex for 2-byte codes), NAME from `lookup` or "unknown"; *out may be NULL.
 */
int rd_named8(struct reader *r, int parent, const char *name, const char *explain,
              const char *(*lookup)(uint8_t), uint8_t *out);
int rd_named16(struct reader *r, int parent, const char *name, const char *explain,
               const char *(*lookup)(uint16_t), uint16_t *out);

/* RFC 8701: what a GREASE value is, for its field's explanation. */
#define RD_GREASE_EXPLAIN                                                                              \
	"GREASE (RFC 8701): a reserved value the client sends on purpose, so that servers keep ignoring " \
	"codes they do not know; it means nothing"

/* A 2-byte code as "NAME (0x....)": "GREASE" for RFC 8701's values, "unknown" when name is
 * NULL (never a guess); into buf, returned. */
const char *rd_code16_text(char *buf, size_t cap, uint16_t code, const char *name);

/* A vector with a 1-, 2- or 3-byte length: `sub` covers its body; r moves past it. */
int rd_vec8(struct reader *r, struct reader *sub, const char *what);
int rd_vec16(struct reader *r, struct reader *sub, const char *what);
int rd_vec24(struct reader *r, struct reader *sub, const char *what);

#endif
