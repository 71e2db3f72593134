/*
 * check/rsa.h — RSA key exchange done by hand (RFC 5246 §7.4.7.1) with mbed TLS's
 * pk primitives only: decrypt an EncryptedPreMasterSecret with the server's private
 * key (what an eavesdropper who stole it could do), and the check every run can
 * afford, re-encrypting a premaster secret with the certificate's public key.
 */
#ifndef TLSSTEP_CHECK_RSA_H
#define TLSSTEP_CHECK_RSA_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

/*
 * Decrypts enc[0..len) (RSAES-PKCS1-v1_5) with the private key `key` (already
 * loaded: the server's own). On success returns 0 with the plaintext in out
 * (out_len set); on failure a CHECK_ERR_* and a sentence in err.
 */
int check_rsa_decrypt(mbedtls_pk_context *key, const uint8_t *enc, size_t len, uint8_t *out, size_t cap,
                      size_t *out_len, char *err, size_t errlen);

/*
 * Reads the private key file at path (PEM or DER, unencrypted) into pk (initialised by the
 * caller: mbedtls_pk_init). Returns 0, or CHECK_ERR_BAD_INPUT with mbed TLS's reason in err.
 */
int check_load_private_key(mbedtls_pk_context *pk, const char *path, char *err, size_t errlen);

/* How many check_rsa_decrypt calls this process made (a private-key operation each): the
 * tests count them to prove that the eavesdropper's decryption runs only when asked. */
unsigned long check_rsa_decryptions(void);

/*
 * RSAES-PKCS1-v1_5-Encrypt (RFC 8017 §7.2.1) of pms with the public key of the DER
 * certificate cert, the padding string drawn from f_rng exactly as mbed TLS draws it
 * (one byte at a time, a zero drawn again), compared with the ciphertext that crossed.
 * A public-key operation: cheap enough for every run, and proof that `wire` encrypts
 * exactly pms. Returns 0 when identical, CHECK_ERR_AUTH when not, another CHECK_ERR_*
 * with a sentence in err when it could not be computed.
 */
int check_rsa_reencrypt(const uint8_t *cert, size_t cert_len, const uint8_t *pms, size_t pms_len,
                        int (*f_rng)(void *, unsigned char *, size_t), void *p_rng, const uint8_t *wire,
                        size_t wire_len, char *err, size_t errlen);

#endif
