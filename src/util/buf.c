/* util/buf.c — see buf.h. */
/* explicit_bzero (glibc 2.25, musl, the BSDs) is shown only with this. */
#define _DEFAULT_SOURCE

#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "tlsstep: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = xmalloc(n);
	memcpy(d, s, n);
	return d;
}

/*
 * explicit_bzero clears at memset's speed and is never dropped as a dead store. A
 * volatile loop, one byte at a time, was 5 instructions a byte: a tenth of a 1 MB
 * run (every freed buffer is wiped whole).
 */
void wipe(void *p, size_t n)
{
	if (n)
		explicit_bzero(p, n);
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void buf_free(struct buf *b)
{
	if (b->data) {
		wipe(b->data, b->cap);
		free(b->data);
	}
	buf_init(b);
}

uint8_t *buf_reserve(struct buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len)
		oom(SIZE_MAX);
	if (b->len + extra > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + extra)
			cap = cap > SIZE_MAX / 2 ? b->len + extra : cap * 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	return b->data + b->len;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	memcpy(buf_reserve(b, n), p, n);
	b->len += n;
}

void buf_append_byte(struct buf *b, uint8_t c)
{
	buf_append(b, &c, 1);
}

void buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

void buf_clear(struct buf *b)
{
	b->len = 0;
}

void buf_set(struct buf *b, const void *p, size_t n)
{
	b->len = 0;
	buf_append(b, p, n);
}

struct view buf_view(const struct buf *b)
{
	struct view v = { b->data, b->len };
	return v;
}
