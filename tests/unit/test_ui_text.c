/* tests/unit/test_ui_text.c — ui/text.c: columns, fitting with an ellipsis, wrapping, chunks, dropping parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ui/text.h"

static void test_cols(void **state)
{
	(void)state;
	assert_int_equal(text_cols("abc"), 3);
	assert_int_equal(text_cols("a \u2192 b \u00b7 \u2713"), 9);
	assert_int_equal(text_bytes("\u2192xy", 2), strlen("\u2192x"));
	assert_int_equal(text_bytes("ab", 9), 2);
}

static void test_fit(void **state)
{
	(void)state;
	char out[128];
	assert_false(text_fit("short", 10, true, out, sizeof(out)));
	assert_string_equal(out, "short");
	/* cut at a word boundary in the last third, marked */
	assert_true(text_fit("Server authentication and key exchange", 26, true, out, sizeof(out)));
	assert_string_equal(out, "Server authentication and\u2026");
	assert_true(text_fit("Server authentication and key exchange", 24, true, out, sizeof(out)));
	assert_string_equal(out, "Server authentication\u2026");
	assert_true(text_cols(out) <= 26);
	/* no boundary near: cut mid-value, still marked */
	assert_true(text_fit("683c40c0eb507c0463887da1ad03ac41", 10, true, out, sizeof(out)));
	assert_string_equal(out, "683c40c0e\u2026");
	assert_true(text_fit("683c40c0eb507c0463887da1ad03ac41", 10, false, out, sizeof(out)));
	assert_string_equal(out, "683c40c...");
	assert_int_equal(text_cols(out), 10);
}

static void test_wrap(void **state)
{
	(void)state;
	struct text_line ln[8];
	int n = text_wrap("one two three four", 10, ln, 8);
	assert_int_equal(n, 2);
	assert_int_equal((int)ln[0].len, 7); /* "one two" */
	assert_memory_equal(ln[1].p, "three four", 10);
	/* paragraphs: "\n\n" leaves an empty line, a paragraph's own indent is kept */
	n = text_wrap("a\n\n  b", 20, ln, 8);
	assert_int_equal(n, 3);
	assert_int_equal((int)ln[1].len, 0);
	assert_memory_equal(ln[2].p, "  b", 3);
	/* a word longer than the width is split, nothing is lost */
	n = text_wrap("abcdefghij", 4, ln, 8);
	assert_int_equal(n, 3);
	assert_int_equal((int)(ln[0].len + ln[1].len + ln[2].len), 10);
	assert_int_equal(text_wrap("x y", 0, NULL, 0), 0);
}

static void test_chunks(void **state)
{
	(void)state;
	struct text_line ln[8];
	/* hex breaks on a byte boundary: an odd width is made even */
	int n = text_chunks("00112233445566", 5, ln, 8);
	assert_int_equal(n, 4);
	assert_int_equal((int)ln[0].len, 4);
	assert_int_equal((int)ln[3].len, 2);
	/* other text keeps the width */
	n = text_chunks("abcdefg", 5, ln, 8);
	assert_int_equal(n, 2);
	assert_int_equal((int)ln[0].len, 5);
}

static void test_join_fit(void **state)
{
	(void)state;
	const char *parts[] = { "tlsstep", "Lesson 1", "step 4/14", NULL, "TLS 1.2", "? help", "q quit" };
	const int prio[] = { 3, 2, 0, 1, 1, 0, 0 };
	char out[200];
	int c = text_join_fit(parts, prio, 7, " | ", 200, out, sizeof(out));
	assert_string_equal(out, "tlsstep | Lesson 1 | step 4/14 | TLS 1.2 | ? help | q quit");
	assert_int_equal(c, (int)strlen(out));
	/* the lowest priority goes first, the order of the rest stays */
	text_join_fit(parts, prio, 7, " | ", 48, out, sizeof(out));
	assert_string_equal(out, "Lesson 1 | step 4/14 | TLS 1.2 | ? help | q quit");
	/* parts of priority 0 stay even when nothing else does */
	text_join_fit(parts, prio, 7, " | ", 10, out, sizeof(out));
	assert_string_equal(out, "step 4/14 | ? help | q quit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cols),  cmocka_unit_test(test_fit),      cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_chunks), cmocka_unit_test(test_join_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
