/* util/hex.c — see hex.h. */
#include "util/hex.h"

#include "util/buf.h"

static const char digits[] = "0123456789abcdef";

size_t hex_encode(char *out, const uint8_t *p, size_t n, char sep)
{
	char *o = out;
	for (size_t i = 0; i < n; i++) {
		if (sep && i)
			*o++ = sep;
		*o++ = digits[p[i] >> 4];
		*o++ = digits[p[i] & 15];
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
