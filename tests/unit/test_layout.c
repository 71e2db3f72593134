/* tests/unit/test_layout.c — ui/layout.c at every size a class uses: panes inside the screen, never
 * overlapping, the ladder 28-36 columns, the narration at most 100 columns, a secrets pane from 100x30. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/layout.h"

static int lines(void *ctx, int w)
{
	return *(int *)ctx * 100 / w; /* a text of *ctx lines at 100 columns */
}

static void inside(const struct rect *r, int w, int h)
{
	assert_true(r->y >= 0 && r->x >= 0 && r->y + r->h <= h && r->x + r->w <= w);
}

static void check_size(int w, int h, int runs, int text)
{
	struct layout_need need = { runs, 19, lines, &text, false };
	struct layout L;
	layout_compute(w, h, &need, &L);
	assert_false(L.too_small);
	const struct rect *all[16];
	int n = 0;
	all[n++] = &L.title;
	all[n++] = &L.keybar;
	all[n++] = &L.narration;
	all[n++] = L.secrets.h ? &L.secrets : &L.know;
	for (int i = 0; i < runs; i++) {
		all[n++] = &L.ladder[i];
		all[n++] = &L.fields[i];
		all[n++] = &L.hex[i];
		assert_in_range(L.ladder[i].w, 24, 36);
		assert_true(L.fields[i].h >= 6);
		assert_true(L.hex[i].h >= 3);
		int per = L.hex_per_row[i];
		assert_true(per == 8 || per == 16 || per == 32);
		assert_true(5 + per * 3 + (L.hex_ascii[i] ? per : 0) <= L.hex[i].w);
	}
	for (int i = 0; i < L.nhrule; i++)
		all[n++] = &L.hrule[i];
	for (int i = 0; i < n; i++) {
		inside(all[i], w, h);
		for (int j = i + 1; j < n; j++)
			assert_false(rect_overlap(all[i], all[j]));
	}
	assert_true(L.narration.w <= LAYOUT_NARR_MAX_W);
	assert_true(L.narration.h >= 3 && L.narration.h <= h / 4);
	/* the secrets pane where there is room, else the one-line bar */
	if (w >= 100 && h >= 30)
		assert_true(L.secrets.h >= 5 && L.know.h == 0);
	else
		assert_true(L.secrets.h == 0 && L.know.h == 1);
}

static void test_sizes(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 80, 24 }, { 100, 30 }, { 120, 40 }, { 200, 60 }, { 90, 50 }, { 300, 24 } };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (int text = 1; text < 30; text += 7)
			check_size(sizes[i][0], sizes[i][1], 1, text);
}

static void test_hex_width(void **state)
{
	(void)state;
	struct layout_need need = { 1, 19, NULL, NULL, false };
	struct layout L;
	layout_compute(100, 30, &need, &L);
	assert_int_equal(L.hex_per_row[0], 16); /* not 8 at a classroom's 100 columns */
	layout_compute(200, 60, &need, &L);
	assert_true(L.secrets_side && L.secrets.w >= 56);
	layout_compute(80, 24, &need, &L);
	assert_true(L.hex_per_row[0] >= 8);
}

static void test_two_runs(void **state)
{
	(void)state;
	/* the comparison view: two ladders and message columns side by side, the band below */
	check_size(200, 60, 2, 5);
	check_size(120, 40, 2, 5);
	struct layout_need need = { 2, 19, NULL, NULL, false };
	struct layout L;
	layout_compute(200, 60, &need, &L);
	assert_false(L.secrets_side);
	assert_true(L.ladder[1].x > L.fields[0].x + L.fields[0].w);
}

static void test_too_small(void **state)
{
	(void)state;
	struct layout_need need = { 1, 19, NULL, NULL, false };
	struct layout L;
	layout_compute(79, 40, &need, &L);
	assert_true(L.too_small);
	layout_compute(120, 23, &need, &L);
	assert_true(L.too_small);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_hex_width),
		cmocka_unit_test(test_two_runs),
		cmocka_unit_test(test_too_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
