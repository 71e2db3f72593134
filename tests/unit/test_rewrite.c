/*
 * The rewrite fault (wire/rewrite.c, lesson/values.c value_rewrite): a field set by
 * name with every length around it fixed (the field's own vector, the extension, the
 * extensions block, the handshake header, the record), what follows kept byte for
 * byte; an unknown field refused naming the fields that exist, with file:line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/scenario_file.h"
#include "lesson/values.h"
#include "wire/decode.h"
#include "wire/fields.h"
#include "wire/rewrite.h"

/*
 * A ClientHello in its record, built by hand so every length is known: three suites,
 * then supported_versions (1.3, 1.2), supported_groups (x25519) and a server_name
 * after them, so a rewrite must move bytes that follow it.
 */
static const uint8_t hello_body[] = {
	0x03, 0x03,                                                                   /* legacy_version */
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
	30, 31, 32,                                                                   /* random */
	0,                                                                            /* session_id */
	0x00, 0x06, 0x13, 0x01, 0xc0, 0x2f, 0x00, 0x2f,                               /* cipher_suites */
	0x01, 0x00,                                                                   /* compression_methods */
	0x00, 0x1f,                                                                   /* extensions: 31 bytes */
	0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03,                         /* supported_versions */
	0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x1d,                               /* supported_groups */
	0x00, 0x00, 0x00, 0x0a, 0x00, 0x08, 0x00, 0x00, 0x05, 'a', '.', 'o', 'r', 'g', /* server_name */
};

static size_t u(const uint8_t *p, int w)
{
	size_t v = 0;
	for (int i = 0; i < w; i++)
		v = v << 8 | p[i];
	return v;
}

static void hello_record(struct buf *rec)
{
	size_t n = sizeof(hello_body);
	uint8_t head[9] = { 22, 3, 1, (uint8_t)((n + 4) >> 8), (uint8_t)(n + 4), 1, 0, (uint8_t)(n >> 8), (uint8_t)n };
	buf_init(rec);
	buf_append(rec, head, sizeof(head));
	buf_append(rec, hello_body, n);
}

/* The record decodes again, whole: every length agrees with what it covers. */
static void decodes_whole(const struct buf *rec, struct fields *fl)
{
	struct wire_error err = { 0 };
	struct decode_ctx ctx = { 0 };
	assert_int_equal(u(rec->data + 3, 2), rec->len - 5);
	assert_int_equal(u(rec->data + 6, 3), rec->len - 9);
	fields_init(fl);
	if (decode_handshake(&ctx, rec->data + 5, rec->len - 5, fl, NULL, &err))
		fail_msg("the rewritten ClientHello does not decode: %s (offset %zu)", err.text, err.offset);
}

static const struct rewrite_field *field(const char *message, const char *name)
{
	char fields[200];
	const struct rewrite_field *f = rewrite_field_find(message, name, fields, sizeof(fields));
	assert_non_null(f);
	return f;
}

static void cipher_suites_lengths_fixed(void **state)
{
	(void)state;
	struct buf rec;
	hello_record(&rec);
	size_t was = rec.len;
	uint16_t weak = 0x002f;
	char done[300];
	assert_int_equal(rewrite_apply(&rec, false, field("ClientHello", "cipher_suites"), &weak, 1, done, sizeof(done)), 0);
	assert_int_equal(rec.len, was - 4);
	assert_string_equal(done, "cipher_suites 8 -> 4 bytes; lengths fixed: handshake 78 -> 74, record 82 -> 78");
	struct fields fl;
	decodes_whole(&rec, &fl);
	int g = fields_find(&fl, FIELD_NONE, "cipher_suites", false);
	assert_int_equal(fl.v[g].length, 4);
	assert_int_equal(u(rec.data + 5 + fl.v[g].offset, 2), 2); /* the vector's own length */
	assert_string_equal(fl.v[fields_first(&fl, g)].value, "TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)");
	/* Everything after the field is what it was, moved. */
	assert_memory_equal(rec.data + rec.len - 35, hello_body + sizeof(hello_body) - 35, 35);
	fields_free(&fl);
	buf_free(&rec);
}

static void extension_lengths_fixed(void **state)
{
	(void)state;
	struct buf rec;
	hello_record(&rec);
	uint16_t v12 = 0x0303;
	char done[300];
	assert_int_equal(rewrite_apply(&rec, false, field("ClientHello", "supported_versions"), &v12, 1, done,
	                               sizeof(done)), 0);
	assert_string_equal(done, "supported_versions 9 -> 7 bytes; lengths fixed: extensions 31 -> 29, handshake 78 -> "
	                          "76, record 82 -> 80");
	struct fields fl;
	decodes_whole(&rec, &fl);
	int exts = fields_find(&fl, FIELD_NONE, "extensions", false);
	assert_int_equal(u(rec.data + 5 + fl.v[exts].offset, 2), 29);
	int sv = fields_find(&fl, exts, "supported_versions", false);
	size_t at = 5 + fl.v[sv].offset;
	assert_int_equal(u(rec.data + at + 2, 2), 3);  /* the extension's length */
	assert_int_equal(rec.data[at + 4], 2);         /* its versions<2..254> length */
	int only = fields_first(&fl, sv);
	assert_string_equal(fl.v[only].value, "TLS 1.2 (0x0303)");
	assert_int_equal(fl.v[only].next_sibling, FIELD_NONE);
	/* The extensions after it are still there, decoded as before. */
	assert_int_not_equal(fields_find(&fl, exts, "supported_groups", false), FIELD_NONE);
	int sni = fields_find(&fl, exts, "server_name", false);
	assert_int_not_equal(sni, FIELD_NONE);
	assert_int_not_equal(fields_find(&fl, sni, "host_name", false), FIELD_NONE);

	/* A longer list grows every length the same way. */
	uint16_t groups[] = { 0x001d, 0x0017, 0x0018 };
	assert_int_equal(rewrite_apply(&rec, false, field("ClientHello", "supported_groups"), groups, 3, done,
	                               sizeof(done)), 0);
	assert_string_equal(done, "supported_groups 8 -> 12 bytes; lengths fixed: extensions 29 -> 33, handshake 76 -> "
	                          "80, record 80 -> 84");
	fields_free(&fl);
	decodes_whole(&rec, &fl);
	fields_free(&fl);
	buf_free(&rec);
}

static void what_cannot_be_rewritten_is_said(void **state)
{
	(void)state;
	struct buf rec;
	hello_record(&rec);
	struct buf before;
	buf_init(&before);
	buf_set(&before, rec.data, rec.len);
	uint16_t code = 0x0403;
	char done[300];
	assert_int_equal(rewrite_apply(&rec, false, field("ClientHello", "signature_algorithms"), &code, 1, done,
	                               sizeof(done)), -1);
	assert_string_equal(done, "the ClientHello has no signature_algorithms extension");
	assert_int_equal(rec.len, before.len);
	assert_memory_equal(rec.data, before.data, rec.len);
	/* A record that holds only the start of the message is left alone. */
	rec.len = 40;
	rec.data[3] = 0, rec.data[4] = 35;
	assert_int_equal(rewrite_apply(&rec, false, field("ClientHello", "cipher_suites"), &code, 1, done, sizeof(done)),
	                 -1);
	assert_string_equal(done, "the record holds only the start of the message");
	buf_free(&before);
	buf_free(&rec);
}

static void parsed_by_name(void **state)
{
	(void)state;
	struct fault f;
	char why[400];
	assert_int_equal(value_rewrite("client ClientHello cipher_suites TLS_RSA_WITH_AES_128_CBC_SHA, "
	                               "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256", 7, &f, why, sizeof(why)), 0);
	assert_true(f.action == FAULT_REWRITE && f.from == SIDE_CLIENT && !strcmp(f.message, "ClientHello"));
	assert_string_equal(f.field, "cipher_suites");
	assert_int_equal(f.ncodes, 2);
	assert_true(f.codes[0] == 0x002f && f.codes[1] == 0xc02f && f.line == 7);
	assert_int_equal(value_rewrite("client ClientHello supported_versions TLS1.2", 1, &f, why, sizeof(why)), 0);
	assert_true(f.ncodes == 1 && f.codes[0] == 0x0303);
	assert_int_equal(value_rewrite("server ServerHello cipher_suite TLS_RSA_WITH_AES_128_CBC_SHA", 1, &f, why,
	                               sizeof(why)), 0);

	assert_int_equal(value_rewrite("client ClientHello ciphersuites TLS_RSA_WITH_AES_128_CBC_SHA", 1, &f, why,
	                               sizeof(why)), -1);
	assert_string_equal(why, "rewrite: ClientHello has no field 'ciphersuites' a rewrite can set; the fields that "
	                         "exist are cipher_suites, supported_versions, supported_groups, signature_algorithms");
	assert_int_equal(value_rewrite("server Certificate certificate_list x", 1, &f, why, sizeof(why)), -1);
	assert_string_equal(why, "rewrite: no field of Certificate can be rewritten; expected ClientHello (cipher_suites, "
	                         "supported_versions, supported_groups, signature_algorithms), ServerHello (cipher_suite)");
	static const char *const bad[] = { "client ClientHello cipher_suites", "client ClientHello cipher_suites default",
		                               "client ClientHello supported_versions TLS1.4",
		                               "server ServerHello cipher_suite TLS_RSA_WITH_AES_128_CBC_SHA, "
		                               "TLS_RSA_WITH_AES_128_GCM_SHA256",
		                               "middle ClientHello cipher_suites TLS_RSA_WITH_AES_128_CBC_SHA",
		                               "client ClientHelo cipher_suites TLS_RSA_WITH_AES_128_CBC_SHA" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (value_rewrite(bad[i], 1, &f, why, sizeof(why)) == 0)
			fail_msg("rewrite '%s' was accepted", bad[i]);
}

static void unknown_field_says_file_and_line(void **state)
{
	(void)state;
	static const char text[] = "[scenario]\ntitle = t\n[server]\ncert = server-rsa.crt\nkey = server-rsa.key\n"
	                           "[faults]\nrewrite = client ClientHello versions TLS1.2\n";
	struct scenario sc;
	char err[512];
	scenario_init(&sc);
	assert_int_equal(scenario_file_parse("w.scenario", text, &sc, err, sizeof(err)), -1);
	assert_string_equal(err, "w.scenario:7: rewrite: ClientHello has no field 'versions' a rewrite can set; the "
	                         "fields that exist are cipher_suites, supported_versions, supported_groups, "
	                         "signature_algorithms");
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cipher_suites_lengths_fixed),
		cmocka_unit_test(extension_lengths_fixed),
		cmocka_unit_test(what_cannot_be_rewritten_is_said),
		cmocka_unit_test(parsed_by_name),
		cmocka_unit_test(unknown_field_says_file_and_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
