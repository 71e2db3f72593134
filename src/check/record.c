/* check/record.c — see record.h. */
#include "check/record.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/ccm.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>
#include <mbedtls/platform_util.h>

#include "check/kdf.h"

static bool is_aead(enum record_cipher c)
{
	return c != RECORD_AES_128_CBC && c != RECORD_AES_256_CBC;
}

static size_t tag_len(enum record_cipher c)
{
	return c == RECORD_AES_128_CCM_8 ? 8 : 16;
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* One AEAD open: ct[0..n) is followed by its tag. Returns 0 or CHECK_ERR_*. */
static int aead_open(const struct record_keys *k, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                     const uint8_t *ct, size_t n, uint8_t *out)
{
	size_t tl = tag_len(k->cipher);
	int rc;
	switch (k->cipher) {
	case RECORD_AES_128_GCM:
	case RECORD_AES_256_GCM: {
		mbedtls_gcm_context g;
		mbedtls_gcm_init(&g);
		rc = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, k->key, (unsigned)(k->key_len * 8));
		if (!rc)
			rc = mbedtls_gcm_auth_decrypt(&g, n, nonce, 12, aad, aad_len, ct + n, tl, ct, out);
		mbedtls_gcm_free(&g);
		return rc == MBEDTLS_ERR_GCM_AUTH_FAILED ? CHECK_ERR_AUTH : rc ? CHECK_ERR_CRYPTO : 0;
	}
	case RECORD_AES_128_CCM:
	case RECORD_AES_256_CCM:
	case RECORD_AES_128_CCM_8: {
		mbedtls_ccm_context c;
		mbedtls_ccm_init(&c);
		rc = mbedtls_ccm_setkey(&c, MBEDTLS_CIPHER_ID_AES, k->key, (unsigned)(k->key_len * 8));
		if (!rc)
			rc = mbedtls_ccm_auth_decrypt(&c, n, nonce, 12, aad, aad_len, ct, out, ct + n, tl);
		mbedtls_ccm_free(&c);
		return rc == MBEDTLS_ERR_CCM_AUTH_FAILED ? CHECK_ERR_AUTH : rc ? CHECK_ERR_CRYPTO : 0;
	}
	case RECORD_CHACHA20_POLY1305: {
		mbedtls_chachapoly_context c;
		mbedtls_chachapoly_init(&c);
		rc = mbedtls_chachapoly_setkey(&c, k->key);
		if (!rc)
			rc = mbedtls_chachapoly_auth_decrypt(&c, n, nonce, aad, aad_len, ct + n, ct, out);
		mbedtls_chachapoly_free(&c);
		return rc == MBEDTLS_ERR_CHACHAPOLY_AUTH_FAILED ? CHECK_ERR_AUTH : rc ? CHECK_ERR_CRYPTO : 0;
	}
	default:
		return CHECK_ERR_BAD_INPUT;
	}
}

static int hmac(mbedtls_md_type_t md, const uint8_t *key, size_t key_len, const uint8_t *a, size_t an,
                const uint8_t *b, size_t bn, uint8_t *out)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
	mbedtls_md_context_t ctx;
	int rc;
	if (!info)
		return CHECK_ERR_BAD_INPUT;
	mbedtls_md_init(&ctx);
	if ((rc = mbedtls_md_setup(&ctx, info, 1)) == 0 && (rc = mbedtls_md_hmac_starts(&ctx, key, key_len)) == 0 &&
	    (rc = mbedtls_md_hmac_update(&ctx, a, an)) == 0 && (rc = mbedtls_md_hmac_update(&ctx, b, bn)) == 0)
		rc = mbedtls_md_hmac_finish(&ctx, out);
	mbedtls_md_free(&ctx);
	return rc ? CHECK_ERR_CRYPTO : 0;
}

/* RFC 5246 §6.2.3.2 with MAC-then-encrypt, or RFC 7366 encrypt-then-MAC. */
static int cbc_open(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                    size_t body_len, struct buf *plain)
{
	size_t ml = kdf_hash_len(k->mac_md);
	uint8_t mac[48], pseudo[13];
	int rc = CHECK_ERR_FORMAT;
	if (!ml || k->mac_key_len > sizeof(k->mac_key) || body_len < 16 + 16 + (k->encrypt_then_mac ? ml : 0))
		return CHECK_ERR_FORMAT;
	size_t ct_len = body_len - 16 - (k->encrypt_then_mac ? ml : 0);
	if (ct_len % 16)
		return CHECK_ERR_FORMAT;
	put64(pseudo, seq);
	pseudo[8] = hdr[0];
	pseudo[9] = hdr[1];
	pseudo[10] = hdr[2];
	if (k->encrypt_then_mac) {
		size_t mlen = 16 + ct_len;
		pseudo[11] = (uint8_t)(mlen >> 8);
		pseudo[12] = (uint8_t)mlen;
		if ((rc = hmac(k->mac_md, k->mac_key, k->mac_key_len, pseudo, 13, body, mlen, mac)))
			return rc;
		if (memcmp(mac, body + mlen, ml) != 0)
			return CHECK_ERR_AUTH;
	}
	mbedtls_aes_context aes;
	uint8_t iv[16];
	uint8_t *out = buf_reserve(plain, ct_len);
	memcpy(iv, body, 16);
	mbedtls_aes_init(&aes);
	rc = mbedtls_aes_setkey_dec(&aes, k->key, (unsigned)(k->key_len * 8));
	if (!rc)
		rc = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_DECRYPT, ct_len, iv, body + 16, out);
	mbedtls_aes_free(&aes);
	if (rc)
		return CHECK_ERR_CRYPTO;
	/* padding: padding_length + 1 bytes, each equal to padding_length */
	size_t pad = (size_t)out[ct_len - 1] + 1;
	if (pad > ct_len)
		return CHECK_ERR_FORMAT;
	for (size_t i = ct_len - pad; i < ct_len; i++)
		if (out[i] != pad - 1)
			return k->encrypt_then_mac ? CHECK_ERR_FORMAT : CHECK_ERR_AUTH;
	size_t n = ct_len - pad;
	if (!k->encrypt_then_mac) {
		if (n < ml)
			return CHECK_ERR_AUTH;
		n -= ml;
		pseudo[11] = (uint8_t)(n >> 8);
		pseudo[12] = (uint8_t)n;
		if ((rc = hmac(k->mac_md, k->mac_key, k->mac_key_len, pseudo, 13, out, n, mac)))
			return rc;
		if (memcmp(mac, out + n, ml) != 0)
			return CHECK_ERR_AUTH;
	}
	plain->len += n;
	mbedtls_platform_zeroize(out + n, ct_len - n);
	return 0;
}

int record_tls12_decrypt(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                         size_t body_len, struct buf *plain)
{
	buf_clear(plain);
	if (!is_aead(k->cipher))
		return cbc_open(k, seq, hdr, body, body_len, plain);
	uint8_t nonce[12], aad[13];
	size_t tl = tag_len(k->cipher);
	const uint8_t *ct = body;
	size_t n;
	if (k->cipher == RECORD_CHACHA20_POLY1305) {
		/* RFC 7905 §2: nonce = IV XOR the sequence number, left-padded; no explicit part. */
		if (body_len < tl || k->iv_len != 12)
			return CHECK_ERR_FORMAT;
		memcpy(nonce, k->iv, 12);
		for (int i = 0; i < 8; i++)
			nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
		n = body_len - tl;
	} else {
		/* RFC 5288 §3, RFC 6655 §3: 4-byte salt from the key block, 8 explicit bytes in the record. */
		if (body_len < 8 + tl || k->iv_len != 4)
			return CHECK_ERR_FORMAT;
		memcpy(nonce, k->iv, 4);
		memcpy(nonce + 4, body, 8);
		ct = body + 8;
		n = body_len - 8 - tl;
	}
	put64(aad, seq);
	aad[8] = hdr[0];
	aad[9] = hdr[1];
	aad[10] = hdr[2];
	aad[11] = (uint8_t)(n >> 8);
	aad[12] = (uint8_t)n;
	uint8_t *out = buf_reserve(plain, n);
	int rc = aead_open(k, nonce, aad, sizeof(aad), ct, n, out);
	if (rc) {
		mbedtls_platform_zeroize(out, n);
		return rc;
	}
	plain->len = n;
	return 0;
}

int record_tls13_decrypt(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                         size_t body_len, struct buf *plain, uint8_t *inner_type)
{
	buf_clear(plain);
	size_t tl = tag_len(k->cipher);
	if (!is_aead(k->cipher) || k->iv_len != 12)
		return CHECK_ERR_BAD_INPUT;
	if (body_len < tl + 1)
		return CHECK_ERR_FORMAT;
	/* RFC 8446 §5.3: the 64-bit sequence number, left-padded, XORed into the IV. */
	uint8_t nonce[12];
	memcpy(nonce, k->iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
	size_t n = body_len - tl;
	uint8_t *out = buf_reserve(plain, n);
	int rc = aead_open(k, nonce, hdr, 5, body, n, out);
	if (rc) {
		mbedtls_platform_zeroize(out, n);
		return rc;
	}
	/* RFC 8446 §5.4: TLSInnerPlaintext = content || type || zeros. */
	while (n && out[n - 1] == 0)
		n--;
	if (!n)
		return CHECK_ERR_FORMAT;
	*inner_type = out[n - 1];
	plain->len = n - 1;
	return 0;
}
