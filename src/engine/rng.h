/*
 * engine/rng.h — randomness, reproducible from a seed.
 *
 * Each end gets its own CTR_DRBG whose entropy is derived from (seed, label), so
 * the same seed gives the same bytes and neither end's draws shift the other's.
 * PSA Crypto keeps an RNG of its own (TLS 1.3 key shares come from it); it is
 * re-initialised for every run with a fixed entropy source derived from the seed.
 * `--seed random` draws a fresh seed from the system (rng_fresh_seed) and then
 * runs exactly like a given seed, so even a "random" run can be replayed by the
 * seed it reports.
 */
#ifndef TLSSTEP_ENGINE_RNG_H
#define TLSSTEP_ENGINE_RNG_H

#include <stdbool.h>
#include <stdint.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "util/buf.h"

struct rng {
	mbedtls_ctr_drbg_context drbg;
	uint8_t material[32];              /* SHA-256(seed || label) */
	uint64_t counter;
	bool ready;                        /* rng_init ran: rng_free has something to free */
	struct buf *tape;                  /* optional: every draw appended as a 4-byte length and its bytes */
};

/* Returns 0 or an mbed TLS error. rng_free is safe on a zeroed struct rng too. */
int rng_init(struct rng *r, uint64_t seed, const char *label);
void rng_free(struct rng *r);
/* The f_rng for mbed TLS; p is a struct rng. Each draw is appended to r->tape when set. */
int rng_draw(void *p, unsigned char *out, size_t len);

/*
 * (Re)starts PSA Crypto for one run: frees any previous state, installs the
 * entropy source fixed from seed and calls psa_crypto_init().
 * Returns 0 or a PSA status.
 */
int rng_psa_start(uint64_t seed);
void rng_psa_stop(void);

/* A seed from the system's entropy, for --seed random. */
uint64_t rng_fresh_seed(void);

#endif
