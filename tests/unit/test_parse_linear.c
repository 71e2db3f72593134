/*
 * Parsing stays linear in the file's size (issue 15): a scenario with 1 MB of
 * application data each way, given as continuation lines, is parsed while every
 * malloc, calloc and realloc of the parser is counted (the link wraps them:
 * tests/unit/meson.build). Each line copied once and the value's buffer doubling
 * ask for a few times the file's size in all; a parser that copied the whole value
 * again for each of its 5,800 lines (as it did before 7e7a470) asks for gigabytes.
 * Counted, not timed: the figure is the same on any machine and under any load.
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

static size_t calls, bytes;
static int counting;

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);

void *__wrap_malloc(size_t n)
{
	if (counting)
		calls++, bytes += n;
	return __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
	if (counting)
		calls++, bytes += k * n;
	return __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
	if (counting)
		calls++, bytes += n;
	return __real_realloc(p, n);
}

enum { DATA = 1 << 20, LINE = 180 };

/* `key = ` and DATA bytes of data in lines of LINE characters, the first on the key's line. */
static size_t put_data(char *text, const char *key, char letter)
{
	size_t n = (size_t)sprintf(text, "%s = ", key);
	for (size_t done = 0; done < DATA; done += LINE) {
		if (done)
			n += (size_t)sprintf(text + n, "  ");
		size_t k = DATA - done < LINE ? DATA - done : LINE;
		memset(text + n, letter, k);
		n += k;
		text[n++] = '\n';
	}
	return n;
}

static void data_scenario_parses_in_linear_space(void **state)
{
	(void)state;
	size_t cap = 3 * DATA + 4096, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)sprintf(text + n, "[scenario]\ntitle = a title\n  continued\n");
	n += put_data(text + n, "client_data", 'c');
	n += put_data(text + n, "server_data", 's');
	n += (size_t)sprintf(text + n, "[server]\ncert = s.crt\nkey = s.key\n");
	assert_true(n < cap);
	text[n] = '\0';

	struct scenario sc;
	char err[256] = "";
	scenario_init(&sc);
	calls = bytes = 0;
	counting = 1;
	int rc = scenario_file_parse("data.scenario", text, &sc, err, sizeof(err));
	counting = 0;
	if (rc)
		fail_msg("%s", err);
	assert_int_equal(strlen(sc.client_data), DATA);
	assert_int_equal(strlen(sc.server_data), DATA);
	assert_string_equal(sc.title, "a title continued");
	size_t lines = 2 * (DATA / LINE + 1);
	printf("parsed %zu bytes in %zu lines: %zu allocations asking for %zu bytes (%.2f per byte of the file)\n", n,
	       lines, calls, bytes, (double)bytes / (double)n);
	assert_true(bytes <= 8 * n);
	assert_true(calls <= 8 * lines + 1000);
	scenario_free(&sc);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(data_scenario_parses_in_linear_space),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
