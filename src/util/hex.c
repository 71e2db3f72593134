/* util/hex.c — see hex.h. */
#include "util/hex.h"

#include <string.h>

#include "util/buf.h"

/* Each byte's two digits, so a byte costs one copy: JSON and the field tree hex whole records. */
static const char pairs[] =
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	"202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	"404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
	"606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	"808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
	"c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
	"e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

size_t hex_encode(char *out, const uint8_t *p, size_t n, char sep)
{
	char *o = out;
	if (!sep) {
		for (size_t i = 0; i < n; i++, o += 2)
			memcpy(o, pairs + 2 * p[i], 2);
		return 2 * n;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = sep;
		memcpy(o, pairs + 2 * p[i], 2);
		o += 2;
	}
	return (size_t)(o - out);
}

char *hex_string(const uint8_t *p, size_t n, char sep)
{
	size_t per = sep ? 3 : 2;
	char *s = xmalloc(n * per + 1);
	s[hex_encode(s, p, n, sep)] = '\0';
	return s;
}

int hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long hex_parse(const char *text, uint8_t *out, size_t cap)
{
	size_t n = 0;
	const char *s = text;
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ':') {
			s++;
			continue;
		}
		int hi = hex_nibble(s[0]);
		int lo = hi < 0 ? -1 : hex_nibble(s[1]);
		if (lo < 0 || n >= cap)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return (long)n;
}
