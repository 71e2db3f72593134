/* model/rsa_cke.c — see rsa_cke.h. */
#include "model/rsa_cke.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/kdf.h"
#include "check/rsa.h"
#include "wire/names.h"

/* The client's generator replayed from its tape: each draw gives back exactly what it gave then. */
struct replay {
	const uint8_t *p;
	size_t left;
};

static size_t draw_len(const uint8_t *p)
{
	return (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
}

static int replay_draw(void *ctx, unsigned char *out, size_t len)
{
	struct replay *r = ctx;
	if (r->left < 4 || draw_len(r->p) != len || r->left - 4 < len)
		return -1; /* the client asked for something else here: not this tape position */
	memcpy(out, r->p + 4, len);
	r->p += 4 + len;
	r->left -= 4 + len;
	return 0;
}

/*
 * mbed TLS draws the premaster secret's 46 random bytes and then, in the same
 * encryption, the padding (RFC 5246 §7.4.7.1): each 46-byte draw of the tape is a
 * place where the padding may start. Returns 0 (match), CHECK_ERR_AUTH (none matched),
 * CHECK_ERR_BAD_INPUT (no such draw: nothing to replay) or another CHECK_ERR_* with err.
 */
static int reencrypt(const struct buf *draws, const uint8_t *cert, size_t cert_len, const uint8_t *pms,
                     const uint8_t *wire, size_t wire_len, char *err, size_t errlen)
{
	int rc = CHECK_ERR_BAD_INPUT; /* until a place is tried */
	snprintf(err, errlen, "the client's generator drew no premaster secret");
	for (size_t o = 0; draws && o + 4 <= draws->len;) {
		size_t n = draw_len(draws->data + o);
		if (n > draws->len - o - 4)
			break;
		o += 4 + n;
		if (n != 46)
			continue;
		struct replay r = { draws->data + o, draws->len - o };
		rc = check_rsa_reencrypt(cert, cert_len, pms, 48, replay_draw, &r, wire, wire_len, err, errlen);
		if (rc == 0 || (rc != CHECK_ERR_AUTH && rc != CHECK_ERR_CRYPTO))
			return rc;
	}
	/* A place whose draws do not fit a padding (CHECK_ERR_CRYPTO) is not where it started. */
	if (rc == CHECK_ERR_CRYPTO)
		snprintf(err, errlen, "no draw of the client's generator is followed by a padding that gives these bytes");
	return rc == CHECK_ERR_CRYPTO ? CHECK_ERR_AUTH : rc;
}

/* One connection: YES, NO, or UNCHECKED when it has nothing to check. */
static enum agreement connection(struct timeline *tl, int c, const struct buf *draws)
{
	const struct step *cert = NULL, *cke = NULL;
	struct secret *pms = NULL;
	uint16_t suite = 0;
	for (size_t i = 0; i < tl->nsteps; i++) {
		struct step *st = &tl->steps[i];
		if (st->connection != c)
			continue;
		for (size_t j = 0; j < st->nsecrets; j++)
			if (!strcmp(st->secrets[j].name, "premaster_secret") && st->secrets[j].holders == HOLDER_CLIENT)
				pms = &st->secrets[j];
		if (st->type != STEP_HANDSHAKE || !st->have_plain)
			continue;
		if (st->hs_type == 2 && st->from == SIDE_SERVER && !st->decode_error.alert) {
			size_t n = 0;
			const uint8_t *cs = fields_bytes(&st->fields, st->plain.data, "cipher_suite", false, &n);
			suite = cs && n == 2 ? (uint16_t)(cs[0] << 8 | cs[1]) : 0;
		} else if (st->hs_type == 11 && st->from == SIDE_SERVER && !cert) {
			cert = st;
		} else if (st->hs_type == 16 && st->from == SIDE_CLIENT) {
			cke = st;
		}
	}
	const struct suite_info *si = suite ? names_suite(suite) : NULL;
	if (!si || strcmp(si->kx, "RSA") != 0 || !strcmp(si->auth, "PSK") || !cert || !cke || !pms ||
	    pms->value.len != 48 || cke->plain.len < 6)
		return AGREE_UNCHECKED;
	size_t cert_len = 0;
	const uint8_t *der = fields_bytes(&cert->fields, cert->plain.data, "cert_data", true, &cert_len);
	if (!der)
		return AGREE_UNCHECKED;
	char err[200];
	int rc = reencrypt(draws, der, cert_len, pms->value.data, cke->plain.data + 6, cke->plain.len - 6, err,
	                   sizeof(err));
	if (rc == 0)
		return AGREE_YES;
	if (rc != CHECK_ERR_AUTH)
		return AGREE_UNCHECKED;
	/* Said only when it fails: the run's words stay those of the comparison with the server. */
	pms->agrees = AGREE_NO;
	char *was = pms->check_note;
	pms->check_note = NULL;
	timeline_set_text(&pms->check_note, "%s%sthe ClientKeyExchange that crossed does not encrypt it: re-encrypted "
	                  "with the certificate's public key and the padding the client drew, it gives other bytes",
	                  was ? was : "", was ? "; " : "");
	free(was);
	return AGREE_NO;
}

void rsa_cke_check(struct timeline *tl, const struct buf *draws)
{
	int last = tl->nsteps ? tl->steps[tl->nsteps - 1].connection : 0;
	tl->rsa_cke_ok = AGREE_UNCHECKED;
	for (int c = 1; c <= last; c++) {
		enum agreement a = connection(tl, c, draws);
		if (a == AGREE_NO || (a == AGREE_YES && tl->rsa_cke_ok == AGREE_UNCHECKED))
			tl->rsa_cke_ok = a;
	}
}
