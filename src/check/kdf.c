/*
 * check/kdf.c — see kdf.h. Written from RFC 5246 §5 (PRF), RFC 5869 (HKDF) and
 * RFC 8446 §7.1 (HKDF-Expand-Label, Derive-Secret), on mbed TLS's HMAC and hash
 * primitives only: nothing here calls the library's TLS code.
 */
#include "check/kdf.h"

#include <string.h>

#include <mbedtls/platform_util.h>

#define KDF_MAX_HASH 48 /* SHA-384, the longest hash TLS 1.2 and 1.3 use here */

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
	const mbedtls_md_info_t *mdi = mbedtls_md_info_from_type(md);
	if (!mdi || !kdf_hash_len(md) || !out || (!p && n))
		return CHECK_ERR_BAD_INPUT;
	return mbedtls_md(mdi, p, n, out) ? CHECK_ERR_CRYPTO : 0;
}

/*
 * One HMAC (RFC 2104) over the concatenation a || b || c; an empty part may be
 * NULL. out may alias an input part: every part is read before out is written.
 */
static int hmac3(const mbedtls_md_info_t *mdi, const uint8_t *key, size_t key_len, const uint8_t *a, size_t an,
                 const uint8_t *b, size_t bn, const uint8_t *c, size_t cn, uint8_t *out)
{
	mbedtls_md_context_t ctx;
	int rc;
	mbedtls_md_init(&ctx);
	if ((rc = mbedtls_md_setup(&ctx, mdi, 1)) != 0)
		goto out;
	if ((rc = mbedtls_md_hmac_starts(&ctx, key, key_len)) != 0)
		goto out;
	if (an && (rc = mbedtls_md_hmac_update(&ctx, a, an)) != 0)
		goto out;
	if (bn && (rc = mbedtls_md_hmac_update(&ctx, b, bn)) != 0)
		goto out;
	if (cn && (rc = mbedtls_md_hmac_update(&ctx, c, cn)) != 0)
		goto out;
	rc = mbedtls_md_hmac_finish(&ctx, out);
out:
	mbedtls_md_free(&ctx); /* wipes the keyed inner and outer states */
	return rc ? CHECK_ERR_CRYPTO : 0;
}

int kdf_hmac(mbedtls_md_type_t md, const uint8_t *key, size_t key_len, const uint8_t *a, size_t an,
             const uint8_t *b, size_t bn, const uint8_t *c, size_t cn, uint8_t *out)
{
	const mbedtls_md_info_t *mdi = mbedtls_md_info_from_type(md);
	return mdi ? hmac3(mdi, key, key_len, a, an, b, bn, c, cn, out) : CHECK_ERR_BAD_INPUT;
}

/*
 * RFC 5246 §5:
 *   P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) + HMAC_hash(secret, A(2) + seed) + ...
 *   A(0) = seed, A(i) = HMAC_hash(secret, A(i-1))
 *   PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 * The output is cut to out_len: the last block is used in part.
 */
int kdf_tls12_prf(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                  const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len)
{
	const mbedtls_md_info_t *mdi = mbedtls_md_info_from_type(md);
	size_t hl = kdf_hash_len(md);
	uint8_t a[KDF_MAX_HASH], block[KDF_MAX_HASH];
	int rc;
	if (!mdi || (md != MBEDTLS_MD_SHA256 && md != MBEDTLS_MD_SHA384) || !label || (!secret && secret_len) ||
	    (!seed && seed_len) || (!out && out_len))
		return CHECK_ERR_BAD_INPUT;
	size_t ll = strlen(label);
	/* A(1) = HMAC(secret, A(0)) with A(0) = label + seed */
	if ((rc = hmac3(mdi, secret, secret_len, (const uint8_t *)label, ll, seed, seed_len, NULL, 0, a)) != 0)
		goto out;
	for (size_t done = 0; done < out_len;) {
		/* block i = HMAC(secret, A(i) + label + seed) */
		if ((rc = hmac3(mdi, secret, secret_len, a, hl, (const uint8_t *)label, ll, seed, seed_len, block)) != 0)
			goto out;
		size_t n = out_len - done < hl ? out_len - done : hl;
		memcpy(out + done, block, n);
		done += n;
		/* A(i+1) = HMAC(secret, A(i)) */
		if (done < out_len && (rc = hmac3(mdi, secret, secret_len, a, hl, NULL, 0, NULL, 0, a)) != 0)
			goto out;
	}
out:
	mbedtls_platform_zeroize(a, sizeof(a));
	mbedtls_platform_zeroize(block, sizeof(block));
	if (rc && out)
		mbedtls_platform_zeroize(out, out_len);
	return rc;
}

/*
 * RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); "if not provided, [salt] is set to
 * a string of HashLen zeros".
 */
int kdf_hkdf_extract(mbedtls_md_type_t md, const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                     uint8_t *out)
{
	static const uint8_t zeros[KDF_MAX_HASH] = { 0 };
	const mbedtls_md_info_t *mdi = mbedtls_md_info_from_type(md);
	size_t hl = kdf_hash_len(md);
	if (!mdi || !hl || !out || (!ikm && ikm_len))
		return CHECK_ERR_BAD_INPUT;
	if (!salt || !salt_len) {
		salt = zeros;
		salt_len = hl;
	}
	return hmac3(mdi, salt, salt_len, ikm, ikm_len, NULL, 0, NULL, 0, out);
}

/*
 * RFC 5869 §2.3:
 *   N = ceil(L/HashLen);  T(0) = empty;  T(i) = HMAC-Hash(PRK, T(i-1) | info | i)
 *   OKM = first L octets of T(1) | T(2) | ... | T(N);  L <= 255*HashLen
 * and PRK is "a pseudorandom key of at least HashLen octets".
 */
int kdf_hkdf_expand(mbedtls_md_type_t md, const uint8_t *prk, size_t prk_len, const uint8_t *info, size_t info_len,
                    uint8_t *out, size_t out_len)
{
	const mbedtls_md_info_t *mdi = mbedtls_md_info_from_type(md);
	size_t hl = kdf_hash_len(md);
	uint8_t t[KDF_MAX_HASH];
	size_t tl = 0;
	int rc = 0;
	if (!mdi || !hl || !prk || prk_len < hl || (!info && info_len) || (!out && out_len) || out_len > 255 * hl)
		return CHECK_ERR_BAD_INPUT;
	for (unsigned i = 1; out_len; i++) {
		uint8_t ctr = (uint8_t)i; /* i <= 255 by the bound on out_len */
		if ((rc = hmac3(mdi, prk, prk_len, t, tl, info, info_len, &ctr, 1, t)) != 0)
			goto out;
		tl = hl;
		size_t n = out_len < hl ? out_len : hl;
		memcpy(out, t, n);
		out += n;
		out_len -= n;
	}
out:
	mbedtls_platform_zeroize(t, sizeof(t));
	return rc;
}

/*
 * RFC 8446 §7.1:
 *   HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *   struct {
 *       uint16 length = Length;
 *       opaque label<7..255> = "tls13 " + Label;
 *       opaque context<0..255> = Context;
 *   } HkdfLabel;
 * Each opaque vector is preceded by its one-byte length (RFC 8446 §3.4).
 */
int kdf_hkdf_expand_label(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                          const uint8_t *context, size_t context_len, uint8_t *out, size_t out_len)
{
	static const char prefix[] = "tls13 ";
	const size_t pl = sizeof(prefix) - 1;
	uint8_t hkdf_label[2 + 1 + 255 + 1 + 255];
	if (!label || (!context && context_len))
		return CHECK_ERR_BAD_INPUT;
	size_t ll = strlen(label);
	if (out_len > 0xffff || pl + ll < 7 || pl + ll > 255 || context_len > 255)
		return CHECK_ERR_BAD_INPUT;
	size_t n = 0;
	hkdf_label[n++] = (uint8_t)(out_len >> 8);
	hkdf_label[n++] = (uint8_t)out_len;
	hkdf_label[n++] = (uint8_t)(pl + ll);
	memcpy(hkdf_label + n, prefix, pl);
	n += pl;
	memcpy(hkdf_label + n, label, ll);
	n += ll;
	hkdf_label[n++] = (uint8_t)context_len;
	if (context_len)
		memcpy(hkdf_label + n, context, context_len);
	n += context_len;
	/* HkdfLabel holds only public values (a label and a transcript hash): nothing to wipe. */
	return kdf_hkdf_expand(md, secret, secret_len, hkdf_label, n, out, out_len);
}

/*
 * RFC 8446 §7.1:
 *   Derive-Secret(Secret, Label, Messages) =
 *       HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 */
int kdf_derive_secret(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                      const uint8_t *transcript_hash, uint8_t *out)
{
	size_t hl = kdf_hash_len(md);
	if (!hl || !transcript_hash)
		return CHECK_ERR_BAD_INPUT;
	return kdf_hkdf_expand_label(md, secret, secret_len, label, transcript_hash, hl, out, hl);
}
