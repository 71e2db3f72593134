/*
 * Fuzz target for the scenario loader: any bytes, as a scenario file's text.
 * It must answer with a scenario or a file:line message, never crash; a parsed
 * scenario must be one the engine can take (versions ordered, counts in range).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/scenario_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	struct scenario sc;
	char err[512];
	scenario_init(&sc);
	if (scenario_file_parse("fuzz.scenario", text, &sc, err, sizeof(err)) == 0) {
		if (sc.client.min_version > sc.client.max_version || sc.server.min_version > sc.server.max_version ||
		    sc.nfaults > SPEC_MAX_FAULTS || !sc.title || !sc.server.cert || !sc.server.key)
			__builtin_trap();
	} else if (strncmp(err, "fuzz.scenario", 13) != 0) {
		__builtin_trap(); /* every message says which file */
	}
	scenario_free(&sc);
	free(text);
	return 0;
}
