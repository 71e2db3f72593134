/*
 * wire/cbc_fields.h — the inside of a MAC-then-encrypt CBC record (RFC 5246
 * §6.2.3.2) as fields, once someone above the wire layer has decrypted it:
 * content || MAC || padding || padding_length. The wire layer never decrypts;
 * it lays out bytes it is given, with the verdicts it is given.
 */
#ifndef TLSSTEP_WIRE_CBC_FIELDS_H
#define TLSSTEP_WIRE_CBC_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/fields.h"

/* One decrypted record's parts (borrowed bytes); plain NULL: not decrypted. */
struct record_cbc_inner {
	const uint8_t *plain;   /* every decrypted byte: as many as the ciphertext */
	size_t len;
	size_t content_len, mac_len, pad_len;
	bool mac_ok, pad_ok;    /* each checked on its own by the caller */
};

/*
 * Adds a "decrypted" group under parent, with content, mac, mac_check, padding,
 * padding_length and padding_check. Offsets start at `at`, where the ciphertext
 * starts in the record: CBC gives as many plaintext bytes as ciphertext ones, so
 * each part points at the bytes it was decrypted from. Does nothing when the
 * parts do not add up to inner->len. Returns the group's index or FIELD_NONE.
 */
int cbc_fields_add(struct fields *out, int parent, size_t at, const struct record_cbc_inner *inner);

#endif
