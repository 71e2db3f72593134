/*
 * lesson/lists.h — the comma-separated lists of a scenario file: cipher suites,
 * groups and signature schemes by name, ALPN protocols. Names are trimmed, empty
 * items skipped; each returns 0, or -1 with "what was wrong; what was expected" in
 * why (the caller puts "file:line: " in front).
 */
#ifndef TLSSTEP_LESSON_LISTS_H
#define TLSSTEP_LESSON_LISTS_H

#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"

/*
 * suites = names (IANA or mbed TLS spelling) or 'default', into suites[0..SPEC_MAX_SUITES),
 * 0 terminated. *count suites are there already (a continuation line adds to them; 0
 * starts afresh) and is updated. An unknown name gets the closest known one.
 */
int lists_suites(const char *v, uint16_t *suites, int *count, char *why, size_t wn);

/* A list of names into 16-bit codes by lookup (0: unknown), 0 terminated; 'default' leaves it empty. */
int lists_codes(const char *key, const char *v, uint16_t *out, size_t cap, uint16_t (*lookup)(const char *),
                const char *examples, char *why, size_t wn);

/* alpn = protocol names, into alpn[0..SPEC_MAX_ALPN) (owned copies; those there before are freed). */
int lists_alpn(const char *v, char **alpn, char *why, size_t wn);

/* names = host names (at most SPEC_MAX_NAMES of at most 253 characters, no spaces), or 'none',
 * into names[] as lists_alpn does. */
int lists_names(const char *v, char **names, char *why, size_t wn);

#endif
