/* wire/reasm.c — see reasm.h. */
#include "wire/reasm.h"

void reasm_init(struct reasm *r)
{
	buf_init(&r->pending);
}

void reasm_free(struct reasm *r)
{
	buf_free(&r->pending);
}

void reasm_feed(struct reasm *r, const uint8_t *p, size_t n)
{
	buf_append(&r->pending, p, n);
}

int reasm_next(struct reasm *r, struct buf *msg)
{
	const uint8_t *p = r->pending.data;
	if (r->pending.len < 4)
		return 0;
	size_t body = (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
	if (body > REASM_MAX_MESSAGE)
		return -1;
	if (r->pending.len < 4 + body)
		return 0;
	buf_set(msg, p, 4 + body);
	buf_consume(&r->pending, 4 + body);
	return 1;
}

size_t reasm_pending(const struct reasm *r)
{
	return r->pending.len;
}
