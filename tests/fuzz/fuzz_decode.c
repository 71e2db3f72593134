/*
 * Fuzz target for the wire decoders: the first byte chooses the decoder and its
 * context (negotiated version, key exchange, sender), the rest is the message.
 * Built as a libFuzzer target with -Dfuzz=true (clang), and always as a replay
 * program (replay.c) that runs the committed corpus under plain `meson test`.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/decode.h"
#include "wire/fields.h"
#include "wire/reasm.h"
#include "wire/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t sel = data[0];
	const uint8_t *p = data + 1;
	size_t n = size - 1;
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx;
	ctx.version = sel & 1 ? 0x0304 : (sel & 2 ? 0 : 0x0303);
	ctx.kx = (enum kx_kind)((sel >> 2) % 6);
	ctx.from_server = sel & 0x20;
	fields_init(&f);
	switch (sel >> 6) {
	case 0:
	case 1:
		decode_handshake(&ctx, p, n, &f, NULL, &e);
		break;
	case 2:
		decode_alert(p, n, &f, &e);
		decode_ccs(p, n, &f, &e);
		break;
	case 3: {
		/* A byte stream cut into records, their bodies reassembled into messages. */
		struct reasm r;
		struct buf msg = { 0 };
		reasm_init(&r);
		while (n) {
			long len = record_complete(p, n);
			if (len <= 0)
				break;
			if (p[0] == CT_HANDSHAKE)
				reasm_feed(&r, p + RECORD_HEADER_LEN, (size_t)len - RECORD_HEADER_LEN);
			while (reasm_next(&r, &msg) == 1) {
				fields_free(&f);
				decode_handshake(&ctx, msg.data, msg.len, &f, NULL, &e);
			}
			p += len;
			n -= (size_t)len;
		}
		buf_free(&msg);
		reasm_free(&r);
		break;
	}
	}
	/* Every field must lie inside the message. */
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].offset + f.v[i].length > size)
			__builtin_trap();
	fields_free(&f);
	return 0;
}
