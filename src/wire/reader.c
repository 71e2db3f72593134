/* wire/reader.c — see reader.h. */
#include "wire/reader.h"

#include <stdarg.h>
#include <stdio.h>
#include "util/words.h"
#include "wire/names.h"

void rd_init(struct reader *r, const uint8_t *p, size_t len, struct fields *out, struct wire_error *err)
{
	r->p = p;
	r->pos = 0;
	r->len = len;
	r->size = len;
	r->out = out;
	r->err = err;
	if (err) {
		err->alert = 0;
		err->offset = 0;
		err->text[0] = '\0';
	}
}

size_t rd_left(const struct reader *r)
{
	return r->len - r->pos;
}

int rd_fail(struct reader *r, int alert, size_t offset, const char *fmt, ...)
{
	if (r->err && !r->err->alert) {
		r->err->alert = alert;
		r->err->offset = offset;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->err->text, sizeof(r->err->text), fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int need(struct reader *r, size_t n, const char *what)
{
	if (rd_left(r) < n)
		return rd_fail(r, ALERT_DECODE_ERROR, r->pos,
		               "%s needs %zu %s but only %zu %s left", what, n, bytes_word(n), rd_left(r),
		               rd_left(r) == 1 ? "is" : "are");
	return 0;
}

int rd_u8(struct reader *r, uint8_t *v)
{
	if (need(r, 1, "a 1-byte field"))
		return -1;
	*v = r->p[r->pos++];
	return 0;
}

int rd_u16(struct reader *r, uint16_t *v)
{
	if (need(r, 2, "a 2-byte field"))
		return -1;
	*v = (uint16_t)(r->p[r->pos] << 8 | r->p[r->pos + 1]);
	r->pos += 2;
	return 0;
}

int rd_u24(struct reader *r, uint32_t *v)
{
	if (need(r, 3, "a 3-byte length"))
		return -1;
	*v = (uint32_t)r->p[r->pos] << 16 | (uint32_t)r->p[r->pos + 1] << 8 | r->p[r->pos + 2];
	r->pos += 3;
	return 0;
}

int rd_u32(struct reader *r, uint32_t *v)
{
	if (need(r, 4, "a 4-byte field"))
		return -1;
	*v = (uint32_t)r->p[r->pos] << 24 | (uint32_t)r->p[r->pos + 1] << 16 |
	     (uint32_t)r->p[r->pos + 2] << 8 | r->p[r->pos + 3];
	r->pos += 4;
	return 0;
}

int rd_skip(struct reader *r, size_t n, const char *what)
{
	if (need(r, n, what))
		return -1;
	r->pos += n;
	return 0;
}

static int vec(struct reader *r, struct reader *sub, size_t width, const char *what)
{
	size_t at = r->pos;
	if (rd_left(r) < width)
		return rd_fail(r, ALERT_DECODE_ERROR, at, "the length of %s is cut off", what);
	size_t n = 0;
	for (size_t i = 0; i < width; i++)
		n = n << 8 | r->p[r->pos + i];
	if (rd_left(r) - width < n)
		return rd_fail(r, ALERT_DECODE_ERROR, at,
		               "%s says it holds %zu %s but only %zu %s left", what, n, bytes_word(n),
		               rd_left(r) - width, rd_left(r) - width == 1 ? "is" : "are");
	*sub = *r;
	sub->pos = r->pos + width;
	sub->len = sub->pos + n;
	sub->size = n;
	r->pos = sub->len;
	return 0;
}

int rd_vec8(struct reader *r, struct reader *sub, const char *what)
{
	return vec(r, sub, 1, what);
}

int rd_vec16(struct reader *r, struct reader *sub, const char *what)
{
	return vec(r, sub, 2, what);
}

int rd_vec24(struct reader *r, struct reader *sub, const char *what)
{
	return vec(r, sub, 3, what);
}

int rd_named8(struct reader *r, int parent, const char *name, const char *explain,
              const char *(*lookup)(uint8_t), uint8_t *out)
{
	size_t at = r->pos;
	uint8_t v;
	if (rd_u8(r, &v))
		return -1;
	const char *n = lookup(v);
	fields_add(r->out, parent, FIELD_TEXT, name, at, 1, explain, "%s (%u)", n ? n : "unknown", v);
	if (out)
		*out = v;
	return 0;
}

const char *rd_code16_text(char *buf, size_t cap, uint16_t code, const char *name)
{
	snprintf(buf, cap, "%s (0x%04x)", names_is_grease(code) ? "GREASE" : name ? name : "unknown", code);
	return buf;
}

int rd_named16(struct reader *r, int parent, const char *name, const char *explain,
               const char *(*lookup)(uint16_t), uint16_t *out)
{
	size_t at = r->pos;
	uint16_t v;
	if (rd_u16(r, &v))
		return -1;
	char t[96];
	fields_add(r->out, parent, FIELD_TEXT, name, at, 2, names_is_grease(v) ? RD_GREASE_EXPLAIN : explain, "%s",
	           rd_code16_text(t, sizeof(t), v, lookup(v)));
	if (out)
		*out = v;
	return 0;
}
