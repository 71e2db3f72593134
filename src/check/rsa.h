/*
 * check/rsa.h — RSA key exchange done by hand (RFC 5246 §7.4.7.1): decrypt an
 * EncryptedPreMasterSecret with a private key, with mbed TLS's pk primitives only.
 */
#ifndef TLSSTEP_CHECK_RSA_H
#define TLSSTEP_CHECK_RSA_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decrypts enc[0..len) (RSAES-PKCS1-v1_5) with the private key in the PEM file
 * key_path. On success returns 0 with the plaintext in out (out_len set); on
 * failure a CHECK_ERR_* and a sentence in err.
 */
int check_rsa_decrypt(const char *key_path, const uint8_t *enc, size_t len, uint8_t *out, size_t cap,
                      size_t *out_len, char *err, size_t errlen);

#endif
