/*
 * engine/simclock.h — the simulation clock.
 *
 * simclock.c defines the C library's time(): mbed TLS asks time() for the
 * gmt_unix_time in TLS 1.2 randoms and for "now" when it checks a certificate's
 * validity. Answering from a clock the scenario sets makes runs byte-identical
 * and lets a scenario choose the date certificates are judged at. The symbol
 * wins over libc's because it is linked into the executable (static mbed TLS
 * resolves to it). A test checks that mbed TLS really sees this clock.
 */
#ifndef TLSSTEP_ENGINE_SIMCLOCK_H
#define TLSSTEP_ENGINE_SIMCLOCK_H

#include <stdint.h>

void simclock_set(int64_t unix_seconds);
int64_t simclock_now(void);

#endif
