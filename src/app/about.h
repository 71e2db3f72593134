/* app/about.h — what --version says. */
#ifndef TLSSTEP_APP_ABOUT_H
#define TLSSTEP_APP_ABOUT_H

#include <stdio.h>

/*
 * Writes tlsstep's version and the mbed TLS it was built with (MBEDTLS_VERSION_STRING),
 * and the library's own mbedtls_version_get_string when that differs; then where the
 * bundled lessons and the credentials are read from.
 */
void about_version(FILE *out);

#endif
