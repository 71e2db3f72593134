/*
 * model/sigcheck.c — every handshake signature checked by tlsstep itself, with the
 * signer's certificate as it crossed the pipe:
 *   TLS 1.2 ServerKeyExchange: client_random + server_random + the parameters (RFC 5246 §7.4.3)
 *   TLS 1.2 CertificateVerify: all handshake messages before it (RFC 5246 §7.4.8)
 *   TLS 1.3 CertificateVerify: 64 spaces, the context string, 0, Hash(transcript) (RFC 8446 §4.4.3)
 */
#include <string.h>

#include "check/kdf.h"
#include "check/sig.h"
#include "model/early.h"
#include "model/sigcheck.h"

/* The bytes of a field of a step, or NULL. */
static const uint8_t *field_bytes(const struct step *st, const char *name, bool deep, size_t *len)
{
	return fields_bytes(&st->fields, st->plain.data, name, deep, len);
}

/* The end-entity certificate (DER) a sender presented in this connection. */
static const uint8_t *certificate_of(struct proof *p, enum side from, size_t *len)
{
	for (size_t i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].type == 11 && p->msgs[i].from == from)
			return field_bytes(&p->tl->steps[p->msgs[i].step - 1], "cert_data", true, len);
	return NULL;
}

static void check(struct proof *p, struct step *st, enum side signer, const uint8_t *content, size_t content_len)
{
	size_t cert_len = 0, sig_len = 0, sch_len = 0;
	const uint8_t *cert = certificate_of(p, signer, &cert_len);
	const uint8_t *sig = field_bytes(st, "signature", true, &sig_len);
	const uint8_t *sch = field_bytes(st, "signature_scheme", true, &sch_len);
	if (!sig || !sch || sch_len != 2)
		return;
	buf_set(&st->signed_content, content, content_len);
	if (!cert) {
		st->signature_ok = AGREE_UNCHECKED;
		/* Was it sent but never readable (a record that failed its AEAD check)? */
		bool unread = false;
		for (int i = 0; i < st->index - 1; i++) {
			const struct step *o = &p->tl->steps[i];
			unread |= o->connection == st->connection && o->from == signer && o->encrypted && !o->have_plain;
		}
		proof_set_text(&st->signature_note,
		               unread ? "the %s's certificate could not be read: a record before this one failed its "
		                        "integrity check and was never decrypted, so there is nothing to check it with"
		                      : "the %s sent no certificate to check it with",
		               side_name(signer));
		return;
	}
	char err[160];
	int rc = early_signature(p->early, cert, cert_len, (uint16_t)(sch[0] << 8 | sch[1]), content, content_len, sig,
	                         sig_len, err, sizeof(err));
	st->signature_ok = rc == 0 ? AGREE_YES : rc == CHECK_ERR_AUTH ? AGREE_NO : AGREE_UNCHECKED;
	if (rc == 0)
		proof_set_text(&st->signature_note, "verified by tlsstep with the public key of the %s's certificate",
		               side_name(signer));
	else
		proof_set_text(&st->signature_note, "%s: %s", rc == CHECK_ERR_AUTH ? "does NOT verify" : "not checked", err);
}

void sigcheck_finish(struct proof *p)
{
	for (size_t i = 0; i < p->nmsgs; i++) {
		const struct proof_msg *m = &p->msgs[i];
		struct step *st = &p->tl->steps[m->step - 1];
		if (m->type == 12 && p->version == 0x0303 && p->have_cr && p->have_sr) {
			struct buf c = { 0 };
			if (check_ske_content(&st->fields, st->plain.data, p->client_random, p->server_random, &c))
				check(p, st, SIDE_SERVER, c.data, c.len);
			buf_free(&c);
		} else if (m->type == 15 && p->version == 0x0303) {
			check(p, st, m->from, p->transcript.data, m->start);
		} else if (m->type == 15 && p->version == 0x0304 && i > 0) {
			mbedtls_md_type_t md = proof_suite_md(p);
			size_t hl = kdf_hash_len(md);
			uint8_t c[64 + 34 + 1 + 48];
			const char *ctx = m->from == SIDE_SERVER ? "TLS 1.3, server CertificateVerify"
			                                         : "TLS 1.3, client CertificateVerify";
			memset(c, 0x20, 64);
			memcpy(c + 64, ctx, 33);
			c[97] = 0;
			proof_transcript_hash(p, md, i - 1, c + 98);
			check(p, st, m->from, c, 98 + hl);
		}
	}
}
