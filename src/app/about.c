/* app/about.c — see about.h. */
#include "app/about.h"

#include <string.h>

#include <mbedtls/build_info.h>
#include <mbedtls/version.h>

#include "app/datadir.h"
#include "config.h"

void about_version(FILE *out)
{
	fprintf(out, "tlsstep %s\n", TLSSTEP_VERSION);
	fprintf(out, "built with mbed TLS %s", MBEDTLS_VERSION_STRING);
#if defined(MBEDTLS_VERSION_C)
	/* Linked statically, the two agree unless the headers and the archives came apart. */
	char running[18];
	mbedtls_version_get_string(running);
	if (strcmp(running, MBEDTLS_VERSION_STRING))
		fprintf(out, " (the linked library says %s)", running);
#endif
	fprintf(out, "\nlessons: %s\ncredentials: %s\n", datadir_lessons(), datadir_assets());
}
