/*
 * model/eavesdrop.c — see eavesdrop.h. Each connection's facts are read from its
 * steps (its ServerHello, ClientKeyExchange, the secrets the ends reported and
 * tlsstep re-derived), never from the model's state while it was built.
 */
#include "model/eavesdrop.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/rsa.h"
#include "model/recipe.h"
#include "util/hex.h"
#include "wire/names.h"

/* What the experiment needs to know of one connection. */
struct conn {
	struct timeline *tl;
	int connection;
	const struct step *sh;      /* the last ServerHello (not HelloRetryRequest) */
	struct step *cke;           /* the last ClientKeyExchange */
	uint16_t suite, version;
	bool ticket12;              /* a TLS 1.2 NewSessionTicket crossed */
	bool have_master;           /* tlsstep re-derived (or carried over) this connection's master secret */
	bool have_prev_master;      /* connection 1's, for a resumed TLS 1.2 session */
	const struct secret *client_pms; /* the premaster secret the client reported */
};

static void say(struct conn *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct conn *p, const char *fmt, ...)
{
	char text[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	struct outcome *o = &p->tl->outcome;
	size_t old = o->eavesdrop ? strlen(o->eavesdrop) : 0, n = strlen(text);
	o->eavesdrop = xrealloc(o->eavesdrop, old + n + 2);
	if (old)
		o->eavesdrop[old++] = '\n';
	memcpy(o->eavesdrop + old, text, n + 1);
}

/* The application data of this connection, as text, for "what the eavesdropper reads". */
static void app_data(const struct conn *p, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < p->tl->nsteps && o + 8 < cap; i++) {
		const struct step *st = &p->tl->steps[i];
		if (st->connection != p->connection || st->type != STEP_APPLICATION_DATA || !st->have_plain)
			continue;
		o += (size_t)snprintf(out + o, cap - o, "%s%s: \"", o ? "; " : "", side_name(st->from));
		for (size_t k = 0; k < st->plain.len && o + 6 < cap; k++) {
			uint8_t c = st->plain.data[k];
			if (c == '\r' || c == '\n')
				o += (size_t)snprintf(out + o, cap - o, "\\%c", c == '\r' ? 'r' : 'n');
			else
				out[o++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
		}
		if (o + 2 < cap)
			out[o++] = '"';
		out[o] = '\0';
	}
}

/* Does this connection's ServerHello carry the extension? */
static bool server_hello_has(const struct conn *p, const char *ext)
{
	return p->sh && fields_find(&p->sh->fields, FIELD_NONE, ext, true) != FIELD_NONE;
}

/*
 * TLS 1.3 (RFC 8446 §2.2, §4.2.9, §E.1): a full handshake is always (EC)DHE; a
 * resumption is psk_dhe_ke (a fresh key_share: still forward secret) or psk_ke
 * (the PSK alone: whoever later learns it, e.g. from the server's ticket key,
 * derives every key of the recording).
 */
static void tls13(struct conn *p, const char *conn)
{
	bool psk = server_hello_has(p, "pre_shared_key"), dhe = server_hello_has(p, "key_share");
	if (psk && !dhe) {
		say(p, "%s: TLS 1.3 resumed with the pre-shared key alone (psk_ke): no forward secrecy. The server's "
		       "certificate key played no part, but whoever later obtains the PSK (the ticket key that sealed "
		       "the ticket, or the client's session cache) derives every key of this recording", conn);
	} else if (psk) {
		say(p, "%s: TLS 1.3 resumed with the pre-shared key and a fresh (EC)DHE exchange (psk_dhe_ke). The "
		       "certificate key played no part; whoever later obtains the PSK still lacks the (EC)DHE shared "
		       "secret, whose private keys never crossed the wire and were discarded (forward secrecy)", conn);
	} else {
		say(p, "%s: TLS 1.3, always ephemeral (EC)DHE. Stealing the server's private key later recovers "
		       "nothing: that key only signed the handshake (CertificateVerify); every traffic secret comes from "
		       "the (EC)DHE shared secret, whose private keys never crossed the wire (only the key_share public "
		       "values did) and were discarded (forward secrecy)", conn);
	}
}

static void experiment(struct conn *p)
{
	const struct suite_info *si = names_suite(p->suite);
	if (!si || p->version == 0 || !p->sh)
		return;
	char conn[32];
	snprintf(conn, sizeof(conn), "connection %d", p->connection);
	bool psk_auth = !strcmp(si->auth, "PSK");
	if (p->version != 0x0304 && !names_suite_forward_secret(si) && (strcmp(si->kx, "RSA") != 0 || psk_auth)) {
		/* Static ECDH, PSK, RSA-PSK: no ephemeral key, but no recorded ciphertext we could
		 * decrypt here either; say which long-term secret opens it, claim nothing more. */
		const char *what = !strcmp(si->kx, "PSK")
		                       ? "the pre-shared key alone makes the premaster secret (RFC 4279 2): whoever later "
		                         "obtains it recomputes the premaster secret from the recording"
		                   : psk_auth
		                       ? "the premaster secret joins 46 random bytes, encrypted to the server's RSA key, with the "
		                         "pre-shared key (RFC 4279 4): whoever later obtains both reads the recording"
		                       : "the certificate's own (EC)DH key takes part in every handshake: whoever later obtains it "
		                         "recomputes the premaster secret from the recording";
		say(p, "%s: %s key exchange has no forward secrecy: %s", conn, si->kx, what);
		return;
	}
	if (p->version == 0x0304) {
		tls13(p, conn);
		return;
	}
	bool ticket = p->ticket12;
	if (!p->cke && p->have_prev_master) {
		/* RFC 5246 §7.3: an abbreviated handshake exchanges no key; RFC 5077 §5 on what guards the ticket. */
		say(p, "%s: resumed (abbreviated handshake), no new key exchange: the keys come from connection 1's master "
		       "secret and two new randoms. Stealing the server's private key recovers nothing here either, but "
		       "this connection is only as safe as that master secret: whoever later reads it from the server's "
		       "session cache, or steals the key that sealed a session ticket, reads both connections", conn);
		return;
	}
	if (psk_auth) {
		/* DHE-PSK, ECDHE-PSK (RFC 4279 3, RFC 5489 2): no certificate; the PSK authenticates. */
		say(p, "%s: %s with a pre-shared key. No certificate took part: the pre-shared key authenticated both ends, "
		       "and the premaster secret joins it with an ephemeral Diffie-Hellman value whose private keys never "
		       "crossed the wire and were discarded, so whoever later obtains the pre-shared key still cannot "
		       "decrypt this recording (forward secrecy)", conn, si->kx);
		return;
	}
	if (strcmp(si->kx, "RSA") != 0) {
		say(p, "%s: %s. Stealing the server's private key later recovers nothing: that key only signed the "
		       "handshake; the premaster secret came from ephemeral Diffie-Hellman private keys that never crossed "
		       "the wire (only their public halves did) and were discarded (forward secrecy)%s", conn, si->kx,
		    ticket ? ". One caveat: the NewSessionTicket carries this master secret sealed with the server's "
		             "ticket key, so stealing that key (not the certificate's) would open this recording too "
		             "(RFC 5077 5)"
		           : "");
		return;
	}
	if (p->tl->capture.file) { /* a capture: the server's key is its owner's, not the run's */
		say(p, "%s: RSA key exchange, no forward secrecy. Whoever has the server's private key decrypts the "
		       "recorded ClientKeyExchange to the premaster secret, which gives the master secret and every key: "
		       "everything recorded can be read (tlsstep --open with --server-key FILE does exactly that)", conn);
		return;
	}
	/* RSA key exchange: decrypt the recorded ClientKeyExchange as the server does. */
	const char *key = p->tl->sc->server.key;
	if (!p->cke || !key || !p->tl->server_key || p->cke->plain.len < 6)
		return;
	const uint8_t *enc = p->cke->plain.data + 6;
	size_t enc_len = p->cke->plain.len - 6;
	char err[200];
	uint8_t pms[64];
	size_t pms_len = 0;
	if (check_rsa_decrypt(p->tl->server_key, enc, enc_len, pms, sizeof(pms), &pms_len, err, sizeof(err)) != 0) {
		say(p, "%s: could not decrypt the ClientKeyExchange with the server's key: %s", conn, err);
		return;
	}
	/* Compared before the secret is added: adding may move the step's secrets, the client's among them. */
	const struct secret *client = p->client_pms;
	bool same = client && client->value.len == pms_len && !memcmp(client->value.data, pms, pms_len);
	enum agreement agrees = client ? (same ? AGREE_YES : AGREE_NO) : AGREE_UNCHECKED;
	p->client_pms = NULL;
	struct secret *s = step_add_secret(p->cke, "premaster_secret_decrypted", HOLDER_SERVER, pms, pms_len);
	char *eh = hex_string(enc, enc_len, '\0');
	timeline_set_text(&s->derived_as, "RSAES-PKCS1-v1_5-Decrypt(server private key, encrypted_premaster_secret=%s)",
	               eh);
	free(eh);
	char path[1024];
	scenario_credential_path(key, p->tl->assets_dir, path, sizeof(path));
	s->recipe = recipe_rsa_decrypt(path, enc, enc_len);
	s->agrees = agrees;
	timeline_set_text(&s->check_note, same ? "tlsstep decrypted the ClientKeyExchange with the server's key: the "
	                                      "premaster secret the client chose"
	                                    : "the decryption does not give the client's premaster secret");
	if (!same || !p->have_master) {
		say(p, "%s: RSA key exchange, but the decrypted premaster secret did not match: %s", conn,
		    "no conclusion");
		return;
	}
	char data[400];
	app_data(p, data, sizeof(data));
	say(p, "%s: RSA key exchange, no forward secrecy. With the server's private key, the recorded "
	       "ClientKeyExchange decrypts to the premaster secret (identical to the client's), which gives the master "
	       "secret and every key: everything recorded can be read, e.g. %s", conn, data[0] ? data : "(no data)");
	wipe(pms, sizeof(pms));
}

/* The facts of connection c, from its steps, in the order the model met them. */
static void gather(struct timeline *tl, int c, bool prev_master, struct conn *p)
{
	memset(p, 0, sizeof(*p));
	p->tl = tl;
	p->connection = c;
	p->have_prev_master = prev_master;
	for (size_t i = 0; i < tl->nsteps; i++) {
		struct step *st = &tl->steps[i];
		if (st->connection != c)
			continue;
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *s = &st->secrets[j];
			if (!strcmp(s->name, "premaster_secret") && s->holders == HOLDER_CLIENT)
				p->client_pms = s;
			else if (!strcmp(s->name, "master_secret") && s->derived_as)
				p->have_master = true; /* model/proof.c says how only once it re-derived it */
		}
		if (st->type != STEP_HANDSHAKE || !st->have_plain)
			continue;
		if (st->hs_type == 2 && st->plain.len >= 38 && !st->decode_error.alert &&
		    strcmp(st->message, "HelloRetryRequest") != 0) {
			p->sh = st;
			int f = fields_find(&st->fields, FIELD_NONE, "cipher_suite", false);
			p->suite = f == FIELD_NONE ? 0
			           : (uint16_t)(st->plain.data[st->fields.v[f].offset] << 8 |
			                        st->plain.data[st->fields.v[f].offset + 1]);
			p->version = fields_find(&st->fields, FIELD_NONE, "selected_version", true) != FIELD_NONE ? 0x0304
			                                                                                           : 0x0303;
		} else if (st->hs_type == 4 && p->version == 0x0303) {
			p->ticket12 = true;
		} else if (st->hs_type == 16) {
			p->cke = st;
		}
	}
}

void eavesdrop_ensure(struct timeline *tl, size_t upto)
{
	if (tl->eavesdrop_done)
		return;
	if (upto) {
		/* Only the decrypted premaster secret sits on a step; the rest is in the e view. */
		bool shown = false;
		for (size_t i = 0; i < upto && i < tl->nsteps && !shown; i++)
			shown = tl->steps[i].hs_type == 16 && tl->steps[i].type == STEP_HANDSHAKE;
		if (!shown)
			return;
	}
	tl->eavesdrop_done = true;
	int last = 0; /* a man in the middle's connections interleave: the highest, not the last step's */
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].connection > last)
			last = tl->steps[i].connection;
	bool prev_master = false;
	for (int c = 1; c <= last; c++) {
		struct conn p;
		gather(tl, c, prev_master, &p);
		experiment(&p);
		prev_master = p.have_master; /* a resumed connection keeps the one before's master secret */
	}
}
