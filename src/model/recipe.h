/*
 * model/recipe.h — "do it yourself": for a secret of the run, a shell snippet a
 * learner can paste that prints the same bytes as lowercase hex, one line per
 * way of computing it (python3's standard library, then openssl where it has the
 * function). Every input is written out in hex; where a tool needs a key file,
 * the snippet writes it (into a mktemp -d folder). The text is built from the
 * run's values; the one thing computed here is the salt an openssl line of the
 * TLS 1.3 Extract needs written out (Derive-Secret(previous, "derived", "")), and
 * the python line beside it computes that salt itself. tests/cli/recipes.sh runs
 * every recipe of every bundled success run and compares.
 *
 * Each function returns an owned string (free()).
 */
#ifndef TLSSTEP_MODEL_RECIPE_H
#define TLSSTEP_MODEL_RECIPE_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/md.h>

#include "check/record.h"

/* RFC 5246 §5: PRF(secret, label, seed)[off..off+len), P_hash written out. */
char *recipe_prf12(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                   const uint8_t *seed, size_t seed_len, size_t off, size_t len);

/* RFC 8446 §7.1: HKDF-Expand-Label(secret, label, context, len); label without "tls13 ". */
char *recipe_expand_label(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                          const uint8_t *context, size_t context_len, size_t len);

/*
 * RFC 8446 §7.1: HKDF-Extract(salt, ikm), where salt is Derive-Secret(prev, "derived", "")
 * of the previous stage's secret, or zeros when prev is NULL (the early secret).
 * ikm NULL: Hash.length zero bytes.
 */
char *recipe_extract13(mbedtls_md_type_t md, const uint8_t *prev, size_t prev_len, const uint8_t *ikm,
                       size_t ikm_len);

/* RFC 8446 §4.4.4: HMAC(HKDF-Expand-Label(base, "finished", "", Hash.length), transcript_hash). */
char *recipe_finished13(mbedtls_md_type_t md, const uint8_t *base, size_t base_len, const uint8_t *hash,
                        size_t hash_len);

/* Bytes off..off+len of a message that crossed the wire (a random in its hello). */
char *recipe_slice(const uint8_t *msg, size_t msg_len, size_t off, size_t len, const char *what);

/*
 * (EC)DH of own private value and the peer's public value: group is the TLS
 * name ("x25519", "secp256r1", "secp384r1", "x448", "ffdhe2048"..., or "dhe" with
 * p given); out_len pads the DH output to that many bytes (0: leading zeros
 * stripped, RFC 5246 §8.1.2). own names the end ("client"). NULL for a group it cannot write.
 */
char *recipe_agree(const char *group, const char *own, const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len,
                   const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len, size_t out_len);

/* RSAES-PKCS1-v1_5 decryption of the ClientKeyExchange with the server's key file (RFC 5246 §7.4.7.1). */
char *recipe_rsa_decrypt(const char *key_path, const uint8_t *enc, size_t enc_len);

/* a's lines then b's (either may be NULL); both are consumed. */
char *recipe_join(char *a, char *b);

/*
 * Decrypting one record with openssl enc (AES-GCM as the CTR stream it is, from
 * counter nonce||00000002; ChaCha20 from block 1; CBC without padding removal),
 * printing bytes off..off+len of the plaintext: nonce, additional data and tag
 * are written out, and the recipe says that this skips the tag check; for the AEADs
 * a second way checks it (GHASH or Poly1305 in python over openssl's block
 * function) and prints the bytes only when it verifies. TLS 1.2
 * (version 0x0303) or 1.3 layout; seq is the record's sequence number. NULL for
 * a cipher it does not write (CCM).
 */
char *recipe_record(uint16_t version, const struct record_keys *k, uint64_t seq, const uint8_t *rec, size_t rec_len,
                    size_t off, size_t len, const char *what);

#endif
