/*
 * check/kdf.h — the key derivation functions of TLS, written here from the RFCs
 * on top of mbed TLS's HMAC/hash primitives only (never its TLS code), so that a
 * value the library reports can be re-derived independently and compared.
 *
 * All functions return 0 or a negative CHECK_ERR_*; outputs are caller buffers.
 */
#ifndef TLSSTEP_CHECK_KDF_H
#define TLSSTEP_CHECK_KDF_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/md.h>

#define CHECK_ERR_BAD_INPUT  (-1)  /* a length or argument out of range */
#define CHECK_ERR_CRYPTO     (-2)  /* the primitive failed */
#define CHECK_ERR_AUTH       (-3)  /* an AEAD tag or a MAC did not verify */
#define CHECK_ERR_FORMAT     (-4)  /* a record too short, bad padding, no content type */

/* Output length of a hash (32 for SHA-256, 48 for SHA-384), 0 if unsupported. */
size_t kdf_hash_len(mbedtls_md_type_t md);

/*
 * HMAC-md (RFC 2104) over a || b || c into out (kdf_hash_len(md) bytes); an
 * empty part may be NULL, out may alias an input part. The one HMAC the PRF,
 * HKDF and the CBC record MAC all use.
 */
int kdf_hmac(mbedtls_md_type_t md, const uint8_t *key, size_t key_len, const uint8_t *a, size_t an,
             const uint8_t *b, size_t bn, const uint8_t *c, size_t cn, uint8_t *out);

/* One-shot hash of p[0..n) into out (kdf_hash_len(md) bytes). */
int kdf_hash(mbedtls_md_type_t md, const uint8_t *p, size_t n, uint8_t *out);

/*
 * TLS 1.2 PRF (RFC 5246 §5): P_hash(secret, label || seed) with HMAC-`md`,
 * md is SHA-256 or SHA-384 as the cipher suite says.
 */
int kdf_tls12_prf(mbedtls_md_type_t md,
                  const uint8_t *secret, size_t secret_len,
                  const char *label,
                  const uint8_t *seed, size_t seed_len,
                  uint8_t *out, size_t out_len);

/* HKDF-Extract (RFC 5869 §2.2); out is kdf_hash_len(md) bytes. salt may be NULL/0. */
int kdf_hkdf_extract(mbedtls_md_type_t md,
                     const uint8_t *salt, size_t salt_len,
                     const uint8_t *ikm, size_t ikm_len,
                     uint8_t *out);

/* HKDF-Expand (RFC 5869 §2.3): prk_len at least, and out_len at most 255, hash lengths. */
int kdf_hkdf_expand(mbedtls_md_type_t md, const uint8_t *prk, size_t prk_len,
                    const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len);

/*
 * HKDF-Expand-Label (RFC 8446 §7.1): label is given without the "tls13 " prefix
 * ("key", "iv", "c hs traffic", ...); context may be NULL/0.
 */
int kdf_hkdf_expand_label(mbedtls_md_type_t md,
                          const uint8_t *secret, size_t secret_len,
                          const char *label,
                          const uint8_t *context, size_t context_len,
                          uint8_t *out, size_t out_len);

/*
 * Derive-Secret (RFC 8446 §7.1) given the transcript hash already computed:
 * HKDF-Expand-Label(secret, label, transcript_hash, Hash.length).
 */
int kdf_derive_secret(mbedtls_md_type_t md,
                      const uint8_t *secret, size_t secret_len,
                      const char *label,
                      const uint8_t *transcript_hash,
                      uint8_t *out);

#endif
