/* model/verdict.c — see verdict.h. */
#include "model/verdict.h"

#include <string.h>

#include "check/kdf.h"

/* Is this key secret's value the MAC key, write key or IV of these record keys? */
static bool key_in(const struct record_keys *k, const struct secret *s)
{
	const struct buf *v = &s->value;
	return (v->len == k->mac_key_len && !memcmp(v->data, k->mac_key, v->len)) ||
	       (v->len == k->key_len && !memcmp(v->data, k->key, v->len)) ||
	       (v->len == k->iv_len && !memcmp(v->data, k->iv, v->len));
}

/* The running transcript hash after each handshake message (RFC 5246 §7.4.9, RFC 8446 §4.4.1). */
void proof_hashes(struct proof *p)
{
	if (!p->suite)
		return;
	mbedtls_md_type_t md = proof_suite_md(p);
	size_t hl = kdf_hash_len(md);
	for (size_t i = 0; i < p->nmsgs; i++) {
		struct step *st = &p->tl->steps[p->msgs[i].step - 1];
		proof_transcript_hash(p, md, i, st->transcript_hash);
		st->transcript_hash_len = hl;
		st->transcript_hash_md = proof_md_name(md);
	}
	if (p->ticket12_step) {
		struct step *st = &p->tl->steps[p->ticket12_step - 1];
		kdf_hash(md, p->transcript.data, p->ticket12_end, st->transcript_hash);
		st->transcript_hash_len = hl;
		st->transcript_hash_md = proof_md_name(md);
	}
}

void proof_verdicts(struct proof *p)
{
	/* Randoms: what each library reported against what crossed the wire. */
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		struct step *st = &p->tl->steps[i];
		if (!proof_covers(p, st))
			continue;
		for (size_t j = 0; j < st->nsecrets; j++) {
			struct secret *s = &st->secrets[j];
			bool cr = !strcmp(s->name, "client_random"), sr = !strcmp(s->name, "server_random");
			if (!cr && !sr)
				continue;
			int seen = 0, same = 0;
			for (int e = 0; e < 2; e++) {
				const uint8_t *lib = cr ? p->lib_cr[e] : p->lib_sr[e];
				if (!p->lib_randoms[e])
					continue;
				seen++;
				same += !memcmp(lib, s->value.data, 32);
			}
			if (seen) {
				s->agrees = same == seen ? AGREE_YES : AGREE_NO;
				proof_set_text(&s->check_note, "%s: the value on the wire and the one %d end(s) reported to the key-export callback",
				         same == seen ? "identical" : "DIFFERENT", seen);
			} else {
				proof_set_text(&s->check_note, p->keylog ? "read from the capture: only the wire shows it"
				                                         : "no end reached key export, so only the wire shows it");
			}
		}
	}
	/* The premaster secret: each end computed it on its own; they must agree. */
	struct secret *c = proof_deref(p, p->premaster[SIDE_CLIENT]), *s = proof_deref(p, p->premaster[SIDE_SERVER]);
	if (c && s) {
		bool same = c->value.len == s->value.len && !memcmp(c->value.data, s->value.data, c->value.len);
		c->agrees = s->agrees = same ? AGREE_YES : AGREE_NO;
		proof_set_text(&c->check_note, "%s to the copy the server computed on its own", same ? "identical" : "DIFFERENT");
		proof_set_text(&s->check_note, "%s to the copy the client computed on its own", same ? "identical" : "DIFFERENT");
	}
	/* Keys: an AEAD tag or MAC verifies only under the key the sender really used. */
	for (int e = 0; e < 2; e++) {
		struct proof_dir *d = &p->dir[e];
		for (size_t i = 0; i < d->nkeyrefs; i++) {
			struct secret *k = proof_deref(p, d->keyrefs[i]);
			if (!k)
				continue;
			if (p->version == 0x0303 && d->decrypted && !key_in(&d->keys, k)) {
				k->agrees = AGREE_NO;
				proof_set_text(&k->check_note, "DIFFERENT from the keys the %s's records were protected with: "
				               "this end derived its key block from a different master secret",
				               side_name((enum side)e));
				continue;
			}
			/* TLS 1.3: each key set is proven by the records it protected, not by all of them. */
			unsigned n = strstr(k->name, "_handshake_") ? d->hs_decrypted
			           : strstr(k->name, "_application_") ? d->app_decrypted
			           : strstr(k->name, "_early_") ? d->early_decrypted : d->decrypted;
			const char *which = strstr(k->name, "_handshake_") ? "under the handshake keys"
			                  : strstr(k->name, "_application_") ? "under the application keys"
			                  : strstr(k->name, "_early_") ? "under the early data keys (0-RTT)" : "under our keys";
			k->agrees = n ? AGREE_YES : AGREE_UNCHECKED;
			if (n)
				proof_set_text(&k->check_note, "%u record(s) from the %s decrypted and authenticated %s", n,
				               side_name((enum side)e), which);
			else
				proof_set_text(&k->check_note, "no record from the %s was decrypted%s%s, so these keys are unproven",
				               side_name((enum side)e), p->version == 0x0304 ? " " : "",
				               p->version == 0x0304 ? which : "");
		}
	}
}
