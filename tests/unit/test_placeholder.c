/*
 * lesson/placeholder.c: the syntax of live values in narration, the literals
 * --check refuses, and the keys of a value checkpoint.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/placeholder.h"

static int parse(const char *s, struct placeholder *p, char *why)
{
	return placeholder_parse(s, strlen(s), p, why, 300);
}

static void forms(void **state)
{
	(void)state;
	struct placeholder p;
	char why[300];
	assert_int_equal(parse("server_random:8", &p, why), 0);
	assert_int_equal(p.kind, PLACEHOLDER_NAME);
	assert_string_equal(p.name, "server_random");
	assert_int_equal(p.cut, 8);
	assert_int_equal(parse("suite", &p, why), 0);
	assert_int_equal(p.cut, 0);
	assert_int_equal(parse("step 4 record.length", &p, why), 0);
	assert_int_equal(p.kind, PLACEHOLDER_STEP);
	assert_int_equal(p.step, 4);
	assert_string_equal(p.name, "record.length");
	assert_int_equal(parse("step 6 ecdh_Yc:8", &p, why), 0);
	assert_string_equal(p.name, "ecdh_Yc");
	assert_int_equal(p.cut, 8);
	assert_int_equal(parse("const 44 4F 57", &p, why), 0);
	assert_int_equal(p.kind, PLACEHOLDER_CONST);
	assert_int_equal(p.len, 8);
	assert_memory_equal(p.text, "44 4F 57", 8);
	/* Malformed: each says what was expected. */
	assert_int_equal(parse("server_random:0", &p, why), -1);
	assert_non_null(strstr(why, "from 1 to 512"));
	assert_int_equal(parse("server_random:08", &p, why), -1);
	assert_int_equal(parse("server_random:", &p, why), -1);
	assert_int_equal(parse("step 0 random", &p, why), -1);
	assert_int_equal(parse("step 65 random", &p, why), -1);
	assert_int_equal(parse("step x random", &p, why), -1);
	assert_int_equal(parse("step 4", &p, why), -1);
	assert_int_equal(parse("server random", &p, why), -1);
	assert_non_null(strstr(why, "' ' cannot be in a name"));
	assert_int_equal(parse("const", &p, why), -1);
}

/* Pieces: literal text, {{ and }} as one brace, placeholders' insides. */
static void pieces(void **state)
{
	(void)state;
	const char *pos = "a {{b}} {x:8}.";
	struct narration_piece pc;
	char why[300], out[64] = "";
	while (placeholder_next(&pos, &pc, why, sizeof(why)) > 0)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%.*s|", pc.placeholder ? "P:" : "", (int)pc.len, pc.s);
	assert_string_equal(out, "a |{|b|}| |P:x:8|.|");
	const char *bad[] = { "a {b", "a } b", "{}", "{a{b}}" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pos = bad[i];
		int rc;
		while ((rc = placeholder_next(&pos, &pc, why, sizeof(why))) > 0)
			;
		assert_int_equal(rc, -1);
	}
}

static const char *literal(const char *s, size_t *k)
{
	return placeholder_literal(s, strlen(s), k);
}

/* What counts as a run value written by hand, and what does not. */
static void literals(void **state)
{
	(void)state;
	size_t k;
	const char *s = "the premaster 03035d17... and more";
	assert_ptr_equal(literal(s, &k), s + 14);
	assert_int_equal(k, 8);
	s = "header 16 03 03 01 4f: handshake";
	assert_ptr_equal(literal(s, &k), s + 7);
	assert_int_equal(k, 14);
	assert_non_null(literal("nonce 0000000000000001", &k)); /* 16 digits: not a count */
	assert_non_null(literal("44 4F 57 4E 47 52 44 01", &k));
	/* Words and counts are not values. */
	assert_null(literal("2478 bytes, at 1748779200 seconds", &k));
	assert_null(literal("deadbeef and accede", &k));
	assert_null(literal("03 03 then 00 d0", &k)); /* fewer than 4 bytes */
	assert_null(literal("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 and x25519", &k));
	assert_null(literal("sha1234abcd", &k)); /* inside a word */
	assert_null(literal("0x009c and 7 suites", &k));
}

static void seen(void *arg, bool lit, const char *s, size_t len)
{
	char *out = arg;
	snprintf(out + strlen(out), 200 - strlen(out), "%s%.*s|", lit ? "L:" : "P:", (int)len, s);
}

static void scan_line(void **state)
{
	(void)state;
	char out[200] = "", why[300];
	assert_int_equal(placeholder_scan_line("{server_random:8} not 51dcfc44..., {const 51dcfc44}", seen, out, why,
	                                       sizeof(why)), 0);
	assert_string_equal(out, "P:server_random:8|L:51dcfc44|P:const 51dcfc44|");
	assert_int_equal(placeholder_scan_line("ok {step 0 x}", seen, out, why, sizeof(why)), -1);
}

static void checkpoint_keys(void **state)
{
	(void)state;
	char ref[160], why[300];
	assert_int_equal(placeholder_answer_from("step 6 field ecdh_Yc", ref, sizeof(ref), why, sizeof(why)), 0);
	assert_string_equal(ref, "step 6 ecdh_Yc");
	assert_int_equal(placeholder_answer_from("step 4 record.length", ref, sizeof(ref), why, sizeof(why)), 0);
	assert_string_equal(ref, "step 4 record.length");
	assert_int_equal(placeholder_answer_from("secret master_secret", ref, sizeof(ref), why, sizeof(why)), 0);
	assert_string_equal(ref, "master_secret");
	assert_int_equal(placeholder_answer_from("step 6 field ecdh_Yc:8", ref, sizeof(ref), why, sizeof(why)), -1);
	assert_int_equal(placeholder_answer_from("const 03 03", ref, sizeof(ref), why, sizeof(why)), -1);
	assert_int_equal(placeholder_answer_from("step 0 field x", ref, sizeof(ref), why, sizeof(why)), -1);
	int bytes;
	bool number;
	assert_int_equal(placeholder_ask_value("hex 4", &bytes, &number, why, sizeof(why)), 0);
	assert_int_equal(bytes, 4);
	assert_false(number);
	assert_int_equal(placeholder_ask_value("number", &bytes, &number, why, sizeof(why)), 0);
	assert_true(number);
	assert_int_equal(bytes, 0);
	const char *bad[] = { "hex", "hex 0", "hex 65", "hex 04", "hex 4 bytes", "numbers", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(placeholder_ask_value(bad[i], &bytes, &number, why, sizeof(why)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forms),
		cmocka_unit_test(pieces),
		cmocka_unit_test(literals),
		cmocka_unit_test(scan_line),
		cmocka_unit_test(checkpoint_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
