/* engine/rng.c — see rng.h. */
#include "engine/rng.h"

#include <string.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <psa/crypto.h>

/*
 * Declared only in mbed TLS's internal header psa_crypto_invasive.h (meant for
 * its tests), yet exported by libmbedcrypto: it is the one way to give PSA's own
 * RNG a reproducible entropy source. Without it TLS 1.3 key shares differ on
 * every run. The determinism test (tests/unit/test_engine.c) fails if this ever
 * stops working.
 */
psa_status_t mbedtls_psa_crypto_configure_entropy_sources(
	void (*entropy_init)(mbedtls_entropy_context *ctx),
	void (*entropy_free)(mbedtls_entropy_context *ctx));

static void expand(const uint8_t material[32], uint64_t *counter, unsigned char *out, size_t len)
{
	while (len) {
		uint8_t in[40], block[32];
		memcpy(in, material, 32);
		for (int i = 0; i < 8; i++)
			in[32 + i] = (uint8_t)(*counter >> (56 - 8 * i));
		(*counter)++;
		mbedtls_sha256(in, sizeof(in), block, 0);
		size_t n = len < 32 ? len : 32;
		memcpy(out, block, n);
		out += n;
		len -= n;
		mbedtls_platform_zeroize(block, sizeof(block));
	}
}

static void derive_material(uint64_t seed, const char *label, uint8_t material[32])
{
	mbedtls_sha256_context h;
	uint8_t s[8];
	for (int i = 0; i < 8; i++)
		s[i] = (uint8_t)(seed >> (56 - 8 * i));
	mbedtls_sha256_init(&h);
	mbedtls_sha256_starts(&h, 0);
	mbedtls_sha256_update(&h, (const unsigned char *)"tlsstep seed v1", 15);
	mbedtls_sha256_update(&h, s, sizeof(s));
	mbedtls_sha256_update(&h, (const unsigned char *)label, strlen(label));
	mbedtls_sha256_finish(&h, material);
	mbedtls_sha256_free(&h);
}

static int fixed_entropy(void *p, unsigned char *out, size_t len)
{
	struct rng *r = p;
	expand(r->material, &r->counter, out, len);
	return 0;
}

int rng_init(struct rng *r, uint64_t seed, const char *label)
{
	memset(r, 0, sizeof(*r));
	mbedtls_ctr_drbg_init(&r->drbg);
	r->ready = true;
	derive_material(seed, label, r->material);
	return mbedtls_ctr_drbg_seed(&r->drbg, fixed_entropy, r, (const unsigned char *)label, strlen(label));
}

void rng_free(struct rng *r)
{
	if (r->ready)
		mbedtls_ctr_drbg_free(&r->drbg);
	mbedtls_platform_zeroize(r, sizeof(*r));
}

int rng_draw(void *p, unsigned char *out, size_t len)
{
	struct rng *r = p;
	int rc = mbedtls_ctr_drbg_random(&r->drbg, out, len);
	if (rc == 0 && r->tape) {
		uint8_t n[4] = { (uint8_t)(len >> 24), (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len };
		buf_append(r->tape, n, 4);
		buf_append(r->tape, out, len);
	}
	return rc;
}

/* PSA's entropy callbacks take no context: the run's seed material lives here. */
static uint8_t psa_material[32];
static uint64_t psa_counter;

static int psa_fixed_source(void *data, unsigned char *out, size_t len, size_t *olen)
{
	(void)data;
	expand(psa_material, &psa_counter, out, len);
	*olen = len;
	return 0;
}

static void psa_fixed_init(mbedtls_entropy_context *ctx)
{
	mbedtls_entropy_init(ctx);
	/* Drop the platform sources mbedtls_entropy_init added: only ours may feed PSA. */
	ctx->MBEDTLS_PRIVATE(source_count) = 0;
	mbedtls_entropy_add_source(ctx, psa_fixed_source, NULL, 32, MBEDTLS_ENTROPY_SOURCE_STRONG);
}

int rng_psa_start(uint64_t seed)
{
	mbedtls_psa_crypto_free();
	derive_material(seed, "psa", psa_material);
	psa_counter = 0;
	psa_status_t st = mbedtls_psa_crypto_configure_entropy_sources(
		psa_fixed_init, mbedtls_entropy_free);
	if (st != PSA_SUCCESS)
		return (int)st;
	return (int)psa_crypto_init();
}

void rng_psa_stop(void)
{
	mbedtls_psa_crypto_free();
}

uint64_t rng_fresh_seed(void)
{
	mbedtls_entropy_context e;
	uint8_t b[8] = { 0 };
	uint64_t s = 0;
	mbedtls_entropy_init(&e);
	if (mbedtls_entropy_func(&e, b, sizeof(b)) == 0)
		for (int i = 0; i < 8; i++)
			s = s << 8 | b[i];
	mbedtls_entropy_free(&e);
	return s;
}
