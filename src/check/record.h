/*
 * check/record.h — decrypting TLS records independently of the library's record
 * layer, with keys the check layer derived itself. Uses mbed TLS's cipher
 * primitives (GCM, CCM, ChaCha20-Poly1305, AES-CBC, HMAC) only.
 *
 * Errors are CHECK_ERR_* from check/kdf.h.
 */
#ifndef TLSSTEP_CHECK_RECORD_H
#define TLSSTEP_CHECK_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/md.h>

#include "util/buf.h"

enum record_cipher {
	RECORD_AES_128_GCM,
	RECORD_AES_256_GCM,
	RECORD_AES_128_CCM,
	RECORD_AES_256_CCM,
	RECORD_AES_128_CCM_8,
	RECORD_CHACHA20_POLY1305,
	RECORD_AES_128_CBC,     /* TLS 1.2 only, with an HMAC */
	RECORD_AES_256_CBC,
};

/* One direction's keys. */
struct record_keys {
	enum record_cipher cipher;
	uint8_t key[32];
	size_t key_len;
	uint8_t iv[16];         /* TLS 1.2 GCM/CCM: 4-byte implicit IV (salt); ChaCha20 and TLS 1.3: 12 bytes; CBC: unused */
	size_t iv_len;
	uint8_t mac_key[48];    /* CBC only */
	size_t mac_key_len;
	mbedtls_md_type_t mac_md;   /* CBC only: SHA1, SHA256, SHA384 */
	bool encrypt_then_mac;      /* CBC only (RFC 7366) */
};

/*
 * TLS 1.2 (RFC 5246 §6.2.3, RFC 5288 AES-GCM, RFC 6655 CCM, RFC 7905 ChaCha20-Poly1305,
 * RFC 7366 encrypt-then-MAC): decrypts one record whose 5-byte header is
 * hdr (type, version, length) and whose body is body[0..body_len), sent with
 * sequence number seq. On success `plain` holds the plaintext fragment; on any
 * error it is empty. Returns CHECK_ERR_BAD_INPUT for keys that do not fit their
 * cipher, CHECK_ERR_FORMAT when the header's length is not body_len, exceeds
 * 2^14 + 2048, or the body is too short for the cipher's layout,
 * CHECK_ERR_AUTH for a tag or MAC that does not verify (or bad MAC-then-encrypt
 * padding: bad_record_mac either way).
 */
int record_tls12_decrypt(const struct record_keys *k, uint64_t seq,
                         const uint8_t hdr[5], const uint8_t *body, size_t body_len,
                         struct buf *plain);

/*
 * What a MAC-then-encrypt CBC record (RFC 5246 §6.2.3.2) decrypted to:
 * content || MAC || padding || padding_length, each checked on its own.
 */
struct record_cbc_parts {
	size_t content_len;
	size_t mac_len;
	size_t pad_len;         /* padding bytes, without the padding_length byte */
	bool pad_ok;            /* every padding byte and padding_length agree */
	bool mac_ok;            /* the HMAC we computed equals the one decrypted */
};

/*
 * Decrypts a MAC-then-encrypt CBC record (k->encrypt_then_mac false) whole and
 * checks its padding and its MAC apart: `inner` receives every decrypted byte
 * (body_len - 16 of them) and *parts where each part lies and whether it holds.
 * When the padding is bad, the MAC is checked as if there were none (RFC 5246
 * §6.2.3.2's advice), so a wrong MAC is still told from a wrong padding.
 * Returns 0 once decrypted (whatever the checks say), CHECK_ERR_BAD_INPUT for
 * keys that are not CBC MAC-then-encrypt keys, CHECK_ERR_FORMAT for a header
 * length other than body_len or a body that is not an IV and whole blocks able
 * to hold a MAC.
 */
int record_cbc_mte_open(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                        size_t body_len, struct buf *inner, struct record_cbc_parts *parts);

/*
 * TLS 1.3 (RFC 8446 §5.2–5.4): nonce = iv XOR seq, AAD = the record header.
 * On success `plain` holds the content without padding and *inner_type the
 * real content type (TLSInnerPlaintext). k->iv_len must be 12 and the cipher an
 * AEAD (CHECK_ERR_BAD_INPUT otherwise); CHECK_ERR_FORMAT for a header length
 * other than body_len or above 2^14 + 256, a body shorter than tag + 1, or a
 * plaintext of only zeros; CHECK_ERR_AUTH for a tag that does not verify.
 */
int record_tls13_decrypt(const struct record_keys *k, uint64_t seq,
                         const uint8_t hdr[5], const uint8_t *body, size_t body_len,
                         struct buf *plain, uint8_t *inner_type);

#endif
