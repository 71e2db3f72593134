/* Unit tests for util/buf and util/hex. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/hex.h"

static void append_consume(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_append_byte(&b, (uint8_t)i);
	assert_int_equal(b.len, 1000);
	assert_true(b.cap >= 1000);
	buf_consume(&b, 998);
	assert_int_equal(b.len, 2);
	assert_int_equal(b.data[0], (uint8_t)998);
	assert_int_equal(b.data[1], (uint8_t)999);
	buf_consume(&b, 5);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	assert_null(b.data);
	buf_free(&b); /* safe twice */
}

static void set_and_view(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	buf_set(&b, "abc", 3);
	buf_set(&b, "xy", 2);
	struct view v = buf_view(&b);
	assert_int_equal(v.len, 2);
	assert_memory_equal(v.data, "xy", 2);
	buf_free(&b);
}

static void hex_roundtrip(void **state)
{
	(void)state;
	const uint8_t in[] = { 0x00, 0x0f, 0xa5, 0xff };
	char *s = hex_string(in, sizeof(in), '\0');
	assert_string_equal(s, "000fa5ff");
	free(s);
	s = hex_string(in, sizeof(in), ' ');
	assert_string_equal(s, "00 0f a5 ff");
	uint8_t out[8];
	assert_int_equal(hex_parse(s, out, sizeof(out)), 4);
	assert_memory_equal(out, in, 4);
	free(s);
	assert_int_equal(hex_parse("0g", out, sizeof(out)), -1);
	assert_int_equal(hex_parse("abc", out, sizeof(out)), -1);
	assert_int_equal(hex_parse("00 11 22", out, 2), -1);
	assert_int_equal(hex_parse("AA:bb", out, sizeof(out)), 2);
	assert_int_equal(out[0], 0xaa);
	s = hex_string(in, 0, ' ');
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(append_consume),
		cmocka_unit_test(set_and_view),
		cmocka_unit_test(hex_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
