/* util/hex.h — hexadecimal text for bytes. */
#ifndef TLSSTEP_UTIL_HEX_H
#define TLSSTEP_UTIL_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes p[0..n) as lowercase hex into a new string, bytes separated by `sep`
 * ('\0' for none). Returns owned: free with free().
 */
char *hex_string(const uint8_t *p, size_t n, char sep);

/*
 * The same text into out, which has room for n * 3 characters (n * 2 without
 * sep); no terminating NUL. Returns the number of characters written.
 */
size_t hex_encode(char *out, const uint8_t *p, size_t n, char sep);

/*
 * Parses hex text (whitespace and ':' between byte pairs allowed) into out,
 * at most cap bytes. Returns the number of bytes, or -1 on bad text or overflow.
 */
long hex_parse(const char *text, uint8_t *out, size_t cap);

/* The value of one hex digit (either case), or -1. */
int hex_nibble(char c);

#endif
