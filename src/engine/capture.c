/* engine/capture.c — see capture.h. */
#include "engine/capture.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Dump titles in mbed TLS's debug output, and the names tlsstep gives them. */
static const struct {
	const char *title;
	const char *name;
} wanted[] = {
	{ "premaster secret", "premaster_secret" },
};

void capture_init(struct capture *c, enum side side, capture_secret_fn emit, void *arg)
{
	buf_free(&c->got);
	c->side = side;
	c->emit = emit;
	c->arg = arg;
	c->name = NULL;
	c->want = 0;
}

void capture_free(struct capture *c)
{
	buf_free(&c->got);
	c->name = NULL;
}

/* Skips an optional "0x<hex>: " context prefix. */
static const char *skip_prefix(const char *s)
{
	if (s[0] == '0' && s[1] == 'x') {
		const char *p = s + 2;
		while (isxdigit((unsigned char)*p))
			p++;
		if (p[0] == ':' && p[1] == ' ')
			return p + 2;
	}
	return s;
}

static void header(struct capture *c, const char *s)
{
	/* dumping 'TITLE' (N bytes) */
	const char *q = strchr(s + 9, '\'');
	if (!q)
		return;
	size_t tlen = (size_t)(q - (s + 9));
	unsigned long n = 0;
	if (sscanf(q, "' (%lu bytes)", &n) != 1)
		return;
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		if (strlen(wanted[i].title) == tlen && !strncmp(wanted[i].title, s + 9, tlen)) {
			c->name = wanted[i].name;
			c->want = n < 4096 ? n : 4096;
			buf_clear(&c->got);
			return;
		}
	}
}

static int hexval(char ch)
{
	return isdigit((unsigned char)ch) ? ch - '0' : tolower((unsigned char)ch) - 'a' + 10;
}

static void data_line(struct capture *c, const char *s)
{
	/* "0000: " then " xx" per byte, then two spaces and the ASCII column */
	for (int i = 0; i < 4; i++)
		if (!isxdigit((unsigned char)s[i]))
			goto abandon;
	if (s[4] != ':' || s[5] != ' ')
		goto abandon;
	const char *p = s + 6;
	while (c->got.len < c->want && p[0] == ' ' && isxdigit((unsigned char)p[1]) &&
	       isxdigit((unsigned char)p[2]) && (p[3] == ' ' || p[3] == '\n' || p[3] == '\0')) {
		buf_append_byte(&c->got, (uint8_t)(hexval(p[1]) << 4 | hexval(p[2])));
		p += 3;
	}
	if (c->got.len == c->want) {
		c->emit(c->arg, c->side, c->name, c->got.data, c->got.len);
		c->name = NULL;
		buf_clear(&c->got);
	}
	return;
abandon:
	/* Not a dump line: the dump we were reading is broken off. */
	c->name = NULL;
	buf_clear(&c->got);
}

void capture_debug_line(void *ctx, int level, const char *file, int line, const char *str)
{
	struct capture *c = ctx;
	(void)level;
	(void)file;
	(void)line;
	const char *s = skip_prefix(str);
	if (!strncmp(s, "dumping '", 9)) {
		c->name = NULL;
		header(c, s);
		return;
	}
	if (c->name)
		data_line(c, s);
}
