/* check/rsa.c — see rsa.h. */
#include "check/rsa.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/error.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>

#include "check/kdf.h"

static unsigned long decryptions;

unsigned long check_rsa_decryptions(void)
{
	return __atomic_load_n(&decryptions, __ATOMIC_RELAXED);
}

/* RSA blinding needs random numbers; they change nothing in the result. */
static int fixed(void *p, unsigned char *out, size_t len)
{
	unsigned *n = p;
	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)(0x5a ^ (*n)++);
	return 0;
}

static void say_error(int rc, char *err, size_t errlen)
{
	char why[128];
	mbedtls_strerror(rc, why, sizeof(why));
	snprintf(err, errlen, "%s", why);
}

int check_load_private_key(mbedtls_pk_context *pk, const char *path, char *err, size_t errlen)
{
	unsigned counter = 0;
	int rc = mbedtls_pk_parse_keyfile(pk, path, NULL, fixed, &counter);
	if (rc) {
		say_error(rc, err, errlen);
		return CHECK_ERR_BAD_INPUT;
	}
	return 0;
}

int check_rsa_decrypt(mbedtls_pk_context *key, const uint8_t *enc, size_t len, uint8_t *out, size_t cap,
                      size_t *out_len, char *err, size_t errlen)
{
	unsigned counter = 0;
	if (!key || mbedtls_pk_get_type(key) != MBEDTLS_PK_RSA) {
		snprintf(err, errlen, "the server's key is not an RSA key");
		return CHECK_ERR_BAD_INPUT;
	}
	__atomic_add_fetch(&decryptions, 1, __ATOMIC_RELAXED);
	int rc = mbedtls_pk_decrypt(key, enc, len, out, out_len, cap, fixed, &counter);
	if (rc) {
		say_error(rc, err, errlen);
		return CHECK_ERR_CRYPTO;
	}
	return 0;
}

int check_rsa_reencrypt(const uint8_t *cert, size_t cert_len, const uint8_t *pms, size_t pms_len,
                        int (*f_rng)(void *, unsigned char *, size_t), void *p_rng, const uint8_t *wire,
                        size_t wire_len, char *err, size_t errlen)
{
	mbedtls_x509_crt crt;
	uint8_t out[1024];
	int ret = CHECK_ERR_CRYPTO, rc;
	mbedtls_x509_crt_init(&crt);
	if ((rc = mbedtls_x509_crt_parse_der(&crt, cert, cert_len)) != 0) {
		say_error(rc, err, errlen);
		goto out;
	}
	if (mbedtls_pk_get_type(&crt.pk) != MBEDTLS_PK_RSA) {
		snprintf(err, errlen, "the certificate's key is not an RSA key");
		ret = CHECK_ERR_BAD_INPUT;
		goto out;
	}
	mbedtls_rsa_context *rsa = mbedtls_pk_rsa(crt.pk);
	size_t n = mbedtls_rsa_get_len(rsa);
	if (n > sizeof(out) || n != wire_len) {
		snprintf(err, errlen, "the ClientKeyExchange holds %zu bytes, the certificate's modulus %zu", wire_len, n);
		ret = n != wire_len ? CHECK_ERR_AUTH : CHECK_ERR_BAD_INPUT;
		goto out;
	}
	/* The RSA context's own padding mode is PKCS#1 v1.5 unless set otherwise: call it by name. */
	if ((rc = mbedtls_rsa_rsaes_pkcs1_v15_encrypt(rsa, f_rng, p_rng, pms_len, pms, out)) != 0) {
		say_error(rc, err, errlen);
		goto out;
	}
	ret = memcmp(out, wire, n) ? CHECK_ERR_AUTH : 0;
	if (ret)
		snprintf(err, errlen, "the re-encrypted premaster secret differs from the ciphertext that crossed");
out:
	mbedtls_x509_crt_free(&crt);
	return ret;
}
