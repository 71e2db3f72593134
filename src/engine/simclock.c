/* engine/simclock.c — see simclock.h. */
#include "engine/simclock.h"

#include <time.h>

#include "spec/scenario.h"

/*
 * The one mutable global of the engine: time() takes no context pointer, so the
 * clock it reads cannot live in one. Runs are single-threaded and set it first.
 */
static int64_t sim_now = SPEC_DEFAULT_TIME;

void simclock_set(int64_t unix_seconds)
{
	sim_now = unix_seconds;
}

int64_t simclock_now(void)
{
	return sim_now;
}

time_t time(time_t *t)
{
	time_t now = (time_t)sim_now;
	if (t)
		*t = now;
	return now;
}

/*
 * TLS 1.3 ticket ages come from mbed TLS's millisecond clock, not from time():
 * the executable is linked with -Wl,--wrap=mbedtls_ms_time (engine/meson.build),
 * so mbed TLS's calls land here and resumption is reproducible too.
 */
#include <mbedtls/platform_time.h>

mbedtls_ms_time_t __wrap_mbedtls_ms_time(void);

mbedtls_ms_time_t __wrap_mbedtls_ms_time(void)
{
	return (mbedtls_ms_time_t)sim_now * 1000;
}
