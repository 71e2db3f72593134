/* wire/fields.c — see fields.h. */
#include "wire/fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hex.h"

void fields_init(struct fields *f)
{
	f->v = NULL;
	f->n = 0;
	f->cap = 0;
	f->top_end = 0;
}

void fields_free(struct fields *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].value);
	}
	free(f->v);
	fields_init(f);
}

static int push(struct fields *f, int parent, enum field_kind kind, const char *name,
                size_t offset, size_t length, const char *explain, char *value)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->v = xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	int i = (int)f->n++;
	struct field *x = &f->v[i];
	x->name = xstrdup(name);
	x->value = value;
	x->explain = explain ? explain : "";
	x->kind = kind;
	x->offset = offset;
	x->length = length;
	x->parent = parent;
	x->first_child = x->last_child = x->next_sibling = FIELD_NONE;
	if (parent != FIELD_NONE) {
		struct field *p = &f->v[parent];
		if (p->last_child == FIELD_NONE)
			p->first_child = i;
		else
			f->v[p->last_child].next_sibling = i;
		p->last_child = i;
	} else {
		/* Link top-level fields to each other through next_sibling too. */
		if (f->top_end)
			f->v[f->top_end - 1].next_sibling = i;
		f->top_end = (size_t)i + 1;
	}
	return i;
}

/* printf into a fresh string. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *value = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(value, (size_t)(n < 0 ? 0 : n) + 1, fmt, again);
	va_end(again);
	return value;
}

int fields_add(struct fields *f, int parent, enum field_kind kind, const char *name,
               size_t offset, size_t length, const char *explain, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *value = vformat(fmt, ap);
	va_end(ap);
	return push(f, parent, kind, name, offset, length, explain, value);
}

void fields_set_value(struct fields *f, int i, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *value = vformat(fmt, ap);
	va_end(ap);
	free(f->v[i].value);
	f->v[i].value = value;
}

int fields_add_bytes(struct fields *f, int parent, const char *name,
                     const uint8_t *msg, size_t offset, size_t length, const char *explain)
{
	return push(f, parent, FIELD_BYTES, name, offset, length, explain,
	            hex_string(msg + offset, length, '\0'));
}

int fields_add_text(struct fields *f, int parent, const char *name, size_t offset, size_t length,
                    const char *explain, const uint8_t *text, size_t n, size_t max)
{
	struct buf b;
	buf_init(&b);
	size_t i = 0;
	for (; i < n; i++) {
		char one[5];
		uint8_t c = text[i];
		if (c == '\r' || c == '\n')
			snprintf(one, sizeof(one), "\\%c", c == '\r' ? 'r' : 'n');
		else if (c >= 0x20 && c < 0x7f && c != '\\')
			snprintf(one, sizeof(one), "%c", c);
		else
			snprintf(one, sizeof(one), "\\x%02x", c);
		if (max && b.len + strlen(one) + 3 > max)
			break;
		buf_append(&b, one, strlen(one));
	}
	if (i < n)
		buf_append(&b, "...", 3);
	buf_append_byte(&b, 0);
	return push(f, parent, FIELD_TEXT, name, offset, length, explain, (char *)b.data);
}

int fields_first(const struct fields *f, int parent)
{
	if (parent != FIELD_NONE)
		return f->v[parent].first_child;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].parent == FIELD_NONE)
			return (int)i;
	return FIELD_NONE;
}

int fields_depth(const struct fields *f, int i)
{
	int d = 0;
	while (f->v[i].parent != FIELD_NONE) {
		i = f->v[i].parent;
		d++;
	}
	return d;
}

int fields_find(const struct fields *f, int parent, const char *name, bool deep)
{
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i].name, name) != 0)
			continue;
		if (parent == FIELD_NONE && (deep || f->v[i].parent == FIELD_NONE))
			return (int)i;
		if (parent != FIELD_NONE) {
			int p = f->v[i].parent;
			while (p != FIELD_NONE && p != parent && deep)
				p = f->v[p].parent;
			if (p == parent)
				return (int)i;
		}
	}
	return FIELD_NONE;
}

const uint8_t *fields_bytes(const struct fields *f, const uint8_t *msg, const char *name, bool deep, size_t *len)
{
	int i = fields_find(f, FIELD_NONE, name, deep);
	if (i == FIELD_NONE)
		return NULL;
	*len = f->v[i].length;
	return msg + f->v[i].offset;
}
