/*
 * Fuzz target: decode_handshake. The first byte sets the context: bit 0 TLS 1.3,
 * else bit 1 no version yet, else TLS 1.2; bits 2-4 the key exchange (enum
 * kx_kind, mod 6); bit 5 sent by the server. The rest is one handshake message.
 * Every field must lie inside the message. A ClientHello or ServerHello is also
 * rewritten (wire/rewrite.c) field by field: a rewrite that succeeds must leave a
 * record whose lengths all agree, which decodes again.
 */
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "wire/decode.h"
#include "wire/rewrite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void rewrite_each(const struct decode_ctx *ctx, const uint8_t *msg, size_t len)
{
	static const char *const names[][2] = { { "ClientHello", "cipher_suites" }, { "ClientHello", "supported_versions" },
		                                    { "ClientHello", "supported_groups" },
		                                    { "ClientHello", "signature_algorithms" }, { "ServerHello", "cipher_suite" } };
	static const uint16_t codes[] = { 0x0303, 0x002f, 0x001d };
	if (len > 16384)
		return;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct rewrite_field *rf = rewrite_field_find(names[i][0], names[i][1], NULL, 0);
		for (size_t n = 1; n <= 3; n += 2) {
			struct buf rec;
			uint8_t head[5] = { 22, 3, 3, (uint8_t)(len >> 8), (uint8_t)len };
			buf_init(&rec);
			buf_append(&rec, head, 5);
			buf_append(&rec, msg, len);
			char done[300];
			if (!rewrite_apply(&rec, ctx->from_server, rf, codes, n, done, sizeof(done))) {
				struct fields f;
				struct wire_error e;
				fields_init(&f);
				size_t mlen = (size_t)rec.data[6] << 16 | (size_t)rec.data[7] << 8 | rec.data[8];
				struct decode_ctx c0 = { 0, KX_UNKNOWN, ctx->from_server };
				if ((size_t)(rec.data[3] << 8 | rec.data[4]) != rec.len - 5 || mlen + 4 > rec.len - 5 ||
				    decode_handshake(&c0, rec.data + 5, mlen + 4, &f, NULL, &e))
					__builtin_trap();
				fields_free(&f);
			}
			buf_free(&rec);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct decode_ctx ctx;
	ctx.version = data[0] & 1 ? 0x0304 : (data[0] & 2 ? 0 : 0x0303);
	/* Masked: bit 5 is the sender's (the seeds were written so; shifted in whole it
	 * turned every server's ECDHE into TLS 1.3 and its ServerKeyExchange went undecoded). */
	ctx.kx = (enum kx_kind)(((data[0] >> 2) & 7) % 6);
	ctx.from_server = data[0] & 0x20;
	struct fields f;
	struct wire_error e;
	struct decode_info info;
	fields_init(&f);
	int rc = decode_handshake(&ctx, data + 1, size - 1, &f, &info, &e);
	if (!rc && (info.hs_type == 1 || info.hs_type == 2))
		rewrite_each(&ctx, data + 1, size - 1);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].offset + f.v[i].length > size - 1)
			__builtin_trap();
	fields_free(&f);
	return 0;
}
