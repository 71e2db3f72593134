/*
 * export/escape, and what the writers make of hostile text: control characters
 * never reach a transcript or handout raw, bytes that are not UTF-8 never cost the
 * JSON a key, and a seed of 2^63 or more is written so that it replays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "config.h"
#include "export/escape.h"
#include "export/json.h"
#include "export/markdown.h"
#include "export/transcript.h"
#include "model/timeline.h"

/* escape_write of a string, as a string (owned: free). */
static char *escaped(const char *in, size_t n)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	assert_int_equal(escape_write(f, in, n), 0);
	fclose(f);
	return text;
}

static void check_escaped(const char *in, const char *want)
{
	char *got = escaped(in, strlen(in));
	assert_string_equal(got, want);
	free(got);
}

static void terminal_text(void **state)
{
	(void)state;
	check_escaped("plain text\nnext line", "plain text\nnext line");
	check_escaped("a\x1b[31mred", "a\\x1b[31mred");             /* ESC: a control sequence */
	check_escaped("a\rb\tc\x7f", "a\\rb\\x09c\\x7f");            /* CR as appdata's \r; tab, DEL */
	check_escaped("x\xc2\x9b" "2Jy", "x\\xc2\\x9b2Jy");          /* U+009B, the 8-bit CSI */
	check_escaped("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x94\x91", "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x94\x91"); /* UTF-8 */
	check_escaped("\xff\xfe", "\\xff\\xfe");                     /* not UTF-8 */
	check_escaped("\xc0\xaf", "\\xc0\\xaf");                     /* an overlong '/' */
	check_escaped("\xed\xa0\x80", "\\xed\\xa0\\x80");            /* a UTF-16 surrogate */
	check_escaped("end\xe2\x86", "end\\xe2\\x86");               /* cut short */
	check_escaped("back\\slash", "back\\slash");                 /* left as it is */
	/* A NUL inside the bytes is escaped too (escape_write takes a length). */
	char *got = escaped("a\0b", 3);
	assert_string_equal(got, "a\\x00b");
	free(got);
}

static void utf8_for_json(void **state)
{
	(void)state;
	assert_true(escape_utf8_valid(""));
	assert_true(escape_utf8_valid("a\x1b\xe2\x86\x92"));
	assert_false(escape_utf8_valid("a\xff"));
	assert_false(escape_utf8_valid("\xf4\x90\x80\x80")); /* above U+10FFFF */
	char *s = escape_utf8("www.e\xff" "ample.com \xe2\x86\x92 \x1b");
	assert_string_equal(s, "www.e\\xffample.com \xe2\x86\x92 \x1b"); /* controls stay: JSON escapes them */
	free(s);
}

static struct scenario sc;
static struct timeline tl;

static int setup(void **state)
{
	(void)state;
	char err[256];
	scenario_init(&sc);
	scenario_default(&sc);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	if (timeline_run(&sc, &o, &tl, err, sizeof(err))) {
		fprintf(stderr, "timeline_run: %s\n", err);
		return -1;
	}
	/* What a hostile file or a fault can put in the run's text: a title, a host name on the wire. */
	free(sc.title);
	sc.title = strdup("Red \x1b[31m title \xff\xfe");
	for (size_t i = 0; i < tl.steps[0].fields.n; i++)
		if (!strcmp(tl.steps[0].fields.v[i].name, "host_name")) {
			free(tl.steps[0].fields.v[i].value);
			tl.steps[0].fields.v[i].value = strdup("www.e\xff\x1b" "ample.com");
		}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	timeline_free(&tl);
	scenario_free(&sc);
	return 0;
}

static char *written(int what)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	struct transcript_options to = { true, false, false };
	assert_int_equal(what == 0 ? transcript_write(f, &tl, &to) : what == 1 ? markdown_write(f, &tl) : json_write(f, &tl), 0);
	fclose(f);
	return text;
}

static void writers_escape(void **state)
{
	(void)state;
	for (int what = 0; what < 2; what++) {
		char *t = written(what);
		assert_null(strchr(t, '\x1b'));
		assert_null(strchr(t, '\xff'));
		assert_non_null(strstr(t, "Red \\x1b[31m title \\xff\\xfe"));
		if (what == 0) /* --fields all: the host name is shown, escaped */
			assert_non_null(strstr(t, "www.e\\xff\\x1bample.com"));
		free(t);
	}
}

static json_t *host_name(json_t *fields)
{
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		if (!strcmp(json_string_value(json_object_get(f, "name")), "host_name"))
			return f;
		json_t *in = host_name(json_object_get(f, "children"));
		if (in)
			return in;
	}
	return NULL;
}

static void json_keeps_every_key(void **state)
{
	(void)state;
	tl.seed = 5;
	char *t = written(2);
	json_error_t e;
	json_t *j = json_loads(t, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Red \x1b[31m title \\xff\\xfe");
	json_t *st = json_array_get(json_object_get(j, "steps"), 0);
	json_t *h = host_name(json_object_get(st, "fields"));
	assert_non_null(h);
	assert_string_equal(json_string_value(json_object_get(h, "value")), "www.e\\xff\x1b" "ample.com");
	assert_true(json_is_integer(json_object_get(j, "seed")));
	assert_int_equal(json_integer_value(json_object_get(j, "seed")), 5);
	assert_string_equal(json_string_value(json_object_get(j, "seed_text")), "5");
	json_decref(j);
	free(t);
}

static void json_big_seed(void **state)
{
	(void)state;
	static const struct {
		uint64_t seed;
		const char *text;
		bool number;
	} cases[] = {
		{ (uint64_t)INT64_MAX, "9223372036854775807", true },
		{ (uint64_t)INT64_MAX + 1, "9223372036854775808", false },
		{ UINT64_MAX, "18446744073709551615", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tl.seed = cases[i].seed;
		char *t = written(2);
		json_error_t e;
		json_t *j = json_loads(t, 0, &e);
		assert_non_null(j);
		json_t *seed = json_object_get(j, "seed");
		assert_string_equal(json_string_value(json_object_get(j, "seed_text")), cases[i].text);
		assert_true(cases[i].number ? json_is_integer(seed) : json_is_string(seed));
		if (cases[i].number)
			assert_true((uint64_t)json_integer_value(seed) == cases[i].seed);
		else
			assert_string_equal(json_string_value(seed), cases[i].text);
		assert_null(strstr(t, "\"seed\": -")); /* never negative */
		json_decref(j);
		free(t);
	}
	tl.seed = 1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terminal_text),
		cmocka_unit_test(utf8_for_json),
		cmocka_unit_test_setup_teardown(writers_escape, setup, teardown),
		cmocka_unit_test_setup_teardown(json_keeps_every_key, setup, teardown),
		cmocka_unit_test_setup_teardown(json_big_seed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
