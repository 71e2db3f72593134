/*
 * engine/agree.c — the (EC)DHE shared secret of TLS 1.3.
 *
 * mbed TLS computes it inside psa_raw_key_agreement() and hands it out nowhere
 * else (notes/mbedtls.md). Executables are linked with
 * -Wl,--wrap=psa_raw_key_agreement (engine/meson.build): every call lands here,
 * goes on to the real function, and the result is reported to the engine for the
 * end that is running. The engine steps one end at a time in one thread, so the
 * end is known; the hook is the one piece of global state this needs (the wrapped
 * function takes no context of ours).
 */
#include "engine/agree.h"

#include <psa/crypto.h>

psa_status_t __real_psa_raw_key_agreement(psa_algorithm_t alg, mbedtls_svc_key_id_t private_key,
                                          const uint8_t *peer_key, size_t peer_key_length, uint8_t *output,
                                          size_t output_size, size_t *output_length);
psa_status_t __wrap_psa_raw_key_agreement(psa_algorithm_t alg, mbedtls_svc_key_id_t private_key,
                                          const uint8_t *peer_key, size_t peer_key_length, uint8_t *output,
                                          size_t output_size, size_t *output_length);

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

psa_status_t __wrap_psa_raw_key_agreement(psa_algorithm_t alg, mbedtls_svc_key_id_t private_key,
                                          const uint8_t *peer_key, size_t peer_key_length, uint8_t *output,
                                          size_t output_size, size_t *output_length)
{
	psa_status_t st = __real_psa_raw_key_agreement(alg, private_key, peer_key, peer_key_length, output,
	                                               output_size, output_length);
	if (st == PSA_SUCCESS && hook)
		hook(hook_arg, running, output, *output_length);
	return st;
}
