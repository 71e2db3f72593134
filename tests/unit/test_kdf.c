/*
 * Known-answer tests for check/kdf. Every expected value is a published one,
 * copied byte for byte; none was produced by running this code.
 *  - TLS 1.2 PRF, SHA-256 and SHA-384: the vectors posted to the IETF TLS
 *    working group (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html),
 *    as carried by GnuTLS tests/tls12-prf.c and janrueth/boring-rustls-provider.
 *  - TLS 1.2 PRF in use: "The Illustrated TLS 1.2 Connection" (tls12.xargs.org,
 *    github.com/syncsynchalt/illustrated-tls12): master secret, key expansion and
 *    both Finished verify_data of a real TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA handshake.
 *  - HKDF: RFC 5869 appendix A.1–A.3 (SHA-256).
 *  - TLS 1.3 key schedule, SHA-256: RFC 8448 §3 "Simple 1-RTT Handshake" (the
 *    messages and values as the RFC prints them; also quoted verbatim in
 *    erlang/otp lib/ssl/test/tls_1_3_record_SUITE.erl).
 *  - TLS 1.3 key schedule, SHA-384: "The Illustrated TLS 1.3 Connection"
 *    (tls13.xargs.org, github.com/syncsynchalt/illustrated-tls13), a real
 *    TLS_AES_256_GCM_SHA384 handshake: its page and its NSS key log.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/md.h>

#include "check/kdf.h"
#include "util/hex.h"

#include "rfc8448.h"

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

/* ---- TLS 1.2 PRF (RFC 5246 §5) ---- */

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
	/* P_hash is a stream: a shorter output is a prefix of the longer one, also off a block boundary. */
	uint8_t short_out[45];
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA256, secret, 16, "test label", seed, 16, short_out, 45), 0);
	assert_memory_equal(short_out, out, 45);
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA256, secret, 16, "test label", seed, 16, short_out, 0), 0);
	/* Only SHA-256 and SHA-384 are TLS 1.2 PRF hashes; a label is required. */
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA1, secret, 16, "x", seed, 16, out, 10), CHECK_ERR_BAD_INPUT);
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA256, secret, 16, NULL, seed, 16, out, 10), CHECK_ERR_BAD_INPUT);
}

static void tls12_prf_sha384(void **state)
{
	(void)state;
	uint8_t secret[16], seed[16], out[148];
	from_hex("b8 0b 73 3d 6c ee fc dc 71 56 6e a4 8e 55 67 df", secret, sizeof(secret));
	from_hex("cd 66 5c f6 a8 44 7d d6 ff 8b 27 55 5e db 74 65", seed, sizeof(seed));
	assert_int_equal(kdf_tls12_prf(MBEDTLS_MD_SHA384, secret, 16, "test label", seed, 16, out, 148), 0);
	expect_hex(out, 148,
	           "7b 0c 18 e9 ce d4 10 ed 18 04 f2 cf a3 4a 33 6a 1c 14 df fb 49 00 bb 5f d7 94 21 07 e8 1c 83 cd"
	           "e9 ca 0f aa 60 be 9f e3 4f 82 b1 23 3c 91 46 a0 e5 34 cb 40 0f ed 27 00 88 4f 9d c2 36 f8 0e dd"
	           "8b fa 96 11 44 c9 e8 d7 92 ec a7 22 a7 b3 2f c3 d4 16 d4 73 eb c2 c5 fd 4a bf da d0 5d 91 84 25"
	           "9b 5b f8 cd 4d 90 fa 0d 31 e2 de c4 79 e4 f1 a2 60 66 f2 ee a9 a6 92 36 a3 e5 26 55 c9 e9 ae e6"
	           "91 c8 f3 a2 68 54 30 8d 5e aa 3b e8 5e 09 90 70 3d 73 e5 6f");
}

/*
 * The Illustrated TLS 1.2 Connection: RFC 5246 §8.1 master secret, §6.3 key block,
 * §7.4.9 verify_data, with the values the page prints.
 */
static void tls12_illustrated(void **state)
{
	(void)state;
	const mbedtls_md_type_t md = MBEDTLS_MD_SHA256;
	uint8_t pms[32], cr[32], sr[32], seed[64], master[48], block[104], hash[32], vd[12];
	from_hex("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624", pms, sizeof(pms));
	for (int i = 0; i < 32; i++) {
		cr[i] = (uint8_t)i;          /* client random 00 01 .. 1f */
		sr[i] = (uint8_t)(0x70 + i); /* server random 70 71 .. 8f */
	}
	/* master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47] */
	memcpy(seed, cr, 32);
	memcpy(seed + 32, sr, 32);
	assert_int_equal(kdf_tls12_prf(md, pms, 32, "master secret", seed, 64, master, 48), 0);
	expect_hex(master, 48,
	           "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");
	/* key_block = PRF(master_secret, "key expansion", server_random + client_random) */
	memcpy(seed, sr, 32);
	memcpy(seed + 32, cr, 32);
	assert_int_equal(kdf_tls12_prf(md, master, 48, "key expansion", seed, 64, block, sizeof(block)), 0);
	expect_hex(block, 20, "1b7d117c7d5f690bc263cae8ef60af0f1878acc2");       /* client write MAC key */
	expect_hex(block + 20, 20, "2ad8bdd8c601a617126f63540eb20906f781fad2");  /* server write MAC key */
	expect_hex(block + 40, 16, "f656d037b173ef3e11169f27231a84b6");          /* client write key */
	expect_hex(block + 56, 16, "752a18e7a9fcb7cbcdd8f98dd8f769eb");          /* server write key */
	expect_hex(block + 72, 16, "a0d2550c9238eebfef5c32251abb67d6");          /* client write IV */
	expect_hex(block + 88, 16, "434528db4937d540d393135e06a11bb8");          /* server write IV */
	/* verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11] */
	from_hex("061dda04b3c2217ff73bd79b9cf88a2bb6ec505404aac8722db03ef417b54cb4", hash, sizeof(hash));
	assert_int_equal(kdf_tls12_prf(md, master, 48, "client finished", hash, 32, vd, 12), 0);
	expect_hex(vd, 12, "cf919626f1360c536aaad73a");
	from_hex("b2017ba28d0e27f03ae327456b6ff00b4d5bbf0ef7cda83ce1029b521c3e7c35", hash, sizeof(hash));
	assert_int_equal(kdf_tls12_prf(md, master, 48, "server finished", hash, 32, vd, 12), 0);
	expect_hex(vd, 12, "844d3c10746dd722f92f0c7e");
}

/* ---- HKDF (RFC 5869) ---- */

static void hkdf_rfc5869(void **state)
{
	(void)state;
	const mbedtls_md_type_t md = MBEDTLS_MD_SHA256;
	uint8_t ikm[80], salt[80], info[80], prk[32], okm[82];

	/* A.1: basic test case */
	memset(ikm, 0x0b, 22);
	from_hex("000102030405060708090a0b0c", salt, sizeof(salt));
	from_hex("f0f1f2f3f4f5f6f7f8f9", info, sizeof(info));
	assert_int_equal(kdf_hkdf_extract(md, salt, 13, ikm, 22, prk), 0);
	expect_hex(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
	assert_int_equal(kdf_hkdf_expand(md, prk, 32, info, 10, okm, 42), 0);
	expect_hex(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");

	/* A.2: longer inputs and outputs */
	for (int i = 0; i < 80; i++) {
		ikm[i] = (uint8_t)i;
		salt[i] = (uint8_t)(0x60 + i);
		info[i] = (uint8_t)(0xb0 + i);
	}
	assert_int_equal(kdf_hkdf_extract(md, salt, 80, ikm, 80, prk), 0);
	expect_hex(prk, 32, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
	assert_int_equal(kdf_hkdf_expand(md, prk, 32, info, 80, okm, 82), 0);
	expect_hex(okm, 82,
	           "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
	           "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
	           "cc30c58179ec3e87c14c01d5c1f3434f1d87");

	/* A.3: zero-length salt and info (an absent salt is HashLen zeros) */
	memset(ikm, 0x0b, 22);
	assert_int_equal(kdf_hkdf_extract(md, NULL, 0, ikm, 22, prk), 0);
	expect_hex(prk, 32, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
	assert_int_equal(kdf_hkdf_expand(md, prk, 32, NULL, 0, okm, 42), 0);
	expect_hex(okm, 42, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");

	/* L <= 255*HashLen; PRK at least HashLen (RFC 5869 §2.3) */
	assert_int_equal(kdf_hkdf_expand(md, prk, 32, info, 10, okm, 255 * 32 + 1), CHECK_ERR_BAD_INPUT);
	assert_int_equal(kdf_hkdf_expand(md, prk, 31, info, 10, okm, 10), CHECK_ERR_BAD_INPUT);
	assert_int_equal(kdf_hkdf_extract(MBEDTLS_MD_NONE, NULL, 0, ikm, 22, prk), CHECK_ERR_BAD_INPUT);
}

/* ---- TLS 1.3 key schedule (RFC 8446 §7.1) ---- */


/* The transcript so far: the listed messages appended in order. */
static size_t transcript(uint8_t *out, size_t cap, const char *const *msgs, size_t nmsgs)
{
	size_t n = 0;
	for (size_t i = 0; i < nmsgs; i++)
		n += from_hex(msgs[i], out + n, cap - n);
	return n;
}

static void tls13_schedule_rfc8448(void **state)
{
	(void)state;
	const mbedtls_md_type_t md = MBEDTLS_MD_SHA256;
	const char *const msgs[] = { rfc8448_client_hello,       rfc8448_server_hello,        rfc8448_encrypted_extensions,
		                     rfc8448_certificate,        rfc8448_certificate_verify,  rfc8448_server_finished,
		                     rfc8448_client_finished };
	static uint8_t tr[1024];
	uint8_t zeros[32] = { 0 }, empty_hash[32], early[32], derived[32], shared[32], hs[32], th[32];
	uint8_t chts[32], shts[32], master[32], cats[32], sats[32], ems[32], rms[32], psk[32], fkey[32], fin[32];
	uint8_t key[16], iv[12];
	size_t n;

	/* {server} extract secret "early": salt 0, IKM 32 zero octets (no PSK) */
	assert_int_equal(kdf_hkdf_extract(md, NULL, 0, zeros, 32, early), 0);
	expect_hex(early, 32, "33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2 10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a");
	/* {server} derive secret for handshake "tls13 derived": hash = SHA-256("") */
	assert_int_equal(kdf_hash(md, NULL, 0, empty_hash), 0);
	expect_hex(empty_hash, 32,
	           "e3 b0 c4 42 98 fc 1c 14 9a fb f4 c8 99 6f b9 24 27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 55");
	assert_int_equal(kdf_derive_secret(md, early, 32, "derived", empty_hash, derived), 0);
	expect_hex(derived, 32, "6f 26 15 a1 08 c7 02 c5 67 8f 54 fc 9d ba b6 97 16 c0 76 18 9c 48 25 0c eb ea c3 57 6c 36 11 ba");
	/* {server} extract secret "handshake": IKM = the x25519 shared secret */
	from_hex("8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d 35 e6 d6 3f 53 75 63 ef d4 62 72 90 0f 89 49 2d", shared, 32);
	assert_int_equal(kdf_hkdf_extract(md, derived, 32, shared, 32, hs), 0);
	expect_hex(hs, 32, "1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b 01 04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac");

	/* {server} derive secret "tls13 c/s hs traffic": hash = Transcript-Hash(ClientHello, ServerHello) */
	n = transcript(tr, sizeof(tr), msgs, 2);
	assert_int_equal(n, 196 + 90);
	assert_int_equal(kdf_hash(md, tr, n, th), 0);
	expect_hex(th, 32, "86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8");
	assert_int_equal(kdf_derive_secret(md, hs, 32, "c hs traffic", th, chts), 0);
	expect_hex(chts, 32, "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21");
	assert_int_equal(kdf_derive_secret(md, hs, 32, "s hs traffic", th, shts), 0);
	expect_hex(shts, 32, "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38");

	/* {server} derive secret for master "tls13 derived", extract secret "master" */
	assert_int_equal(kdf_derive_secret(md, hs, 32, "derived", empty_hash, derived), 0);
	expect_hex(derived, 32, "43 de 77 e0 c7 77 13 85 9a 94 4d b9 db 25 90 b5 31 90 a6 5b 3e e2 e4 f1 2d d7 a0 bb 7c e2 54 b4");
	assert_int_equal(kdf_hkdf_extract(md, derived, 32, zeros, 32, master), 0);
	expect_hex(master, 32, "18 df 06 84 3d 13 a0 8b f2 a4 49 84 4c 5f 8a 47 80 01 bc 4d 4c 62 79 84 d5 a4 1d a8 d0 40 29 19");

	/* {server} derive write traffic keys for handshake data (RFC 8446 §7.3) */
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "key", NULL, 0, key, 16), 0);
	expect_hex(key, 16, "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc");
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "5d 31 3e b2 67 12 76 ee 13 00 0b 30");
	/* {server} derive read traffic keys for handshake data */
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 32, "key", NULL, 0, key, 16), 0);
	expect_hex(key, 16, "db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01");
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 32, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f");

	/* {server} calculate finished "tls13 finished" (RFC 8446 §4.4.4): finished_key, then
	 * verify_data = HMAC(finished_key, Transcript-Hash(ClientHello..CertificateVerify)) */
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "finished", NULL, 0, fkey, 32), 0);
	expect_hex(fkey, 32, "00 8d 3b 66 f8 16 ea 55 9f 96 b5 37 e8 85 c3 1f c0 68 bf 49 2c 65 2f 01 f2 88 a1 d8 cd c1 9f c8");
	n = transcript(tr, sizeof(tr), msgs, 5);
	assert_int_equal(kdf_hash(md, tr, n, th), 0);
	assert_int_equal(mbedtls_md_hmac(mbedtls_md_info_from_type(md), fkey, 32, th, 32, fin), 0);
	expect_hex(fin, 32, "9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f ff ee 54 54 b7 8f 07 18");

	/* {server} derive secret "tls13 c ap traffic" / "s ap traffic" / "exp master":
	 * hash = Transcript-Hash(ClientHello..server Finished) */
	n = transcript(tr, sizeof(tr), msgs, 6);
	assert_int_equal(kdf_hash(md, tr, n, th), 0);
	expect_hex(th, 32, "96 08 10 2a 0f 1c cc 6d b6 25 0b 7b 7e 41 7b 1a 00 0e aa da 3d aa e4 77 7a 76 86 c9 ff 83 df 13");
	assert_int_equal(kdf_derive_secret(md, master, 32, "c ap traffic", th, cats), 0);
	expect_hex(cats, 32, "9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52 87 5a fa 0b 06 df 00 87 f7 92 eb b7 c1 75 04 a5");
	assert_int_equal(kdf_derive_secret(md, master, 32, "s ap traffic", th, sats), 0);
	expect_hex(sats, 32, "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43");
	assert_int_equal(kdf_derive_secret(md, master, 32, "exp master", th, ems), 0);
	expect_hex(ems, 32, "fe 22 f8 81 17 6e da 18 eb 8f 44 52 9e 67 92 c5 0c 9a 3f 89 45 2f 68 d8 ae 31 1b 43 09 d3 cf 50");
	/* {server} derive write traffic keys for application data; {client} likewise */
	assert_int_equal(kdf_hkdf_expand_label(md, sats, 32, "key", NULL, 0, key, 16), 0);
	expect_hex(key, 16, "9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56");
	assert_int_equal(kdf_hkdf_expand_label(md, sats, 32, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "cf 78 2b 88 dd 83 54 9a ad f1 e9 84");
	assert_int_equal(kdf_hkdf_expand_label(md, cats, 32, "key", NULL, 0, key, 16), 0);
	expect_hex(key, 16, "17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51");
	assert_int_equal(kdf_hkdf_expand_label(md, cats, 32, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "5b 78 92 3d ee 08 57 90 33 e5 23 d9");

	/* {client} calculate finished: the client's finished_key */
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 32, "finished", NULL, 0, fkey, 32), 0);
	expect_hex(fkey, 32, "b8 0a d0 10 15 fb 2f 0b d6 5f f7 d4 da 5d 6b f8 3f 84 82 1d 1f 87 fd c7 d3 c7 5b 5a 7b 42 d9 c4");

	/* {client} derive secret "tls13 res master": hash = Transcript-Hash(ClientHello..client Finished) */
	n = transcript(tr, sizeof(tr), msgs, 7);
	assert_int_equal(kdf_hash(md, tr, n, th), 0);
	expect_hex(th, 32, "20 91 45 a9 6e e8 e2 a1 22 ff 81 00 47 cc 95 26 84 65 8d 60 49 e8 64 29 42 6d b8 7c 54 ad 14 3d");
	assert_int_equal(kdf_derive_secret(md, master, 32, "res master", th, rms), 0);
	expect_hex(rms, 32, "7d f2 35 f2 03 1d 2a 05 12 87 d0 2b 02 41 b0 bf da f8 6c c8 56 23 1f 2d 5a ba 46 c4 34 ec 19 6c");
	/* {server} generate resumption secret "tls13 resumption" (RFC 8446 §4.6.1): ticket_nonce 00 00 */
	const uint8_t ticket_nonce[2] = { 0, 0 };
	assert_int_equal(kdf_hkdf_expand_label(md, rms, 32, "resumption", ticket_nonce, 2, psk, 32), 0);
	expect_hex(psk, 32, "4e cd 0e b6 ec 3b 4d 87 f5 d6 02 8f 92 2c a4 c5 85 1a 27 7f d4 13 11 c9 e6 2d 2c 94 92 e1 c4 f3");

	/* HkdfLabel's bounds (RFC 8446 §7.1): label<7..255>, context<0..255>, uint16 length */
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "", NULL, 0, key, 16), CHECK_ERR_BAD_INPUT);
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 32, "key", tr, 256, key, 16), CHECK_ERR_BAD_INPUT);
	assert_int_equal(kdf_derive_secret(md, hs, 32, "c hs traffic", NULL, chts), CHECK_ERR_BAD_INPUT);
}

/* The Illustrated TLS 1.3 Connection (TLS_AES_256_GCM_SHA384): ClientHello and ServerHello
 * without their record headers, from captures/caps/clienthello and serverhello. */
static const char illustrated13_client_hello[] =
	"010000f40303000102030405060708090a0b0c0d0e0f10111213141516171819"
	"1a1b1c1d1e1f20e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8"
	"f9fafbfcfdfeff000813021303130100ff010000a30000001800160000136578"
	"616d706c652e756c666865696d2e6e6574000b000403000102000a0016001400"
	"1d0017001e001900180100010101020103010400230000001600000017000000"
	"0d001e001c040305030603080708080809080a080b0804080508060401050106"
	"01002b0003020304002d00020101003300260024001d0020358072d6365880d1"
	"aeea329adf9121383851ed21a28e3b75e965d0d2cd166254";
static const char illustrated13_server_hello[] =
	"020000760303707172737475767778797a7b7c7d7e7f80818283848586878889"
	"8a8b8c8d8e8f20e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8"
	"f9fafbfcfdfeff130200002e002b0002030400330024001d00209fd7ad6dcff4"
	"298dd3f96d5b1b2af910a0535b1488d7f8fabb349a982880b615";

static void tls13_schedule_sha384_illustrated(void **state)
{
	(void)state;
	const mbedtls_md_type_t md = MBEDTLS_MD_SHA384;
	const char *const hellos[] = { illustrated13_client_hello, illustrated13_server_hello };
	uint8_t tr[512], zeros[48] = { 0 }, empty_hash[48], early[48], derived[48], shared[32], hs[48], th[48];
	uint8_t chts[48], shts[48], master[48], cats[48], sats[48], ems[48], key[32], iv[12];

	/* "Server Handshake Keys Calc": hello_hash = SHA384(ClientHello || ServerHello) */
	size_t n = transcript(tr, sizeof(tr), hellos, 2);
	assert_int_equal(kdf_hash(md, tr, n, th), 0);
	expect_hex(th, 48,
	           "e05f64fcd082bdb0dce473adf669c2769f257a1c75a51b7887468b5e0e7a7de4f4d34555112077f16e079019d5a845bd");
	from_hex("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624", shared, sizeof(shared));
	assert_int_equal(kdf_hkdf_extract(md, NULL, 0, zeros, 48, early), 0);
	assert_int_equal(kdf_hash(md, NULL, 0, empty_hash), 0);
	assert_int_equal(kdf_derive_secret(md, early, 48, "derived", empty_hash, derived), 0);
	assert_int_equal(kdf_hkdf_extract(md, derived, 48, shared, 32, hs), 0);
	expect_hex(hs, 48,
	           "bdbbe8757494bef20de932598294ea65b5e6bf6dc5c02a960a2de2eaa9b07c929078d2caa0936231c38d1725f179d299");
	assert_int_equal(kdf_derive_secret(md, hs, 48, "s hs traffic", th, shts), 0);
	expect_hex(shts, 48,
	           "23323da031634b241dd37d61032b62a4f450584d1f7f47983ba2f7cc0cdcc39a68f481f2b019f9403a3051908a5d1622");
	assert_int_equal(kdf_derive_secret(md, hs, 48, "c hs traffic", th, chts), 0);
	expect_hex(chts, 48,
	           "db89d2d6df0e84fed74a2288f8fd4d0959f790ff23946cdf4c26d85e51bebd42ae184501972f8d30c4a3e4a3693d0ef0");
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 48, "key", NULL, 0, key, 32), 0);
	expect_hex(key, 32, "9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f");
	assert_int_equal(kdf_hkdf_expand_label(md, shts, 48, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "9563bc8b590f671f488d2da3");
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 48, "key", NULL, 0, key, 32), 0);
	expect_hex(key, 32, "1135b4826a9a70257e5a391ad93093dfd7c4214812f493b3e3daae1eb2b1ac69");
	assert_int_equal(kdf_hkdf_expand_label(md, chts, 48, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "4256d2e0e88babdd05eb2f27");

	/* "Server Application Keys Calc": handshake_hash as the page states it (ClientHello..server
	 * Finished); the traffic and exporter secrets are the key log's. */
	from_hex("fa6800169a6baac19159524fa7b9721b41be3c9db6f3f93fa5ff7e3db3ece204d2b456c51046e40ec5312c55a86126f5", th,
	         sizeof(th));
	assert_int_equal(kdf_derive_secret(md, hs, 48, "derived", empty_hash, derived), 0);
	assert_int_equal(kdf_hkdf_extract(md, derived, 48, zeros, 48, master), 0);
	assert_int_equal(kdf_derive_secret(md, master, 48, "c ap traffic", th, cats), 0);
	expect_hex(cats, 48,
	           "9e47af27cb60d818a9ea7d233cb5ed4cc525fcd74614fb24b0ee59acb8e5aa7ff8d88b89792114208fec291a6fa96bad");
	assert_int_equal(kdf_derive_secret(md, master, 48, "s ap traffic", th, sats), 0);
	expect_hex(sats, 48,
	           "86c967fd7747a36a0685b4ed8d0e6b4c02b4ddaf3cd294aa44e9f6b0183bf911e89a189ba5dfd71fccffb5cc164901f8");
	assert_int_equal(kdf_derive_secret(md, master, 48, "exp master", th, ems), 0);
	expect_hex(ems, 48,
	           "5da16dd8325dd8279e4535363384d9ad0dbe370538fc3ad74e53d533b77ac35ee072d56c90871344e6857ccb2efc9e14");
	assert_int_equal(kdf_hkdf_expand_label(md, sats, 48, "key", NULL, 0, key, 32), 0);
	expect_hex(key, 32, "01f78623f17e3edcc09e944027ba3218d57c8e0db93cd3ac419309274700ac27");
	assert_int_equal(kdf_hkdf_expand_label(md, sats, 48, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "196a750b0c5049c0cc51a541");
	assert_int_equal(kdf_hkdf_expand_label(md, cats, 48, "key", NULL, 0, key, 32), 0);
	expect_hex(key, 32, "de2f4c7672723a692319873e5c227606691a32d1c59d8b9f51dbb9352e9ca9cc");
	assert_int_equal(kdf_hkdf_expand_label(md, cats, 48, "iv", NULL, 0, iv, 12), 0);
	expect_hex(iv, 12, "bb007956f474b25de902432f");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tls12_prf_sha256),
		cmocka_unit_test(tls12_prf_sha384),
		cmocka_unit_test(tls12_illustrated),
		cmocka_unit_test(hkdf_rfc5869),
		cmocka_unit_test(tls13_schedule_rfc8448),
		cmocka_unit_test(tls13_schedule_sha384_illustrated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
