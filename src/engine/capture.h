/*
 * engine/capture.h — secrets that mbed TLS shows only in its debug output.
 *
 * The TLS 1.2 premaster secret has no API: at debug level 3 mbed TLS dumps it
 * as "dumping 'premaster secret' (N bytes)" followed by lines of up to 16 hex
 * bytes ("0000:  2c 7e ...  ascii"), each line possibly prefixed by the context's
 * address ("0x...: "). This parser follows those dumps and hands the named ones
 * on; every other debug line is ignored. Dumps stop at 4096 bytes.
 */
#ifndef TLSSTEP_ENGINE_CAPTURE_H
#define TLSSTEP_ENGINE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"
#include "util/buf.h"

typedef void (*capture_secret_fn)(void *arg, enum side side, const char *name,
                                  const uint8_t *p, size_t n);

struct capture {
	enum side side;
	capture_secret_fn emit;
	void *arg;
	const char *name;    /* our name of the dump being read, NULL when none */
	size_t want;
	struct buf got;
};

void capture_init(struct capture *c, enum side side, capture_secret_fn emit, void *arg);
void capture_free(struct capture *c);

/* mbed TLS's f_dbg: ctx is a struct capture. */
void capture_debug_line(void *ctx, int level, const char *file, int line, const char *str);

#endif
