/*
 * model/proof13.c — the TLS 1.3 key schedule (RFC 8446 §7.1), re-derived from
 * each end's (EC)DHE shared secret and the transcript, and compared with every
 * traffic secret the library reported; both Finished messages checked (§4.4.4).
 *
 *   early     = HKDF-Extract(0, PSK or 0)
 *   handshake = HKDF-Extract(Derive-Secret(early, "derived", ""), shared secret)
 *   c/s hs    = Derive-Secret(handshake, "c hs traffic"/"s hs traffic", CH..SH)
 *   master    = HKDF-Extract(Derive-Secret(handshake, "derived", ""), 0)
 *   c/s ap    = Derive-Secret(master, "c ap traffic"/"s ap traffic", CH..server Finished)
 *   exporter  = Derive-Secret(master, "exp master", CH..server Finished)
 *   resumption= Derive-Secret(master, "res master", CH..client Finished)
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "check/kdf.h"
#include "model/recipe.h"
#include "model/proof13.h"
#include "util/hex.h"

#include <mbedtls/md.h>

struct schedule {
	uint8_t early[48], handshake[48], master[48];
	uint8_t chts[48], shts[48], cats[48], sats[48], exporter[48], resumption[48];
	bool have_app, have_res;
};

/* Where the transcript begins: after a HelloRetryRequest, ClientHello1 is replaced by its hash (RFC 8446 §4.4.1). */
static const char *transcript_start(const struct proof *p)
{
	return p->nmsgs > 1 && p->msgs[1].hrr ? "message_hash(ClientHello1), HelloRetryRequest, ClientHello2"
	                                       : "ClientHello";
}

/* Index of the first message of a type (and sender, unless any), skipping HelloRetryRequest. */
static int find_msg(const struct proof *p, uint8_t type, int from)
{
	for (size_t i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].type == type && !p->msgs[i].hrr && (from < 0 || p->msgs[i].from == (enum side)from))
			return (int)i;
	return -1;
}

static bool derive(const struct proof *p, mbedtls_md_type_t md, const uint8_t *shared, size_t shared_len,
                   struct schedule *s)
{
	size_t hl = kdf_hash_len(md);
	uint8_t zeros[48] = { 0 }, empty[48], derived[48], h[48];
	int sh = find_msg(p, 2, SIDE_SERVER), sfin = find_msg(p, 20, SIDE_SERVER), cfin = find_msg(p, 20, SIDE_CLIENT);
	if (sh < 0 || !hl)
		return false;
	memset(s, 0, sizeof(*s));
	kdf_hash(md, (const uint8_t *)"", 0, empty);
	bool psk = p->psk_len && p->psk_accepted; /* a server that declined the PSK starts from 0 */
	kdf_hkdf_extract(md, NULL, 0, psk ? p->psk : zeros, psk ? p->psk_len : hl, s->early);
	kdf_derive_secret(md, s->early, hl, "derived", empty, derived);
	kdf_hkdf_extract(md, derived, hl, shared ? shared : zeros, shared ? shared_len : hl, s->handshake);
	proof_transcript_hash(p, md, (size_t)sh, h);
	kdf_derive_secret(md, s->handshake, hl, "c hs traffic", h, s->chts);
	kdf_derive_secret(md, s->handshake, hl, "s hs traffic", h, s->shts);
	kdf_derive_secret(md, s->handshake, hl, "derived", empty, derived);
	kdf_hkdf_extract(md, derived, hl, zeros, hl, s->master);
	if (sfin >= 0) {
		proof_transcript_hash(p, md, (size_t)sfin, h);
		kdf_derive_secret(md, s->master, hl, "c ap traffic", h, s->cats);
		kdf_derive_secret(md, s->master, hl, "s ap traffic", h, s->sats);
		kdf_derive_secret(md, s->master, hl, "exp master", h, s->exporter);
		s->have_app = true;
	}
	if (cfin >= 0) {
		proof_transcript_hash(p, md, (size_t)cfin, h);
		kdf_derive_secret(md, s->master, hl, "res master", h, s->resumption);
		s->have_res = true;
	}
	wipe(derived, sizeof(derived));
	return true;
}

/* Compares one reported traffic secret with ours and says how it was made. */
static bool compare(struct proof *p, struct secret *lib, const uint8_t *ours, size_t hl, const char *formula)
{
	bool same = lib->value.len == hl && !memcmp(lib->value.data, ours, hl);
	lib->agrees = same ? AGREE_YES : AGREE_NO;
	proof_set_text(&lib->derived_as, "%s", formula);
	bool psk_ke = p->psk_accepted && !p->sh_key_share;
	proof_set_text(&lib->check_note, "%s: %s", psk_ke ? "re-derived from the PSK alone (psk_ke) and the transcript"
	                                                  : "re-derived from the (EC)DHE shared secret and the transcript",
	               same ? "identical" : "DIFFERENT");
	return same;
}

/* RFC 8446 §4.4.4: verify_data = HMAC(HKDF-Expand-Label(base, "finished", "", Hash.length), Hash(transcript)). */
static void finished(struct proof *p, mbedtls_md_type_t md, const uint8_t *base, enum side from)
{
	size_t hl = kdf_hash_len(md);
	int fin = find_msg(p, 20, (int)from);
	if (fin < 1)
		return;
	const struct proof_msg *m = &p->msgs[fin];
	if (m->len != 4 + hl)
		return;
	uint8_t key[48], h[48], ours[48];
	kdf_hkdf_expand_label(md, base, hl, "finished", NULL, 0, key, hl);
	proof_transcript_hash(p, md, (size_t)fin - 1, h);
	mbedtls_md_hmac(mbedtls_md_info_from_type(md), key, hl, h, hl, ours);
	const uint8_t *wire = p->transcript.data + m->start + 4;
	struct secret_ref r = proof_add(p, m->step, from == SIDE_CLIENT ? "client_verify_data" : "server_verify_data",
	                                HOLDER_CLIENT | HOLDER_SERVER, wire, hl);
	struct secret *s = proof_deref(p, r);
	char *hh = hex_string(h, hl, '\0');
	proof_set_text(&s->derived_as, "HMAC-%s(HKDF-Expand-Label(%s_handshake_traffic_secret, \"finished\", \"\", %zu), "
	               "%s(transcript before this Finished)=%s)", proof_md_name(md), side_name(from), hl,
	               proof_md_name(md), hh);
	free(hh);
	proof_set_recipe(s, recipe_join(recipe_finished13(md, base, hl, h, hl), proof_finished_recipe(p, from, hl)));
	bool same = !memcmp(ours, wire, hl);
	s->agrees = same ? AGREE_YES : AGREE_NO;
	proof_set_text(&s->check_note, same ? "the decrypted Finished equals our own HMAC of the transcript"
	                                    : "the decrypted Finished differs from our HMAC of the transcript");
	r = proof_add(p, m->step, from == SIDE_CLIENT ? "client_finished_key" : "server_finished_key",
	              HOLDER_CLIENT | HOLDER_SERVER, key, hl);
	s = proof_deref(p, r);
	proof_set_text(&s->derived_as, "HKDF-Expand-Label-%s(%s_handshake_traffic_secret, \"finished\", \"\", %zu)",
	               proof_md_name(md), side_name(from), hl);
	proof_set_recipe(s, recipe_expand_label(md, base, hl, "finished", NULL, 0, hl));
	s->agrees = same ? AGREE_YES : AGREE_NO;
	proof_set_text(&s->check_note, same ? "the Finished it keys verifies" : "the Finished it keys does not verify");
	wipe(key, sizeof(key));
}

void proof13_binder(struct proof *p)
{
	if (!p->psk_len || p->nmsgs == 0 || p->msgs[0].type != 1)
		return;
	const struct proof_msg *ch = &p->msgs[0];
	const struct step *st = ch->step >= 1 && ch->step <= p->tl->nsteps ? &p->tl->steps[ch->step - 1] : NULL;
	if (!st || st->plain.len != ch->len)
		return;
	int g = fields_find(&st->fields, FIELD_NONE, "binders", true);
	int b = g != FIELD_NONE ? fields_find(&st->fields, g, "binder", false) : FIELD_NONE;
	mbedtls_md_type_t md = p->psk_md;
	size_t hl = kdf_hash_len(md);
	if (b == FIELD_NONE || st->fields.v[b].length != hl || st->fields.v[g].offset > ch->len)
		return;
	/* RFC 8446 §7.1: binder_key = Derive-Secret(early_secret, "res binder", ""); §4.4.4 its finished key;
	 * §4.2.11.2: the binder is that key's HMAC over Transcript-Hash(Truncate(ClientHello)), the
	 * ClientHello up to (not with) its binders list: the length of the list and the binders. */
	uint8_t empty[48], early[48], bkey[48], fkey[48], h[48], ours[48];
	kdf_hash(md, (const uint8_t *)"", 0, empty);
	kdf_hkdf_extract(md, NULL, 0, p->psk, p->psk_len, early);
	kdf_derive_secret(md, early, hl, "res binder", empty, bkey);
	kdf_hkdf_expand_label(md, bkey, hl, "finished", NULL, 0, fkey, hl);
	size_t cut = st->fields.v[g].offset;
	kdf_hash(md, st->plain.data, cut, h);
	kdf_hmac(md, fkey, hl, h, hl, NULL, 0, NULL, 0, ours);
	const uint8_t *wire = st->plain.data + st->fields.v[b].offset;
	bool same = !memcmp(ours, wire, hl);
	size_t at = ch->step;

	struct secret_ref r = proof_add(p, at, "resumption_psk", HOLDER_CLIENT, p->psk, p->psk_len);
	struct secret *s = proof_deref(p, r);
	proof_set_text(&s->derived_as, "HKDF-Expand-Label-%s(resumption_master_secret of connection 1, \"resumption\", "
	               "ticket_nonce, %zu)", proof_md_name(md), hl);
	proof_set_recipe(s, p->psk_recipe);
	p->psk_recipe = NULL;
	/* A binder that differs condemns the binder on the wire, not the PSK: these two stay unchecked. */
	s->agrees = same ? AGREE_YES : AGREE_UNCHECKED;
	proof_set_text(&s->check_note, same ? "the binder it keys equals the one the client sent"
	                                    : "the binder it keys differs from the one on the wire");
	r = proof_add(p, at, "binder_key", HOLDER_CLIENT, bkey, hl);
	s = proof_deref(p, r);
	proof_set_text(&s->derived_as, "Derive-Secret(HKDF-Extract(0, resumption_psk), \"res binder\", \"\")");
	/* Derive-Secret(HKDF-Extract(0, PSK), ...): connection 2's early_secret when the server takes the PSK. */
	proof_set_recipe(s, recipe_expand_label(md, early, hl, "res binder", empty, hl, hl));
	s->agrees = same ? AGREE_YES : AGREE_UNCHECKED;
	proof_set_text(&s->check_note, same ? "the binder it keys verifies" : "the binder it keys does not verify");
	r = proof_add(p, at, "psk_binder", HOLDER_CLIENT | HOLDER_SERVER | HOLDER_WIRE, wire, hl);
	s = proof_deref(p, r);
	char *hh = hex_string(h, hl, '\0');
	proof_set_text(&s->derived_as, "HMAC-%s(HKDF-Expand-Label(binder_key, \"finished\", \"\", %zu), %s(ClientHello "
	               "up to its binders, %zu of %zu bytes)=%s)", proof_md_name(md), hl, proof_md_name(md), cut, ch->len, hh);
	free(hh);
	proof_set_recipe(s, recipe_finished13(md, bkey, hl, h, hl));
	s->agrees = same ? AGREE_YES : AGREE_NO;
	proof_set_text(&s->check_note, same ? "the binder on the wire equals our own HMAC of the truncated ClientHello: "
	                                      "the client holds the PSK"
	                                    : "the binder on the wire differs from our HMAC of the truncated ClientHello");
	wipe(early, sizeof(early));
	wipe(bkey, sizeof(bkey));
	wipe(fkey, sizeof(fkey));
}

void proof_resumes13(struct proof *p, const struct proof *first)
{
	/* RFC 8446 §4.6.1: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) */
	if (!first->have_res_master || !first->have_ticket)
		return;
	mbedtls_md_type_t md = proof_suite_md(first);
	size_t hl = kdf_hash_len(md);
	kdf_hkdf_expand_label(md, first->res_master, hl, "resumption", first->ticket_nonce, first->ticket_nonce_len,
	                      p->psk, hl);
	p->psk_len = hl;
	p->psk_md = md;
	free(p->psk_recipe);
	p->psk_recipe = recipe_expand_label(md, first->res_master, hl, "resumption", first->ticket_nonce,
	                                    first->ticket_nonce_len, hl);
}

/*
 * A capture's key log gives the handshake traffic secrets themselves, not the shared
 * secret under them: nothing of the schedule above them can be re-derived, but both
 * Finished can be checked from them (each side's finished key), as in a run.
 */
static void finish_from_keylog(struct proof *p, mbedtls_md_type_t md)
{
	size_t hl = kdf_hash_len(md);
	uint8_t base[2][48];
	bool have[2] = { false, false };
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		const struct step *st = &p->tl->steps[i];
		for (size_t j = 0; st->connection == p->connection && j < st->nsecrets; j++) {
			const struct secret *s = &st->secrets[j];
			int e = !strcmp(s->name, "client_handshake_traffic_secret") ? SIDE_CLIENT
			      : !strcmp(s->name, "server_handshake_traffic_secret") ? SIDE_SERVER : -1;
			if (e >= 0 && s->holders == HOLDER_KEYLOG && s->value.len == hl && !have[e]) {
				memcpy(base[e], s->value.data, hl);
				have[e] = true;
			}
		}
	}
	if (have[SIDE_SERVER])
		finished(p, md, base[SIDE_SERVER], SIDE_SERVER);
	if (have[SIDE_CLIENT])
		finished(p, md, base[SIDE_CLIENT], SIDE_CLIENT);
	wipe(base, sizeof(base));
}

void proof13_finish(struct proof *p)
{
	if (p->keylog) {
		finish_from_keylog(p, proof_suite_md(p));
		return;
	}
	static const char *const reported[] = { "client_handshake_traffic_secret", "server_handshake_traffic_secret",
	                                        "client_application_traffic_secret_0",
	                                        "server_application_traffic_secret_0" };
	mbedtls_md_type_t md = proof_suite_md(p);
	size_t hl = kdf_hash_len(md);
	struct schedule sch[2];
	bool have[2] = { false, false };
	/* psk_ke (RFC 8446 §4.2.9): no key_share, no shared secret; the schedule takes
	 * Hash.length zeros in its place (§7.1) and starts at the ServerHello. */
	bool psk_ke = p->psk_len && p->psk_accepted && !p->sh_key_share && p->sr_step;
	for (int e = 0; e < 2; e++) {
		struct secret *sh = proof_deref(p, p->shared[e]);
		if (!sh && !psk_ke)
			continue;
		have[e] = derive(p, md, sh ? sh->value.data : NULL, sh ? sh->value.len : 0, &sch[e]);
		if (!have[e])
			continue;
		/* The intermediate secrets, at the step where this end got its shared secret. */
		size_t at = sh ? p->shared[e].step : p->sr_step;
		unsigned holder = e == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER;
		char *ss = sh ? hex_string(sh->value.data, sh->value.len, '\0') : NULL;
		struct secret_ref r = proof_add(p, at, "early_secret", holder, sch[e].early, hl);
		proof_set_text(&proof_deref(p, r)->derived_as, "HKDF-Extract-%s(0, %s)", proof_md_name(md),
		               p->psk_len && p->psk_accepted ? "resumption_psk from the ticket of connection 1"
		               : p->psk_len                  ? "0 (the server declined the PSK)"
		                                             : "0 (no PSK)");
		bool psk = p->psk_len && p->psk_accepted;
		proof_set_recipe(proof_deref(p, r), recipe_extract13(md, NULL, 0, psk ? p->psk : NULL, psk ? p->psk_len : 0));
		r = proof_add(p, at, "handshake_secret", holder, sch[e].handshake, hl);
		if (ss)
			proof_set_text(&proof_deref(p, r)->derived_as,
			               "HKDF-Extract(Derive-Secret(early_secret, \"derived\", \"\"), shared_secret=%s)", ss);
		else
			proof_set_text(&proof_deref(p, r)->derived_as,
			               "HKDF-Extract(Derive-Secret(early_secret, \"derived\", \"\"), %zu zero bytes: psk_ke has "
			               "no (EC)DHE shared secret)", hl);
		sh = proof_deref(p, p->shared[e]);
		proof_set_recipe(proof_deref(p, r), recipe_extract13(md, sch[e].early, hl, sh ? sh->value.data : NULL,
		                                                     sh ? sh->value.len : 0));
		r = proof_add(p, at, "master_secret", holder, sch[e].master, hl);
		proof_set_text(&proof_deref(p, r)->derived_as,
		               "HKDF-Extract(Derive-Secret(handshake_secret, \"derived\", \"\"), 0)");
		proof_set_recipe(proof_deref(p, r), recipe_extract13(md, sch[e].handshake, hl, NULL, 0));
		free(ss);
		if (!sh)
			continue;
		/* The shared secret itself: each end computed it alone; they must agree. */
		sh = proof_deref(p, p->shared[e]);
		struct secret *other = proof_deref(p, p->shared[!e]);
		if (other) {
			bool same = other->value.len == sh->value.len && !memcmp(other->value.data, sh->value.data, sh->value.len);
			sh->agrees = same ? AGREE_YES : AGREE_NO;
			proof_set_text(&sh->check_note, "%s to the one the %s computed from the other key share",
			               same ? "identical" : "DIFFERENT", side_name((enum side)!e));
		}
		proof_set_text(&sh->derived_as, "(EC)DHE(own private key share, the peer's key_share)");
	}
	/* Every traffic secret the library reported, against the schedule of the end that reported it. */
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		struct step *st = &p->tl->steps[i];
		if (st->connection != p->connection)
			continue;
		for (size_t j = 0; j < st->nsecrets; j++) {
			struct secret *lib = &st->secrets[j];
			int e = lib->holders == HOLDER_CLIENT ? SIDE_CLIENT : lib->holders == HOLDER_SERVER ? SIDE_SERVER : -1;
			if (e < 0 || !have[e])
				continue;
			const uint8_t *ours[4] = { sch[e].chts, sch[e].shts, sch[e].have_app ? sch[e].cats : NULL,
			                           sch[e].have_app ? sch[e].sats : NULL };
			static const char *const base[4] = { "handshake_secret", "handshake_secret", "master_secret",
			                                     "master_secret" };
			static const char *const label[4] = { "c hs traffic", "s hs traffic", "c ap traffic", "s ap traffic" };
			static const char *const range[4] = { "ServerHello", "ServerHello", "server Finished",
			                                      "server Finished" };
			for (int k = 0; k < 4; k++) {
				if (strcmp(lib->name, reported[k]) || !ours[k])
					continue;
				uint8_t h[48];
				int upto = k < 2 ? find_msg(p, 2, SIDE_SERVER) : find_msg(p, 20, SIDE_SERVER);
				proof_transcript_hash(p, md, (size_t)upto, h);
				char *hh = hex_string(h, hl, '\0'), formula[400];
				snprintf(formula, sizeof(formula), "Derive-Secret(%s, \"%s\", %s(%s..%s)=%s)", base[k], label[k],
				         proof_md_name(md), transcript_start(p), range[k], hh);
				free(hh);
				compare(p, lib, ours[k], hl, formula);
				proof_set_recipe(lib, recipe_expand_label(md, k < 2 ? sch[e].handshake : sch[e].master, hl, label[k], h,
				                                          hl, hl));
			}
		}
	}
	/* The derived intermediates are proven when what they lead to matched. */
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		struct step *st = &p->tl->steps[i];
		if (st->connection != p->connection)
			continue;
		for (size_t j = 0; j < st->nsecrets; j++) {
			struct secret *s = &st->secrets[j];
			if (strcmp(s->name, "early_secret") && strcmp(s->name, "handshake_secret") && strcmp(s->name, "master_secret"))
				continue;
			if (s->agrees != AGREE_UNCHECKED || s->derived_as == NULL || strncmp(s->derived_as, "HKDF", 4))
				continue;
			int e = s->holders == HOLDER_CLIENT ? SIDE_CLIENT : SIDE_SERVER;
			bool ok = true;
			for (size_t a = 0; a < p->tl->nsteps; a++)
				for (size_t b = 0; b < p->tl->steps[a].nsecrets; b++) {
					const struct secret *t = &p->tl->steps[a].secrets[b];
					if (p->tl->steps[a].connection == p->connection && t->holders == s->holders &&
					    strstr(t->name, "_traffic_secret") && t->agrees != AGREE_YES)
						ok = false;
				}
			s->agrees = ok ? AGREE_YES : AGREE_NO;
			proof_set_text(&s->check_note, ok ? "the traffic secrets derived from it equal what the %s reported"
			                                  : "a traffic secret derived from it differs from what the %s reported",
			               side_name((enum side)e));
		}
	}
	int any = have[SIDE_CLIENT] ? SIDE_CLIENT : have[SIDE_SERVER] ? SIDE_SERVER : -1;
	if (any < 0)
		return;
	finished(p, md, sch[any].shts, SIDE_SERVER);
	finished(p, md, sch[any].chts, SIDE_CLIENT);
	if (sch[any].have_res) {
		memcpy(p->res_master, sch[any].resumption, hl);
		p->have_res_master = true;
		int cfin = find_msg(p, 20, SIDE_CLIENT);
		struct secret_ref r = proof_add(p, p->msgs[cfin].step, "resumption_master_secret",
		                                HOLDER_CLIENT | HOLDER_SERVER, sch[any].resumption, hl);
		proof_set_text(&proof_deref(p, r)->derived_as,
		               "Derive-Secret(master_secret, \"res master\", %s..client Finished)", transcript_start(p));
		uint8_t h[48];
		proof_transcript_hash(p, md, (size_t)cfin, h);
		proof_set_recipe(proof_deref(p, r), recipe_expand_label(md, sch[any].master, hl, "res master", h, hl, hl));
		proof_set_text(&proof_deref(p, r)->check_note,
		               "derived from the verified master secret; a resumed connection's keys prove it");
	}
	if (sch[any].have_app) {
		int sfin = find_msg(p, 20, SIDE_SERVER);
		struct secret_ref r = proof_add(p, p->msgs[sfin].step, "exporter_master_secret",
		                                HOLDER_CLIENT | HOLDER_SERVER, sch[any].exporter, hl);
		proof_set_text(&proof_deref(p, r)->derived_as,
		               "Derive-Secret(master_secret, \"exp master\", %s..server Finished)", transcript_start(p));
		uint8_t h[48];
		proof_transcript_hash(p, md, (size_t)sfin, h);
		proof_set_recipe(proof_deref(p, r), recipe_expand_label(md, sch[any].master, hl, "exp master", h, hl, hl));
		proof_set_text(&proof_deref(p, r)->check_note, "derived from the verified master secret");
	}
	wipe(sch, sizeof(sch));
}
