/*
 * model/eavesdrop.c — forward secrecy as an experiment (RFC 5246 §7.4.7.1,
 * RFC 8446 §1.2): someone recorded the connection and later steals the server's
 * private key. Under RSA key exchange the recorded ClientKeyExchange decrypts to
 * the premaster secret, and everything follows; under (EC)DHE the key only ever
 * signed, and the ephemeral secrets that made the premaster were never sent.
 * tlsstep performs the decryption for real, as the server did.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/kdf.h"
#include "check/rsa.h"
#include "model/early.h"
#include "model/proof.h"
#include "model/recipe.h"
#include "util/hex.h"
#include "wire/names.h"

static void say(struct proof *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct proof *p, const char *fmt, ...)
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
static void app_data(const struct proof *p, char *out, size_t cap)
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

/* Does the server's (last, not HelloRetryRequest) ServerHello of this connection carry the extension? */
static bool server_hello_has(const struct proof *p, const char *ext)
{
	const struct step *sh = NULL;
	for (size_t i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].type == 2 && p->msgs[i].from == SIDE_SERVER)
			sh = &p->tl->steps[p->msgs[i].step - 1];
	return sh && strncmp(sh->message, "HelloRetryRequest", 17) != 0 &&
	       fields_find(&sh->fields, FIELD_NONE, ext, true) != FIELD_NONE;
}

/*
 * TLS 1.3 (RFC 8446 §2.2, §4.2.9, §E.1): a full handshake is always (EC)DHE; a
 * resumption is psk_dhe_ke (a fresh key_share: still forward secret) or psk_ke
 * (the PSK alone: whoever later learns it, e.g. from the server's ticket key,
 * derives every key of the recording).
 */
static void tls13(struct proof *p, const char *conn)
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

void eavesdrop_finish(struct proof *p)
{
	const struct suite_info *si = names_suite(p->suite);
	if (!si || p->version == 0 || !p->have_sr)
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
	bool ticket = p->ticket12_step != 0;
	if (!p->cke_seen && p->have_prev_master) {
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
	/* RSA key exchange: decrypt the recorded ClientKeyExchange as the server does. */
	int cke = -1;
	for (size_t i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].type == 16)
			cke = (int)i;
	const char *key = p->tl->sc->server.key;
	if (cke < 0 || !key || p->msgs[cke].len < 6)
		return;
	const uint8_t *enc = p->transcript.data + p->msgs[cke].start + 6;
	size_t enc_len = p->msgs[cke].len - 6;
	char path[1024], err[200];
	scenario_credential_path(key, p->assets_dir, path, sizeof(path));
	uint8_t pms[64];
	size_t pms_len = 0;
	if (early_rsa_decrypt(p->early, path, enc, enc_len, pms, sizeof(pms), &pms_len, err, sizeof(err)) != 0) {
		say(p, "%s: could not decrypt the ClientKeyExchange with the server's key: %s", conn, err);
		return;
	}
	struct secret_ref r = proof_add(p, p->msgs[cke].step, "premaster_secret_decrypted", HOLDER_SERVER, pms, pms_len);
	struct secret *s = proof_deref(p, r);
	char *eh = hex_string(enc, enc_len, '\0');
	proof_set_text(&s->derived_as, "RSAES-PKCS1-v1_5-Decrypt(server private key, encrypted_premaster_secret=%s)",
	               eh);
	free(eh);
	proof_set_recipe(s, recipe_rsa_decrypt(path, enc, enc_len));
	const struct secret *client = proof_deref(p, p->premaster[SIDE_CLIENT]);
	bool same = client && client->value.len == pms_len && !memcmp(client->value.data, pms, pms_len);
	s->agrees = client ? (same ? AGREE_YES : AGREE_NO) : AGREE_UNCHECKED;
	proof_set_text(&s->check_note, same ? "tlsstep decrypted the ClientKeyExchange with the server's key: the "
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
