/* model/proof.c — see proof.h. */
#include "model/proof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/kdf.h"
#include "model/proof_keylog.h"
#include "model/recipe.h"
#include "model/reneg.h"
#include "util/hex.h"
#include "wire/names.h"
#include "wire/record.h"

struct secret *proof_deref(struct proof *p, struct secret_ref r)
{
	if (!r.step || r.step > p->tl->nsteps || r.idx >= p->tl->steps[r.step - 1].nsecrets)
		return NULL;
	return &p->tl->steps[r.step - 1].secrets[r.idx];
}

/* Adds a secret to step `at` (1-based) and returns where it is. */
struct secret_ref proof_add(struct proof *p, size_t at, const char *name, unsigned holders,
                            const uint8_t *v, size_t n)
{
	struct step *st = &p->tl->steps[at - 1];
	step_add_secret(st, name, holders, v, n);
	struct secret_ref r = { at, st->nsecrets - 1 };
	return r;
}

/*
 * Hash of the transcript up to and including message `upto` (an index into
 * p->msgs). After a HelloRetryRequest the first ClientHello is replaced by the
 * synthetic message_hash message (RFC 8446 §4.4.1).
 */
void proof_transcript_hash(const struct proof *p, mbedtls_md_type_t md, size_t upto, uint8_t *out)
{
	size_t hl = kdf_hash_len(md);
	size_t end = p->msgs[upto].start + p->msgs[upto].len;
	struct buf t = { 0 };
	size_t from = 0;
	if (p->nmsgs > 1 && p->msgs[1].hrr && upto >= 1) {
		uint8_t synthetic[4 + 48] = { 254, 0, 0, (uint8_t)hl };
		kdf_hash(md, p->transcript.data + p->msgs[0].start, p->msgs[0].len, synthetic + 4);
		buf_append(&t, synthetic, 4 + hl);
		from = p->msgs[1].start;
	}
	buf_append(&t, p->transcript.data + from, end - from);
	kdf_hash(md, t.data, t.len, out);
	buf_free(&t);
}

static const char *suite_name(const struct proof *p)
{
	const struct suite_info *s = names_suite(p->suite);
	return s ? s->name : "";
}

/* The PRF / HKDF hash of the suite: SHA-384 for *_SHA384 suites, else SHA-256 (RFC 5246 §5). */
mbedtls_md_type_t proof_suite_md(const struct proof *p)
{
	const char *n = suite_name(p);
	size_t l = strlen(n);
	return l > 7 && !strcmp(n + l - 7, "_SHA384") ? MBEDTLS_MD_SHA384 : MBEDTLS_MD_SHA256;
}

const char *proof_md_name(mbedtls_md_type_t md)
{
	return md == MBEDTLS_MD_SHA384 ? "SHA-384" : "SHA-256";
}

/* Cipher, key, IV and MAC sizes of the suite (RFC 5246 §6.3, RFC 5288, RFC 7905, RFC 8446 §5.3). */
bool proof_suite_keys(uint16_t suite, uint16_t version, struct record_keys *k)
{
	const struct suite_info *si = names_suite(suite);
	const char *n = si ? si->name : "";
	memset(k, 0, sizeof(*k));
	k->iv_len = version == 0x0304 ? 12 : 4;
	if (strstr(n, "_AES_128_GCM_")) {
		k->cipher = RECORD_AES_128_GCM, k->key_len = 16;
	} else if (strstr(n, "_AES_256_GCM_")) {
		k->cipher = RECORD_AES_256_GCM, k->key_len = 32;
	} else if (strstr(n, "_CHACHA20_POLY1305_")) {
		k->cipher = RECORD_CHACHA20_POLY1305, k->key_len = 32, k->iv_len = 12;
	} else if (strstr(n, "_AES_128_CCM_8")) {
		k->cipher = RECORD_AES_128_CCM_8, k->key_len = 16;
	} else if (strstr(n, "_AES_128_CCM")) {
		k->cipher = RECORD_AES_128_CCM, k->key_len = 16;
	} else if (strstr(n, "_AES_256_CCM") && !strstr(n, "_CCM_8")) {
		k->cipher = RECORD_AES_256_CCM, k->key_len = 32;
	} else if (strstr(n, "_AES_128_CBC_") || strstr(n, "_AES_256_CBC_")) {
		k->cipher = strstr(n, "_AES_128_") ? RECORD_AES_128_CBC : RECORD_AES_256_CBC;
		k->key_len = k->cipher == RECORD_AES_128_CBC ? 16 : 32;
		k->iv_len = 0; /* TLS 1.2 CBC carries its IV in each record */
		size_t l = strlen(n);
		if (l > 7 && !strcmp(n + l - 7, "_SHA384"))
			k->mac_md = MBEDTLS_MD_SHA384, k->mac_key_len = 48;
		else if (l > 7 && !strcmp(n + l - 7, "_SHA256"))
			k->mac_md = MBEDTLS_MD_SHA256, k->mac_key_len = 32;
		else
			k->mac_md = MBEDTLS_MD_SHA1, k->mac_key_len = 20;
	} else {
		return false;
	}
	return true;
}

bool proof_covers(const struct proof *p, const struct step *st)
{
	return st->connection == p->connection && st->handshake == p->handshake;
}

static bool suite_keys(const struct proof *p, struct record_keys *k)
{
	return proof_suite_keys(p->suite, p->version, k);
}

void proof_init(struct proof *p, struct timeline *tl, int connection)
{
	memset(p, 0, sizeof(*p));
	p->tl = tl;
	p->connection = connection;
	p->handshake = 1; /* a renegotiation numbers its own (model/build.c next_handshake) */
}

void proof_resumes(struct proof *p, const uint8_t master[48])
{
	memcpy(p->prev_master, master, 48);
	p->have_prev_master = true;
}

void proof_free(struct proof *p)
{
	buf_free(&p->transcript);
	buf_free(&p->fin[0].rec);
	buf_free(&p->fin[1].rec);
	free(p->psk_recipe);
	buf_free(&p->sent_msg);
	wipe(p, sizeof(*p));
}

static bool has_ext(const struct step *st, const char *name)
{
	return fields_find(&st->fields, FIELD_NONE, name, true) != FIELD_NONE;
}

/*
 * The hash of the transcript's first `upto` bytes as `side` hashed them: the message a
 * rewrite fault changed on the way as this end wrote it, the rest as it crossed. False
 * (nothing written) when no rewrite changed a message of this end within those bytes.
 */
static bool sender_hash(const struct proof *p, enum side side, size_t upto, mbedtls_md_type_t md, uint8_t *hash)
{
	if (!p->sent_msg.len || p->sent_from != side || p->sent_at + p->sent_len > upto)
		return false;
	struct buf view;
	buf_init(&view);
	buf_append(&view, p->transcript.data, p->sent_at);
	buf_append(&view, p->sent_msg.data, p->sent_msg.len);
	buf_append(&view, p->transcript.data + p->sent_at + p->sent_len, upto - p->sent_at - p->sent_len);
	kdf_hash(md, view.data, view.len, hash);
	buf_free(&view);
	return true;
}

/* RFC 5246 §8.1 / RFC 7627 §4, then RFC 5246 §6.3: the master secret and key block. */
static void check_master(struct proof *p, enum side side)
{
	struct secret *lib = proof_deref(p, p->master[side]);
	struct secret *pms = proof_deref(p, p->premaster[side]);
	struct proof_dir *d = &p->dir[side];
	if (!lib && pms && p->keylog && p->version == 0x0303 && p->have_cr && p->have_sr && !d->master_checked &&
	    (!p->ems || p->cke_seen)) {
		proof_master_from_premaster(p, side);
		lib = proof_deref(p, p->master[side]);
		pms = proof_deref(p, p->premaster[side]);
	}
	if (!lib || d->master_checked || p->version != 0x0303 || !p->have_cr || !p->have_sr)
		return;
	bool resumed = !pms && p->have_prev_master;
	if (p->ems && !p->cke_seen && !resumed && !p->keylog)
		return; /* the session hash covers the ClientKeyExchange: wait for it */
	mbedtls_md_type_t md = proof_suite_md(p);
	uint8_t seed[64], ours[48], hash[48];
	if (p->keylog && !pms) {
		/* A capture's key log gives the master secret itself (CLIENT_RANDOM): nothing to
		 * re-derive it from; it is confirmed later by the records and Finished it opens
		 * (model/proof_keylog.c). Both ends hold it, so both directions use its key block. */
		if (lib->value.len != 48)
			return;
		memcpy(ours, lib->value.data, 48);
		for (int e = 0; e < 2; e++) {
			memcpy(p->end_master[e], ours, 48);
			p->have_end_master[e] = true;
			p->dir[e].master_checked = true;
		}
		goto keys;
	}
	if (resumed) {
		/* RFC 5246 §7.3: an abbreviated handshake keeps the session's master secret. */
		memcpy(ours, p->prev_master, 48);
		bool same = lib->value.len == 48 && !memcmp(lib->value.data, ours, 48);
		lib->agrees = same ? AGREE_YES : AGREE_NO;
		proof_set_text(&lib->derived_as, "resumed: the master secret of connection 1 (no new key exchange)");
		proof_set_recipe(lib, proof_earlier_recipe(p, ours));
		proof_set_text(&lib->check_note, same ? "identical to the master secret re-derived on connection 1"
		                                : "DIFFERENT from the master secret of connection 1");
		goto keys;
	}
	if (!pms) {
		proof_set_text(&lib->check_note, "the %s's premaster secret was not captured, so nothing to derive from",
		         side_name(side));
		d->master_checked = true;
		return;
	}
	char *pms_hex = hex_string(pms->value.data, pms->value.len, '\0');
	char *seed_hex;
	const char *label;
	bool own_view = false; /* the session hash as this end hashed it, after a rewrite fault */
	if (p->ems) {
		kdf_hash(md, p->transcript.data, p->transcript_at_cke, hash);
		label = "extended master secret";
		kdf_tls12_prf(md, pms->value.data, pms->value.len, label, hash, kdf_hash_len(md), ours, 48);
		uint8_t own[48], mine[48];
		/* Not what crossed: try the session hash as this end hashed it, kept only if it agrees. */
		if (lib->value.len == 48 && memcmp(lib->value.data, ours, 48) &&
		    sender_hash(p, side, p->transcript_at_cke, md, own)) {
			kdf_tls12_prf(md, pms->value.data, pms->value.len, label, own, kdf_hash_len(md), mine, 48);
			if (!memcmp(lib->value.data, mine, 48)) {
				own_view = true;
				memcpy(hash, own, sizeof(own));
				memcpy(ours, mine, 48);
			}
			wipe(mine, sizeof(mine));
		}
		seed_hex = hex_string(hash, kdf_hash_len(md), '\0');
		proof_set_recipe(lib, recipe_prf12(md, pms->value.data, pms->value.len, label, hash, kdf_hash_len(md), 0, 48));
		proof_set_text(&lib->derived_as,
		         "PRF-%s(premaster_secret=%s, \"%s\", session_hash=%s(ClientHello..ClientKeyExchange%s)=%s)[0..47]",
		         proof_md_name(md), pms_hex, label, proof_md_name(md), own_view ? ", as this end sent them" : "",
		         seed_hex);
	} else {
		memcpy(seed, p->client_random, 32);
		memcpy(seed + 32, p->server_random, 32);
		label = "master secret";
		seed_hex = hex_string(seed, 64, '\0');
		kdf_tls12_prf(md, pms->value.data, pms->value.len, label, seed, 64, ours, 48);
		proof_set_recipe(lib, recipe_prf12(md, pms->value.data, pms->value.len, label, seed, 64, 0, 48));
		proof_set_text(&lib->derived_as, "PRF-%s(premaster_secret=%s, \"%s\", client_random+server_random=%s)[0..47]",
		         proof_md_name(md), pms_hex, label, seed_hex);
	}
	free(pms_hex);
	free(seed_hex);
	bool same = lib->value.len == 48 && !memcmp(lib->value.data, ours, 48);
	lib->agrees = same ? AGREE_YES : AGREE_NO;
	bool tampered = false;
	for (size_t i = 0; i < p->nmsgs && p->msgs[i].step <= (size_t)p->master[side].step; i++)
		tampered |= p->tl->steps[p->msgs[i].step - 1].fault_note != NULL;
	proof_set_text(&lib->check_note, same && own_view
	               ? "re-derived from the captured premaster secret and the session hash of the messages as this "
	                 "end hashed them (the one a fault rewrote on the way, as this end wrote it): identical; over "
	                 "the messages as they crossed the wire it would differ, so the two ends hold different master "
	                 "secrets"
	               : same ? "re-derived from the captured premaster secret: identical"
	               : tampered && p->ems ? "re-derived from the captured premaster secret and the session hash of the "
	                                      "messages as they crossed the wire: DIFFERENT, because a fault changed one "
	                                      "of them after this end hashed it"
	                                    : "re-derived from the captured premaster secret: DIFFERENT");
	/* Each later step is checked on its own: the key block and Finished follow from the
	 * master secret this end really uses, so a disagreement shows where it arose. */
	if (!same && lib->value.len == 48)
		memcpy(ours, lib->value.data, 48);
	if (p->master_derived) { /* tlsstep's own value against itself proves nothing: judged by what it opens */
		lib->agrees = AGREE_UNCHECKED;
		for (int e = 0; e < 2; e++) {
			memcpy(p->end_master[e], ours, 48);
			p->have_end_master[e] = true;
			p->dir[e].master_checked = true;
		}
	}
keys:
	d->master_checked = true;
	if (!p->have_master) {
		memcpy(p->master_ours, ours, 48);
		p->have_master = true;
	}
	memcpy(p->end_master[side], ours, 48);
	p->have_end_master[side] = true;

	/* The key block, split as RFC 5246 §6.3 lays it out. */
	struct record_keys k;
	if (!suite_keys(p, &k))
		return;
	size_t need = 2 * (k.mac_key_len + k.key_len + (k.cipher >= RECORD_AES_128_CBC ? 0 : k.iv_len));
	uint8_t block[2 * (48 + 32 + 16)];
	memcpy(seed, p->server_random, 32);
	memcpy(seed + 32, p->client_random, 32);
	kdf_tls12_prf(md, ours, 48, "key expansion", seed, 64, block, need);
	struct record_keys ck = k, sk = k;
	size_t o = 0;
	memcpy(ck.mac_key, block + o, k.mac_key_len), o += k.mac_key_len;
	memcpy(sk.mac_key, block + o, k.mac_key_len), o += k.mac_key_len;
	memcpy(ck.key, block + o, k.key_len), o += k.key_len;
	memcpy(sk.key, block + o, k.key_len), o += k.key_len;
	size_t ivl = k.cipher >= RECORD_AES_128_CBC ? 0 : k.iv_len;
	memcpy(ck.iv, block + o, ivl), o += ivl;
	memcpy(sk.iv, block + o, ivl), o += ivl;
	ck.encrypt_then_mac = sk.encrypt_then_mac = p->etm;

	unsigned holder = p->master_derived ? HOLDER_CLIENT | HOLDER_SERVER : p->keylog ? HOLDER_KEYLOG
	                : side == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER;
	/* The key block needs the server random: not before the ServerHello (a resuming
	 * server reports the session's master secret as soon as it reads the ClientHello). */
	size_t at = p->master[side].step > p->sr_step ? p->master[side].step : p->sr_step;
	char *ms_hex = hex_string(ours, 48, '\0');
	char *sd_hex = hex_string(seed, 64, '\0');
	char formula[400];
	snprintf(formula, sizeof(formula), "key_block = PRF-%s(master_secret, \"key expansion\", server_random+client_random)",
	         proof_md_name(md));
	static const char *const names[6] = { "client_write_mac_key", "server_write_mac_key", "client_write_key",
	                                      "server_write_key", "client_write_iv", "server_write_iv" };
	const uint8_t *parts[6] = { ck.mac_key, sk.mac_key, ck.key, sk.key, ck.iv, sk.iv };
	size_t lens[6] = { k.mac_key_len, k.mac_key_len, k.key_len, k.key_len, ivl, ivl };
	size_t off = 0;
	for (int i = 0; i < 6; i++) {
		if (!lens[i])
			continue;
		struct secret_ref r = proof_add(p, at, names[i], holder, parts[i], lens[i]);
		struct secret *s = proof_deref(p, r);
		proof_set_text(&s->derived_as, "%s [%zu..%zu] with master_secret=%s, server_random+client_random=%s",
		         formula, off, off + lens[i] - 1, ms_hex, sd_hex);
		proof_set_recipe(s, recipe_prf12(md, ours, 48, "key expansion", seed, 64, off, lens[i]));
		off += lens[i];
		struct proof_dir *owner = &p->dir[i % 2 == 0 ? SIDE_CLIENT : SIDE_SERVER];
		if (owner->nkeyrefs < PROOF_MAX_KEYREFS)
			owner->keyrefs[owner->nkeyrefs++] = r;
	}
	free(ms_hex);
	free(sd_hex);
	/* A sender's records are protected with its own keys; until the other end has
	 * keys of its own, its direction borrows this end's (they agree in every run
	 * whose key exchange was not tampered with). */
	struct proof_dir *own = &p->dir[side], *peer = &p->dir[side == SIDE_CLIENT ? SIDE_SERVER : SIDE_CLIENT];
	proof_dir_set_keys(own, side == SIDE_CLIENT ? &ck : &sk);
	own->own_keys = true;
	if (!peer->own_keys)
		proof_dir_set_keys(peer, side == SIDE_CLIENT ? &sk : &ck);
	wipe(block, sizeof(block));
	wipe(&ck, sizeof(ck));
	wipe(&sk, sizeof(sk));
}

/* RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]. */
static void check_finished12(struct proof *p, struct step *st)
{
	enum side to = st->from == SIDE_CLIENT ? SIDE_SERVER : SIDE_CLIENT;
	if (!p->have_end_master[st->from] || st->plain.len != 16)
		return;
	mbedtls_md_type_t md = proof_suite_md(p);
	const char *label = st->from == SIDE_CLIENT ? "client finished" : "server finished";
	uint8_t hash[48], ours[12];
	kdf_hash(md, p->transcript.data, p->transcript.len, hash);
	kdf_tls12_prf(md, p->end_master[st->from], 48, label, hash, kdf_hash_len(md), ours, 12);
	size_t at = (size_t)st->index;
	/* The sender computed it; the receiver holds it too only if its master secret is the
	 * same (else it cannot even decrypt the record, let alone check the value). */
	bool peer = p->have_end_master[to] && !memcmp(p->end_master[to], p->end_master[st->from], 48);
	unsigned holders = (st->from == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER) |
	                   (peer ? (to == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER) : 0);
	struct secret_ref r = proof_add(p, at, st->from == SIDE_CLIENT ? "client_verify_data" : "server_verify_data",
	                          holders, st->plain.data + 4, 12);
	struct secret *s = proof_deref(p, r);
	char *h = hex_string(hash, kdf_hash_len(md), '\0');
	proof_set_text(&s->derived_as, "PRF-%s(master_secret, \"%s\", %s(handshake messages so far)=%s)[0..11]",
	         proof_md_name(md), label, proof_md_name(md), h);
	free(h);
	proof_set_recipe(s, recipe_join(recipe_prf12(md, p->end_master[st->from], 48, label, hash, kdf_hash_len(md), 0, 12),
	                                proof_finished_recipe(p, st->from, 12)));
	bool same = !memcmp(ours, st->plain.data + 4, 12);
	s->agrees = same ? AGREE_YES : AGREE_NO;
	proof_set_text(&s->check_note, same ? "the decrypted Finished equals our own PRF of the transcript"
	                              : "the decrypted Finished differs from our PRF of the transcript as it crossed "
	                                "the wire: the sender hashed other handshake bytes, or used another master secret");
	if (!same && p->sent_msg.len && p->sent_from == st->from && p->sent_at + p->sent_len <= p->transcript.len) {
		/* The sender's own view: the rewritten message as it wrote it, the rest as it crossed.
		 * It stays a disagreement (the receiver cannot accept this Finished); the note says
		 * which transcript the sender's value does fit. */
		uint8_t own[48], theirs[12];
		sender_hash(p, st->from, p->transcript.len, md, own);
		kdf_tls12_prf(md, p->end_master[st->from], 48, label, own, kdf_hash_len(md), theirs, 12);
		if (!memcmp(theirs, st->plain.data + 4, 12))
			proof_set_text(&s->check_note, "the decrypted Finished differs from our PRF of the transcript as it "
			               "crossed the wire, and equals our PRF of the transcript as the %s wrote it (the message "
			               "a fault rewrote on the way, as sent): the two ends hashed different handshakes",
			               side_name(st->from));
	}
}

static void tls13_keys(struct proof *p, enum side side, struct secret *s, size_t at);


void proof_on_message(struct proof *p, struct step *st)
{
	const uint8_t *m = st->plain.data;
	size_t at = (size_t)st->index;
	if (st->hs_type == 1 && st->plain.len >= 38 && !st->decode_error.alert) {
		memcpy(p->client_random, m + 6, 32);
		p->have_cr = true;
		p->ems_offered = has_ext(st, "extended_master_secret");
		p->etm_offered = has_ext(st, "encrypt_then_mac");
		struct secret_ref r = proof_add(p, at, "client_random", HOLDER_CLIENT | HOLDER_SERVER | HOLDER_WIRE, m + 6, 32);
		proof_set_recipe(proof_deref(p, r), recipe_slice(m, st->plain.len, 6, 32, "client_random"));
	} else if (st->hs_type == 2 && st->plain.len >= 38 && !st->decode_error.alert &&
	           strcmp(st->message, "HelloRetryRequest") != 0) {
		memcpy(p->server_random, m + 6, 32);
		p->have_sr = true;
		p->sr_step = at;
		p->suite = 0;
		int f = fields_find(&st->fields, FIELD_NONE, "cipher_suite", false);
		if (f != FIELD_NONE) {
			size_t o = st->fields.v[f].offset;
			p->suite = (uint16_t)(m[o] << 8 | m[o + 1]);
		}
		p->psk_accepted = has_ext(st, "pre_shared_key");
		p->sh_key_share = has_ext(st, "key_share");
		p->ems = p->ems_offered && has_ext(st, "extended_master_secret");
		p->etm = p->etm_offered && has_ext(st, "encrypt_then_mac");
		int sv = fields_find(&st->fields, FIELD_NONE, "selected_version", true);
		p->version = sv != FIELD_NONE ? 0x0304 : 0x0303;
		/* A resumed session's master secret may be reported before the ServerHello is seen. */
		check_master(p, SIDE_CLIENT);
		check_master(p, SIDE_SERVER);
		struct secret_ref r = proof_add(p, at, "server_random", HOLDER_CLIENT | HOLDER_SERVER | HOLDER_WIRE, m + 6, 32);
		proof_set_recipe(proof_deref(p, r), recipe_slice(m, st->plain.len, 6, 32, "server_random"));
		for (size_t i = 0; i < p->nearly13 && p->version == 0x0304; i++) {
			struct secret *s = proof_deref(p, p->early13[i]);
			if (s)
				tls13_keys(p, p->early13_side[i], s, p->early13[i].step);
		}
		p->nearly13 = 0;
	}
	if (st->hs_type == 20 && p->version == 0x0303)
		check_finished12(p, st);
	if (st->hs_type == 24 && p->version == 0x0304)
		proof_key_update(p, st);
	if (st->hs_type == 5) /* EndOfEarlyData: the client's next records use its handshake keys (RFC 8446 §4.5) */
		p->dir[st->from].early_done = true;
	if (st->hs_type == 20 && p->version == 0x0304) {
		struct proof_dir *d = &p->dir[st->from];
		d->app_due = true;
		if (d->app_keyed)
			d->app_active = true;
	}
	if (st->hs_type != 0 && st->hs_type != 4 && p->nmsgs < sizeof(p->msgs) / sizeof(p->msgs[0])) {
		struct proof_msg *pm = &p->msgs[p->nmsgs++];
		pm->type = st->hs_type;
		pm->from = st->from;
		pm->hrr = !strcmp(st->message, "HelloRetryRequest");
		pm->start = p->transcript.len;
		pm->len = st->plain.len;
		pm->step = (size_t)st->index;
	}
	if (st->hs_type == 4 && p->version == 0x0304) {
		/* NewSessionTicket is not part of the transcript; keep its nonce for resumption. */
		int f = fields_find(&st->fields, FIELD_NONE, "ticket_nonce", false);
		if (f != FIELD_NONE && st->fields.v[f].length <= sizeof(p->ticket_nonce)) {
			memcpy(p->ticket_nonce, st->plain.data + st->fields.v[f].offset, st->fields.v[f].length);
			p->ticket_nonce_len = st->fields.v[f].length;
			p->have_ticket = true;
		}
	}
	if (st->hs_type != 0 && st->sent_plain.len && !p->sent_msg.len) {
		buf_set(&p->sent_msg, st->sent_plain.data, st->sent_plain.len);
		p->sent_at = p->transcript.len;
		p->sent_len = st->plain.len;
		p->sent_from = st->from;
	}
	if (st->hs_type != 0 && !(st->hs_type == 4 && p->version == 0x0304))
		buf_append(&p->transcript, st->plain.data, st->plain.len);
	if (st->hs_type == 4 && p->version == 0x0303) {
		/* RFC 5077 §3.3: in TLS 1.2 the ticket is hashed like any handshake message. */
		p->ticket12_step = (size_t)st->index;
		p->ticket12_end = p->transcript.len;
	}
	if (st->hs_type == 16) {
		p->transcript_at_cke = p->transcript.len;
		p->cke_seen = true;
		check_master(p, SIDE_CLIENT);
		check_master(p, SIDE_SERVER);
	}
}

/* RFC 8446 §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length), iv likewise. */
static void tls13_keys(struct proof *p, enum side side, struct secret *s, size_t at)
{
	/* Adding secrets to a step may move its array: keep copies, not the pointer s. */
	char name[64];
	uint8_t secret[48];
	size_t secret_len = s->value.len;
	struct secret_ref self = { 0, 0 };
	for (size_t j = 0; j < p->tl->steps[at - 1].nsecrets; j++)
		if (&p->tl->steps[at - 1].secrets[j] == s)
			self.step = at, self.idx = j;
	snprintf(name, sizeof(name), "%s", s->name);
	bool client = strstr(name, "client_") == name;
	bool hs = strstr(name, "_handshake_") != NULL;
	struct record_keys k;
	if (!suite_keys(p, &k) || secret_len > sizeof(secret))
		return;
	memcpy(secret, s->value.data, secret_len);
	mbedtls_md_type_t md = proof_suite_md(p);
	kdf_hkdf_expand_label(md, secret, secret_len, "key", NULL, 0, k.key, k.key_len);
	kdf_hkdf_expand_label(md, secret, secret_len, "iv", NULL, 0, k.iv, k.iv_len);
	enum side dir = client ? SIDE_CLIENT : SIDE_SERVER;
	char kn[64], in[64];
	snprintf(kn, sizeof(kn), "%s_%s_key", client ? "client" : "server", hs ? "handshake" : "application");
	snprintf(in, sizeof(in), "%s_%s_iv", client ? "client" : "server", hs ? "handshake" : "application");
	unsigned holder = p->keylog ? HOLDER_KEYLOG : side == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER;
	char *sh = hex_string(secret, secret_len, '\0');
	struct secret_ref rk = proof_add(p, at, kn, holder, k.key, k.key_len);
	proof_set_text(&proof_deref(p, rk)->derived_as, "HKDF-Expand-Label-%s(%s=%s, \"key\", \"\", %zu)", proof_md_name(md), name, sh,
	         k.key_len);
	proof_set_recipe(proof_deref(p, rk), recipe_expand_label(md, secret, secret_len, "key", NULL, 0, k.key_len));
	struct secret_ref ri = proof_add(p, at, in, holder, k.iv, k.iv_len);
	proof_set_text(&proof_deref(p, ri)->derived_as, "HKDF-Expand-Label-%s(%s=%s, \"iv\", \"\", %zu)", proof_md_name(md), name, sh,
	         k.iv_len);
	proof_set_recipe(proof_deref(p, ri), recipe_expand_label(md, secret, secret_len, "iv", NULL, 0, k.iv_len));
	free(sh);
	struct secret *me = proof_deref(p, self);
	if (me && !me->check_note)
		proof_set_text(&me->check_note, "reported by the library; the keys derived from it are proven by decryption, "
		                          "the secret itself is not yet re-derived from the shared secret");
	struct proof_dir *d = &p->dir[dir];
	if (d->nkeyrefs + 2 <= PROOF_MAX_KEYREFS) {
		d->keyrefs[d->nkeyrefs++] = rk;
		d->keyrefs[d->nkeyrefs++] = ri;
	}
	if (hs && !d->hs_keyed) {
		d->hs_keys = k;
		d->hs_keyed = true;
	} else if (!hs && !d->app_keyed) {
		d->app_keys = k;
		d->app_keyed = true;
		memcpy(d->app_secret, secret, secret_len);
		d->app_secret_len = secret_len;
		if (d->app_due)
			d->app_active = true;
	}
	wipe(secret, sizeof(secret));
	wipe(&k, sizeof(k));
}

void proof_on_secret(struct proof *p, enum side side, struct secret *s, const uint8_t *cr, const uint8_t *sr)
{
	if (cr && sr) {
		memcpy(p->lib_cr[side], cr, 32);
		memcpy(p->lib_sr[side], sr, 32);
		p->lib_randoms[side] = true;
	}
	size_t at = 0, idx = 0;
	for (size_t i = 0; i < p->tl->nsteps && !at; i++)
		for (size_t j = 0; j < p->tl->steps[i].nsecrets; j++)
			if (&p->tl->steps[i].secrets[j] == s)
				at = i + 1, idx = j;
	if (!at)
		return;
	struct secret_ref r = { at, idx };
	if (!strcmp(s->name, "shared_secret")) {
		p->shared[side] = r;
	} else if (!strcmp(s->name, "premaster_secret")) {
		p->premaster[side] = r;
		check_master(p, side);
	} else if (!strcmp(s->name, "master_secret")) {
		p->master[side] = r;
		check_master(p, side);
	} else if (!strcmp(s->name, "client_early_traffic_secret")) {
		proof_early_keys(p, s, at);
	} else if (strstr(s->name, "_traffic_secret")) {
		if (p->version == 0x0304) {
			tls13_keys(p, side, s, at);
		} else if (!p->have_sr && p->nearly13 < 4) {
			p->early13[p->nearly13] = r;
			p->early13_side[p->nearly13++] = side;
		}
	}
}

void proof_record_info(const struct proof *p, enum side from, bool encrypted, int inner_type,
                       struct record_info *ri)
{
	const struct proof_dir *d = &p->dir[from];
	ri->inner_type = inner_type;
	ri->tag_len = 16;
	ri->cbc = NULL;
	ri->ncbc = 0;
	if (!encrypted) {
		ri->layout = LAYOUT_PLAIN;
		return;
	}
	const struct record_keys *k = p->version == 0x0304 ? (d->hs_keyed ? &d->hs_keys : NULL) : (d->keyed ? &d->keys : NULL);
	if (!k) {
		ri->layout = LAYOUT_OPAQUE;
		return;
	}
	if (k->cipher == RECORD_AES_128_CCM_8)
		ri->tag_len = 8;
	if (p->version == 0x0304)
		ri->layout = LAYOUT_TLS13;
	else if (k->cipher == RECORD_CHACHA20_POLY1305)
		ri->layout = LAYOUT_AEAD;
	else if (k->cipher == RECORD_AES_128_CBC || k->cipher == RECORD_AES_256_CBC) {
		ri->layout = k->encrypt_then_mac ? LAYOUT_CBC_ETM : LAYOUT_CBC;
		ri->tag_len = k->mac_key_len; /* the HMAC output is as long as its key here */
	} else
		ri->layout = LAYOUT_AEAD_EXPLICIT;
}

size_t proof_cbc_inner(const struct proof *p, enum side from, const uint8_t *rec, size_t len, struct buf *plain,
                       struct record_cbc_inner *out, size_t max)
{
	const struct proof_dir *d = &p->dir[from];
	if (p->version != 0x0303 || !d->keyed || d->keys.encrypt_then_mac ||
	    (d->keys.cipher != RECORD_AES_128_CBC && d->keys.cipher != RECORD_AES_256_CBC))
		return 0;
	size_t m = 0;
	for (size_t at = 0; at < len;) {
		long r = record_complete(rec + at, len - at);
		if (r <= 0)
			break;
		at += (size_t)r;
		m++;
	}
	/* The step's records are its sender's latest ones, the last with sequence number seq - 1
	 * (all m of them are counted, so the first max get the right numbers). */
	if (m > d->seq)
		return 0;
	size_t at = 0;
	for (size_t j = 0; j < m && j < max; j++) {
		size_t r = (size_t)record_complete(rec + at, len - at);
		struct record_cbc_parts parts;
		memset(&out[j], 0, sizeof(out[j]));
		if (record_cbc_mte_open(&d->keys, d->seq - (m - j), rec + at, rec + at + RECORD_HEADER_LEN,
		                        r - RECORD_HEADER_LEN, &plain[j], &parts) == 0)
			out[j] = (struct record_cbc_inner){ plain[j].data, plain[j].len, parts.content_len, parts.mac_len,
			                                    parts.pad_len, parts.mac_ok, parts.pad_ok };
		at += r;
	}
	return m < max ? m : max;
}

int proof_decrypt(struct proof *p, enum side from, const uint8_t *rec, size_t len,
                  struct buf *plain, uint8_t *inner_type)
{
	struct proof_dir *d = &p->dir[from];
	if (len < RECORD_HEADER_LEN)
		return -1;
	const uint8_t *body = rec + RECORD_HEADER_LEN;
	size_t blen = len - RECORD_HEADER_LEN;
	/* A record that does not authenticate still used up its sender's sequence number. */
	if (p->version == 0x0303) {
		if (!d->keyed)
			return -1;
		if (record_tls12_decrypt(&d->keys, d->seq++, rec, body, blen, plain) != 0)
			return -1;
		*inner_type = rec[0];
		if (d->carried)
			return 0; /* the handshake before's keys: they prove nothing of this one */
		d->decrypted++;
		proof_keep_finished(p, from, &d->keys, d->seq - 1, rec, len, plain, *inner_type);
		return 0;
	}
	/* TLS 1.3 0-RTT: the client's data right after its ClientHello, until its EndOfEarlyData. */
	if (d->early_keyed && !d->early_done &&
	    record_tls13_decrypt(&d->early_keys, d->early_seq, rec, body, blen, plain, inner_type) == 0) {
		d->early_seq++;
		d->decrypted++;
		d->early_decrypted++;
		return 0;
	}
	if (p->version != 0x0304)
		return -1;
	if (d->app_active && record_tls13_decrypt(&d->app_keys, d->app_seq, rec, body, blen, plain, inner_type) == 0) {
		proof_keep_finished(p, from, &d->app_keys, d->app_seq, rec, len, plain, *inner_type);
		d->app_seq++;
		d->decrypted++;
		d->app_decrypted++;
		return 0;
	}
	/* Before its Finished, and for alerts after it (mbed TLS), a side uses its handshake keys. */
	if (d->hs_keyed && record_tls13_decrypt(&d->hs_keys, d->hs_seq, rec, body, blen, plain, inner_type) == 0) {
		proof_keep_finished(p, from, &d->hs_keys, d->hs_seq, rec, len, plain, *inner_type);
		d->hs_seq++;
		d->decrypted++;
		d->hs_decrypted++;
		return 0;
	}
	/* Neither key opens it (it was tampered with): count it against the key in use. */
	if (d->app_active)
		d->app_seq++;
	else if (d->hs_keyed)
		d->hs_seq++;
	return -1;
}
