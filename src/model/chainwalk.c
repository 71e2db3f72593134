/*
 * model/chainwalk.c — see chainwalk.h. The signature is checked with mbed TLS's
 * public-key primitive on the bytes as they crossed (the hash of the tbsCertificate,
 * then pk_verify), not with its X.509 path validation: that is the library's
 * computation this one is set beside. Names, dates, usage and CRLs stay mbed TLS's
 * verdict (model/failure.c says them); this walks only the signatures.
 */
#include <stdio.h>
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "model/chainwalk.h"

#define MAX_CHAIN 8

/* Does `parent`'s public key verify `child`'s signature over its tbsCertificate? */
static bool signs(const mbedtls_x509_crt *parent, const mbedtls_x509_crt *child)
{
	unsigned char hash[MBEDTLS_MD_MAX_SIZE];
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(child->MBEDTLS_PRIVATE(sig_md));
	if (!md || mbedtls_md(md, child->tbs.p, child->tbs.len, hash) != 0)
		return false;
	return mbedtls_pk_verify_ext(child->MBEDTLS_PRIVATE(sig_pk), child->MBEDTLS_PRIVATE(sig_opts),
	                             (mbedtls_pk_context *)&parent->pk, child->MBEDTLS_PRIVATE(sig_md), hash,
	                             mbedtls_md_get_size(md), child->MBEDTLS_PRIVATE(sig).p,
	                             child->MBEDTLS_PRIVATE(sig).len) == 0;
}

static bool same_name(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b)
{
	return a->len == b->len && !memcmp(a->p, b->p, a->len);
}

static const char EXPLAIN[] = "tlsstep's own check of this certificate's signature: with the public key of the "
                              "certificate above it, or of the trusted CA its issuer names (RFC 5280 6.1)";

/* A Certificate message as the model decoded it (RFC 5246 7.4.2, RFC 8446 4.4.2). */
static bool certificate(const struct step *st)
{
	return st->type == STEP_HANDSHAKE && st->hs_type == 11 && st->have_plain;
}

/* One Certificate message: parse each certificate[i] and check it against its parent. */
static void walk(struct step *st, const mbedtls_x509_crt *trust, const char *store)
{
	struct fields *fs = &st->fields;
	int list = fields_find(fs, FIELD_NONE, "certificate_list", false);
	int node[MAX_CHAIN];
	mbedtls_x509_crt crt[MAX_CHAIN];
	size_t n = 0;
	for (int c = list == FIELD_NONE ? FIELD_NONE : fields_first(fs, list); c != FIELD_NONE && n < MAX_CHAIN;
	     c = fs->v[c].next_sibling) {
		if (strncmp(fs->v[c].name, "certificate[", 12))
			continue;
		int d = fields_find(fs, c, "cert_data", false);
		if (d == FIELD_NONE || fs->v[d].offset + fs->v[d].length > st->plain.len)
			continue;
		mbedtls_x509_crt_init(&crt[n]);
		if (mbedtls_x509_crt_parse_der(&crt[n], st->plain.data + fs->v[d].offset, fs->v[d].length) != 0) {
			mbedtls_x509_crt_free(&crt[n]);
			continue;
		}
		node[n++] = c;
	}
	for (size_t i = 0; i < n; i++) {
		int sig = fields_find(fs, node[i], "signature", false);
		size_t off = sig != FIELD_NONE ? fs->v[sig].offset : fs->v[node[i]].offset;
		size_t len = sig != FIELD_NONE ? fs->v[sig].length : fs->v[node[i]].length;
		char who[200], text[400];
		const mbedtls_x509_crt *parent = NULL;
		if (i + 1 < n && same_name(&crt[i].issuer_raw, &crt[i + 1].subject_raw)) {
			parent = &crt[i + 1];
			snprintf(who, sizeof(who), "certificate[%zu]'s key", i + 1);
		} else {
			for (const mbedtls_x509_crt *t = trust; t && t->raw.p && !parent; t = t->next)
				if (same_name(&crt[i].issuer_raw, &t->subject_raw))
					parent = t;
			snprintf(who, sizeof(who), "the key of the trusted CA in %s", store ? store : "the trust store");
		}
		char issuer[160];
		mbedtls_x509_dn_gets(issuer, sizeof(issuer), &crt[i].issuer);
		if (!parent && same_name(&crt[i].issuer_raw, &crt[i].subject_raw))
			snprintf(text, sizeof(text), "%s, itself (self-signed)%s: no trusted CA is its issuer, so no key the "
			         "receiver trusts can check it", issuer, signs(&crt[i], &crt[i]) ? ", its own key verifies it" : "");
		else if (!parent)
			snprintf(text, sizeof(text), "%s: not in the chain that was sent nor in %s, so nothing can check "
			         "its signature", issuer, store ? store : "the receiver's trust store (it has none)");
		else if (signs(parent, &crt[i]))
			snprintf(text, sizeof(text), "%s: verified by tlsstep with %s", issuer, who);
		else
			snprintf(text, sizeof(text), "%s: does NOT verify with %s", issuer, who);
		fields_add(fs, node[i], FIELD_TEXT, "signed_by", off, len, EXPLAIN, "%s", text);
	}
	for (size_t i = 0; i < n; i++)
		mbedtls_x509_crt_free(&crt[i]);
}

/* The Certificate messages of steps 1..upto (0: all), each checked against its receiver's trust store. */
void chainwalk_ensure(struct timeline *tl, size_t upto)
{
	if (tl->chainwalk_done)
		return;
	size_t last = upto && upto < tl->nsteps ? upto : tl->nsteps;
	bool shown = false;
	for (size_t i = 0; i < last && !shown; i++)
		shown = certificate(&tl->steps[i]);
	if (!shown)
		return;
	tl->chainwalk_done = true; /* every one at once: a view that reached one may go on to the next */
	const struct scenario *sc = tl->sc;
	for (size_t i = 0; i < tl->nsteps; i++) {
		struct step *st = &tl->steps[i];
		if (!certificate(st))
			continue;
		const char *ca = side_peer(st->from) == SIDE_CLIENT ? sc->client.ca : sc->server.ca;
		mbedtls_x509_crt trust;
		mbedtls_x509_crt_init(&trust);
		if (ca && tl->assets_dir) {
			char path[1024];
			scenario_credential_path(ca, tl->assets_dir, path, sizeof(path));
			if (mbedtls_x509_crt_parse_file(&trust, path) != 0) {
				mbedtls_x509_crt_free(&trust);
				mbedtls_x509_crt_init(&trust);
			}
		}
		walk(st, &trust, ca);
		mbedtls_x509_crt_free(&trust);
	}
}
