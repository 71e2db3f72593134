/* model/dh_recipe.c — see dh_recipe.h. */
#include "model/dh_recipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/dh.h"
#include "model/recipe.h"
#include "util/buf.h"

/* One end's shared value, what recomputing it needs. */
struct dh_job {
	size_t step, idx;
	char group[32], end[16];
	struct buf priv, peer, p, g;
	bool pad;
};

struct dh_recipes {
	struct dh_job *v;
	size_t n;
	bool done;
};

static struct dh_recipes *jobs(struct timeline *tl)
{
	if (!tl->dh_recipes)
		tl->dh_recipes = xcalloc(1, sizeof(*tl->dh_recipes));
	return tl->dh_recipes;
}

void dh_recipe_defer(struct timeline *tl, size_t step, size_t idx, const char *group, const char *end,
                     const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len, const uint8_t *p,
                     size_t p_len, const uint8_t *g, size_t g_len, bool pad)
{
	struct dh_recipes *d = jobs(tl);
	d->v = xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
	struct dh_job *j = &d->v[d->n++];
	memset(j, 0, sizeof(*j));
	j->step = step;
	j->idx = idx;
	snprintf(j->group, sizeof(j->group), "%s", group);
	snprintf(j->end, sizeof(j->end), "%s", end);
	buf_append(&j->priv, priv, priv_len);
	buf_append(&j->peer, peer, peer_len);
	if (p)
		buf_append(&j->p, p, p_len);
	if (g)
		buf_append(&j->g, g, g_len);
	j->pad = pad;
}

static void job_run(struct timeline *tl, const struct dh_job *j)
{
	if (!j->step || j->step > tl->nsteps || j->idx >= tl->steps[j->step - 1].nsecrets)
		return;
	struct secret *s = &tl->steps[j->step - 1].secrets[j->idx];
	const uint8_t *dp = j->p.len ? j->p.data : NULL, *dg = j->g.len ? j->g.data : NULL;
	uint8_t out[1024];
	size_t n = 0;
	if (check_agree(j->group, j->priv.data, j->priv.len, j->peer.data, j->peer.len, dp, j->p.len, out, sizeof(out),
	                &n))
		return;
	size_t skip = 0;
	while (dp && !j->pad && skip + 1 < n && out[skip] == 0)
		skip++;
	bool same = n - skip == s->value.len && !memcmp(out + skip, s->value.data, s->value.len);
	wipe(out, sizeof(out));
	if (!same)
		return;
	char *made = recipe_agree(j->group, j->end, j->priv.data, j->priv.len, j->peer.data, j->peer.len, dp, j->p.len,
	                          dg, j->g.len, dp && j->pad ? j->p.len : 0);
	free(s->recipe);
	s->recipe = made ? recipe_join(xstrdup("# verified: tlsstep recomputed this value from the captured key "
	                                       "and the public value (src/check/dh.c)\n"),
	                               made)
	                 : NULL;
}

void dh_recipe_ensure(struct timeline *tl)
{
	struct dh_recipes *d = tl->dh_recipes;
	if (!d || d->done)
		return;
	d->done = true;
	for (size_t i = 0; i < d->n; i++)
		job_run(tl, &d->v[i]);
}

void dh_recipe_free(struct timeline *tl)
{
	struct dh_recipes *d = tl->dh_recipes;
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		buf_free(&d->v[i].priv); /* wiped as every buffer is */
		buf_free(&d->v[i].peer);
		buf_free(&d->v[i].p);
		buf_free(&d->v[i].g);
	}
	free(d->v);
	free(d);
	tl->dh_recipes = NULL;
}
