/* model/reneg.c — see reneg.h. */
#include "model/reneg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/recipe.h"
#include "util/hex.h"
#include "wire/record.h"

bool reneg_starts(const struct proof *p, enum side from, uint8_t hs_type, bool both_over)
{
	return p->version == 0x0303 && both_over &&
	       ((hs_type == 1 && from == SIDE_CLIENT) || (hs_type == 0 && from == SIDE_SERVER));
}

void reneg_carry(struct proof *p, const struct proof *prev)
{
	/* The records of the new hellos are decrypted before its ServerHello says anything. */
	p->version = prev->version;
	p->suite = prev->suite;
	for (int s = 0; s < 2; s++) {
		const struct proof_dir *from = &prev->dir[s];
		struct proof_dir *d = &p->dir[s];
		d->keyed = from->keyed;
		d->keys = from->keys;
		d->seq = from->seq;
		d->carried = from->keyed;
	}
	static const char *const names[2] = { "client_verify_data", "server_verify_data" };
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		const struct step *st = &p->tl->steps[i];
		if (st->connection != prev->connection || st->handshake != prev->handshake)
			continue;
		for (size_t j = 0; j < st->nsecrets; j++)
			for (int s = 0; s < 2; s++) {
				const struct secret *x = &st->secrets[j];
				if (strcmp(x->name, names[s]) || x->agrees != AGREE_YES || x->value.len != 12)
					continue;
				memcpy(p->prev_vd[s], x->value.data, 12);
				p->have_prev_vd[s] = true;
				p->prev_vd_step[s] = i + 1;
			}
	}
}

void proof_dir_set_keys(struct proof_dir *d, const struct record_keys *k)
{
	if (d->carried) {
		d->pending_keys = *k;
		d->pending = true;
		return;
	}
	d->keys = *k;
	d->keyed = true;
}

void reneg_on_ccs(struct proof *p, enum side from)
{
	struct proof_dir *d = &p->dir[from];
	if (!d->pending)
		return;
	d->keys = d->pending_keys;
	d->keyed = true;
	d->seq = 0;
	d->carried = d->pending = false;
	wipe(&d->pending_keys, sizeof(d->pending_keys));
}

/*
 * The quote as it crossed: the hello's record decrypted with the handshake before's keys (under
 * which it travelled) and the renegotiated_connection bytes printed; for the client's, also
 * the recipe of the verify_data it quotes. NULL when the record holds more than this message.
 */
static char *quote_recipe(const struct proof *p, const struct step *st, int f, bool client)
{
	const struct proof_dir *d = &p->dir[st->from];
	size_t i = (size_t)st->index - 1;
	const struct step *before = i ? &p->tl->steps[i - 1] : NULL;
	if (f == FIELD_NONE || !st->encrypted || !d->carried || !d->seq ||
	    record_complete(st->record.data, st->record.len) != (long)st->record.len ||
	    (before && before->from == st->from && before->stream_end == st->stream_end))
		return NULL;
	char *r = recipe_record(p->version, &d->keys, d->seq - 1, st->record.data, st->record.len,
	                        st->fields.v[f].offset + 1, st->fields.v[f].length - 1, "renegotiated_connection");
	const struct secret *vd = NULL;
	for (size_t j = 0; client && p->prev_vd_step[0] && j < p->tl->steps[p->prev_vd_step[0] - 1].nsecrets; j++)
		if (!strcmp(p->tl->steps[p->prev_vd_step[0] - 1].secrets[j].name, "client_verify_data"))
			vd = &p->tl->steps[p->prev_vd_step[0] - 1].secrets[j];
	return vd && vd->recipe ? recipe_join(xstrdup(vd->recipe), r) : r;
}

void reneg_on_message(struct proof *p, struct step *st)
{
	if (p->handshake < 2 || (st->hs_type != 1 && st->hs_type != 2))
		return;
	bool client = st->hs_type == 1;
	int f = fields_find(&st->fields, FIELD_NONE, "renegotiated_connection", true);
	const uint8_t *v = NULL;
	size_t n = 0;
	if (f != FIELD_NONE && st->fields.v[f].length >= 1) {
		v = st->plain.data + st->fields.v[f].offset + 1;
		n = st->fields.v[f].length - 1;
	}
	uint8_t want[24];
	size_t wn = client ? 12 : 24;
	bool known = p->have_prev_vd[0] && (client || p->have_prev_vd[1]);
	memcpy(want, p->prev_vd[0], 12);
	memcpy(want + 12, p->prev_vd[1], 12);
	struct secret_ref r = proof_add(p, (size_t)st->index, client ? "client_renegotiated_connection"
	                                                             : "server_renegotiated_connection",
	                                HOLDER_CLIENT | HOLDER_SERVER, v, n);
	struct secret *s = proof_deref(p, r);
	if (client)
		proof_set_text(&s->derived_as, "renegotiation_info of the renegotiating ClientHello = client_verify_data of "
		               "handshake %d (its client Finished, step %zu) (RFC 5746 §3.5)", p->handshake - 1,
		               p->prev_vd_step[0]);
	else
		proof_set_text(&s->derived_as, "renegotiation_info of the ServerHello = client_verify_data (step %zu) + "
		               "server_verify_data (step %zu) of handshake %d (RFC 5746 §3.6)", p->prev_vd_step[0],
		               p->prev_vd_step[1], p->handshake - 1);
	proof_set_recipe(s, quote_recipe(p, st, f, client));
	if (!known) {
		proof_set_text(&s->check_note, "the Finished of handshake %d were not both verified: nothing to compare with",
		               p->handshake - 1);
		return;
	}
	char *h = hex_string(want, wn, '\0');
	if (!v) {
		s->agrees = AGREE_NO;
		proof_set_text(&s->check_note, "no renegotiation_info at all: RFC 5746 requires one quoting %s", h);
	} else if (n == wn && !memcmp(v, want, wn)) {
		s->agrees = AGREE_YES;
		proof_set_text(&s->check_note, "identical to the verify_data of the %s of handshake %d that tlsstep "
		               "verified: this handshake continues that one", client ? "client's Finished" : "two Finished",
		               p->handshake - 1);
	} else {
		s->agrees = AGREE_NO;
		proof_set_text(&s->check_note, "DIFFERENT from the verify_data of handshake %d (%s): the sender quotes "
		               "another handshake than the one this connection had, and its peer must refuse it",
		               p->handshake - 1, h);
	}
	free(h);
}
