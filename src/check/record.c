/*
 * check/record.c — see record.h. Record protection as RFC 5246 §6.2.3 (CBC with
 * MAC-then-encrypt), RFC 7366 (encrypt-then-MAC), RFC 5288 (AES-GCM), RFC 6655
 * (AES-CCM), RFC 7905 (ChaCha20-Poly1305) and RFC 8446 §5.2–5.4 (TLS 1.3) lay it
 * out, on mbed TLS's cipher and HMAC primitives only.
 */
#include "check/record.h"

#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/ccm.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/gcm.h>
#include <mbedtls/platform_util.h>

#include "check/kdf.h"

/* RFC 5246 §6.2.3: "The length (in bytes) of the following TLSCiphertext.fragment.
 * The length MUST NOT exceed 2^14 + 2048." */
#define TLS12_MAX_BODY (16384 + 2048)
/* RFC 8446 §5.2: "The length MUST NOT exceed 2^14 + 256 bytes." */
#define TLS13_MAX_BODY (16384 + 256)
/* RFC 8446 §5.4: the content of a TLSInnerPlaintext is at most 2^14 bytes. */
#define TLS13_MAX_CONTENT 16384
#define AES_BLOCK 16

static bool is_cbc(enum record_cipher c)
{
	return c == RECORD_AES_128_CBC || c == RECORD_AES_256_CBC;
}

/* The key length the cipher takes, 0 for an unknown cipher. */
static size_t cipher_key_len(enum record_cipher c)
{
	switch (c) {
	case RECORD_AES_128_GCM:
	case RECORD_AES_128_CCM:
	case RECORD_AES_128_CCM_8:
	case RECORD_AES_128_CBC:
		return 16;
	case RECORD_AES_256_GCM:
	case RECORD_AES_256_CCM:
	case RECORD_CHACHA20_POLY1305:
	case RECORD_AES_256_CBC:
		return 32;
	default:
		return 0;
	}
}

/* The AEAD tag length: RFC 6655 §3 (CCM_8: 8), otherwise 16. */
static size_t tag_len(enum record_cipher c)
{
	return c == RECORD_AES_128_CCM_8 ? 8 : 16;
}

/*
 * Whether k is usable: the key as long as its cipher says, and the IV as the
 * version lays it out (TLS 1.3 and ChaCha20: 12 bytes; TLS 1.2 GCM/CCM: the
 * 4-byte salt), or for CBC a supported HMAC with a key that fits.
 */
static bool keys_ok(const struct record_keys *k, bool tls13)
{
	if (!k || !cipher_key_len(k->cipher) || k->key_len != cipher_key_len(k->cipher))
		return false;
	if (is_cbc(k->cipher))
		return !tls13 && kdf_hash_len(k->mac_md) && k->mac_key_len <= sizeof(k->mac_key);
	if (tls13 || k->cipher == RECORD_CHACHA20_POLY1305)
		return k->iv_len == 12;
	return k->iv_len == 4;
}

/* The length field of a record header (RFC 5246 §6.2.1). */
static size_t hdr_length(const uint8_t hdr[5])
{
	return (size_t)hdr[3] << 8 | hdr[4];
}

static void put_u64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/*
 * RFC 8446 §5.3 and RFC 7905 §2: the 64-bit sequence number, big-endian and
 * left-padded with zeros to 12 bytes, XORed with the 12-byte IV.
 */
static void seq_nonce(uint8_t nonce[12], const uint8_t iv[12], uint64_t seq)
{
	memcpy(nonce, iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
}

/*
 * RFC 5246 §6.2.3.1 (MAC), §6.2.3.3 (additional_data), RFC 7366 §3:
 *   seq_num(8) || type(1) || version(2) || length(2)
 */
static void pseudo_header(uint8_t out[13], uint64_t seq, const uint8_t hdr[5], size_t length)
{
	put_u64(out, seq);
	out[8] = hdr[0];
	out[9] = hdr[1];
	out[10] = hdr[2];
	out[11] = (uint8_t)(length >> 8);
	out[12] = (uint8_t)length;
}

/*
 * One AEAD open: ct[0..n) is immediately followed by its tag. On failure out
 * is wiped. Returns 0, CHECK_ERR_AUTH or CHECK_ERR_CRYPTO.
 */
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
		rc = rc == MBEDTLS_ERR_GCM_AUTH_FAILED ? CHECK_ERR_AUTH : rc ? CHECK_ERR_CRYPTO : 0;
		break;
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
		rc = rc == MBEDTLS_ERR_CCM_AUTH_FAILED ? CHECK_ERR_AUTH : rc ? CHECK_ERR_CRYPTO : 0;
		break;
	}
	case RECORD_CHACHA20_POLY1305: {
		mbedtls_chachapoly_context c;
		mbedtls_chachapoly_init(&c);
		rc = mbedtls_chachapoly_setkey(&c, k->key);
		if (!rc)
			rc = mbedtls_chachapoly_auth_decrypt(&c, n, nonce, aad, aad_len, ct + n, ct, out);
		mbedtls_chachapoly_free(&c);
		rc = rc == MBEDTLS_ERR_CHACHAPOLY_AUTH_FAILED ? CHECK_ERR_AUTH : rc ? CHECK_ERR_CRYPTO : 0;
		break;
	}
	default:
		rc = CHECK_ERR_BAD_INPUT;
		break;
	}
	if (rc)
		mbedtls_platform_zeroize(out, n);
	return rc;
}

/* AES-CBC decryption of n bytes (whole blocks) with the IV iv. */
static int cbc_decrypt(const struct record_keys *k, const uint8_t iv_in[AES_BLOCK], const uint8_t *ct, size_t n,
                       uint8_t *out)
{
	mbedtls_aes_context aes;
	uint8_t iv[AES_BLOCK];
	int rc = 0;
	memcpy(iv, iv_in, AES_BLOCK);
	mbedtls_aes_init(&aes);
	if (mbedtls_aes_setkey_dec(&aes, k->key, (unsigned)(k->key_len * 8)) != 0 ||
	    mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_DECRYPT, n, iv, ct, out) != 0)
		rc = CHECK_ERR_CRYPTO;
	mbedtls_aes_free(&aes);
	mbedtls_platform_zeroize(iv, sizeof(iv));
	return rc;
}

/* padding: padding_length + 1 bytes at the end of out[0..n), each equal to padding_length (§6.2.3.2). */
static bool padding_ok(const uint8_t *out, size_t n)
{
	size_t pad = out[n - 1];
	if (pad + 1 > n)
		return false;
	for (size_t i = 0; i <= pad; i++)
		if (out[n - 1 - i] != pad)
			return false;
	return true;
}

/*
 * A TLS 1.2 CBC record (RFC 5246 §6.2.3.2): IV(16) || ENC(content || MAC || padding),
 * MAC = HMAC(MAC_write_key, seq_num || type || version || length || content).
 * This is an offline checker, not a server: it does not try to hide which
 * check failed (Lucky Thirteen does not apply to it).
 */
int record_cbc_mte_open(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                        size_t body_len, struct buf *inner, struct record_cbc_parts *parts)
{
	if (!inner || !parts)
		return CHECK_ERR_BAD_INPUT;
	buf_clear(inner);
	memset(parts, 0, sizeof(*parts));
	if (!hdr || (!body && body_len) || !keys_ok(k, false) || !is_cbc(k->cipher) || k->encrypt_then_mac)
		return CHECK_ERR_BAD_INPUT;
	size_t ml = kdf_hash_len(k->mac_md);
	if (hdr_length(hdr) != body_len || body_len > TLS12_MAX_BODY || body_len < AES_BLOCK + AES_BLOCK ||
	    (body_len - AES_BLOCK) % AES_BLOCK || body_len - AES_BLOCK < ml + 1)
		return CHECK_ERR_FORMAT;
	size_t n = body_len - AES_BLOCK;
	uint8_t *out = buf_reserve(inner, n);
	int rc = cbc_decrypt(k, body, body + AES_BLOCK, n, out);
	if (rc) {
		mbedtls_platform_zeroize(out, n);
		return rc;
	}
	inner->len = n;
	/* padding_length says where the MAC ends; the padding's bytes are checked apart from it,
	 * so a wrong padding byte and a wrong MAC are told apart. A padding_length that leaves
	 * no room for a MAC: checked as if it were the only padding byte, so the parts still
	 * add up to what decrypted (a server would rather act as if there were no padding,
	 * RFC 5246 §6.2.3.2, to time both cases alike; the MAC fails either way). */
	size_t pl = out[n - 1];
	bool fits = pl + 1 + ml <= n;
	parts->pad_ok = fits && padding_ok(out, n);
	parts->pad_len = fits ? pl : 0;
	size_t trailer = fits ? pl + 1 : 1;
	parts->mac_len = ml;
	parts->content_len = n - trailer - ml;
	uint8_t mac[48], pseudo[13];
	pseudo_header(pseudo, seq, hdr, parts->content_len);
	if ((rc = kdf_hmac(k->mac_md, k->mac_key, k->mac_key_len, pseudo, sizeof(pseudo), out, parts->content_len,
	                   NULL, 0, mac)) == 0)
		parts->mac_ok = mbedtls_ct_memcmp(mac, out + parts->content_len, ml) == 0;
	mbedtls_platform_zeroize(mac, sizeof(mac));
	if (rc) {
		mbedtls_platform_zeroize(out, n);
		buf_clear(inner);
	}
	return rc;
}

/*
 * With encrypt-then-MAC (RFC 7366 §3): IV || ENC(content || padding) || MAC,
 * MAC = HMAC(MAC_write_key, seq_num || type || version || length || IV || ENC(...)),
 * length being that of IV || ENC(...), and checked before anything is decrypted.
 *
 * A wrong MAC or MAC-then-encrypt padding is CHECK_ERR_AUTH (bad_record_mac, as
 * §6.2.3.2 requires for both); bad padding under a verified encrypt-then-MAC is
 * CHECK_ERR_FORMAT.
 */
static int cbc_open(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                    size_t body_len, struct buf *plain)
{
	size_t ml = kdf_hash_len(k->mac_md);
	uint8_t mac[48], pseudo[13];
	int rc;

	if (!k->encrypt_then_mac) {
		struct record_cbc_parts parts;
		if (body_len < AES_BLOCK + AES_BLOCK || (body_len - AES_BLOCK) % AES_BLOCK)
			return CHECK_ERR_FORMAT;
		rc = record_cbc_mte_open(k, seq, hdr, body, body_len, plain, &parts);
		/* Whole blocks with no room for the MAC: what decrypts cannot hold one (bad_record_mac). */
		if (rc == CHECK_ERR_FORMAT || (rc == 0 && !(parts.pad_ok && parts.mac_ok)))
			rc = CHECK_ERR_AUTH;
		if (rc) {
			mbedtls_platform_zeroize(plain->data, plain->len);
			buf_clear(plain);
			return rc;
		}
		mbedtls_platform_zeroize(plain->data + parts.content_len, plain->len - parts.content_len); /* MAC, padding */
		plain->len = parts.content_len;
		return 0;
	}

	/* The IV and at least one block; then whole blocks, then the MAC. */
	if (body_len < AES_BLOCK + AES_BLOCK + ml || (body_len - AES_BLOCK - ml) % AES_BLOCK)
		return CHECK_ERR_FORMAT;
	size_t ct_len = body_len - AES_BLOCK - ml;
	pseudo_header(pseudo, seq, hdr, AES_BLOCK + ct_len);
	if ((rc = kdf_hmac(k->mac_md, k->mac_key, k->mac_key_len, pseudo, sizeof(pseudo), body, AES_BLOCK + ct_len,
	                   NULL, 0, mac)) != 0)
		goto out;
	if (mbedtls_ct_memcmp(mac, body + AES_BLOCK + ct_len, ml) != 0) {
		rc = CHECK_ERR_AUTH;
		goto out;
	}
	uint8_t *out = buf_reserve(plain, ct_len);
	if ((rc = cbc_decrypt(k, body, body + AES_BLOCK, ct_len, out)) != 0 || !padding_ok(out, ct_len)) {
		mbedtls_platform_zeroize(out, ct_len);
		rc = rc ? rc : CHECK_ERR_FORMAT;
		goto out;
	}
	size_t n = ct_len - out[ct_len - 1] - 1;
	mbedtls_platform_zeroize(out + n, ct_len - n); /* the padding */
	plain->len = n;
out:
	mbedtls_platform_zeroize(mac, sizeof(mac));
	return rc;
}

int record_tls12_decrypt(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                         size_t body_len, struct buf *plain)
{
	if (!plain)
		return CHECK_ERR_BAD_INPUT;
	buf_clear(plain);
	if (!hdr || (!body && body_len) || !keys_ok(k, false))
		return CHECK_ERR_BAD_INPUT;
	if (hdr_length(hdr) != body_len || body_len > TLS12_MAX_BODY)
		return CHECK_ERR_FORMAT;
	if (is_cbc(k->cipher))
		return cbc_open(k, seq, hdr, body, body_len, plain);

	uint8_t nonce[12], aad[13];
	size_t tl = tag_len(k->cipher);
	const uint8_t *ct;
	size_t n;
	if (k->cipher == RECORD_CHACHA20_POLY1305) {
		/* RFC 7905 §2: the nonce is the 12-byte IV XOR the padded sequence number; no explicit part. */
		if (body_len < tl)
			return CHECK_ERR_FORMAT;
		seq_nonce(nonce, k->iv, seq);
		ct = body;
		n = body_len - tl;
	} else {
		/*
		 * RFC 5288 §3 (GCM), RFC 6655 §3 (CCM): nonce = salt(4, from the key block)
		 * || nonce_explicit(8), carried at the start of GenericAEADCipher.
		 */
		if (body_len < 8 + tl)
			return CHECK_ERR_FORMAT;
		memcpy(nonce, k->iv, 4);
		memcpy(nonce + 4, body, 8);
		ct = body + 8;
		n = body_len - 8 - tl;
	}
	/* RFC 5246 §6.2.3.3: additional_data = seq_num + type + version + length (of the plaintext). */
	pseudo_header(aad, seq, hdr, n);
	uint8_t *out = buf_reserve(plain, n);
	int rc = aead_open(k, nonce, aad, sizeof(aad), ct, n, out);
	if (rc)
		return rc;
	plain->len = n;
	return 0;
}

int record_tls13_decrypt(const struct record_keys *k, uint64_t seq, const uint8_t hdr[5], const uint8_t *body,
                         size_t body_len, struct buf *plain, uint8_t *inner_type)
{
	if (!plain || !inner_type)
		return CHECK_ERR_BAD_INPUT;
	buf_clear(plain);
	if (!hdr || (!body && body_len) || !keys_ok(k, true))
		return CHECK_ERR_BAD_INPUT;
	size_t tl = tag_len(k->cipher);
	/* At least the tag and the inner content type (RFC 8446 §5.2). */
	if (hdr_length(hdr) != body_len || body_len > TLS13_MAX_BODY || body_len < tl + 1)
		return CHECK_ERR_FORMAT;

	/* RFC 8446 §5.3: per-record nonce; §5.2: additional_data = the 5-byte record header. */
	uint8_t nonce[12];
	seq_nonce(nonce, k->iv, seq);
	size_t n = body_len - tl;
	uint8_t *out = buf_reserve(plain, n);
	int rc = aead_open(k, nonce, hdr, 5, body, n, out);
	if (rc)
		return rc;

	/*
	 * RFC 8446 §5.4: TLSInnerPlaintext = content || ContentType type || uint8 zeros[length_of_padding];
	 * the type is the last non-zero byte. All zeros is an unexpected_message.
	 */
	while (n && out[n - 1] == 0)
		n--;
	if (!n || n - 1 > TLS13_MAX_CONTENT) {
		mbedtls_platform_zeroize(out, body_len - tl);
		return CHECK_ERR_FORMAT;
	}
	*inner_type = out[n - 1];
	out[n - 1] = 0;
	plain->len = n - 1;
	return 0;
}
