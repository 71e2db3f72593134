/* wire/record.c — see record.h. */
#include "wire/record.h"

long record_complete(const uint8_t *p, size_t n)
{
	if (n < RECORD_HEADER_LEN)
		return 0;
	size_t body = (size_t)p[3] << 8 | p[4];
	if (body > RECORD_MAX_BODY)
		return -1;
	if (n < RECORD_HEADER_LEN + body)
		return 0;
	return (long)(RECORD_HEADER_LEN + body);
}

struct record_header record_header_read(const uint8_t *p)
{
	struct record_header h;
	h.type = p[0];
	h.version = (uint16_t)(p[1] << 8 | p[2]);
	h.length = (uint16_t)(p[3] << 8 | p[4]);
	return h;
}
