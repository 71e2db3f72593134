/*
 * Fuzz target: decode_handshake. The first byte sets the context (negotiated
 * version, key exchange, sender); the rest is one handshake message.
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
	ctx.kx = (enum kx_kind)((data[0] >> 2) % 6);
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
