/*
 * check/record: TLS 1.3 records from RFC 8448 §3 (published bytes, keys and
 * plaintext), TLS 1.2 records built here from the primitives exactly as the RFCs
 * lay them out, and tampering: every protected byte matters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/aes.h>
#include <mbedtls/ccm.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>
#include <mbedtls/md.h>

#include "check/kdf.h"
#include "check/record.h"
#include "util/hex.h"

static size_t from_hex(const char *h, uint8_t *out, size_t cap)
{
	long n = hex_parse(h, out, cap);
	assert_true(n >= 0);
	return (size_t)n;
}

static void keys13(struct record_keys *k, const char *key, const char *iv)
{
	memset(k, 0, sizeof(*k));
	k->cipher = RECORD_AES_128_GCM;
	k->key_len = from_hex(key, k->key, sizeof(k->key));
	k->iv_len = from_hex(iv, k->iv, sizeof(k->iv));
}

static void rfc8448_app_data(void **state)
{
	(void)state;
	/* The client's record is its first under its application keys; the server's comes
	 * after its NewSessionTicket, so it is the server's second: sequence number 1. */
	static const struct {
		uint64_t seq;
		const char *key, *iv, *record;
	} v[] = {
		{ 0, "17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51", "5b 78 92 3d ee 08 57 90 33 e5 23 d9",
		  "17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb ef ac ea 42 f9 14 aa 66 bc ab 3f"
		  "2b 98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b 62 97 4e 1f 5a 62 92 a2 97 70 14 bd 1e 3d ea e6"
		  "3a ee bb 21 69 49 15 e4" },
		{ 1, "9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56", "cf 78 2b 88 dd 83 54 9a ad f1 e9 84",
		  "17 03 03 00 43 2e 93 7e 11 ef 4a c7 40 e5 38 ad 36 00 5f c4 a4 69 32 fc 32 25 d0 5f 82 aa 1b 36"
		  "e3 0e fa f9 7d 90 e6 df fc 60 2d cb 50 1a 59 a8 fc c4 9c 4b f2 e5 f0 a2 1c 00 47 c2 ab f3 32 54"
		  "0d d0 32 e1 67 c2 95 5d" },
	};
	uint8_t want[50];
	for (int i = 0; i < 50; i++)
		want[i] = (uint8_t)i; /* RFC 8448: the application data is 00 01 02 ... 31 */
	for (size_t t = 0; t < 2; t++) {
		struct record_keys k;
		uint8_t rec[128];
		struct buf plain = { 0 };
		uint8_t type = 0;
		keys13(&k, v[t].key, v[t].iv);
		size_t n = from_hex(v[t].record, rec, sizeof(rec));
		assert_int_equal(n, 72);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, n - 5, &plain, &type), 0);
		assert_int_equal(type, 23);
		assert_int_equal(plain.len, 50);
		assert_memory_equal(plain.data, want, 50);
		/* wrong sequence number, a flipped bit in the ciphertext, the tag, or the header */
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq + 1, rec, rec + 5, n - 5, &plain, &type), CHECK_ERR_AUTH);
		size_t flips[] = { 2, 10, 71 };
		for (size_t f = 0; f < 3; f++) {
			rec[flips[f]] ^= 0x01;
			assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, n - 5, &plain, &type), CHECK_ERR_AUTH);
			rec[flips[f]] ^= 0x01;
		}
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, 16, &plain, &type), CHECK_ERR_FORMAT);
		buf_free(&plain);
	}
}

/* Seals a TLS 1.2 AEAD record (RFC 5288 / 6655 / 7905) with the primitives directly. */
static size_t seal12(const struct record_keys *k, uint64_t seq, uint8_t type, const uint8_t *p, size_t n,
                     uint8_t *rec)
{
	uint8_t nonce[12], aad[13], *body = rec + 5, *ct;
	size_t tl = k->cipher == RECORD_AES_128_CCM_8 ? 8 : 16, explicit_len = 0;
	if (k->cipher == RECORD_CHACHA20_POLY1305) {
		memcpy(nonce, k->iv, 12);
		for (int i = 0; i < 8; i++)
			nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
		ct = body;
	} else {
		memcpy(nonce, k->iv, 4);
		for (int i = 0; i < 8; i++)
			nonce[4 + i] = (uint8_t)(0xa0 + i); /* any explicit nonce, carried in the record */
		memcpy(body, nonce + 4, 8);
		explicit_len = 8;
		ct = body + 8;
	}
	for (int i = 0; i < 8; i++)
		aad[i] = (uint8_t)(seq >> (56 - 8 * i));
	aad[8] = type, aad[9] = 3, aad[10] = 3, aad[11] = (uint8_t)(n >> 8), aad[12] = (uint8_t)n;
	if (k->cipher == RECORD_CHACHA20_POLY1305) {
		mbedtls_chachapoly_context c;
		mbedtls_chachapoly_init(&c);
		assert_int_equal(mbedtls_chachapoly_setkey(&c, k->key), 0);
		assert_int_equal(mbedtls_chachapoly_encrypt_and_tag(&c, n, nonce, aad, 13, p, ct, ct + n), 0);
		mbedtls_chachapoly_free(&c);
	} else if (k->cipher == RECORD_AES_128_GCM || k->cipher == RECORD_AES_256_GCM) {
		mbedtls_gcm_context g;
		mbedtls_gcm_init(&g);
		assert_int_equal(mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, k->key, (unsigned)k->key_len * 8), 0);
		assert_int_equal(mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, n, nonce, 12, aad, 13, p, ct, tl, ct + n), 0);
		mbedtls_gcm_free(&g);
	} else {
		mbedtls_ccm_context c;
		mbedtls_ccm_init(&c);
		assert_int_equal(mbedtls_ccm_setkey(&c, MBEDTLS_CIPHER_ID_AES, k->key, (unsigned)k->key_len * 8), 0);
		assert_int_equal(mbedtls_ccm_encrypt_and_tag(&c, n, nonce, 12, aad, 13, p, ct, ct + n, tl), 0);
		mbedtls_ccm_free(&c);
	}
	size_t body_len = explicit_len + n + tl;
	rec[0] = type, rec[1] = 3, rec[2] = 3, rec[3] = (uint8_t)(body_len >> 8), rec[4] = (uint8_t)body_len;
	return 5 + body_len;
}

static void tls12_aead_round_trip(void **state)
{
	(void)state;
	const enum record_cipher ciphers[] = { RECORD_AES_128_GCM, RECORD_AES_256_GCM, RECORD_AES_128_CCM,
	                                       RECORD_AES_128_CCM_8, RECORD_CHACHA20_POLY1305 };
	const uint8_t msg[] = "GET / HTTP/1.1\r\n";
	for (size_t c = 0; c < sizeof(ciphers) / sizeof(ciphers[0]); c++) {
		struct record_keys k;
		memset(&k, 0, sizeof(k));
		k.cipher = ciphers[c];
		k.key_len = ciphers[c] == RECORD_AES_256_GCM || ciphers[c] == RECORD_CHACHA20_POLY1305 ? 32 : 16;
		k.iv_len = ciphers[c] == RECORD_CHACHA20_POLY1305 ? 12 : 4;
		for (size_t i = 0; i < k.key_len; i++)
			k.key[i] = (uint8_t)(i * 7 + c);
		for (size_t i = 0; i < k.iv_len; i++)
			k.iv[i] = (uint8_t)(0x40 + i);
		uint8_t rec[128];
		struct buf plain = { 0 };
		size_t n = seal12(&k, 5, 23, msg, sizeof(msg) - 1, rec);
		assert_int_equal(record_tls12_decrypt(&k, 5, rec, rec + 5, n - 5, &plain), 0);
		assert_int_equal(plain.len, sizeof(msg) - 1);
		assert_memory_equal(plain.data, msg, plain.len);
		assert_int_equal(record_tls12_decrypt(&k, 6, rec, rec + 5, n - 5, &plain), CHECK_ERR_AUTH);
		for (size_t at = 0; at < n; at++) {
			if (at == 3 || at == 4)
				continue; /* the length is in the AAD only through the plaintext length */
			rec[at] ^= 0x80;
			if (record_tls12_decrypt(&k, 5, rec, rec + 5, n - 5, &plain) == 0)
				fail_msg("cipher %zu: a flipped bit at byte %zu went unnoticed", c, at);
			rec[at] ^= 0x80;
		}
		assert_int_equal(record_tls12_decrypt(&k, 5, rec, rec + 5, 7, &plain), CHECK_ERR_FORMAT);
		buf_free(&plain);
	}
}

/* A CBC record (RFC 5246 §6.2.3.2), MAC-then-encrypt or encrypt-then-MAC (RFC 7366). */
static size_t seal_cbc(const struct record_keys *k, uint64_t seq, const uint8_t *p, size_t n, uint8_t *rec)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(k->mac_md);
	size_t ml = mbedtls_md_get_size(md);
	uint8_t pseudo[13], inner[256], iv[16];
	for (int i = 0; i < 8; i++)
		pseudo[i] = (uint8_t)(seq >> (56 - 8 * i));
	pseudo[8] = 23, pseudo[9] = 3, pseudo[10] = 3;
	size_t in = n;
	memcpy(inner, p, n);
	if (!k->encrypt_then_mac) {
		pseudo[11] = (uint8_t)(n >> 8), pseudo[12] = (uint8_t)n;
		uint8_t both[256];
		memcpy(both, pseudo, 13);
		memcpy(both + 13, p, n);
		mbedtls_md_hmac(md, k->mac_key, k->mac_key_len, both, 13 + n, inner + n);
		in += ml;
	}
	size_t pad = 16 - in % 16;
	memset(inner + in, (int)(pad - 1), pad);
	in += pad;
	for (int i = 0; i < 16; i++)
		iv[i] = (uint8_t)(0x10 + i);
	memcpy(rec + 5, iv, 16);
	mbedtls_aes_context aes;
	mbedtls_aes_init(&aes);
	mbedtls_aes_setkey_enc(&aes, k->key, (unsigned)k->key_len * 8);
	mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, in, iv, inner, rec + 5 + 16);
	mbedtls_aes_free(&aes);
	size_t body = 16 + in;
	if (k->encrypt_then_mac) {
		pseudo[11] = (uint8_t)(body >> 8), pseudo[12] = (uint8_t)body;
		uint8_t both[300];
		memcpy(both, pseudo, 13);
		memcpy(both + 13, rec + 5, body);
		mbedtls_md_hmac(md, k->mac_key, k->mac_key_len, both, 13 + body, rec + 5 + body);
		body += ml;
	}
	rec[0] = 23, rec[1] = 3, rec[2] = 3, rec[3] = (uint8_t)(body >> 8), rec[4] = (uint8_t)body;
	return 5 + body;
}

static void tls12_cbc_round_trip(void **state)
{
	(void)state;
	const uint8_t msg[] = "hello, CBC";
	for (int etm = 0; etm < 2; etm++) {
		for (int m = 0; m < 3; m++) {
			struct record_keys k;
			memset(&k, 0, sizeof(k));
			k.cipher = RECORD_AES_128_CBC;
			k.key_len = 16;
			k.mac_md = m == 0 ? MBEDTLS_MD_SHA1 : m == 1 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA384;
			k.mac_key_len = kdf_hash_len(k.mac_md);
			k.encrypt_then_mac = etm;
			for (size_t i = 0; i < 16; i++)
				k.key[i] = (uint8_t)(i + 1);
			for (size_t i = 0; i < k.mac_key_len; i++)
				k.mac_key[i] = (uint8_t)(0x80 + i);
			uint8_t rec[300];
			struct buf plain = { 0 };
			size_t n = seal_cbc(&k, 9, msg, sizeof(msg) - 1, rec);
			assert_int_equal(record_tls12_decrypt(&k, 9, rec, rec + 5, n - 5, &plain), 0);
			assert_int_equal(plain.len, sizeof(msg) - 1);
			assert_memory_equal(plain.data, msg, plain.len);
			assert_int_not_equal(record_tls12_decrypt(&k, 10, rec, rec + 5, n - 5, &plain), 0);
			rec[n - 1] ^= 1;
			assert_int_not_equal(record_tls12_decrypt(&k, 9, rec, rec + 5, n - 5, &plain), 0);
			assert_int_equal(record_tls12_decrypt(&k, 9, rec, rec + 5, 20, &plain), CHECK_ERR_FORMAT);
			buf_free(&plain);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc8448_app_data),
		cmocka_unit_test(tls12_aead_round_trip),
		cmocka_unit_test(tls12_cbc_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
