/*
 * wire/fields.h — a tree of decoded fields, as a learner reads a message.
 *
 * Each field names a run of bytes of one message: its offset and length are
 * relative to the first byte of the message given to the decoder (for handshake
 * messages, the 4-byte handshake header is at offset 0). The tree is stored flat
 * in one caller-owned array; children are linked by index.
 */
#ifndef TLSSTEP_WIRE_FIELDS_H
#define TLSSTEP_WIRE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FIELD_NONE (-1)

enum field_kind {
	FIELD_TEXT = 0,   /* value is a description: "TLS 1.2 (0x0303)" */
	FIELD_BYTES,      /* value is the raw bytes as lowercase hex, whole */
	FIELD_GROUP,      /* a container: value summarises its children */
};

struct field {
	char *name;            /* owned */
	char *value;           /* owned; never NULL */
	const char *explain;   /* static one-line explanation for a student */
	enum field_kind kind;
	size_t offset;
	size_t length;
	int parent;            /* index, FIELD_NONE for a top-level field */
	int first_child;
	int last_child;
	int next_sibling;
};

struct fields {
	struct field *v;
	size_t n;
	size_t cap;
	size_t top_end; /* 1 + the index of the last top-level field, 0 while there is none */
};

void fields_init(struct fields *f);
void fields_free(struct fields *f);

/*
 * Appends a field under `parent` (FIELD_NONE for the top level) and returns its
 * index. `value` is printf-formatted.
 */
int fields_add(struct fields *f, int parent, enum field_kind kind, const char *name,
               size_t offset, size_t length, const char *explain, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* Replaces field i's value (a group's summary, known once its children are read). */
void fields_set_value(struct fields *f, int i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A FIELD_BYTES field whose value is the hex of msg[offset .. offset+length). */
int fields_add_bytes(struct fields *f, int parent, const char *name,
                     const uint8_t *msg, size_t offset, size_t length, const char *explain);

/*
 * A FIELD_TEXT field whose value is the bytes text[0 .. n) read as text: \r, \n and
 * \\ escaped, any other byte outside printable ASCII (a NUL included) as \xNN, so
 * nothing in the bytes can end or hide the text. With max > 0 the value stops before
 * it passes max characters and ends in "..." (a mark that it was cut); 0: whole.
 */
int fields_add_text(struct fields *f, int parent, const char *name, size_t offset, size_t length,
                    const char *explain, const uint8_t *text, size_t n, size_t max);

/* Iteration: the first top-level field, or the first child of `parent`. */
int fields_first(const struct fields *f, int parent);

/* Depth of a field (0 for top level). */
int fields_depth(const struct fields *f, int i);

/* Index of the first field with this name under parent (any depth if parent is FIELD_NONE
 * and deep is true), or FIELD_NONE. */
int fields_find(const struct fields *f, int parent, const char *name, bool deep);
/* The bytes msg[offset, offset + length) of the top-level (or, deep, any) field called name; NULL if none. */
const uint8_t *fields_bytes(const struct fields *f, const uint8_t *msg, const char *name, bool deep, size_t *len);

#endif
