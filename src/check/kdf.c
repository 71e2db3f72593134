/*
 * check/kdf.c — see kdf.h. Written from RFC 5246 §5 (PRF), RFC 5869 (HKDF) and
 * RFC 8446 §7.1 (HKDF-Expand-Label, Derive-Secret), on mbed TLS's HMAC only.
 */
#include "check/kdf.h"

#include <string.h>

#include <mbedtls/platform_util.h>

size_t kdf_hash_len(mbedtls_md_type_t md)
{
	switch (md) {
	case MBEDTLS_MD_SHA256:
		return 32;
	case MBEDTLS_MD_SHA384:
		return 48;
	case MBEDTLS_MD_SHA1:
		return 20;
	default:
		return 0;
	}
}

int kdf_hash(mbedtls_md_type_t md, const uint8_t *p, size_t n, uint8_t *out)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
	if (!info || !kdf_hash_len(md))
		return CHECK_ERR_BAD_INPUT;
	return mbedtls_md(info, p, n, out) ? CHECK_ERR_CRYPTO : 0;
}

/* One HMAC over up to three parts. */
static int hmac3(const mbedtls_md_info_t *info, const uint8_t *key, size_t key_len,
                 const uint8_t *a, size_t an, const uint8_t *b, size_t bn, const uint8_t *c, size_t cn,
                 uint8_t *out)
{
	mbedtls_md_context_t ctx;
	int rc;
	mbedtls_md_init(&ctx);
	if ((rc = mbedtls_md_setup(&ctx, info, 1)) == 0 && (rc = mbedtls_md_hmac_starts(&ctx, key, key_len)) == 0 &&
	    (rc = mbedtls_md_hmac_update(&ctx, a, an)) == 0 && (!bn || (rc = mbedtls_md_hmac_update(&ctx, b, bn)) == 0) &&
	    (!cn || (rc = mbedtls_md_hmac_update(&ctx, c, cn)) == 0))
		rc = mbedtls_md_hmac_finish(&ctx, out);
	mbedtls_md_free(&ctx);
	return rc ? CHECK_ERR_CRYPTO : 0;
}

/*
 * RFC 5246 §5:
 *   P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 *   A(0) = seed, A(i) = HMAC(secret, A(i-1));  PRF = P_hash(secret, label + seed)
 */
int kdf_tls12_prf(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                  const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
	size_t hl = kdf_hash_len(md);
	if (!info || !hl || (md != MBEDTLS_MD_SHA256 && md != MBEDTLS_MD_SHA384))
		return CHECK_ERR_BAD_INPUT;
	size_t ll = strlen(label);
	uint8_t a[48], block[48];
	int rc;
	/* A(1) = HMAC(secret, label + seed) */
	if ((rc = hmac3(info, secret, secret_len, (const uint8_t *)label, ll, seed, seed_len, NULL, 0, a)))
		goto out;
	for (size_t done = 0; done < out_len;) {
		if ((rc = hmac3(info, secret, secret_len, a, hl, (const uint8_t *)label, ll, seed, seed_len, block)))
			goto out;
		size_t n = out_len - done < hl ? out_len - done : hl;
		memcpy(out + done, block, n);
		done += n;
		if ((rc = hmac3(info, secret, secret_len, a, hl, NULL, 0, NULL, 0, a)))
			goto out;
	}
out:
	mbedtls_platform_zeroize(a, sizeof(a));
	mbedtls_platform_zeroize(block, sizeof(block));
	return rc;
}

/* RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an absent salt is HashLen zeros. */
int kdf_hkdf_extract(mbedtls_md_type_t md, const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                     uint8_t *out)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
	size_t hl = kdf_hash_len(md);
	uint8_t zeros[48] = { 0 };
	if (!info || !hl)
		return CHECK_ERR_BAD_INPUT;
	if (!salt || !salt_len) {
		salt = zeros;
		salt_len = hl;
	}
	return hmac3(info, salt, salt_len, ikm, ikm_len, NULL, 0, NULL, 0, out);
}

/* RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i). */
int kdf_hkdf_expand(mbedtls_md_type_t md, const uint8_t *prk, size_t prk_len, const uint8_t *info_bytes,
                    size_t info_len, uint8_t *out, size_t out_len)
{
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
	size_t hl = kdf_hash_len(md);
	if (!info || !hl || out_len > 255 * hl)
		return CHECK_ERR_BAD_INPUT;
	uint8_t t[48];
	size_t tl = 0;
	int rc = 0;
	for (uint8_t i = 1; out_len; i++) {
		if ((rc = hmac3(info, prk, prk_len, t, tl, info_bytes, info_len, &i, 1, t)))
			break;
		tl = hl;
		size_t n = out_len < hl ? out_len : hl;
		memcpy(out, t, n);
		out += n;
		out_len -= n;
	}
	mbedtls_platform_zeroize(t, sizeof(t));
	return rc;
}

/*
 * RFC 8446 §7.1:
 *   HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *   struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; } HkdfLabel;
 */
int kdf_hkdf_expand_label(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                          const uint8_t *context, size_t context_len, uint8_t *out, size_t out_len)
{
	static const char prefix[] = "tls13 ";
	size_t ll = strlen(label);
	uint8_t hl[2 + 1 + 255 + 1 + 255];
	if (out_len > 0xffff || ll + sizeof(prefix) - 1 > 255 || context_len > 255)
		return CHECK_ERR_BAD_INPUT;
	size_t n = 0;
	hl[n++] = (uint8_t)(out_len >> 8);
	hl[n++] = (uint8_t)out_len;
	hl[n++] = (uint8_t)(ll + sizeof(prefix) - 1);
	memcpy(hl + n, prefix, sizeof(prefix) - 1);
	n += sizeof(prefix) - 1;
	memcpy(hl + n, label, ll);
	n += ll;
	hl[n++] = (uint8_t)context_len;
	if (context_len)
		memcpy(hl + n, context, context_len);
	n += context_len;
	return kdf_hkdf_expand(md, secret, secret_len, hl, n, out, out_len);
}

int kdf_derive_secret(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                      const uint8_t *transcript_hash, uint8_t *out)
{
	size_t hl = kdf_hash_len(md);
	if (!hl)
		return CHECK_ERR_BAD_INPUT;
	return kdf_hkdf_expand_label(md, secret, secret_len, label, transcript_hash, hl, out, hl);
}
