/* tests/unit/runs.c — see runs.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "lesson/catalog.h"
#include "runs.h"

void run_named(const char *name, uint64_t seed, struct run *r)
{
	char err[512];
	scenario_init(&r->sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, &r->sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, seed ? seed : r->sc.seed };
	if (timeline_run(&r->sc, &o, &r->tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

void run_free(struct run *r)
{
	timeline_free(&r->tl);
	scenario_free(&r->sc);
}

int run_find(const struct run *r, int connection, enum side from, const char *message, int n)
{
	for (size_t i = 0; i < r->tl.nsteps; i++) {
		const struct step *st = &r->tl.steps[i];
		if (st->connection == connection && st->from == from && !strcmp(st->message, message) && --n == 0)
			return (int)i;
	}
	return -1;
}
