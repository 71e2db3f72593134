/* util/words, and that no decoded value or model text of a bundled run says "1 bytes". */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "export/transcript.h"
#include "lesson/catalog.h"
#include "model/timeline.h"
#include "util/words.h"

static void test_bytes_word(void **state)
{
	(void)state;
	assert_string_equal(bytes_word(1), "byte");
	assert_string_equal(bytes_word(0), "bytes");
	assert_string_equal(bytes_word(2), "bytes");
	assert_string_equal(bytes_word(256), "bytes");
}

static void test_distance_and_days(void **state)
{
	(void)state;
	assert_int_equal(words_distance("tls12-rsa", "tls12-rsa"), 0);
	assert_int_equal(words_distance("tls12-ras", "tls12-rsa"), 2);
	assert_int_equal(words_distance("TLS13", "tls13"), 0); /* case does not count */
	assert_int_equal(words_distance("", "abc"), 3);
	char long_name[100];
	memset(long_name, 'a', 99);
	long_name[99] = '\0';
	assert_true(words_distance(long_name, "a") == SIZE_MAX);
	assert_int_equal(words_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(words_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(words_days_from_civil(2025, 6, 1) * 86400 + 12 * 3600, 1748779200); /* the scenarios' clock */
	assert_int_equal(words_days_from_civil(1969, 12, 31), -1);
}

/* "1 bytes" preceded by a non-digit (so "11 bytes" is fine). */
static bool says_one_bytes(const char *text)
{
	for (const char *p = strstr(text, "1 bytes"); p; p = strstr(p + 1, "1 bytes"))
		if (p == text || p[-1] < '0' || p[-1] > '9')
			return true;
	return false;
}

static void test_no_one_bytes(void **state)
{
	(void)state;
	char err[512];
	size_t n = 0;
	bool saw_one_byte = false;
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	assert_non_null(names);
	for (size_t i = 0; i < n; i++) {
		struct scenario sc;
		struct timeline tl;
		scenario_init(&sc);
		assert_int_equal(catalog_load(TLSSTEP_LESSONS_DIR, names[i], &sc, err, sizeof(err)), 0);
		struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
		assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
		char *text = NULL;
		size_t size = 0;
		FILE *f = open_memstream(&text, &size);
		struct transcript_options to = { 0 };
		to.all_fields = to.formulas = to.trace = true;
		assert_int_equal(transcript_write(f, &tl, &to), 0);
		fclose(f);
		if (says_one_bytes(text))
			fail_msg("%s: its transcript says \"1 bytes\"", names[i]);
		saw_one_byte |= strstr(text, " 1 byte\n") != NULL;
		free(text);
		timeline_free(&tl);
		scenario_free(&sc);
	}
	catalog_names_free(names, n);
	assert_true(saw_one_byte); /* renegotiation_info's one byte, at least */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes_word),
		cmocka_unit_test(test_distance_and_days),
		cmocka_unit_test(test_no_one_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
