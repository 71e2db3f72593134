/*
 * model/dh_recipe.h — the recipe of each end's (EC)DH shared value, as a pass run
 * when something shows it. The recipe may only say "verified" when the end's
 * captured private value and the peer's public value from the wire give, computed
 * again by tlsstep (check/dh.c), exactly the value the end reported; that
 * recomputation is a scalar multiplication (two 2048-bit exponentiations for DHE)
 * per end, as costly as the library's own, so a run nobody asks for recipes (the
 * TUI until `r`, --batch without --formulas, --keylog, --pcap, the tamper sweep)
 * never pays for it.
 *
 * model/formula.c records what each recomputation needs (dh_recipe_defer) as the
 * connection finishes; dh_recipe_ensure computes them all, once per timeline.
 */
#ifndef TLSSTEP_MODEL_DH_RECIPE_H
#define TLSSTEP_MODEL_DH_RECIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/timeline.h"

/*
 * For model/formula.c: the value of secret idx of step `step` (1-based) is to be
 * recomputed from priv (the end's private value, copied and wiped when the timeline
 * is freed) and peer (what the end received); group, p, g and pad as check_agree and
 * recipe_agree take them (p NULL for elliptic curves; pad: keep DH's leading zeros,
 * as TLS 1.3 does). `end` names the end in the recipe ("client").
 */
void dh_recipe_defer(struct timeline *tl, size_t step, size_t idx, const char *group, const char *end,
                     const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len, const uint8_t *p,
                     size_t p_len, const uint8_t *g, size_t g_len, bool pad);

/*
 * Sets the recipe of every deferred shared value whose recomputation agrees with
 * the value its end reported (the others keep none). Runs once per timeline; later
 * calls return at once. Call it before any output or view that shows recipes.
 */
void dh_recipe_ensure(struct timeline *tl);

/* For timeline_free: what is still deferred, private values wiped. */
void dh_recipe_free(struct timeline *tl);

#endif
