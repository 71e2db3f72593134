/*
 * wire/rewrite.h — a field of a handshake message set to new codes, every length
 * around it fixed up: the man in the middle's edit (lessons/README.md "Faults",
 * `rewrite = ...`).
 *
 * The field is found with the decoders' own field tree (its offset and length), so
 * the bytes edited are exactly those the learner sees under that name; the lengths
 * fixed are those of every block that encloses it: an extension, the extensions
 * block, the handshake header and the record header.
 */
#ifndef TLSSTEP_WIRE_REWRITE_H
#define TLSSTEP_WIRE_REWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* What a field's codes are, so a scenario file's words can be read into them. */
enum rewrite_kind {
	REWRITE_SUITES,     /* cipher suite names */
	REWRITE_VERSIONS,   /* TLS1.2, TLS1.3 (or 1.2, 1.3) */
	REWRITE_GROUPS,     /* named groups: x25519, secp256r1 */
	REWRITE_SIGALGS,    /* signature schemes: rsa_pss_rsae_sha256 */
};

struct rewrite_field {
	const char *message;    /* "ClientHello" */
	const char *name;       /* its decoded name: "cipher_suites", "supported_versions" */
	enum rewrite_kind kind;
	bool single;            /* exactly one code (a ServerHello's cipher_suite), no length of its own */
};

/*
 * The field `name` of `message` a rewrite can set, or NULL. When there is none,
 * `fields` (cap bytes) gets what there is: "cipher_suites, supported_versions, ..."
 * for a message with rewritable fields, "" for one without.
 */
const struct rewrite_field *rewrite_field_find(const char *message, const char *name, char *fields, size_t cap);

/* The messages that have rewritable fields, for messages: "ClientHello (cipher_suites, ...), ServerHello (...)". */
void rewrite_messages(char *out, size_t cap);

/* A version by its name as a scenario writes it ("TLS1.2", "TLS 1.2", "1.2"); 0 if unknown. */
uint16_t rewrite_version_by_name(const char *name);

/*
 * Rewrites field f (as rewrite_field_find returned it: a pointer into the table, never a
 * copy) of the first handshake message in the record rec (header
 * included) to codes[0..n), fixing every enclosing length. On success returns 0
 * and writes into done (cap bytes) what changed: "cipher_suites 34 -> 2 bytes;
 * lengths fixed: handshake 508 -> 476, record 512 -> 480". Returns -1 with the
 * reason in done when the record does not hold the message whole, the message has
 * no such field (an extension it does not carry), or a new length would not fit;
 * rec is then unchanged.
 */
int rewrite_apply(struct buf *rec, bool from_server, const struct rewrite_field *f, const uint16_t *codes, size_t n,
                  char *done, size_t cap);

#endif
