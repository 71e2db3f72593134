/*
 * util/buf.h — growable byte buffers and read-only byte views.
 *
 * Conventions for all of tlsstep (stated once, here in the lowest layer):
 *  - Objects are caller-owned structs with _init/_free; _free is safe on a zeroed
 *    or already-freed object and leaves it zeroed.
 *  - Functions return 0 on success or a negative error of their module.
 *  - A `const uint8_t *, size_t` pair or a struct view borrows: the callee keeps no
 *    pointer past the call unless its comment says so.
 *  - Out of memory aborts with a message (xmalloc and friends): a teaching tool has
 *    no useful way to go on without memory, and every caller stays simpler.
 */
#ifndef TLSSTEP_UTIL_BUF_H
#define TLSSTEP_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer. Zero-initialised is a valid empty buffer. */
struct buf {
	uint8_t *data;
	size_t len;
	size_t cap;
};

/* A borrowed, read-only run of bytes. */
struct view {
	const uint8_t *data;
	size_t len;
};

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

void buf_init(struct buf *b);
/* Releases the storage, wiping it first (buffers may hold secrets). */
void buf_free(struct buf *b);
/* Makes room for `extra` more bytes; returns a pointer to the first free byte. */
uint8_t *buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_append_byte(struct buf *b, uint8_t c);
/* Removes the first n bytes (n <= len). */
void buf_consume(struct buf *b, size_t n);
void buf_clear(struct buf *b);
/* Replaces the content with a copy of p[0..n). */
void buf_set(struct buf *b, const void *p, size_t n);
struct view buf_view(const struct buf *b);

/* Wipes n bytes in a way the compiler may not remove. */
void wipe(void *p, size_t n);

#endif
