/*
 * engine/agree.c — each end's (EC)DHE private value and the TLS 1.3 shared secret.
 *
 * mbed TLS hands out neither (notes/mbedtls.md). Executables are linked with
 * -Wl,--wrap for the functions below (engine/meson.build): every call lands here,
 * goes on to the real function, and what it used or produced is reported to the
 * engine for the end that is running. The engine steps one end at a time in one
 * thread, so the end is known; the hook is the one piece of global state this
 * needs (the wrapped functions take no context of ours).
 *
 * TLS 1.3 key shares are PSA keys that mbed TLS generates with usage DERIVE only;
 * while a hook is installed, psa_generate_key adds EXPORT to an (EC)DH key pair's
 * usage so that the key agreement can export the private key it uses. The usage
 * flags do not enter the generation: the bytes drawn from the RNG, hence every
 * run, are the same (test_determinism and the goldens hold that).
 *
 * TLS 1.2 (MBEDTLS_USE_PSA_CRYPTO off in Debian's build) computes ECDHE and DHE
 * with the legacy contexts: mbedtls_ecdh_calc_secret and mbedtls_dhm_calc_secret
 * get the context holding the private value. The DHM one has a getter; the ECDH
 * context has none, so this file reads its private fields (MBEDTLS_ALLOW_PRIVATE_ACCESS),
 * as it is laid out in mbed TLS 3.6 (ecdh.h, the non-legacy context).
 */
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include "engine/agree.h"

#include <mbedtls/dhm.h>
#include <mbedtls/ecdh.h>
#include <psa/crypto.h>

psa_status_t __real_psa_raw_key_agreement(psa_algorithm_t alg, mbedtls_svc_key_id_t private_key,
                                          const uint8_t *peer_key, size_t peer_key_length, uint8_t *output,
                                          size_t output_size, size_t *output_length);
psa_status_t __wrap_psa_raw_key_agreement(psa_algorithm_t alg, mbedtls_svc_key_id_t private_key,
                                          const uint8_t *peer_key, size_t peer_key_length, uint8_t *output,
                                          size_t output_size, size_t *output_length);
psa_status_t __real_psa_generate_key(const psa_key_attributes_t *attributes, mbedtls_svc_key_id_t *key);
psa_status_t __wrap_psa_generate_key(const psa_key_attributes_t *attributes, mbedtls_svc_key_id_t *key);
int __real_mbedtls_ecdh_calc_secret(mbedtls_ecdh_context *ctx, size_t *olen, unsigned char *buf, size_t blen,
                                    mbedtls_f_rng_t *f_rng, void *p_rng);
int __wrap_mbedtls_ecdh_calc_secret(mbedtls_ecdh_context *ctx, size_t *olen, unsigned char *buf, size_t blen,
                                    mbedtls_f_rng_t *f_rng, void *p_rng);
int __real_mbedtls_dhm_calc_secret(mbedtls_dhm_context *ctx, unsigned char *output, size_t output_size,
                                   size_t *olen, mbedtls_f_rng_t *f_rng, void *p_rng);
int __wrap_mbedtls_dhm_calc_secret(mbedtls_dhm_context *ctx, unsigned char *output, size_t output_size,
                                   size_t *olen, mbedtls_f_rng_t *f_rng, void *p_rng);

static agree_fn hook;
static void *hook_arg;
static enum side running;

void agree_set_hook(agree_fn fn, void *arg)
{
	hook = fn;
	hook_arg = arg;
}

void agree_running(enum side side)
{
	running = side;
}

static void report(const char *name, const uint8_t *p, size_t n)
{
	if (hook)
		hook(hook_arg, running, name, p, n);
}

static void report_mpi(const mbedtls_mpi *x, size_t n, int little_endian)
{
	uint8_t b[1024];
	if (n == 0 || n > sizeof(b))
		return;
	int r = little_endian ? mbedtls_mpi_write_binary_le(x, b, n) : mbedtls_mpi_write_binary(x, b, n);
	if (r == 0)
		report("ephemeral_private_key", b, n);
	mbedtls_platform_zeroize(b, sizeof(b));
}

psa_status_t __wrap_psa_generate_key(const psa_key_attributes_t *attributes, mbedtls_svc_key_id_t *key)
{
	psa_key_type_t t = psa_get_key_type(attributes);
	psa_key_usage_t u = psa_get_key_usage_flags(attributes);
	if (!hook || !(u & PSA_KEY_USAGE_DERIVE) || !(PSA_KEY_TYPE_IS_ECC_KEY_PAIR(t) || PSA_KEY_TYPE_IS_DH_KEY_PAIR(t)))
		return __real_psa_generate_key(attributes, key);
	psa_key_attributes_t a = *attributes;
	psa_set_key_usage_flags(&a, u | PSA_KEY_USAGE_EXPORT);
	return __real_psa_generate_key(&a, key);
}

psa_status_t __wrap_psa_raw_key_agreement(psa_algorithm_t alg, mbedtls_svc_key_id_t private_key,
                                          const uint8_t *peer_key, size_t peer_key_length, uint8_t *output,
                                          size_t output_size, size_t *output_length)
{
	psa_status_t st = __real_psa_raw_key_agreement(alg, private_key, peer_key, peer_key_length, output,
	                                               output_size, output_length);
	if (st != PSA_SUCCESS || !hook)
		return st;
	/* The private key first, so a receiver has it when the shared secret arrives. */
	uint8_t priv[1024]; /* ffdhe8192 at most */
	size_t n = 0;
	if (psa_export_key(private_key, priv, sizeof(priv), &n) == PSA_SUCCESS)
		report("ephemeral_private_key", priv, n);
	mbedtls_platform_zeroize(priv, sizeof(priv));
	report("shared_secret", output, *output_length);
	return st;
}

int __wrap_mbedtls_ecdh_calc_secret(mbedtls_ecdh_context *ctx, size_t *olen, unsigned char *buf, size_t blen,
                                    mbedtls_f_rng_t *f_rng, void *p_rng)
{
	if (hook) {
#if defined(MBEDTLS_ECDH_LEGACY_CONTEXT)
		const mbedtls_ecp_group *grp = &ctx->grp;
		const mbedtls_mpi *d = &ctx->d;
#else
		const mbedtls_ecp_group *grp = &ctx->ctx.mbed_ecdh.grp;
		const mbedtls_mpi *d = &ctx->ctx.mbed_ecdh.d;
#endif
		const mbedtls_ecp_curve_info *ci = mbedtls_ecp_curve_info_from_grp_id(grp->id);
		/* RFC 7748 §5: a Montgomery scalar is 32 (56) little-endian bytes; SEC 1: big-endian. */
		if (ci)
			report_mpi(d, ((size_t)ci->bit_size + 7) / 8,
			           mbedtls_ecp_get_type(grp) == MBEDTLS_ECP_TYPE_MONTGOMERY);
	}
	return __real_mbedtls_ecdh_calc_secret(ctx, olen, buf, blen, f_rng, p_rng);
}

int __wrap_mbedtls_dhm_calc_secret(mbedtls_dhm_context *ctx, unsigned char *output, size_t output_size,
                                   size_t *olen, mbedtls_f_rng_t *f_rng, void *p_rng)
{
	if (hook) {
		mbedtls_mpi x;
		mbedtls_mpi_init(&x);
		if (mbedtls_dhm_get_value(ctx, MBEDTLS_DHM_PARAM_X, &x) == 0)
			report_mpi(&x, mbedtls_mpi_size(&x), 0);
		mbedtls_mpi_free(&x);
	}
	return __real_mbedtls_dhm_calc_secret(ctx, output, output_size, olen, f_rng, p_rng);
}
