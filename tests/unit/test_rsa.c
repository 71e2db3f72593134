/*
 * check/rsa: the public-key proof of an RSA ClientKeyExchange. A premaster secret
 * encrypted as mbed TLS's client does (RSAES-PKCS1-v1_5, padding drawn a byte at a
 * time from a generator) re-encrypts to the same bytes with the same draws; a
 * swapped premaster secret, or other padding, does not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>

#include "check/kdf.h"
#include "check/rsa.h"
#include "config.h"

/* A generator whose every byte is known: the same seed gives the same draws. */
static int counting(void *p, unsigned char *out, size_t len)
{
	unsigned *n = p;
	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)(*n)++ * 7u; /* some draws are 0: drawn again, as mbed TLS does */
	return 0;
}

static mbedtls_x509_crt crt;
static uint8_t pms[48], wire[256];

static int setup(void **state)
{
	(void)state;
	mbedtls_x509_crt_init(&crt);
	if (mbedtls_x509_crt_parse_file(&crt, TLSSTEP_ASSETS_DIR "/server-rsa.crt"))
		return -1;
	for (size_t i = 0; i < sizeof(pms); i++)
		pms[i] = (uint8_t)(0x30 + i);
	pms[0] = 3, pms[1] = 3;
	unsigned seed = 1;
	mbedtls_rsa_context *rsa = mbedtls_pk_rsa(crt.pk);
	if (mbedtls_rsa_get_len(rsa) != sizeof(wire))
		return -1;
	return mbedtls_rsa_rsaes_pkcs1_v15_encrypt(rsa, counting, &seed, sizeof(pms), pms, wire);
}

static int teardown(void **state)
{
	(void)state;
	mbedtls_x509_crt_free(&crt);
	return 0;
}

static int check(const uint8_t *secret, unsigned seed)
{
	char err[200];
	return check_rsa_reencrypt(crt.raw.p, crt.raw.len, secret, 48, counting, &seed, wire, sizeof(wire), err,
	                           sizeof(err));
}

static void same_draws_same_ciphertext(void **state)
{
	(void)state;
	assert_int_equal(check(pms, 1), 0);
}

static void swapped_premaster_is_caught(void **state)
{
	(void)state;
	uint8_t other[48];
	memcpy(other, pms, sizeof(other));
	other[47] ^= 1;
	assert_int_equal(check(other, 1), CHECK_ERR_AUTH);
}

static void other_padding_is_caught(void **state)
{
	(void)state;
	assert_int_equal(check(pms, 2), CHECK_ERR_AUTH);
}

static void wrong_length_is_caught(void **state)
{
	(void)state;
	char err[200];
	unsigned seed = 1;
	assert_int_equal(check_rsa_reencrypt(crt.raw.p, crt.raw.len, pms, 48, counting, &seed, wire, sizeof(wire) - 1,
	                                     err, sizeof(err)),
	                 CHECK_ERR_AUTH);
	assert_non_null(strstr(err, "255 bytes"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_draws_same_ciphertext),
		cmocka_unit_test(swapped_premaster_is_caught),
		cmocka_unit_test(other_padding_is_caught),
		cmocka_unit_test(wrong_length_is_caught),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
