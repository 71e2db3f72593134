/* model/formula.c — see formula.h. */
#include "model/formula.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/dhm.h>

#include "model/dh_recipe.h"
#include "model/recipe.h"
#include "util/hex.h"

/* The step of the last handshake message of this type from `from` in this connection (not a HelloRetryRequest). */
static struct step *last_msg(struct proof *p, uint8_t type, enum side from)
{
	for (size_t i = p->nmsgs; i-- > 0;)
		if (p->msgs[i].type == type && p->msgs[i].from == from && !p->msgs[i].hrr)
			return &p->tl->steps[p->msgs[i].step - 1];
	return NULL;
}

/* The value of the first field called name under parent (any depth), or NULL. */
static const char *val(const struct step *st, int parent, const char *name)
{
	if (!st)
		return NULL;
	int f = fields_find(&st->fields, parent, name, true);
	return f == FIELD_NONE ? NULL : st->fields.v[f].value;
}

/* "x25519 (0x001d)" -> "x25519" into out. */
static const char *group_name(const char *v, char *out, size_t cap)
{
	snprintf(out, cap, "%.*s", (int)strcspn(v, " "), v);
	return out;
}

static void set_both(struct proof *p, const struct secret_ref r[2], const char *text)
{
	for (int e = 0; e < 2; e++) {
		struct secret *s = proof_deref(p, r[e]);
		if (s)
			proof_set_text(&s->derived_as, "%s", text);
	}
}

/* A field's hex value as bytes into out (cap); 0 when absent or not hex. */
static size_t bytes_of(const char *v, uint8_t *out, size_t cap)
{
	long n = v ? hex_parse(v, out, cap) : -1;
	return n < 0 ? 0 : (size_t)n;
}

/* RFC 7919 groups, for the TLS 1.3 ffdhe shares: p as mbed TLS carries it. */
static const uint8_t ffdhe2048[] = MBEDTLS_DHM_RFC7919_FFDHE2048_P_BIN, ffdhe3072[] = MBEDTLS_DHM_RFC7919_FFDHE3072_P_BIN,
		     ffdhe4096[] = MBEDTLS_DHM_RFC7919_FFDHE4096_P_BIN, ffdhe6144[] = MBEDTLS_DHM_RFC7919_FFDHE6144_P_BIN,
		     ffdhe8192[] = MBEDTLS_DHM_RFC7919_FFDHE8192_P_BIN;

static const uint8_t *ffdhe_p(const char *g, size_t *len)
{
	static const struct {
		const char *name;
		const uint8_t *p;
		size_t len;
	} t[] = { { "ffdhe2048", ffdhe2048, sizeof(ffdhe2048) }, { "ffdhe3072", ffdhe3072, sizeof(ffdhe3072) },
		  { "ffdhe4096", ffdhe4096, sizeof(ffdhe4096) }, { "ffdhe6144", ffdhe6144, sizeof(ffdhe6144) },
		  { "ffdhe8192", ffdhe8192, sizeof(ffdhe8192) } };
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(g, t[i].name)) {
			*len = t[i].len;
			return t[i].p;
		}
	return NULL;
}

/*
 * The recipe of each end's shared value, from the end's captured private value and
 * the peer's public value from the wire: deferred (model/dh_recipe.h), as the
 * recomputation that must agree before the recipe is shown costs as much as the
 * library's own. peer[e] is what end e received. pad: TLS 1.3 keeps DH's leading
 * zeros, TLS 1.2 strips them.
 */
static void agree_recipes(struct proof *p, const struct secret_ref r[2], const char *group, const char *peer_hex[2],
                          const uint8_t *dp, size_t dp_len, const uint8_t *dg, size_t dg_len, bool pad)
{
	uint8_t peer[1024];
	for (int e = 0; e < 2; e++) {
		size_t peer_len = bytes_of(peer_hex[e], peer, sizeof(peer));
		if (!proof_deref(p, r[e]) || !p->eph_len[e] || !peer_len)
			continue;
		dh_recipe_defer(p->tl, r[e].step, r[e].idx, group, side_name((enum side)e), p->eph[e], p->eph_len[e], peer,
		                peer_len, dp, dp_len, dg, dg_len, pad);
	}
}

/* What ECDH gives on this curve (RFC 8422 §5.10, RFC 7748 §6). */
static const char *ecdh_output(const char *curve)
{
	return !strncmp(curve, "secp", 4) ? "the x-coordinate of the ECDH shared point" : "the ECDH shared value";
}

/* RFC 5246 §8.1.1, §8.1.2 and §7.4.7.1; RFC 8422 §5.10. */
static void premaster12(struct proof *p)
{
	struct step *ske = last_msg(p, 12, SIDE_SERVER), *cke = last_msg(p, 16, SIDE_CLIENT);
	char text[2400], g[32];
	const char *curve = val(ske, FIELD_NONE, "named_curve"), *spub = val(ske, FIELD_NONE, "public");
	const char *cpub = val(cke, FIELD_NONE, "ecdh_Yc");
	const char *dp = val(ske, FIELD_NONE, "dh_p"), *dg = val(ske, FIELD_NONE, "dh_g");
	const char *dys = val(ske, FIELD_NONE, "dh_Ys"), *dyc = val(cke, FIELD_NONE, "dh_Yc");
	const char *enc = val(cke, FIELD_NONE, "encrypted_premaster_secret");
	if (curve && spub && cpub) {
		group_name(curve, g, sizeof(g));
		snprintf(text, sizeof(text),
		         "%s on %s (RFC 8422 5.10) of the client's ephemeral private key and the server's public value %s "
		         "(ServerKeyExchange); the same value from the server's ephemeral private key and the client's ecdh_Yc "
		         "%s (ClientKeyExchange)", ecdh_output(g), g, spub, cpub);
		const char *peers[2] = { spub, cpub };
		agree_recipes(p, p->premaster, g, peers, NULL, 0, NULL, 0, false);
	} else if (dp && dg && dys && dyc) {
		snprintf(text, sizeof(text),
		         "the Diffie-Hellman value dh_Ys^Xc mod p, the same as dh_Yc^Xs mod p, leading zero bytes stripped "
		         "(RFC 5246 8.1.2), where Xc and Xs are the ends' private exponents (never sent), p=%s, g=%s, the "
		         "server's dh_Ys=%s (ServerKeyExchange) and the client's dh_Yc=%s (ClientKeyExchange)", dp, dg, dys, dyc);
		uint8_t pb[1024], gb[1024];
		size_t pl = bytes_of(dp, pb, sizeof(pb)), gl = bytes_of(dg, gb, sizeof(gb));
		const char *peers[2] = { dys, dyc };
		if (pl && gl)
			agree_recipes(p, p->premaster, "dhe", peers, pb, pl, gb, gl, false);
	} else if (enc) {
		/* The value is the client's; each end's copy is shown with its own bytes. */
		char path[1024];
		const char *key = p->tl->sc ? p->tl->sc->server.key : NULL;
		if (key)
			scenario_credential_path(key, p->tl->assets_dir, path, sizeof(path));
		for (int e = 0; e < 2; e++) {
			struct secret *s = proof_deref(p, p->premaster[e]);
			if (!s || s->value.len != 48)
				continue;
			if (key && cke->plain.len > 6)
				proof_set_recipe(s, recipe_rsa_decrypt(path, cke->plain.data + 6, cke->plain.len - 6));
			char rnd[93];
			rnd[hex_encode(rnd, s->value.data + 2, 46, '\0')] = '\0';
			proof_set_text(&s->derived_as,
			               "fresh: 48 bytes the client chose, client_version %02x%02x then 46 random bytes %s (RFC 5246 "
			               "7.4.7.1); %s", s->value.data[0], s->value.data[1], rnd,
			               e == SIDE_CLIENT ? "it crossed encrypted to the server's RSA key (ClientKeyExchange)"
			                                : "the server decrypted it from the ClientKeyExchange with its RSA private key");
		}
		return;
	} else {
		return;
	}
	set_both(p, p->premaster, text);
}

/* RFC 8446 §7.4: the (EC)DHE shared secret, from the key shares in the last ClientHello and the ServerHello. */
static void shared13(struct proof *p)
{
	struct step *ch = last_msg(p, 1, SIDE_CLIENT), *sh = last_msg(p, 2, SIDE_SERVER);
	const char *sg = val(sh, FIELD_NONE, "group"), *spub = val(sh, FIELD_NONE, "key_exchange");
	if (!ch || !sg || !spub)
		return;
	const char *cpub = NULL;
	for (size_t i = 0; i < ch->fields.n && !cpub; i++) {
		if (strcmp(ch->fields.v[i].name, "key_share_entry"))
			continue;
		const char *cg = val(ch, (int)i, "group");
		if (cg && !strcmp(cg, sg))
			cpub = val(ch, (int)i, "key_exchange");
	}
	if (!cpub)
		return;
	char g[32], text[2400];
	group_name(sg, g, sizeof(g));
	bool ff = !strncmp(g, "ffdhe", 5);
	snprintf(text, sizeof(text),
	         "%s on %s (RFC 8446 %s) of the client's private key and the server's key_share %s (ServerHello); the "
	         "same value from the server's private key and the client's key_share %s (ClientHello)",
	         ff ? "the Diffie-Hellman value, zero-padded to the size of p," : ecdh_output(g), g, ff ? "7.4.1" : "7.4.2",
	         spub, cpub);
	set_both(p, p->shared, text);
	size_t pl = 0;
	const uint8_t *dp = ff ? ffdhe_p(g, &pl) : NULL;
	static const uint8_t two = 2;
	const char *peers[2] = { spub, cpub };
	agree_recipes(p, p->shared, g, peers, dp, pl, dp ? &two : NULL, dp ? 1 : 0, true);
}

/* RFC 5246 §7.4.1.2: a TLS 1.2 random is gmt_unix_time and 28 random bytes, as the decoder split it. */
static void randoms12(struct proof *p)
{
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		struct step *st = &p->tl->steps[i];
		if (!proof_covers(p, st) || st->type != STEP_HANDSHAKE)
			continue;
		int r = fields_find(&st->fields, FIELD_NONE, "random", false);
		const char *t = r != FIELD_NONE ? val(st, r, "gmt_unix_time") : NULL;
		const char *rb = r != FIELD_NONE ? val(st, r, "random_bytes") : NULL;
		if (!t || !rb)
			continue;
		const char *ds = val(st, r, "downgrade_sentinel");
		for (size_t j = 0; j < st->nsecrets; j++) {
			struct secret *s = &st->secrets[j];
			if ((strcmp(s->name, "client_random") && strcmp(s->name, "server_random")) || s->value.len != 32)
				continue;
			proof_set_text(&s->derived_as,
			               "fresh: gmt_unix_time %02x%02x%02x%02x = %s by the sender's clock, then %s bytes %s%s%s "
			               "(RFC 5246 7.4.1.2%s)", s->value.data[0], s->value.data[1], s->value.data[2],
			               s->value.data[3], t, ds ? "20 random" : "28 random", rb, ds ? " and the downgrade sentinel " : "",
			               ds ? ds : "", ds ? ", RFC 8446 4.1.3" : "");
		}
	}
}

void formula_finish(struct proof *p)
{
	if (p->version == 0x0303)
		premaster12(p);
	else if (p->version == 0x0304)
		shared13(p);
	/* By the decoded hello, also when no ServerHello said a version; a TLS 1.3 random is 32
	 * random bytes, not split, and keeps derived_as NULL ("fresh"). */
	randoms12(p);
}
