/* Unit tests for wire/: record framing, handshake reassembly, decoders' errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "wire/decode.h"
#include "wire/reasm.h"
#include "wire/record.h"

static void record_framing(void **state)
{
	(void)state;
	const uint8_t r[] = { 22, 3, 3, 0, 2, 0xaa, 0xbb, 23 };
	assert_int_equal(record_complete(r, 4), 0);
	assert_int_equal(record_complete(r, 6), 0);
	assert_int_equal(record_complete(r, 7), 7);
	assert_int_equal(record_complete(r, sizeof(r)), 7);
	const uint8_t big[] = { 23, 3, 3, 0x48, 0x01 }; /* 18433 > 2^14 + 2048 */
	assert_int_equal(record_complete(big, sizeof(big)), -1);
	struct record_header h = record_header_read(r);
	assert_int_equal(h.type, 22);
	assert_int_equal(h.version, 0x0303);
	assert_int_equal(h.length, 2);
}

static void reasm_split_and_coalesced(void **state)
{
	(void)state;
	/* Two messages: Finished-like (type 20, 3 bytes) and ServerHelloDone (empty). */
	const uint8_t m[] = { 20, 0, 0, 3, 1, 2, 3, 14, 0, 0, 0 };
	struct reasm r;
	struct buf out = { 0 };
	reasm_init(&r);
	/* Split: the first message arrives in three pieces. */
	reasm_feed(&r, m, 2);
	assert_int_equal(reasm_next(&r, &out), 0);
	reasm_feed(&r, m + 2, 3);
	assert_int_equal(reasm_next(&r, &out), 0);
	/* Coalesced: the rest of the first and all of the second in one piece. */
	reasm_feed(&r, m + 5, sizeof(m) - 5);
	assert_int_equal(reasm_next(&r, &out), 1);
	assert_int_equal(out.len, 7);
	assert_memory_equal(out.data, m, 7);
	assert_int_equal(reasm_next(&r, &out), 1);
	assert_int_equal(out.len, 4);
	assert_int_equal(out.data[0], 14);
	assert_int_equal(reasm_next(&r, &out), 0);
	assert_int_equal(reasm_pending(&r), 0);
	/* A length no message may have. */
	const uint8_t huge[] = { 11, 0xff, 0xff, 0xff };
	reasm_feed(&r, huge, sizeof(huge));
	assert_int_equal(reasm_next(&r, &out), -1);
	buf_free(&out);
	reasm_free(&r);
}

static void decode_length_mismatch(void **state)
{
	(void)state;
	const uint8_t shd_bad[] = { 14, 0, 0, 1, 0 }; /* ServerHelloDone must be empty */
	const uint8_t shd_short[] = { 14, 0, 0, 2 };
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0x0303, KX_ECDHE, true };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, shd_bad, sizeof(shd_bad), &f, NULL, &e), -1);
	assert_int_equal(e.alert, ALERT_DECODE_ERROR);
	assert_int_equal(e.offset, 4);
	fields_free(&f);
	assert_int_equal(decode_handshake(&ctx, shd_short, sizeof(shd_short), &f, NULL, &e), -1);
	assert_int_equal(e.alert, ALERT_DECODE_ERROR);
	assert_int_equal(e.offset, 1);
	fields_free(&f);
}

static void decode_truncated_client_hello(void **state)
{
	(void)state;
	/* A ClientHello whose session_id claims 32 bytes but ends after 3. */
	uint8_t ch[4 + 2 + 32 + 1 + 3];
	memset(ch, 0, sizeof(ch));
	ch[0] = 1;
	ch[3] = (uint8_t)(sizeof(ch) - 4);
	ch[4] = 3, ch[5] = 3;
	ch[38] = 32;
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, false };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, ch, sizeof(ch), &f, NULL, &e), -1);
	assert_int_equal(e.alert, ALERT_DECODE_ERROR);
	assert_int_equal(e.offset, 38);
	/* What was decoded before the error stays: the version and the random. */
	assert_int_not_equal(fields_find(&f, FIELD_NONE, "legacy_version", false), FIELD_NONE);
	int r = fields_find(&f, FIELD_NONE, "random", false);
	assert_int_not_equal(r, FIELD_NONE);
	assert_int_equal(f.v[r].offset, 6);
	assert_int_equal(f.v[r].length, 32);
	fields_free(&f);
}

static void decode_alert_and_ccs(void **state)
{
	(void)state;
	const uint8_t a[] = { 2, 40 };
	const uint8_t ccs[] = { 1 };
	struct fields f;
	struct wire_error e;
	fields_init(&f);
	assert_int_equal(decode_alert(a, 2, &f, &e), 0);
	int d = fields_find(&f, FIELD_NONE, "description", false);
	assert_string_equal(f.v[d].value, "handshake_failure (40)");
	assert_int_equal(decode_alert(a, 1, &f, &e), -1);
	fields_free(&f);
	assert_int_equal(decode_ccs(ccs, 1, &f, &e), 0);
	assert_int_equal(decode_ccs(a, 2, &f, &e), -1);
	fields_free(&f);
}

/* RFC 8701 GREASE values named as such wherever a client may put them; a code no table
 * knows named "unknown (0x....)", never guessed. */
static void grease_and_unknown_named(void **state)
{
	(void)state;
	static const uint8_t exts[] = {
		0x1a, 0x1a, 0x00, 0x00,                                     /* a GREASE extension, empty */
		0x30, 0x39, 0x00, 0x01, 0x00,                               /* 12345: no such extension */
		0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x2a, 0x2a, 0x12, 0x34, /* supported_groups: GREASE, unknown */
		0x00, 0x33, 0x00, 0x07, 0x00, 0x05, 0x3a, 0x3a, 0x00, 0x01, 0x00, /* key_share: a GREASE share */
		0x00, 0x2d, 0x00, 0x03, 0x02, 0x0b, 0x01,                   /* psk_key_exchange_modes: GREASE, psk_dhe_ke */
		0x00, 0x10, 0x00, 0x05, 0x00, 0x03, 0x02, 0x4a, 0x4a,       /* ALPN: a GREASE name */
		0x00, 0x2b, 0x00, 0x05, 0x04, 0x5a, 0x5a, 0x03, 0x04,       /* supported_versions: GREASE, TLS 1.3 */
	};
	uint8_t ch[4 + 2 + 32 + 1 + 2 + 6 + 2 + 2 + sizeof(exts)];
	size_t n = 0;
	memset(ch, 0, sizeof(ch));
	ch[n++] = 1;
	n += 3;
	ch[n++] = 3, ch[n++] = 3;
	n += 32; /* random */
	ch[n++] = 0; /* session_id */
	const uint8_t suites[] = { 0x00, 0x06, 0x0a, 0x0a, 0x12, 0x34, 0x13, 0x01, 0x01, 0x00 };
	memcpy(ch + n, suites, sizeof(suites));
	n += sizeof(suites);
	ch[n++] = (uint8_t)(sizeof(exts) >> 8), ch[n++] = (uint8_t)sizeof(exts);
	memcpy(ch + n, exts, sizeof(exts));
	n += sizeof(exts);
	ch[3] = (uint8_t)(n - 4);
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, false };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, ch, n, &f, NULL, &e), 0);
	static const char *const want[][2] = {
		{ "cipher_suite", "GREASE (0x0a0a)" },     { "cipher_suite", "unknown (0x1234)" },
		{ "GREASE", NULL },                        { "unknown (0x3039)", NULL },
		{ "named_group", "GREASE (0x2a2a)" },      { "named_group", "unknown (0x1234)" },
		{ "key_share_entry", "GREASE (0x3a3a)" },  { "ke_mode", "GREASE (11)" },
		{ "protocol_name", "JJ" },                 { "version", "GREASE (0x5a5a)" },
	};
	size_t k = 0;
	for (size_t i = 0; i < f.n && k < sizeof(want) / sizeof(want[0]); i++) {
		if (strcmp(f.v[i].name, want[k][0]) || (want[k][1] && strcmp(f.v[i].value, want[k][1])))
			continue;
		/* The unknown codes keep their ordinary words; every GREASE value says what GREASE is. */
		assert_true((strstr(f.v[i].explain, "RFC 8701") != NULL) == (strstr(want[k][0], "unknown") == NULL &&
		                                                           (!want[k][1] || !strstr(want[k][1], "unknown"))));
		k++;
	}
	assert_int_equal(k, sizeof(want) / sizeof(want[0]));
	fields_free(&f);
}

/* Wire text is shown escaped and whole: a NUL or an escape byte cannot end or hide it. */
static void text_fields_escaped(void **state)
{
	(void)state;
	struct fields f;
	fields_init(&f);
	const uint8_t host[] = { 'a', 0, 'b', 0x1b, '\\', '\r', '\n', 0xc3 };
	int h = fields_add_text(&f, FIELD_NONE, "host_name", 0, sizeof(host), "", host, sizeof(host), 0);
	assert_string_equal(f.v[h].value, "a\\x00b\\x1b\\x5c\\r\\n\\xc3");
	uint8_t long_text[300];
	memset(long_text, 'x', sizeof(long_text));
	int c = fields_add_text(&f, FIELD_NONE, "as_text", 0, 300, "", long_text, sizeof(long_text), 200);
	assert_true(strlen(f.v[c].value) <= 200);
	assert_string_equal(f.v[c].value + strlen(f.v[c].value) - 3, "...");
	int w = fields_add_text(&f, FIELD_NONE, "whole", 0, 10, "", long_text, 10, 200);
	assert_string_equal(f.v[w].value, "xxxxxxxxxx");
	/* Top-level fields are chained in order. */
	assert_int_equal(fields_first(&f, FIELD_NONE), h);
	assert_int_equal(f.v[h].next_sibling, c);
	assert_int_equal(f.v[c].next_sibling, w);
	assert_int_equal(f.v[w].next_sibling, FIELD_NONE);
	fields_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(record_framing),
		cmocka_unit_test(reasm_split_and_coalesced),
		cmocka_unit_test(decode_length_mismatch),
		cmocka_unit_test(decode_truncated_client_hello),
		cmocka_unit_test(decode_alert_and_ccs),
		cmocka_unit_test(text_fields_escaped),
		cmocka_unit_test(grease_and_unknown_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
