/*
 * wire/decode.h — decoders from the bytes of one TLS message to a field tree.
 *
 * Like picotls's decoders, without the macros: each decoder reads only inside
 * the message it is given, requires every length-prefixed block to be consumed
 * exactly, and on bad bytes returns -1 with the RFC alert it would raise, the
 * byte offset and a sentence for a learner; what was decoded up to there stays
 * in the tree. Offsets are relative to the start of the message given.
 */
#ifndef TLSSTEP_WIRE_DECODE_H
#define TLSSTEP_WIRE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/cbc_fields.h"
#include "wire/fields.h"

/* RFC 8446 §6 alert descriptions a decoder may return. */
#define ALERT_DECODE_ERROR 50
#define ALERT_ILLEGAL_PARAMETER 47

struct wire_error {
	int alert;          /* 0 when there is no error */
	size_t offset;
	char text[200];
};

enum kx_kind {
	KX_UNKNOWN = 0,
	KX_RSA,
	KX_DHE,
	KX_ECDHE,
	KX_PSK,
	KX_TLS13,
};

/* What the decoder needs to know from earlier messages. */
struct decode_ctx {
	uint16_t version;   /* negotiated version, 0 before ServerHello */
	enum kx_kind kx;    /* from the chosen cipher suite */
	bool from_server;
};

/* What a decoder learned that later messages depend on. */
struct decode_info {
	uint8_t hs_type;
	bool is_hrr;        /* a ServerHello that is a HelloRetryRequest (RFC 8446 §4.1.3) */
	uint16_t suite;     /* ServerHello: the chosen suite */
	uint16_t version;   /* ServerHello: negotiated version (supported_versions wins) */
};

/* The key exchange family of a cipher suite id, from the IANA table. */
enum kx_kind decode_kx_of_suite(uint16_t suite);

/* The RFC name of a handshake message ("ClientHello", "HelloRetryRequest", ...). */
const char *decode_handshake_name(const uint8_t *msg, size_t len);

/* A handshake message with its 4-byte header. Returns 0 or -1 (err set). */
int decode_handshake(const struct decode_ctx *ctx, const uint8_t *msg, size_t len,
                     struct fields *out, struct decode_info *info, struct wire_error *err);

/* An alert's 2 bytes (RFC 8446 §6). */
int decode_alert(const uint8_t *p, size_t len, struct fields *out, struct wire_error *err);

/* A ChangeCipherSpec's 1 byte (RFC 5246 §7.1). */
int decode_ccs(const uint8_t *p, size_t len, struct fields *out, struct wire_error *err);

/* Application data: its length and, printable or not, its bytes. */
int decode_appdata(const uint8_t *p, size_t len, struct fields *out, struct wire_error *err);

/* How a protected record's body is laid out (RFC 5246 §6.2.3, RFC 8446 §5.2). */
enum record_layout {
	LAYOUT_PLAIN = 0,
	LAYOUT_AEAD_EXPLICIT,   /* TLS 1.2 GCM/CCM: 8-byte explicit nonce, ciphertext, tag */
	LAYOUT_AEAD,            /* TLS 1.2 ChaCha20-Poly1305: ciphertext, tag */
	LAYOUT_CBC,             /* TLS 1.2 CBC: IV, then the encrypted content, padding (and MAC) */
	LAYOUT_CBC_ETM,         /* encrypt-then-MAC: IV, ciphertext, then the MAC in clear */
	LAYOUT_TLS13,           /* TLS 1.3: encrypted TLSInnerPlaintext, tag */
	LAYOUT_OPAQUE,          /* protected, layout unknown (keys never known) */
};

struct record_info {
	enum record_layout layout;
	size_t tag_len;         /* AEAD tag, or the MAC for LAYOUT_CBC_ETM */
	int inner_type;         /* TLS 1.3: the real content type once decrypted, -1 unknown */
	/* LAYOUT_CBC: the decrypted parts of record i (i < ncbc), laid out under it; may be NULL */
	const struct record_cbc_inner *cbc;
	size_t ncbc;
};

/*
 * The records in rec[0..len) (one or more, back to back) as fields, offsets
 * relative to rec. Returns 0, or -1 (err set) if the bytes are not whole records.
 */
int decode_records(const uint8_t *rec, size_t len, const struct record_info *info, struct fields *out,
                   struct wire_error *err);

#endif
