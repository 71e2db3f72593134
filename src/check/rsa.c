/* check/rsa.c — see rsa.h. */
#include "check/rsa.h"

#include <stdio.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>

#include "check/kdf.h"

/* RSA blinding needs random numbers; they change nothing in the result. */
static int fixed(void *p, unsigned char *out, size_t len)
{
	unsigned *n = p;
	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)(0x5a ^ (*n)++);
	return 0;
}

int check_rsa_decrypt(const char *key_path, const uint8_t *enc, size_t len, uint8_t *out, size_t cap,
                      size_t *out_len, char *err, size_t errlen)
{
	mbedtls_pk_context pk;
	mbedtls_ctr_drbg_context drbg;
	unsigned counter = 0;
	int rc, ret = CHECK_ERR_CRYPTO;
	char why[128];
	mbedtls_pk_init(&pk);
	mbedtls_ctr_drbg_init(&drbg);
	if ((rc = mbedtls_ctr_drbg_seed(&drbg, fixed, &counter, NULL, 0)) != 0)
		goto fail;
	if ((rc = mbedtls_pk_parse_keyfile(&pk, key_path, NULL, mbedtls_ctr_drbg_random, &drbg)) != 0)
		goto fail;
	if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_RSA) {
		snprintf(err, errlen, "%s is not an RSA key", key_path);
		ret = CHECK_ERR_BAD_INPUT;
		goto out;
	}
	if ((rc = mbedtls_pk_decrypt(&pk, enc, len, out, out_len, cap, mbedtls_ctr_drbg_random, &drbg)) != 0)
		goto fail;
	ret = 0;
	goto out;
fail:
	mbedtls_strerror(rc, why, sizeof(why));
	snprintf(err, errlen, "%s", why);
out:
	mbedtls_pk_free(&pk);
	mbedtls_ctr_drbg_free(&drbg);
	return ret;
}
