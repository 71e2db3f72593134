/*
 * Known-answer tests for check/kdf: published vectors only.
 *  - TLS 1.2 PRF with SHA-256: the vector posted to the IETF TLS working group
 *    (mail-archive tls msg03416), reproduced by many TLS stacks' test suites.
 *  - HKDF: RFC 5869 appendix A.1.
 *  - TLS 1.3 key schedule: RFC 8448 §3, "Simple 1-RTT Handshake".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check/kdf.h"
#include "util/hex.h"

static void expect_hex(const uint8_t *got, size_t n, const char *want_hex)
{
	uint8_t want[256];
	long wn = hex_parse(want_hex, want, sizeof(want));
	assert_int_equal(wn, (long)n);
	assert_memory_equal(got, want, n);
}

static size_t from_hex(const char *h, uint8_t *out, size_t cap)
{
	long n = hex_parse(h, out, cap);
	assert_true(n >= 0);
	return (size_t)n;
}

static void tls12_prf_sha256(void **state)
{
	(void)state;
	uint8_t secret[16], seed[16], out[100];
	from_hex("9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35", secret, sizeof(secret));
	from_hex("a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c", seed, sizeof(seed));
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA256, secret, 16, "test label", seed, 16, out, 100), 0);
	expect_hex(out, 100,
	           "e3 f2 29 ba 72 7b e1 7b 8d 12 26 20 55 7c d4 53 c2 aa b2 1d 07 c3 d4 95 32 9b 52 d4 e6 1e db 5a"
	           "6b 30 17 91 e9 0d 35 c9 c9 a4 6b 4e 14 ba f9 af 0f a0 22 f7 07 7d ef 17 ab fd 37 97 c0 56 4b ab"
	           "4f bc 91 66 6e 9d ef 9b 97 fc e3 4f 79 67 89 ba a4 80 82 d1 22 ee 42 c5 a7 2e 5a 51 10 ff f7 01"
	           "87 34 7b 66");
	/* A shorter output is a prefix of the longer one (P_hash is a stream). */
	uint8_t short_out[13];
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA256, secret, 16, "test label", seed, 16, short_out, 13), 0);
	assert_memory_equal(short_out, out, 13);
	/* Only SHA-256 and SHA-384 are TLS 1.2 PRF hashes. */
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA1, secret, 16, "x", seed, 16, out, 10), CHECK_ERR_BAD_INPUT);
}

static void hkdf_rfc5869_a1(void **state)
{
	(void)state;
	uint8_t ikm[22], salt[13], info[10], prk[32], okm[42];
	memset(ikm, 0x0b, sizeof(ikm));
	from_hex("000102030405060708090a0b0c", salt, sizeof(salt));
	from_hex("f0f1f2f3f4f5f6f7f8f9", info, sizeof(info));
	assert_int_equal(kdf_hkdf_extract(MBEDTLS_MD_SHA256, salt, 13, ikm, 22, prk), 0);
	expect_hex(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
	assert_int_equal(kdf_hkdf_expand(MBEDTLS_MD_SHA256, prk, 32, info, 10, okm, 42), 0);
	expect_hex(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	assert_int_equal(kdf_hkdf_expand(MBEDTLS_MD_SHA256, prk, 32, info, 10, okm, 255 * 32 + 1), CHECK_ERR_BAD_INPUT);
}

static void tls13_schedule_rfc8448(void **state)
{
	(void)state;
	const mbedtls_md_type_t md = MBEDTLS_MD_SHA256;
	uint8_t zeros[32] = { 0 }, empty_hash[32], early[32], derived[32], shared[32], hs[32];
	uint8_t hello_hash[32], chts[32], shts[32], master[32], key[16], iv[12];

	/* early_secret = HKDF-Extract(0, 0) (no PSK) */
	assert_int_equal(kdf_hkdf_extract(md, NULL, 0, zeros, 32, early), 0);
	expect_hex(early, 32, "33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2 10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a");
	/* derived = Derive-Secret(early_secret, "derived", "") */
	assert_int_equal(kdf_hash(md, (const uint8_t *)"", 0, empty_hash), 0);
	assert_int_equal(kdf_derive_secret(md, early, 32, "derived", empty_hash, derived), 0);
	expect_hex(derived, 32, "6f 26 15 a1 08 c7 02 c5 67 8f 54 fc 9d ba b6 97 16 c0 76 18 9c 48 25 0c eb ea c3 57 6c 36 11 ba");
	/* handshake_secret = HKDF-Extract(derived, (EC)DHE) */
	from_hex("8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d 35 e6 d6 3f 53 75 63 ef d4 62 72 90 0f 89 49 2d", shared, 32);
	assert_int_equal(kdf_hkdf_extract(md, derived, 32, shared, 32, hs), 0);
	expect_hex(hs, 32, "1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b 01 04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac");
	/* handshake traffic secrets over Hash(ClientHello..ServerHello) */
	from_hex("86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8", hello_hash,
	         32);
	assert_int_equal(kdf_derive_secret(md, hs, 32, "c hs traffic", hello_hash, chts), 0);
	expect_hex(chts, 32, "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21");
	assert_int_equal(kdf_derive_secret(md, hs, 32, "s hs traffic", hello_hash, shts), 0);
	expect_hex(shts, 32, "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38");
	/* master_secret = HKDF-Extract(Derive-Secret(hs, "derived", ""), 0) */
	assert_int_equal(kdf_derive_secret(md, hs, 32, "derived", empty_hash, derived), 0);
	expect_hex(derived, 32, "43 de 77 e0 c7 77 13 85 9a 94 4d b9 db 25 90 b5 31 90 a6 5b 3e e2 e4 f1 2d d7 a0 bb 7c e2 54 b4");
	assert_int_equal(kdf_hkdf_extract(md, derived, 32, zeros, 32, master), 0);
	expect_hex(master, 32, "18 df 06 84 3d 13 a0 8b f2 a4 49 84 4c 5f 8a 47 80 01 bc 4d 4c 62 79 84 d5 a4 1d a8 d0 40 29 19");
	/* traffic keys (RFC 8446 §7.3) */
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "key", NULL, 0, key, 16), 0);
	expect_hex(key, 16, "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc");
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "5d 31 3e b2 67 12 76 ee 13 00 0b 30");
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 32, "key", NULL, 0, key, 16), 0);
	expect_hex(key, 16, "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01");
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 32, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tls12_prf_sha256),
		cmocka_unit_test(hkdf_rfc5869_a1),
		cmocka_unit_test(tls13_schedule_rfc8448),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
