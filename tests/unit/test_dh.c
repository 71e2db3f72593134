/*
 * Known-answer tests for check/dh (the (EC)DH a captured private key is checked
 * with). Expected values are published ones, copied byte for byte:
 *  - X25519: RFC 7748 §6.1 (Alice's and Bob's keys and their shared secret); the
 *    private keys there are not clamped, so this also covers decodeScalar25519.
 *  - Finite-field DH: the textbook example p = 23, g = 5, a = 6, b = 15, A = 8,
 *    B = 19, s = 2 (Wikipedia, "Diffie-Hellman key exchange").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/dh.h"
#include "check/kdf.h"
#include "util/hex.h"

static size_t hx(const char *t, uint8_t *out, size_t cap)
{
	long n = hex_parse(t, out, cap);
	assert_true(n >= 0);
	return (size_t)n;
}

static void x25519_rfc7748(void **state)
{
	(void)state;
	uint8_t a[32], b[32], pa[32], pb[32], k[32], out[64];
	hx("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a, 32);
	hx("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", pa, 32);
	hx("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b, 32);
	hx("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", pb, 32);
	hx("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", k, 32);
	size_t n = 0;
	assert_int_equal(check_agree("x25519", a, 32, pb, 32, NULL, 0, out, sizeof(out), &n), 0);
	assert_int_equal(n, 32);
	assert_memory_equal(out, k, 32);
	assert_int_equal(check_agree("x25519", b, 32, pa, 32, NULL, 0, out, sizeof(out), &n), 0);
	assert_memory_equal(out, k, 32);
	/* Alice's key with her own public value is not the shared secret. */
	assert_int_equal(check_agree("x25519", a, 32, pa, 32, NULL, 0, out, sizeof(out), &n), 0);
	assert_memory_not_equal(out, k, 32);
}

static void ffdh_textbook(void **state)
{
	(void)state;
	const uint8_t p = 23, a = 6, b = 15, A = 8, B = 19;
	uint8_t out[8];
	size_t n = 0;
	assert_int_equal(check_agree("dhe", &a, 1, &B, 1, &p, 1, out, sizeof(out), &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 2);
	assert_int_equal(check_agree("dhe", &b, 1, &A, 1, &p, 1, out, sizeof(out), &n), 0);
	assert_int_equal(out[0], 2);
}

static void refuses(void **state)
{
	(void)state;
	uint8_t k[32] = { 1 }, bad[65] = { 4 }, out[64];
	size_t n = 0;
	/* No group and no p; a point that is not on P-256. */
	assert_int_equal(check_agree("ffdhe2048", k, 32, k, 32, NULL, 0, out, sizeof(out), &n), CHECK_ERR_BAD_INPUT);
	assert_int_not_equal(check_agree("secp256r1", k, 32, bad, 65, NULL, 0, out, sizeof(out), &n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(x25519_rfc7748),
		cmocka_unit_test(ffdh_textbook),
		cmocka_unit_test(refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
