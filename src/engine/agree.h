/* engine/agree.h — capture of TLS 1.3's (EC)DHE shared secret (see agree.c). */
#ifndef TLSSTEP_ENGINE_AGREE_H
#define TLSSTEP_ENGINE_AGREE_H

#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"

typedef void (*agree_fn)(void *arg, enum side side, const uint8_t *secret, size_t len);

/* Installs (or, with NULL, removes) the receiver of shared secrets. */
void agree_set_hook(agree_fn fn, void *arg);
/* Tells which end the engine is about to step. */
void agree_running(enum side side);

#endif
