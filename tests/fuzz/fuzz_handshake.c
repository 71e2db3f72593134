/*
 * Fuzz target: decode_handshake. The first byte sets the context: bit 0 TLS 1.3,
 * else bit 1 no version yet, else TLS 1.2; bits 2-4 the key exchange (enum
 * kx_kind, mod 6); bit 5 sent by the server. The rest is one handshake message.
 * Every field must lie inside the message.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	decode_handshake(&ctx, data + 1, size - 1, &f, &info, &e);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].offset + f.v[i].length > size - 1)
			__builtin_trap();
	fields_free(&f);
	return 0;
}
