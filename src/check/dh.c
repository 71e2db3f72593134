/* check/dh.c — see dh.h. */
#include "check/dh.h"

#include <stdbool.h>
#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecp.h>

#include "check/kdf.h"

/*
 * mbed TLS 3 requires an RNG for mbedtls_ecp_mul: it only randomises the projective
 * coordinates against side channels, which do not matter for a check of values
 * already on screen, and do not change the result. A fixed stream keeps the check
 * deterministic and leaves every RNG of the run untouched.
 */
static int blinding(void *ctx, unsigned char *out, size_t n)
{
	uint32_t *x = ctx;
	for (size_t i = 0; i < n; i++) {
		*x = *x * 1103515245u + 12345u;
		out[i] = (unsigned char)(*x >> 16);
	}
	return 0;
}

static int ecdh(mbedtls_ecp_group_id id, const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len,
                uint8_t *out, size_t cap, size_t *out_len)
{
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi d, z;
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&d);
	mbedtls_mpi_init(&z);
	int r = CHECK_ERR_CRYPTO;
	uint32_t seed = 1;
	if (mbedtls_ecp_group_load(&grp, id))
		goto done;
	bool mont = mbedtls_ecp_get_type(&grp) == MBEDTLS_ECP_TYPE_MONTGOMERY;
	size_t n = (grp.pbits + 7) / 8;
	if (n > cap) {
		r = CHECK_ERR_BAD_INPUT;
		goto done;
	}
	/* RFC 7748 §5 decodeScalar: the X25519/X448 function clamps any 32/56 bytes (a key
	 * mbed TLS generated already is); mbed TLS's ECP takes only clamped scalars. */
	uint8_t k[56];
	if (mont && priv_len == n && n <= sizeof(k)) {
		memcpy(k, priv, n);
		k[0] &= n == 32 ? 248 : 252;
		k[n - 1] = n == 32 ? (uint8_t)((k[n - 1] & 127) | 64) : (uint8_t)(k[n - 1] | 128);
		priv = k;
	}
	if ((mont ? mbedtls_mpi_read_binary_le(&d, priv, priv_len) : mbedtls_mpi_read_binary(&d, priv, priv_len)) ||
	    mbedtls_ecp_point_read_binary(&grp, &q, peer, peer_len) || mbedtls_ecp_check_pubkey(&grp, &q) ||
	    mbedtls_ecdh_compute_shared(&grp, &z, &q, &d, blinding, &seed))
		goto done;
	/* RFC 7748 §6.1: x25519's output little-endian; RFC 8422 §5.10: the x-coordinate big-endian. */
	if (mont ? mbedtls_mpi_write_binary_le(&z, out, n) : mbedtls_mpi_write_binary(&z, out, n))
		goto done;
	*out_len = n;
	r = 0;
done:
	mbedtls_mpi_free(&d);
	mbedtls_mpi_free(&z);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
	return r;
}

/* RFC 7919 / RFC 5246 §8.1.2: K = peer^x mod p. */
static int ffdh(const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len, const uint8_t *p,
                size_t p_len, uint8_t *out, size_t cap, size_t *out_len)
{
	mbedtls_mpi x, y, m, k;
	mbedtls_mpi_init(&x);
	mbedtls_mpi_init(&y);
	mbedtls_mpi_init(&m);
	mbedtls_mpi_init(&k);
	int r = CHECK_ERR_CRYPTO;
	if (p_len > cap)
		r = CHECK_ERR_BAD_INPUT;
	else if (!mbedtls_mpi_read_binary(&x, priv, priv_len) && !mbedtls_mpi_read_binary(&y, peer, peer_len) &&
	         !mbedtls_mpi_read_binary(&m, p, p_len) && !mbedtls_mpi_exp_mod(&k, &y, &x, &m, NULL) &&
	         !mbedtls_mpi_write_binary(&k, out, p_len)) {
		*out_len = p_len;
		r = 0;
	}
	mbedtls_mpi_free(&x);
	mbedtls_mpi_free(&y);
	mbedtls_mpi_free(&m);
	mbedtls_mpi_free(&k);
	return r;
}

int check_agree(const char *group, const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len,
                const uint8_t *p, size_t p_len, uint8_t *out, size_t cap, size_t *out_len)
{
	static const struct {
		const char *name;
		mbedtls_ecp_group_id id;
	} curves[] = {
		{ "x25519", MBEDTLS_ECP_DP_CURVE25519 }, { "x448", MBEDTLS_ECP_DP_CURVE448 },
		{ "secp256r1", MBEDTLS_ECP_DP_SECP256R1 }, { "secp384r1", MBEDTLS_ECP_DP_SECP384R1 },
		{ "secp521r1", MBEDTLS_ECP_DP_SECP521R1 },
	};
	for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++)
		if (!strcmp(group, curves[i].name))
			return ecdh(curves[i].id, priv, priv_len, peer, peer_len, out, cap, out_len);
	if (!p || !p_len)
		return CHECK_ERR_BAD_INPUT;
	return ffdh(priv, priv_len, peer, peer_len, p, p_len, out, cap, out_len);
}
