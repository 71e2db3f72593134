/*
 * check/record. Published records first, each decrypted with its published keys
 * and compared with its published plaintext:
 *  - TLS 1.3, AES-128-GCM: RFC 8448 §3 — the server's encrypted flight
 *    (EncryptedExtensions..Finished), the client's Finished, and both
 *    application_data records.
 *  - TLS 1.3, AES-256-GCM: "The Illustrated TLS 1.3 Connection" (tls13.xargs.org,
 *    github.com/syncsynchalt/illustrated-tls13, captures/caps).
 *  - TLS 1.2, AES-128-CBC + HMAC-SHA1, MAC-then-encrypt: "The Illustrated TLS 1.2
 *    Connection" (tls12.xargs.org, github.com/syncsynchalt/illustrated-tls12,
 *    captures/caps): both Finished, "ping", "pong" and close_notify.
 * No published TLS 1.2 AEAD or encrypt-then-MAC record was found, so those are
 * built here with the primitives exactly as RFC 5288/6655/7905/7366 lay them
 * out and opened by the code under test; then tampering: every protected byte,
 * the sequence number, the length, short bodies and unusable keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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

#include "rfc8448.h"

static size_t from_hex(const char *h, uint8_t *out, size_t cap)
{
	long n = hex_parse(h, out, cap);
	assert_true(n >= 0);
	return (size_t)n;
}

static void keys_aead(struct record_keys *k, enum record_cipher c, const char *key, const char *iv)
{
	memset(k, 0, sizeof(*k));
	k->cipher = c;
	k->key_len = from_hex(key, k->key, sizeof(k->key));
	k->iv_len = from_hex(iv, k->iv, sizeof(k->iv));
}

static void put_len(uint8_t *hdr, size_t n)
{
	hdr[3] = (uint8_t)(n >> 8);
	hdr[4] = (uint8_t)n;
}

/* Flips each byte of rec[0..n) in turn: the record must then fail, with FORMAT for the length bytes. */
static void every_byte_matters13(const struct record_keys *k, uint64_t seq, uint8_t *rec, size_t n)
{
	struct buf plain = { 0 };
	uint8_t type;
	for (size_t at = 0; at < n; at++) {
		rec[at] ^= 0x01;
		int rc = record_tls13_decrypt(k, seq, rec, rec + 5, n - 5, &plain, &type);
		if (rc != (at == 3 || at == 4 ? CHECK_ERR_FORMAT : CHECK_ERR_AUTH))
			fail_msg("byte %zu flipped: %d", at, rc);
		assert_int_equal(plain.len, 0);
		rec[at] ^= 0x01;
	}
	assert_int_equal(record_tls13_decrypt(k, seq + 1, rec, rec + 5, n - 5, &plain, &type), CHECK_ERR_AUTH);
	buf_free(&plain);
}

static void every_byte_matters12(const struct record_keys *k, uint64_t seq, uint8_t *rec, size_t n)
{
	struct buf plain = { 0 };
	for (size_t at = 0; at < n; at++) {
		rec[at] ^= 0x80;
		int rc = record_tls12_decrypt(k, seq, rec, rec + 5, n - 5, &plain);
		if (rc != (at == 3 || at == 4 ? CHECK_ERR_FORMAT : CHECK_ERR_AUTH))
			fail_msg("byte %zu flipped: %d", at, rc);
		assert_int_equal(plain.len, 0);
		rec[at] ^= 0x80;
	}
	assert_int_equal(record_tls12_decrypt(k, seq + 1, rec, rec + 5, n - 5, &plain), CHECK_ERR_AUTH);
	assert_int_equal(record_tls12_decrypt(k, seq ^ (1ull << 63), rec, rec + 5, n - 5, &plain), CHECK_ERR_AUTH);
	buf_free(&plain);
}

/* ---- RFC 8448 §3 ---- */

/* {server} send handshake record: complete record (679 octets) */
static const char rfc8448_server_flight_record[] =
	"17 03 03 02 a2 d1 ff 33 4a 56 f5 bf f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7 f3 3a f3 5e"
	"df 78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45 cb 96 0b 40 68 90 51 23 ea 78"
	"b1 11 b4 29 ba 91 91 cd 05 d2 a3 89 28 0f 52 61 34 aa dc 7f c7 8c 4b 72 9d f8 28 b5 ec f7 b1 3b"
	"d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79 02 07 16 cf b9 b1 18 3e f3 ab 20 e3 7d 57 a6 b9"
	"d7 47 76 09 ae e6 e1 22 a4 cf 51 42 73 25 25 0c 7d 0e 50 92 89 44 4c 9b 3a 64 8f 1d 71 03 5d 2e"
	"d6 5b 0e 3c dd 0c ba e8 bf 2d 0b 22 78 12 cb b3 60 98 72 55 cc 74 41 10 c4 53 ba a4 fc d6 10 92"
	"8d 80 98 10 e4 b7 ed 1a 8f d9 91 f0 6a a6 24 82 04 79 7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6 86 94"
	"5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8 94 41 ac 66 27 2f d8 fb 33 0e f8 19 05 79 b3 68"
	"45 96 c9 60 bd 59 6e ea 52 0a 56 a8 d6 50 f5 63 aa d2 74 09 96 0d ca 63 d3 e6 88 61 1e a5 e2 2f"
	"44 15 cf 95 38 d5 1a 20 0c 27 03 42 72 96 8a 26 4e d6 54 0c 84 83 8d 89 f7 2c 24 46 1a ad 6d 26"
	"f5 9e ca ba 9a cb bb 31 7b 66 d9 02 f4 f2 92 a3 6a c1 b6 39 c6 37 ce 34 31 17 b6 59 62 22 45 31"
	"7b 49 ee da 0c 62 58 f1 00 d7 d9 61 ff b1 38 64 7e 92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e"
	"1b 7a 6c 71 78 af 36 87 90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37 8b f3 02 44 da"
	"8c 87 c8 43 f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4"
	"61 e6 6f 99 88 2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80 f8 5d f8 81 ed be"
	"5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69 18 a3 96 fa 48 a1 81 d6 b6 fa 4f 9d 62 d5 13 af bb"
	"99 2f 2b 99 2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11 c6 6a 1e 2a c4 c8 59"
	"77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51 56 14 63 6c 0b 9b 68 c1 9e d2 e3 1c 0b 3b 66 76 30 38"
	"eb ba 42 f3 b3 8e dc 03 99 f3 a9 f2 3f aa 63 97 8c 31 7f c9 fa 66 a7 3f 60 f0 50 4d e9 3b 5b 84"
	"5e 27 55 92 c1 23 35 ee 34 0b bc 4f dd d5 02 78 40 16 e4 b3 be 7e f0 4d da 49 f4 b4 40 a3 0c b5"
	"d2 af 93 98 28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17 19 bf da bf 02 53 fe 51 75 be 89 8e"
	"75 0e dc 53 37 0d 2b";

static void rfc8448_server_flight(void **state)
{
	(void)state;
	static uint8_t rec[700], want[700];
	struct record_keys k;
	struct buf plain = { 0 };
	uint8_t type = 0;
	/* {server} derive write traffic keys for handshake data */
	keys_aead(&k, RECORD_AES_128_GCM, "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc", "5d 31 3e b2 67 12 76 ee 13 00 0b 30");
	size_t n = from_hex(rfc8448_server_flight_record, rec, sizeof(rec));
	assert_int_equal(n, 679);
	size_t wn = from_hex(rfc8448_encrypted_extensions, want, sizeof(want));
	wn += from_hex(rfc8448_certificate, want + wn, sizeof(want) - wn);
	wn += from_hex(rfc8448_certificate_verify, want + wn, sizeof(want) - wn);
	wn += from_hex(rfc8448_server_finished, want + wn, sizeof(want) - wn);
	assert_int_equal(wn, 657); /* {server} send handshake record: payload (657 octets) */

	assert_int_equal(record_tls13_decrypt(&k, 0, rec, rec + 5, n - 5, &plain, &type), 0);
	assert_int_equal(type, 22);
	assert_int_equal(plain.len, 657);
	assert_memory_equal(plain.data, want, 657);
	assert_memory_equal(plain.data, "\x08\x00\x00\x24", 4);
	every_byte_matters13(&k, 0, rec, n);
	buf_free(&plain);
}

static void decrypts_rfc8448_client_finished(void **state)
{
	(void)state;
	struct record_keys k;
	struct buf plain = { 0 };
	uint8_t rec[64], want[36], type = 0;
	/* {client} derive write traffic keys for handshake data; {client} send handshake record */
	keys_aead(&k, RECORD_AES_128_GCM, "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01", "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f");
	size_t n = from_hex("17 03 03 00 35 75 ec 4d c2 38 cc e6 0b 29 80 44 a7 1e 21 9c 56 cc 77 b0 51 7f e9 b9 3c 7a"
	                    "4b fc 44 d8 7f 38 f8 03 38 ac 98 fc 46 de b3 84 bd 1c ae ac ab 68 67 d7 26 c4 05 46",
	                    rec, sizeof(rec));
	assert_int_equal(n, 58);
	from_hex("14 00 00 20 a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1 76 94 fa c6 e9 85 27 b6 42 f2 ed d5"
	         "ce 61",
	         want, sizeof(want));
	assert_int_equal(record_tls13_decrypt(&k, 0, rec, rec + 5, n - 5, &plain, &type), 0);
	assert_int_equal(type, 22);
	assert_int_equal(plain.len, 36);
	assert_memory_equal(plain.data, want, 36);
	every_byte_matters13(&k, 0, rec, n);
	buf_free(&plain);
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
		keys_aead(&k, RECORD_AES_128_GCM, v[t].key, v[t].iv);
		size_t n = from_hex(v[t].record, rec, sizeof(rec));
		assert_int_equal(n, 72);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, n - 5, &plain, &type), 0);
		assert_int_equal(type, 23);
		assert_int_equal(plain.len, 50);
		assert_memory_equal(plain.data, want, 50);
		every_byte_matters13(&k, v[t].seq, rec, n);
		/* a body cut short, its header saying so: the tag is then wrong */
		put_len(rec, 17);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, 17, &plain, &type), CHECK_ERR_AUTH);
		/* too short for a tag and a content type */
		put_len(rec, 16);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, 16, &plain, &type), CHECK_ERR_FORMAT);
		put_len(rec, 0);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, 0, &plain, &type), CHECK_ERR_FORMAT);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, NULL, 0, &plain, &type), CHECK_ERR_FORMAT);
		/* the header's length must be the body's */
		put_len(rec, 67);
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, 66, &plain, &type), CHECK_ERR_FORMAT);
		assert_int_equal(plain.len, 0);
		buf_free(&plain);
	}
}

/* ---- The Illustrated TLS 1.3 Connection: TLS_AES_256_GCM_SHA384 ---- */

static void illustrated13_records(void **state)
{
	(void)state;
	static const struct {
		uint64_t seq;
		const char *key, *iv, *record, *plain;
		uint8_t type;
	} v[] = {
		/* Server Encrypted Extensions: server handshake key, record 0 */
		{ 0, "9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f", "9563bc8b590f671f488d2da3",
		  "17030300176be02f9da7c2dc9ddef56f2468b90adfa25101ab0344ae", "080000020000", 22 },
		/* Client Application Data "ping": client application key, record 0 */
		{ 0, "de2f4c7672723a692319873e5c227606691a32d1c59d8b9f51dbb9352e9ca9cc", "bb007956f474b25de902432f",
		  "1703030015828139cb7b73aaabf5b82fbf9a2961bcde10038a32", "70696e67", 23 },
		/* Server Application Data "pong": after two NewSessionTickets, record 2 */
		{ 2, "01f78623f17e3edcc09e944027ba3218d57c8e0db93cd3ac419309274700ac27", "196a750b0c5049c0cc51a541",
		  "17030300150cda85f1447ae23fa66d56f4c5408482b1b1d4c998", "706f6e67", 23 },
	};
	for (size_t t = 0; t < sizeof(v) / sizeof(v[0]); t++) {
		struct record_keys k;
		struct buf plain = { 0 };
		uint8_t rec[64], want[16], type = 0;
		keys_aead(&k, RECORD_AES_256_GCM, v[t].key, v[t].iv);
		size_t n = from_hex(v[t].record, rec, sizeof(rec));
		size_t wn = from_hex(v[t].plain, want, sizeof(want));
		assert_int_equal(record_tls13_decrypt(&k, v[t].seq, rec, rec + 5, n - 5, &plain, &type), 0);
		assert_int_equal(type, v[t].type);
		assert_int_equal(plain.len, wn);
		assert_memory_equal(plain.data, want, wn);
		every_byte_matters13(&k, v[t].seq, rec, n);
		buf_free(&plain);
	}
}

/* TLS 1.3 record built with the primitive (RFC 8446 §5.2): content || type || zeros. */
static size_t seal13(const struct record_keys *k, uint64_t seq, const uint8_t *inner, size_t n, uint8_t *rec)
{
	uint8_t nonce[12];
	size_t tl = k->cipher == RECORD_AES_128_CCM_8 ? 8 : 16;
	memcpy(nonce, k->iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
	rec[0] = 23, rec[1] = 3, rec[2] = 3;
	put_len(rec, n + tl);
	uint8_t *ct = rec + 5;
	if (k->cipher == RECORD_CHACHA20_POLY1305) {
		mbedtls_chachapoly_context c;
		mbedtls_chachapoly_init(&c);
		assert_int_equal(mbedtls_chachapoly_setkey(&c, k->key), 0);
		assert_int_equal(mbedtls_chachapoly_encrypt_and_tag(&c, n, nonce, rec, 5, inner, ct, ct + n), 0);
		mbedtls_chachapoly_free(&c);
	} else if (k->cipher == RECORD_AES_128_GCM || k->cipher == RECORD_AES_256_GCM) {
		mbedtls_gcm_context g;
		mbedtls_gcm_init(&g);
		assert_int_equal(mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, k->key, (unsigned)k->key_len * 8), 0);
		assert_int_equal(mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, n, nonce, 12, rec, 5, inner, ct, tl, ct + n), 0);
		mbedtls_gcm_free(&g);
	} else {
		mbedtls_ccm_context c;
		mbedtls_ccm_init(&c);
		assert_int_equal(mbedtls_ccm_setkey(&c, MBEDTLS_CIPHER_ID_AES, k->key, (unsigned)k->key_len * 8), 0);
		assert_int_equal(mbedtls_ccm_encrypt_and_tag(&c, n, nonce, 12, rec, 5, inner, ct, ct + n, tl), 0);
		mbedtls_ccm_free(&c);
	}
	return 5 + n + tl;
}

static void tls13_padding_and_ciphers(void **state)
{
	(void)state;
	const enum record_cipher ciphers[] = { RECORD_AES_128_GCM, RECORD_AES_256_GCM, RECORD_AES_128_CCM,
	                                       RECORD_AES_128_CCM_8, RECORD_CHACHA20_POLY1305 };
	for (size_t c = 0; c < sizeof(ciphers) / sizeof(ciphers[0]); c++) {
		struct record_keys k;
		memset(&k, 0, sizeof(k));
		k.cipher = ciphers[c];
		k.key_len = ciphers[c] == RECORD_AES_256_GCM || ciphers[c] == RECORD_CHACHA20_POLY1305 ? 32 : 16;
		k.iv_len = 12;
		for (size_t i = 0; i < k.key_len; i++)
			k.key[i] = (uint8_t)(0x31 * i + c);
		for (size_t i = 0; i < 12; i++)
			k.iv[i] = (uint8_t)(0xa0 + i);
		uint8_t inner[64] = { 0 }, rec[128], type = 0;
		struct buf plain = { 0 };
		/* content "hi", type 21 (alert), then 10 zero bytes of padding (RFC 8446 §5.4) */
		memcpy(inner, "hi", 2);
		inner[2] = 21;
		size_t n = seal13(&k, 7, inner, 13, rec);
		assert_int_equal(record_tls13_decrypt(&k, 7, rec, rec + 5, n - 5, &plain, &type), 0);
		assert_int_equal(type, 21);
		assert_int_equal(plain.len, 2);
		assert_memory_equal(plain.data, "hi", 2);
		every_byte_matters13(&k, 7, rec, n);
		/* zero-length content is allowed for application data: just the type */
		inner[0] = 23;
		n = seal13(&k, 8, inner, 1, rec);
		assert_int_equal(record_tls13_decrypt(&k, 8, rec, rec + 5, n - 5, &plain, &type), 0);
		assert_int_equal(type, 23);
		assert_int_equal(plain.len, 0);
		/* all zeros: no content type at all */
		memset(inner, 0, sizeof(inner));
		n = seal13(&k, 9, inner, 20, rec);
		assert_int_equal(record_tls13_decrypt(&k, 9, rec, rec + 5, n - 5, &plain, &type), CHECK_ERR_FORMAT);
		assert_int_equal(plain.len, 0);
		buf_free(&plain);
	}
}

/* ---- The Illustrated TLS 1.2 Connection: AES-128-CBC, HMAC-SHA1, MAC-then-encrypt ---- */

static void illustrated12_cbc(void **state)
{
	(void)state;
	/* "Client/Server Encryption Keys Calculation" */
	struct record_keys ck, sk;
	memset(&ck, 0, sizeof(ck));
	ck.cipher = RECORD_AES_128_CBC;
	ck.mac_md = MBEDTLS_MD_SHA1;
	sk = ck;
	ck.key_len = from_hex("f656d037b173ef3e11169f27231a84b6", ck.key, sizeof(ck.key));
	ck.mac_key_len = from_hex("1b7d117c7d5f690bc263cae8ef60af0f1878acc2", ck.mac_key, sizeof(ck.mac_key));
	sk.key_len = from_hex("752a18e7a9fcb7cbcdd8f98dd8f769eb", sk.key, sizeof(sk.key));
	sk.mac_key_len = from_hex("2ad8bdd8c601a617126f63540eb20906f781fad2", sk.mac_key, sizeof(sk.mac_key));
	static const struct {
		bool server;
		uint64_t seq;
		const char *record, *plain;
	} v[] = {
		/* Client Handshake Finished (captures/caps/clientfinished) */
		{ false, 0,
		  "1603030040404142434445464748494a4b4c4d4e4f227bc9ba81ef30f2a8a78f"
		  "f1df50844d5804b7eeb2e214c32b6892aca3db7b78077fdd90067c516bacb3ba"
		  "90dedf720f",
		  "1400000ccf919626f1360c536aaad73a" },
		/* Server Handshake Finished */
		{ true, 0,
		  "16030300405152535455565758595a5b5c5d5e5f6018e075317b100315f6081f"
		  "cbf313781aac73efe19fe25ba1af59c20be94fc01bda2d6800298b73a7e849d7"
		  "4bd494cf7d",
		  "1400000c844d3c10746dd722f92f0c7e" },
		/* Client Application Data "ping" */
		{ false, 1,
		  "1703030030000102030405060708090a0b0c0d0e0f6c421c71c42b183bfa0619"
		  "5d133d0a09d00fc7cb4e0f5d1cda59d147ec790c99",
		  "70696e67" },
		/* Server Application Data "pong" */
		{ true, 1,
		  "17030300306162636465666768696a6b6c6d6e6f709783488af5fa20bf7a2ef6"
		  "9debb534db9fb07a8c2721dee5409f77af0c3dde56",
		  "706f6e67" },
		/* Client Close Notify: alert warning(1), close_notify(0) */
		{ false, 2,
		  "1503030030101112131415161718191a1b1c1d1e1f0d83f97904750dd8fd8aa1"
		  "30218632634fd065e4628379b88bbf9efd1287a62d",
		  "0100" },
	};
	for (size_t t = 0; t < sizeof(v) / sizeof(v[0]); t++) {
		const struct record_keys *k = v[t].server ? &sk : &ck;
		struct buf plain = { 0 };
		uint8_t rec[96], want[16];
		size_t n = from_hex(v[t].record, rec, sizeof(rec));
		size_t wn = from_hex(v[t].plain, want, sizeof(want));
		assert_int_equal(record_tls12_decrypt(k, v[t].seq, rec, rec + 5, n - 5, &plain), 0);
		assert_int_equal(plain.len, wn);
		assert_memory_equal(plain.data, want, wn);
		every_byte_matters12(k, v[t].seq, rec, n);
		/* the other direction's keys */
		assert_int_equal(record_tls12_decrypt(v[t].server ? &ck : &sk, v[t].seq, rec, rec + 5, n - 5, &plain),
		                 CHECK_ERR_AUTH);
		/* the IV alone, or IV and a partial block: too short; a body not in whole blocks */
		put_len(rec, 16);
		assert_int_equal(record_tls12_decrypt(k, v[t].seq, rec, rec + 5, 16, &plain), CHECK_ERR_FORMAT);
		put_len(rec, 40);
		assert_int_equal(record_tls12_decrypt(k, v[t].seq, rec, rec + 5, 40, &plain), CHECK_ERR_FORMAT);
		/* IV and one block: the padding and MAC cannot fit in what decrypts */
		put_len(rec, 32);
		assert_int_equal(record_tls12_decrypt(k, v[t].seq, rec, rec + 5, 32, &plain), CHECK_ERR_AUTH);
		assert_int_equal(plain.len, 0);
		buf_free(&plain);
	}
}

/* ---- TLS 1.2 AEAD, built from the primitives ---- */

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
	rec[0] = type, rec[1] = 3, rec[2] = 3;
	put_len(rec, body_len);
	return 5 + body_len;
}

static void tls12_aead_round_trip(void **state)
{
	(void)state;
	const enum record_cipher ciphers[] = { RECORD_AES_128_GCM, RECORD_AES_256_GCM, RECORD_AES_128_CCM,
	                                       RECORD_AES_256_CCM, RECORD_AES_128_CCM_8, RECORD_CHACHA20_POLY1305 };
	const uint8_t msg[] = "GET / HTTP/1.1\r\n";
	for (size_t c = 0; c < sizeof(ciphers) / sizeof(ciphers[0]); c++) {
		enum record_cipher ci = ciphers[c];
		struct record_keys k;
		memset(&k, 0, sizeof(k));
		k.cipher = ci;
		k.key_len = ci == RECORD_AES_256_GCM || ci == RECORD_AES_256_CCM || ci == RECORD_CHACHA20_POLY1305 ? 32 : 16;
		k.iv_len = ci == RECORD_CHACHA20_POLY1305 ? 12 : 4;
		for (size_t i = 0; i < k.key_len; i++)
			k.key[i] = (uint8_t)(i * 7 + c);
		for (size_t i = 0; i < k.iv_len; i++)
			k.iv[i] = (uint8_t)(0x40 + i);
		size_t tl = ci == RECORD_AES_128_CCM_8 ? 8 : 16, explicit_len = ci == RECORD_CHACHA20_POLY1305 ? 0 : 8;
		uint8_t rec[128];
		struct buf plain = { 0 };
		size_t n = seal12(&k, 5, 23, msg, sizeof(msg) - 1, rec);
		assert_int_equal(n, 5 + explicit_len + (sizeof(msg) - 1) + tl);
		assert_int_equal(record_tls12_decrypt(&k, 5, rec, rec + 5, n - 5, &plain), 0);
		assert_int_equal(plain.len, sizeof(msg) - 1);
		assert_memory_equal(plain.data, msg, plain.len);
		every_byte_matters12(&k, 5, rec, n);
		/* an empty fragment is legal: just the explicit nonce and the tag */
		n = seal12(&k, 6, 23, msg, 0, rec);
		assert_int_equal(record_tls12_decrypt(&k, 6, rec, rec + 5, n - 5, &plain), 0);
		assert_int_equal(plain.len, 0);
		/* shorter than explicit nonce + tag; the header's length agreeing */
		put_len(rec, explicit_len + tl - 1);
		assert_int_equal(record_tls12_decrypt(&k, 6, rec, rec + 5, explicit_len + tl - 1, &plain), CHECK_ERR_FORMAT);
		put_len(rec, 0);
		assert_int_equal(record_tls12_decrypt(&k, 6, rec, NULL, 0, &plain), CHECK_ERR_FORMAT);
		/* a length above 2^14 + 2048 */
		put_len(rec, 16384 + 2049);
		static uint8_t big[16384 + 2049];
		assert_int_equal(record_tls12_decrypt(&k, 6, rec, big, sizeof(big), &plain), CHECK_ERR_FORMAT);
		buf_free(&plain);
	}
}

/* ---- TLS 1.2 CBC, built from the primitives ---- */

/*
 * A CBC record (RFC 5246 §6.2.3.2), MAC-then-encrypt, or encrypt-then-MAC (RFC 7366).
 * pad_len is the padding_length byte (its value + 1 bytes are added); bad_pad
 * corrupts the first padding byte.
 */
static size_t seal_cbc(const struct record_keys *k, uint64_t seq, const uint8_t *p, size_t n, size_t pad_len,
                       bool bad_pad, uint8_t *rec)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(k->mac_md);
	size_t ml = mbedtls_md_get_size(md);
	uint8_t pseudo[13], inner[512], iv[16], both[600];
	for (int i = 0; i < 8; i++)
		pseudo[i] = (uint8_t)(seq >> (56 - 8 * i));
	pseudo[8] = 23, pseudo[9] = 3, pseudo[10] = 3;
	size_t in = n;
	memcpy(inner, p, n);
	if (!k->encrypt_then_mac) {
		pseudo[11] = (uint8_t)(n >> 8), pseudo[12] = (uint8_t)n;
		memcpy(both, pseudo, 13);
		memcpy(both + 13, p, n);
		assert_int_equal(mbedtls_md_hmac(md, k->mac_key, k->mac_key_len, both, 13 + n, inner + n), 0);
		in += ml;
	}
	memset(inner + in, (int)pad_len, pad_len + 1);
	if (bad_pad)
		inner[in] ^= 1;
	in += pad_len + 1;
	assert_int_equal(in % 16, 0);
	for (int i = 0; i < 16; i++)
		iv[i] = (uint8_t)(0x10 + i);
	memcpy(rec + 5, iv, 16);
	mbedtls_aes_context aes;
	mbedtls_aes_init(&aes);
	assert_int_equal(mbedtls_aes_setkey_enc(&aes, k->key, (unsigned)k->key_len * 8), 0);
	assert_int_equal(mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, in, iv, inner, rec + 5 + 16), 0);
	mbedtls_aes_free(&aes);
	size_t body = 16 + in;
	if (k->encrypt_then_mac) {
		pseudo[11] = (uint8_t)(body >> 8), pseudo[12] = (uint8_t)body;
		memcpy(both, pseudo, 13);
		memcpy(both + 13, rec + 5, body);
		assert_int_equal(mbedtls_md_hmac(md, k->mac_key, k->mac_key_len, both, 13 + body, rec + 5 + body), 0);
		body += ml;
	}
	rec[0] = 23, rec[1] = 3, rec[2] = 3;
	put_len(rec, body);
	return 5 + body;
}

/* The padding that makes n + MAC (MtE) or n (EtM) plus padding a whole number of blocks, plus 16*extra. */
static size_t pad_for(const struct record_keys *k, size_t n, size_t extra)
{
	size_t in = n + (k->encrypt_then_mac ? 0 : kdf_hash_len(k->mac_md));
	return 16 - in % 16 - 1 + 16 * extra;
}

static void tls12_cbc_round_trip(void **state)
{
	(void)state;
	const uint8_t msg[] = "hello, CBC";
	const size_t mlen = sizeof(msg) - 1;
	for (int aes = 0; aes < 2; aes++) {
		for (int etm = 0; etm < 2; etm++) {
			for (int m = 0; m < 3; m++) {
				struct record_keys k;
				memset(&k, 0, sizeof(k));
				k.cipher = aes ? RECORD_AES_256_CBC : RECORD_AES_128_CBC;
				k.key_len = aes ? 32 : 16;
				k.mac_md = m == 0 ? MBEDTLS_MD_SHA1 : m == 1 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA384;
				k.mac_key_len = kdf_hash_len(k.mac_md);
				k.encrypt_then_mac = etm;
				for (size_t i = 0; i < k.key_len; i++)
					k.key[i] = (uint8_t)(i + 1);
				for (size_t i = 0; i < k.mac_key_len; i++)
					k.mac_key[i] = (uint8_t)(0x80 + i);
				uint8_t rec[600];
				struct buf plain = { 0 };

				/* minimal padding, and longer padding (RFC 5246 allows up to 255 bytes) */
				for (size_t extra = 0; extra < 3; extra += 2) {
					size_t n = seal_cbc(&k, 9, msg, mlen, pad_for(&k, mlen, extra), false, rec);
					assert_int_equal(record_tls12_decrypt(&k, 9, rec, rec + 5, n - 5, &plain), 0);
					assert_int_equal(plain.len, mlen);
					assert_memory_equal(plain.data, msg, mlen);
					every_byte_matters12(&k, 9, rec, n);
				}
				/* An empty fragment. */
				size_t n = seal_cbc(&k, 3, msg, 0, pad_for(&k, 0, 0), false, rec);
				assert_int_equal(record_tls12_decrypt(&k, 3, rec, rec + 5, n - 5, &plain), 0);
				assert_int_equal(plain.len, 0);

				/* Wrong padding: bad_record_mac under MtE; under EtM the MAC verified, so a format error. */
				n = seal_cbc(&k, 4, msg, mlen, pad_for(&k, mlen, 1), true, rec);
				assert_int_equal(record_tls12_decrypt(&k, 4, rec, rec + 5, n - 5, &plain),
				                 etm ? CHECK_ERR_FORMAT : CHECK_ERR_AUTH);
				assert_int_equal(plain.len, 0);

				/* MAC-then-encrypt laid out part by part, each part checked on its own. */
				if (!etm) {
					struct record_cbc_parts parts;
					size_t pl = pad_for(&k, mlen, 1);
					for (int bad = 0; bad < 3; bad++) {
						n = seal_cbc(&k, 5, msg, mlen, pl, bad == 1, rec);
						assert_int_equal(record_cbc_mte_open(&k, bad == 2 ? 6 : 5, rec, rec + 5, n - 5, &plain,
						                                     &parts), 0);
						assert_int_equal(plain.len, n - 5 - 16);
						assert_int_equal(parts.content_len, mlen);
						assert_memory_equal(plain.data, msg, mlen);
						assert_int_equal(parts.mac_len, k.mac_key_len);
						assert_int_equal(parts.pad_len, pl);
						assert_int_equal(parts.pad_ok, bad != 1); /* a padding byte changed */
						assert_int_equal(parts.mac_ok, bad != 2); /* another sequence number */
						assert_int_equal(plain.data[plain.len - 1], pl);
					}
					assert_int_equal(record_cbc_mte_open(&k, 5, rec, rec + 5, n - 6, &plain, &parts),
					                 CHECK_ERR_FORMAT);
				} else {
					struct record_cbc_parts parts;
					assert_int_equal(record_cbc_mte_open(&k, 5, rec, rec + 5, n - 5, &plain, &parts),
					                 CHECK_ERR_BAD_INPUT);
				}

				/* Too short: the IV and no block, or (EtM) no room for the MAC after one block. */
				put_len(rec, 16);
				assert_int_equal(record_tls12_decrypt(&k, 4, rec, rec + 5, 16, &plain), CHECK_ERR_FORMAT);
				size_t min = 32 + (etm ? k.mac_key_len : 0) - 1;
				put_len(rec, min);
				assert_int_equal(record_tls12_decrypt(&k, 4, rec, rec + 5, min, &plain), CHECK_ERR_FORMAT);
				buf_free(&plain);
			}
		}
	}
}

/* ---- Unusable keys and arguments ---- */

static void bad_keys(void **state)
{
	(void)state;
	uint8_t rec[64] = { 23, 3, 3, 0, 40 }, type;
	struct buf plain = { 0 };
	struct record_keys k;
	memset(&k, 0, sizeof(k));
	k.cipher = RECORD_AES_128_GCM;
	k.key_len = 32; /* not AES-128 */
	k.iv_len = 4;
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	k.key_len = 16;
	k.iv_len = 12; /* TLS 1.2 GCM takes the 4-byte salt */
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	k.iv_len = 4; /* TLS 1.3 takes 12 bytes */
	assert_int_equal(record_tls13_decrypt(&k, 0, rec, rec + 5, 40, &plain, &type), CHECK_ERR_BAD_INPUT);
	k.cipher = RECORD_CHACHA20_POLY1305;
	k.iv_len = 12; /* ChaCha20 keys are 32 bytes */
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	k.cipher = RECORD_AES_128_CBC; /* no CBC in TLS 1.3 */
	k.mac_md = MBEDTLS_MD_SHA256;
	k.mac_key_len = 32;
	assert_int_equal(record_tls13_decrypt(&k, 0, rec, rec + 5, 40, &plain, &type), CHECK_ERR_BAD_INPUT);
	k.mac_md = MBEDTLS_MD_MD5; /* not a TLS 1.2 record MAC here */
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	k.mac_md = MBEDTLS_MD_SHA256;
	k.mac_key_len = 49;
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	k.cipher = (enum record_cipher)99;
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	assert_int_equal(record_tls12_decrypt(NULL, 0, rec, rec + 5, 40, &plain), CHECK_ERR_BAD_INPUT);
	assert_int_equal(record_tls12_decrypt(&k, 0, rec, rec + 5, 40, NULL), CHECK_ERR_BAD_INPUT);
	assert_int_equal(record_tls13_decrypt(&k, 0, rec, rec + 5, 40, &plain, NULL), CHECK_ERR_BAD_INPUT);
	buf_free(&plain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc8448_server_flight),
		cmocka_unit_test(decrypts_rfc8448_client_finished),
		cmocka_unit_test(rfc8448_app_data),
		cmocka_unit_test(illustrated13_records),
		cmocka_unit_test(tls13_padding_and_ciphers),
		cmocka_unit_test(illustrated12_cbc),
		cmocka_unit_test(tls12_aead_round_trip),
		cmocka_unit_test(tls12_cbc_round_trip),
		cmocka_unit_test(bad_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
