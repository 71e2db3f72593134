/* wire/rewrite.c — see rewrite.h. */
#include "wire/rewrite.h"

#include <stdio.h>
#include <string.h>

#include "wire/decode.h"
#include "wire/fields.h"
#include "wire/names.h"
#include "wire/record.h"

/* Where each rewritable field lives: top level (ext_type 0) with a `width`-byte length
 * of its own (0: a single code), or the list inside an extension's body. */
struct place {
	struct rewrite_field f;
	uint16_t ext_type;
	int width;
};

static const struct place table[] = {
	{ { "ClientHello", "cipher_suites", REWRITE_SUITES, false }, 0, 2 },           /* RFC 5246 §7.4.1.2 */
	{ { "ClientHello", "supported_versions", REWRITE_VERSIONS, false }, 43, 1 },   /* RFC 8446 §4.2.1 */
	{ { "ClientHello", "supported_groups", REWRITE_GROUPS, false }, 10, 2 },       /* RFC 8446 §4.2.7 */
	{ { "ClientHello", "signature_algorithms", REWRITE_SIGALGS, false }, 13, 2 },  /* RFC 8446 §4.2.3 */
	{ { "ServerHello", "cipher_suite", REWRITE_SUITES, true }, 0, 0 },             /* RFC 5246 §7.4.1.3 */
};
#define NTABLE (sizeof(table) / sizeof(table[0]))

/* Appends s to the list of field names in out (cap bytes; none kept when cap is 0). */
static void add(char *out, size_t cap, const char *s)
{
	if (!cap)
		return;
	size_t l = strlen(out);
	if (l < cap)
		snprintf(out + l, cap - l, "%s", s);
}

const struct rewrite_field *rewrite_field_find(const char *message, const char *name, char *fields, size_t cap)
{
	if (cap)
		fields[0] = '\0';
	for (size_t i = 0; i < NTABLE; i++) {
		if (strcmp(table[i].f.message, message))
			continue;
		if (!strcmp(table[i].f.name, name))
			return &table[i].f;
		if (cap && fields[0])
			add(fields, cap, ", ");
		add(fields, cap, table[i].f.name);
	}
	return NULL;
}

void rewrite_messages(char *out, size_t cap)
{
	if (cap)
		out[0] = '\0';
	for (size_t i = 0; i < NTABLE; i++) {
		bool first = !i || strcmp(table[i - 1].f.message, table[i].f.message);
		bool last = i + 1 == NTABLE || strcmp(table[i + 1].f.message, table[i].f.message);
		if (first) {
			if (i)
				add(out, cap, "), ");
			add(out, cap, table[i].f.message);
			add(out, cap, " (");
		} else {
			add(out, cap, ", ");
		}
		add(out, cap, table[i].f.name);
		if (last && i + 1 == NTABLE)
			add(out, cap, ")");
	}
}

uint16_t rewrite_version_by_name(const char *name)
{
	static const struct { const char *a, *b; uint16_t v; } vs[] = {
		{ "TLS1.2", "1.2", 0x0303 }, { "TLS1.3", "1.3", 0x0304 }, { "TLS1.1", "1.1", 0x0302 },
		{ "TLS1.0", "1.0", 0x0301 }, { "SSL3.0", "3.0", 0x0300 },
	};
	char squeezed[16];
	size_t n = 0;
	for (const char *p = name; *p && n + 1 < sizeof(squeezed); p++)
		if (*p != ' ')
			squeezed[n++] = *p;
	squeezed[n] = '\0';
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
		if (!strcmp(squeezed, vs[i].a) || !strcmp(squeezed, vs[i].b))
			return vs[i].v;
	return 0;
}

static size_t get(const uint8_t *p, int width)
{
	size_t v = 0;
	for (int i = 0; i < width; i++)
		v = v << 8 | p[i];
	return v;
}

static void put(uint8_t *p, int width, size_t v)
{
	for (int i = width; i-- > 0; v >>= 8)
		p[i] = (uint8_t)v;
}

/* One length to fix: `width` bytes at `at` (offsets into the record), its name for the report. */
struct fix {
	size_t at;
	int width;
	const char *name;
};
#define MAX_FIXES 4

static int fail(char *done, size_t cap, const char *text)
{
	snprintf(done, cap, "%s", text);
	return -1;
}

int rewrite_apply(struct buf *rec, bool from_server, const struct rewrite_field *f, const uint16_t *codes, size_t n,
                  char *done, size_t cap)
{
	const struct place *pl = (const struct place *)f; /* f is always a table entry's first member */
	if (rec->len < RECORD_HEADER_LEN + 4 || rec->data[0] != CT_HANDSHAKE)
		return fail(done, cap, "the record holds no handshake message in clear");
	uint8_t *msg = rec->data + RECORD_HEADER_LEN;
	size_t mlen = 4 + get(msg + 1, 3);
	if (mlen > rec->len - RECORD_HEADER_LEN)
		return fail(done, cap, "the record holds only the start of the message");
	if (strcmp(decode_handshake_name(msg, mlen), f->message))
		return fail(done, cap, "the record's first message is another one");
	if (pl->width == 0 && n != 1)
		return fail(done, cap, "a single code is needed");

	struct fields fl;
	struct wire_error err = { 0 };
	struct decode_ctx ctx = { .version = 0, .kx = KX_UNKNOWN, .from_server = from_server };
	fields_init(&fl);
	int rc = -1;
	if (decode_handshake(&ctx, msg, mlen, &fl, NULL, &err)) {
		snprintf(done, cap, "the message does not decode: %s", err.text);
		goto out;
	}
	/* The field, by the decoder's name; for an extension, the whole extension. */
	int t = FIELD_NONE, exts = FIELD_NONE;
	if (pl->ext_type) {
		exts = fields_find(&fl, FIELD_NONE, "extensions", false);
		t = exts == FIELD_NONE ? FIELD_NONE : fields_find(&fl, exts, f->name, false);
	} else {
		t = fields_find(&fl, FIELD_NONE, f->name, false);
	}
	if (t == FIELD_NONE) {
		snprintf(done, cap, "the %s has no %s%s", f->message, f->name, pl->ext_type ? " extension" : "");
		goto out;
	}
	size_t off = fl.v[t].offset, old = fl.v[t].length;
	if (!pl->width && old != 2) {
		snprintf(done, cap, "its %s is %zu bytes, not one 2-byte code", f->name, old);
		goto out;
	}

	/* The new bytes, in place of fl.v[t]'s. */
	size_t list = 2 * n, now = (pl->ext_type ? 4 : 0) + (size_t)pl->width + list;
	if ((pl->width == 1 && list > 255) || now > 65535) {
		snprintf(done, cap, "%zu codes do not fit in %s's length", n, f->name);
		goto out;
	}
	size_t fixed_len = rec->len - old + now;
	if (fixed_len - RECORD_HEADER_LEN > 16384) {
		snprintf(done, cap, "the record would hold %zu bytes, more than 2^14", fixed_len - RECORD_HEADER_LEN);
		goto out;
	}
	uint8_t repl[4 + 2 + 2 * 256];
	size_t k = 0;
	if (pl->ext_type) {
		put(repl, 2, pl->ext_type);
		put(repl + 2, 2, now - 4);
		k = 4;
	}
	put(repl + k, pl->width, list);
	k += (size_t)pl->width;
	for (size_t i = 0; i < n && k + 2 <= sizeof(repl); i++, k += 2)
		put(repl + k, 2, codes[i]);

	/* Every length around it: the enclosing blocks of the tree, the handshake header, the record. */
	struct fix fixes[MAX_FIXES];
	size_t nfix = 0;
	for (int p = fl.v[t].parent; p != FIELD_NONE; p = fl.v[p].parent) {
		if (!strcmp(fl.v[p].name, "extensions") && fl.v[p].parent == FIELD_NONE && nfix < MAX_FIXES) {
			fixes[nfix++] = (struct fix){ RECORD_HEADER_LEN + fl.v[p].offset, 2, "extensions" };
		} else {
			snprintf(done, cap, "no length is known for the block %s around %s", fl.v[p].name, f->name);
			goto out;
		}
	}
	fixes[nfix++] = (struct fix){ RECORD_HEADER_LEN + 1, 3, "handshake" };
	fixes[nfix++] = (struct fix){ 3, 2, "record" };

	struct buf nb;
	buf_init(&nb);
	buf_append(&nb, rec->data, RECORD_HEADER_LEN + off);
	buf_append(&nb, repl, now);
	buf_append(&nb, rec->data + RECORD_HEADER_LEN + off + old, rec->len - RECORD_HEADER_LEN - off - old);
	long delta = (long)now - (long)old;
	if (!delta)
		nfix = 0; /* same size: nothing around it changes */
	int w = delta ? snprintf(done, cap, "%s %zu -> %zu bytes; lengths fixed:", f->name, old, now)
	              : snprintf(done, cap, "%s %zu bytes as before: no length changes", f->name, now);
	for (size_t i = 0; i < nfix; i++) {
		size_t was = get(nb.data + fixes[i].at, fixes[i].width);
		size_t is = (size_t)((long)was + delta);
		put(nb.data + fixes[i].at, fixes[i].width, is);
		if (w >= 0 && (size_t)w < cap)
			w += snprintf(done + w, cap - (size_t)w, "%s %s %zu -> %zu", i ? "," : "", fixes[i].name, was, is);
	}
	buf_set(rec, nb.data, nb.len);
	buf_free(&nb);
	rc = 0;
out:
	fields_free(&fl);
	return rc;
}
