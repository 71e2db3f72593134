/*
 * wire_fields: tlsstep's decoders (wire/) on messages another program took from a
 * capture, for decoders.sh to compare with what tshark decodes from the same bytes.
 * Reads lines "c HEX" or "s HEX" (one handshake message each, its 4-byte header
 * included, client's or server's, in the order they crossed on one connection); the
 * version and key exchange the later messages need come from the ServerHello, as the
 * engine learns them. Prints one line per field: the message's number (from 1), the
 * field's path of names from the top ("certificate_list/certificate[0]/subject"), and
 * its value, tab-separated; a decoder's error as "N\t!error\ttext". Exit 1 on bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hex.h"
#include "wire/decode.h"

static void path(const struct fields *f, int i, char *out, size_t cap)
{
	if (f->v[i].parent != FIELD_NONE) {
		path(f, f->v[i].parent, out, cap);
		size_t n = strlen(out);
		snprintf(out + n, cap - n, "/%s", f->v[i].name);
	} else {
		snprintf(out, cap, "%s", f->v[i].name);
	}
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, false };
	unsigned n = 0;
	while ((got = getline(&line, &cap, stdin)) > 0) {
		if (got < 3 || (line[0] != 'c' && line[0] != 's') || line[1] != ' ') {
			fprintf(stderr, "wire_fields: line %u: expected \"c HEX\" or \"s HEX\"\n", n + 1);
			return 1;
		}
		line[strcspn(line, "\r\n")] = '\0';
		size_t room = strlen(line + 2) / 2 + 1;
		uint8_t *msg = xmalloc(room);
		long len = hex_parse(line + 2, msg, room);
		if (len < 0) {
			fprintf(stderr, "wire_fields: line %u: not hex\n", n + 1);
			return 1;
		}
		n++;
		ctx.from_server = line[0] == 's';
		struct fields f;
		struct wire_error err;
		struct decode_info info;
		fields_init(&f);
		int rc = decode_handshake(&ctx, msg, (size_t)len, &f, &info, &err);
		for (size_t i = 0; i < f.n; i++) {
			char p[512];
			path(&f, (int)i, p, sizeof(p));
			printf("%u\t%s\t%s\n", n, p, f.v[i].value);
		}
		if (rc)
			printf("%u\t!error\t%s (offset %zu)\n", n, err.text, err.offset);
		if (info.hs_type == 2 && !info.is_hrr) {
			ctx.version = info.version;
			ctx.kx = decode_kx_of_suite(info.suite);
		}
		fields_free(&f);
		free(msg);
	}
	free(line);
	return 0;
}
