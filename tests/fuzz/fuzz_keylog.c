/*
 * Fuzz target: the NSS key log reader (capture/keylog.c). A log that parses
 * must find every entry by its own client random, sorted and without
 * duplicates; one that does not must say which line.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "capture/keylog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keylog k;
	char err[600];
	keylog_init(&k);
	if (keylog_parse(&k, "fuzz.keys", (const char *)data, size, err, sizeof(err)) == 0) {
		for (size_t i = 0; i < k.n; i++) {
			if (keylog_find(&k, k.v[i].client_random) != &k.v[i])
				__builtin_trap();
			if (i && memcmp(k.v[i - 1].client_random, k.v[i].client_random, 32) >= 0)
				__builtin_trap();
		}
	} else if (strncmp(err, "fuzz.keys:", 10) != 0) {
		__builtin_trap();
	}
	keylog_free(&k);
	return 0;
}
