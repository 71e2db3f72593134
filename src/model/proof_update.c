/* model/proof_update.c — a TLS 1.3 KeyUpdate's next traffic secret and keys (see proof.h). */
#include "model/proof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/kdf.h"
#include "model/recipe.h"
#include "util/hex.h"
#include "wire/names.h"

/*
 * RFC 8446 §4.6.3, §7.2: after its KeyUpdate a side protects its records with
 * application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length),
 * and the keys and IV from it (§7.3); its sequence numbers start again at 0. Derived
 * here, never read from the library or the key log.
 */
void proof_key_update(struct proof *p, struct step *st)
{
	struct proof_dir *d = &p->dir[st->from];
	if (!d->app_keyed || !d->app_secret_len)
		return;
	mbedtls_md_type_t md = proof_suite_md(p);
	size_t hl = d->app_secret_len;
	uint8_t next[48];
	kdf_hkdf_expand_label(md, d->app_secret, hl, "traffic upd", NULL, 0, next, hl);
	const char *who = st->from == SIDE_CLIENT ? "client" : "server";
	unsigned holder = p->keylog ? HOLDER_KEYLOG : st->from == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER;
	char name[64], prev[64];
	snprintf(prev, sizeof(prev), "%s_application_traffic_secret_%u", who, d->updates);
	snprintf(name, sizeof(name), "%s_application_traffic_secret_%u", who, ++d->updates);
	size_t at = (size_t)st->index;
	struct secret_ref r = proof_add(p, at, name, holder, next, hl);
	char *ph = hex_string(d->app_secret, hl, '\0');
	proof_set_text(&proof_deref(p, r)->derived_as, "HKDF-Expand-Label-%s(%s=%s, \"traffic upd\", \"\", %zu)",
	               proof_md_name(md), prev, ph, hl);
	free(ph);
	proof_set_recipe(proof_deref(p, r), recipe_expand_label(md, d->app_secret, hl, "traffic upd", NULL, 0, hl));
	proof_set_text(&proof_deref(p, r)->check_note, "derived by tlsstep after the %s's KeyUpdate; the records it "
	               "sent after it prove it by decrypting", who);
	struct record_keys k = d->app_keys;
	kdf_hkdf_expand_label(md, next, hl, "key", NULL, 0, k.key, k.key_len);
	kdf_hkdf_expand_label(md, next, hl, "iv", NULL, 0, k.iv, k.iv_len);
	char kn[64], in[64];
	snprintf(kn, sizeof(kn), "%s_application_key_%u", who, d->updates);
	snprintf(in, sizeof(in), "%s_application_iv_%u", who, d->updates);
	char *nh = hex_string(next, hl, '\0');
	struct secret_ref rk = proof_add(p, at, kn, holder, k.key, k.key_len);
	proof_set_text(&proof_deref(p, rk)->derived_as, "HKDF-Expand-Label-%s(%s=%s, \"key\", \"\", %zu)",
	               proof_md_name(md), name, nh, k.key_len);
	proof_set_recipe(proof_deref(p, rk), recipe_expand_label(md, next, hl, "key", NULL, 0, k.key_len));
	struct secret_ref ri = proof_add(p, at, in, holder, k.iv, k.iv_len);
	proof_set_text(&proof_deref(p, ri)->derived_as, "HKDF-Expand-Label-%s(%s=%s, \"iv\", \"\", %zu)",
	               proof_md_name(md), name, nh, k.iv_len);
	proof_set_recipe(proof_deref(p, ri), recipe_expand_label(md, next, hl, "iv", NULL, 0, k.iv_len));
	free(nh);
	if (d->nkeyrefs + 2 <= PROOF_MAX_KEYREFS) {
		d->keyrefs[d->nkeyrefs++] = rk;
		d->keyrefs[d->nkeyrefs++] = ri;
	}
	d->app_keys = k;
	d->app_seq = 0;
	memcpy(d->app_secret, next, hl);
	wipe(next, sizeof(next));
	wipe(&k, sizeof(k));
}

/* RFC 8446 §7.3: client_early key and IV = HKDF-Expand-Label(client_early_traffic_secret, "key"/"iv", "", n). */
void proof_early_keys(struct proof *p, struct secret *s, size_t at)
{
	struct proof_dir *d = &p->dir[SIDE_CLIENT];
	struct record_keys k;
	if (!p->early_suite || d->early_keyed || !proof_suite_keys(p->early_suite, 0x0304, &k) || s->value.len > 48)
		return;
	uint8_t secret[48];
	size_t hl = s->value.len;
	memcpy(secret, s->value.data, hl);
	const struct suite_info *si = names_suite(p->early_suite);
	size_t nl = si ? strlen(si->name) : 0;
	mbedtls_md_type_t md = nl > 7 && !strcmp(si->name + nl - 7, "_SHA384") ? MBEDTLS_MD_SHA384 : MBEDTLS_MD_SHA256;
	kdf_hkdf_expand_label(md, secret, hl, "key", NULL, 0, k.key, k.key_len);
	kdf_hkdf_expand_label(md, secret, hl, "iv", NULL, 0, k.iv, k.iv_len);
	unsigned holder = p->keylog ? HOLDER_KEYLOG : HOLDER_CLIENT;
	char *sh = hex_string(secret, hl, '\0');
	struct secret_ref rk = proof_add(p, at, "client_early_key", holder, k.key, k.key_len);
	proof_set_text(&proof_deref(p, rk)->derived_as, "HKDF-Expand-Label-%s(client_early_traffic_secret=%s, \"key\", "
	               "\"\", %zu)", proof_md_name(md), sh, k.key_len);
	proof_set_recipe(proof_deref(p, rk), recipe_expand_label(md, secret, hl, "key", NULL, 0, k.key_len));
	struct secret_ref ri = proof_add(p, at, "client_early_iv", holder, k.iv, k.iv_len);
	proof_set_text(&proof_deref(p, ri)->derived_as, "HKDF-Expand-Label-%s(client_early_traffic_secret=%s, \"iv\", "
	               "\"\", %zu)", proof_md_name(md), sh, k.iv_len);
	proof_set_recipe(proof_deref(p, ri), recipe_expand_label(md, secret, hl, "iv", NULL, 0, k.iv_len));
	free(sh);
	if (d->nkeyrefs + 2 <= PROOF_MAX_KEYREFS) {
		d->keyrefs[d->nkeyrefs++] = rk;
		d->keyrefs[d->nkeyrefs++] = ri;
	}
	d->early_keys = k;
	d->early_keyed = true;
	wipe(secret, sizeof(secret));
	wipe(&k, sizeof(k));
}
