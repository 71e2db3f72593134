/*
 * Fuzz target: a byte stream cut into records (record_complete), their layer
 * decoded (decode_records, layout from the first byte), handshake bodies
 * reassembled (reasm) and decoded, alerts and ChangeCipherSpec decoded. As the
 * timeline does, a ServerHello sets the version and key exchange the later
 * messages are decoded with (TLS 1.2 and ECDHE until one is seen).
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/decode.h"
#include "wire/reasm.h"
#include "wire/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct fields *f, size_t len)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].offset + f->v[i].length > len)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct record_info ri = { (enum record_layout)(data[0] % 7), data[0] & 0x80 ? 8 : 16, (data[0] & 0x40) ? 22 : -1, NULL, 0 };
	struct decode_ctx ctx = { 0x0303, KX_ECDHE, (data[0] & 0x20) != 0 };
	const uint8_t *p = data + 1;
	size_t n = size - 1;
	struct reasm r;
	struct buf msg = { 0 };
	struct fields f;
	struct wire_error e;
	reasm_init(&r);
	fields_init(&f);
	while (n) {
		long len = record_complete(p, n);
		if (len <= 0)
			break;
		decode_records(p, (size_t)len, &ri, &f, &e);
		check(&f, (size_t)len);
		fields_free(&f);
		const uint8_t *body = p + RECORD_HEADER_LEN;
		size_t bl = (size_t)len - RECORD_HEADER_LEN;
		if (p[0] == CT_HANDSHAKE) {
			reasm_feed(&r, body, bl);
			while (reasm_next(&r, &msg) == 1) {
				struct decode_info info;
				int rc = decode_handshake(&ctx, msg.data, msg.len, &f, &info, &e);
				check(&f, msg.len);
				if (rc == 0 && info.hs_type == 2) {
					ctx.version = info.version;
					ctx.kx = decode_kx_of_suite(info.suite);
				}
				fields_free(&f);
			}
		} else if (p[0] == CT_ALERT) {
			decode_alert(body, bl, &f, &e);
			fields_free(&f);
		} else if (p[0] == CT_CHANGE_CIPHER_SPEC) {
			decode_ccs(body, bl, &f, &e);
			fields_free(&f);
		} else {
			decode_appdata(body, bl, &f, &e);
			check(&f, bl);
			fields_free(&f);
		}
		p += len;
		n -= (size_t)len;
	}
	buf_free(&msg);
	reasm_free(&r);
	return 0;
}
