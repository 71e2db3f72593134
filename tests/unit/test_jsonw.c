/*
 * export/jsonw and escape_json: the streamed JSON is what jansson would have
 * written from a tree of the same values (JSON_INDENT(2) | JSON_PRESERVE_ORDER,
 * the flags json.c used when it built one), so --json's bytes did not change
 * when the tree went. jansson is the oracle here.
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
#include "export/jsonw.h"
#include "model/timeline.h"

static const size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;

/* jansson's text for a value it takes over (decref'd here); owned: free. */
static char *jansson_text(json_t *v, size_t f)
{
	char *s = json_dumps(v, f | JSON_ENCODE_ANY);
	json_decref(v);
	assert_non_null(s);
	return s;
}

static void strings_as_jansson_escapes_them(void **state)
{
	(void)state;
	/* Every ASCII byte alone, then between other text, then words with UTF-8 and every escape at once. */
	char one[8];
	for (int c = 1; c < 0x80; c++) {
		for (int where = 0; where < 2; where++) {
			snprintf(one, sizeof(one), where ? "a%cb" : "%c", c);
			struct buf b = { 0 };
			escape_json(&b, one, strlen(one));
			char *want = jansson_text(json_string(one), 0);
			assert_int_equal(b.len, strlen(want));
			assert_memory_equal(b.data, want, b.len);
			free(want);
			buf_free(&b);
		}
	}
	/* Each byte at each place of a longer text: the 8-bytes-at-a-time path and its edges. */
	char longer[20];
	for (int c = 1; c < 0x80; c++)
		for (size_t at = 0; at + 1 < sizeof(longer); at++) {
			memset(longer, 'x', sizeof(longer) - 1);
			longer[sizeof(longer) - 1] = '\0';
			longer[at] = (char)c;
			struct buf b = { 0 };
			escape_json(&b, longer, strlen(longer));
			char *want = jansson_text(json_string(longer), 0);
			assert_int_equal(b.len, strlen(want));
			assert_memory_equal(b.data, want, b.len);
			free(want);
			buf_free(&b);
		}
	/* Validity is decided at every place too, ASCII words skipped 8 at a time. */
	for (size_t at = 0; at + 1 < sizeof(longer); at++) {
		memset(longer, 'x', sizeof(longer) - 1);
		longer[at] = (char)0xff;
		assert_false(escape_utf8_valid(longer));
		longer[at] = 'x';
		assert_true(escape_utf8_valid(longer));
	}
	static const char *const texts[] = {
		"", "plain", "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x94\x91 \x7f",
		"tab\there \"quoted\" back\\slash / \x1b[31m\x01\x1f\r\n\b\f end",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct buf b = { 0 };
		escape_json(&b, texts[i], strlen(texts[i]));
		char *want = jansson_text(json_string(texts[i]), 0);
		assert_int_equal(b.len, strlen(want));
		assert_memory_equal(b.data, want, b.len);
		free(want);
		buf_free(&b);
	}
}

/* What the writer gave for the calls in `write`, as a string (owned: free). */
static char *streamed(void (*write)(struct jsonw *))
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	struct jsonw w;
	jsonw_init(&w, f);
	write(&w);
	assert_int_equal(jsonw_finish(&w), 0);
	fclose(f);
	return text;
}

static const uint8_t bytes[] = { 0x00, 0x0f, 0xa5, 0xff };

/* Every kind of value, empty and nested containers, keys that need escapes. */
static void document(struct jsonw *w)
{
	jsonw_object(w, NULL);
	jsonw_string(w, "tool", "tlsstep");
	jsonw_int(w, "zero", 0);
	jsonw_int(w, "min", INT64_MIN);
	jsonw_int(w, "max", INT64_MAX);
	jsonw_bool(w, "yes", true);
	jsonw_bool(w, "no", false);
	jsonw_null(w, "nothing");
	jsonw_string(w, "null string", NULL);
	jsonw_string(w, "k\"ey\n", "v\\al");
	jsonw_object(w, "empty object");
	jsonw_object_end(w);
	jsonw_array(w, "empty array");
	jsonw_array_end(w);
	jsonw_hex(w, "hex", bytes, sizeof(bytes), '\0');
	jsonw_hex(w, "spaced", bytes, sizeof(bytes), ' ');
	jsonw_hex(w, "no bytes", bytes, 0, ' ');
	jsonw_array(w, "list");
	jsonw_int(w, NULL, 1);
	jsonw_object(w, NULL);
	jsonw_array(w, "children");
	jsonw_object(w, NULL);
	jsonw_array(w, "children");
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_object_end(w);
	jsonw_array(w, NULL);
	jsonw_string(w, NULL, "deep");
	jsonw_array_end(w);
	jsonw_array_end(w);
	jsonw_object_end(w);
}

static json_t *document_tree(void)
{
	json_t *o = json_object(), *list = json_array(), *inner = json_object(), *leaf = json_object();
	json_object_set_new(o, "tool", json_string("tlsstep"));
	json_object_set_new(o, "zero", json_integer(0));
	json_object_set_new(o, "min", json_integer(INT64_MIN));
	json_object_set_new(o, "max", json_integer(INT64_MAX));
	json_object_set_new(o, "yes", json_true());
	json_object_set_new(o, "no", json_false());
	json_object_set_new(o, "nothing", json_null());
	json_object_set_new(o, "null string", json_null());
	json_object_set_new(o, "k\"ey\n", json_string("v\\al"));
	json_object_set_new(o, "empty object", json_object());
	json_object_set_new(o, "empty array", json_array());
	json_object_set_new(o, "hex", json_string("000fa5ff"));
	json_object_set_new(o, "spaced", json_string("00 0f a5 ff"));
	json_object_set_new(o, "no bytes", json_string(""));
	json_array_append_new(list, json_integer(1));
	json_object_set_new(leaf, "children", json_array());
	json_t *children = json_array();
	json_array_append_new(children, leaf);
	json_object_set_new(inner, "children", children);
	json_array_append_new(list, inner);
	json_t *deep = json_array();
	json_array_append_new(deep, json_string("deep"));
	json_array_append_new(list, deep);
	json_object_set_new(o, "list", list);
	return o;
}

static void layout_as_jansson_indents(void **state)
{
	(void)state;
	char *got = streamed(document);
	char *want = jansson_text(document_tree(), flags);
	size_t n = strlen(want);
	assert_int_equal(strlen(got), n + 1); /* json.c's newline at the end */
	assert_memory_equal(got, want, n);
	assert_int_equal(got[n], '\n');
	free(got);
	free(want);
}

/* A hex value longer than the writer's piece: the pieces join with one separator. */
static void long_hex(void **state)
{
	(void)state;
	size_t n = JSONW_PIECE + 7;
	uint8_t *p = malloc(n);
	assert_non_null(p);
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 37);
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	struct jsonw w;
	jsonw_init(&w, f);
	jsonw_hex(&w, NULL, p, n, ' ');
	assert_int_equal(jsonw_finish(&w), 0);
	fclose(f);
	assert_int_equal(size, 3 * n - 1 + 2 + 1);
	for (size_t i = 0; i < n; i++) {
		char want[4];
		snprintf(want, sizeof(want), i + 1 < n ? "%02x " : "%02x\"", p[i]);
		assert_memory_equal(text + 1 + 3 * i, want, 3);
	}
	free(text);
	free(p);
}

/* A whole run: jansson reads the JSON and, dumping it again, gives the same bytes. */
static void run_round_trips(void **state)
{
	(void)state;
	struct scenario sc;
	struct timeline tl;
	char err[256];
	scenario_init(&sc);
	scenario_default(&sc);
	struct run_options o = { TLSSTEP_ASSETS_DIR, 1 };
	assert_int_equal(timeline_run(&sc, &o, &tl, err, sizeof(err)), 0);
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_int_equal(json_write(f, &tl), 0);
	fclose(f);
	json_error_t e;
	json_t *root = json_loads(text, 0, &e);
	assert_non_null(root);
	char *again = jansson_text(root, flags);
	assert_int_equal(strlen(again) + 1, size);
	assert_memory_equal(again, text, size - 1);
	free(again);
	free(text);
	timeline_free(&tl);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_as_jansson_escapes_them),
		cmocka_unit_test(layout_as_jansson_indents),
		cmocka_unit_test(long_hex),
		cmocka_unit_test(run_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
