/*
 * model/proof_recipe.c — what the proof keeps for the recipes (model/recipe.h) and
 * hands them: each end's (EC)DHE private value, each end's first Finished record
 * with its keys, a resumed master secret's recipe from the connection that made it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/proof.h"
#include "model/recipe.h"

void proof_set_recipe(struct secret *s, char *text)
{
	if (!s) {
		free(text);
		return;
	}
	free(s->recipe);
	s->recipe = text;
}

/* A resumed session's master secret: the recipe it had on the connection that made it. */
char *proof_earlier_recipe(const struct proof *p, const uint8_t master[48])
{
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		const struct step *st = &p->tl->steps[i];
		for (size_t j = 0; st->connection < p->connection && j < st->nsecrets; j++) {
			const struct secret *s = &st->secrets[j];
			if (!strcmp(s->name, "master_secret") && s->recipe && s->value.len == 48 &&
			    !memcmp(s->value.data, master, 48))
				return xstrdup(s->recipe);
		}
	}
	return NULL;
}

void proof_on_ephemeral(struct proof *p, enum side side, const uint8_t *v, size_t n)
{
	if (n > sizeof(p->eph[side]))
		return;
	memcpy(p->eph[side], v, n);
	p->eph_len[side] = n;
}

/* Keeps a decrypted record that holds a Finished and nothing before it, for its recipe. */
void proof_keep_finished(struct proof *p, enum side from, const struct record_keys *k, uint64_t seq,
                         const uint8_t *rec, size_t len, const struct buf *plain, uint8_t inner_type)
{
	struct proof_fin *f = &p->fin[from];
	if (f->have || inner_type != 22 || plain->len < 4 || plain->data[0] != 20)
		return;
	buf_set(&f->rec, rec, len);
	f->keys = *k;
	f->seq = seq;
	f->have = true;
}

/* Bytes 4.. of the decrypted Finished are verify_data: a second recipe for it, from the record. */
char *proof_finished_recipe(const struct proof *p, enum side from, size_t n)
{
	const struct proof_fin *f = &p->fin[from];
	if (!f->have)
		return NULL;
	char what[64];
	snprintf(what, sizeof(what), "the %s's Finished record", side_name(from));
	return recipe_record(p->version, &f->keys, f->seq, f->rec.data, f->rec.len, 4, n, what);
}
