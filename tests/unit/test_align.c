/*
 * model/align: every pair of bundled scenarios aligns without a crossing, each
 * step once; a run against itself aligns one to one; the pairs the issue names
 * (ServerKeyExchange against RSA, ClientKeyExchange against TLS 1.3, the Finished
 * with the Finished, a HelloRetryRequest's extra exchange, a resumption's second
 * connection) fall where they should.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "lesson/catalog.h"
#include "model/align.h"
#include "runs.h"

/* Rows in order on both sides, every step exactly once, a pair only of equal roles. */
static void check_sound(const char *an, const struct timeline *a, const char *bn, const struct timeline *b,
                        const struct alignment *al)
{
	int next_a = 0, next_b = 0;
	for (size_t r = 0; r < al->n; r++) {
		const struct align_row *row = &al->rows[r];
		if (row->a < 0 && row->b < 0)
			fail_msg("%s/%s row %zu: empty", an, bn, r);
		if (row->a >= 0 && row->a != next_a++)
			fail_msg("%s/%s row %zu: A's step %d out of order (crossing)", an, bn, r, row->a + 1);
		if (row->b >= 0 && row->b != next_b++)
			fail_msg("%s/%s row %zu: B's step %d out of order (crossing)", an, bn, r, row->b + 1);
		if (row->a >= 0 && row->b >= 0) {
			char ra[80], rb[80];
			align_role(a, (size_t)row->a, ra, sizeof(ra));
			align_role(b, (size_t)row->b, rb, sizeof(rb));
			if (strcmp(ra, rb))
				fail_msg("%s/%s row %zu: '%s' paired with '%s'", an, bn, r, ra, rb);
		}
	}
	if ((size_t)next_a != a->nsteps || (size_t)next_b != b->nsteps)
		fail_msg("%s/%s: %d of %zu and %d of %zu steps placed", an, bn, next_a, a->nsteps, next_b, b->nsteps);
}

static void every_pair(void **state)
{
	char err[512];
	size_t n;
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	assert_non_null(names);
	assert_true(n >= 20);
	struct run *runs = calloc(n, sizeof(*runs));
	for (size_t i = 0; i < n; i++)
		run_named(names[i], 0, &runs[i]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			struct alignment al;
			align_timelines(&runs[i].tl, &runs[j].tl, &al);
			check_sound(names[i], &runs[i].tl, names[j], &runs[j].tl, &al);
			if (i == j) {
				assert_int_equal(al.n, runs[i].tl.nsteps);
				for (size_t r = 0; r < al.n; r++)
					if (al.rows[r].a != (int)r || al.rows[r].b != (int)r)
						fail_msg("%s against itself: row %zu is (%d, %d)", names[i], r, al.rows[r].a,
						         al.rows[r].b);
			}
			alignment_free(&al);
		}
	for (size_t i = 0; i < n; i++)
		run_free(&runs[i]);
	free(runs);
	catalog_names_free(names, n);
}

/* The row holding A's step ia (0-based); its B side is returned. */
static int partner_of_a(const struct alignment *al, int ia)
{
	for (size_t r = 0; r < al->n; r++)
		if (al->rows[r].a == ia)
			return al->rows[r].b;
	fail_msg("A's step %d is in no row", ia + 1);
	return -2;
}

static void paired(const struct run *a, const struct run *b, const struct alignment *al, int conn, enum side from,
                   const char *m)
{
	int ia = run_find(a, conn, from, m, 1), ib = run_find(b, conn, from, m, 1);
	assert_true(ia >= 0 && ib >= 0);
	if (partner_of_a(al, ia) != ib)
		fail_msg("%s %s: A's step %d is not paired with B's step %d", side_name(from), m, ia + 1, ib + 1);
}

static void alone(const struct run *a, const struct alignment *al, int conn, enum side from, const char *m, int n)
{
	int ia = run_find(a, conn, from, m, n);
	assert_true(ia >= 0);
	if (partner_of_a(al, ia) != -1)
		fail_msg("%s %s (%d): A's step %d should have no counterpart", side_name(from), m, n, ia + 1);
}

static void named_pairs(void **state)
{
	struct run ecdhe, rsa, t13, hrr, resume;
	run_named("tls12-ecdhe-rsa", 0, &ecdhe);
	run_named("tls12-rsa", 0, &rsa);
	run_named("tls13", 0, &t13);
	run_named("tls13-hrr", 0, &hrr);
	run_named("tls12-resume-id", 0, &resume);
	struct alignment al;

	align_timelines(&ecdhe.tl, &rsa.tl, &al); /* ServerKeyExchange against nothing (RSA) */
	paired(&ecdhe, &rsa, &al, 1, SIDE_CLIENT, "ClientHello");
	paired(&ecdhe, &rsa, &al, 1, SIDE_SERVER, "ServerHello");
	paired(&ecdhe, &rsa, &al, 1, SIDE_CLIENT, "ClientKeyExchange");
	paired(&ecdhe, &rsa, &al, 1, SIDE_CLIENT, "Finished");
	paired(&ecdhe, &rsa, &al, 1, SIDE_SERVER, "Finished");
	alone(&ecdhe, &al, 1, SIDE_SERVER, "ServerKeyExchange", 1);
	assert_int_equal(al.n, ecdhe.tl.nsteps);
	alignment_free(&al);

	align_timelines(&ecdhe.tl, &t13.tl, &al); /* ClientKeyExchange against nothing (TLS 1.3) */
	paired(&ecdhe, &t13, &al, 1, SIDE_CLIENT, "ClientHello");
	paired(&ecdhe, &t13, &al, 1, SIDE_SERVER, "ServerHello");
	paired(&ecdhe, &t13, &al, 1, SIDE_SERVER, "Certificate");
	/* The two Finished come in the other order in TLS 1.3 (the server's first): one pair, never a crossing. */
	paired(&ecdhe, &t13, &al, 1, SIDE_SERVER, "Finished");
	alone(&ecdhe, &al, 1, SIDE_CLIENT, "ClientKeyExchange", 1);
	alone(&ecdhe, &al, 1, SIDE_SERVER, "ServerKeyExchange", 1);
	alignment_free(&al);

	align_timelines(&hrr.tl, &t13.tl, &al); /* the HelloRetryRequest's extra exchange */
	paired(&hrr, &t13, &al, 1, SIDE_CLIENT, "ClientHello");
	paired(&hrr, &t13, &al, 1, SIDE_SERVER, "ServerHello");
	paired(&hrr, &t13, &al, 1, SIDE_SERVER, "Finished");
	alone(&hrr, &al, 1, SIDE_SERVER, "HelloRetryRequest", 1);
	alone(&hrr, &al, 1, SIDE_CLIENT, "ClientHello", 2);
	alignment_free(&al);

	align_timelines(&resume.tl, &ecdhe.tl, &al); /* a resumption's second connection */
	paired(&resume, &ecdhe, &al, 1, SIDE_SERVER, "Finished");
	alone(&resume, &al, 2, SIDE_CLIENT, "ClientHello", 1);
	alone(&resume, &al, 2, SIDE_SERVER, "Finished", 1);
	alignment_free(&al);

	run_free(&ecdhe);
	run_free(&rsa);
	run_free(&t13);
	run_free(&hrr);
	run_free(&resume);
}

/* The core on its own: equal roles pair, heavier ones win, and ties go to the earliest pairing. */
static void roles(void **state)
{
	const char *a[] = { "1 client ClientHello", "1 server ServerHello", "1 server ServerKeyExchange",
		            "1 client Finished", "1 client Alert" };
	const char *b[] = { "1 client ClientHello", "1 client Alert", "1 server ServerHello", "1 client Finished" };
	struct alignment al;
	align_roles(a, 5, b, 4, &al);
	const struct align_row want[] = { { 0, 0 }, { -1, 1 }, { 1, 2 }, { 2, -1 }, { 3, 3 }, { 4, -1 } };
	assert_int_equal(al.n, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(al.rows[i].a, want[i].a);
		assert_int_equal(al.rows[i].b, want[i].b);
	}
	alignment_free(&al);
	align_roles(a, 0, b, 0, &al);
	assert_int_equal(al.n, 0);
	alignment_free(&al);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles),
		cmocka_unit_test(named_pairs),
		cmocka_unit_test(every_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
