/*
 * model/proof_keylog.c — see proof_keylog.h.
 *
 * A key log hands over a secret, not the inputs it was made from (no premaster
 * secret, no (EC)DHE shared secret), so tlsstep cannot re-derive it. Two
 * computations can still agree on what follows from it: our decryption with the
 * keys derived from it against the sender's encryption (an AEAD tag or MAC holds
 * only under the sender's key), and our Finished against the sender's.
 */
#include "model/proof_keylog.h"

#include <stdio.h>
#include <string.h>

#include "check/kdf.h"

/*
 * A capture opened with --server-key: the premaster secret decrypted from the
 * ClientKeyExchange, and no master secret from anyone. tlsstep's own PRF gives it
 * (RFC 5246 §8.1, RFC 7627 §4); there is nothing to compare it with, so it is
 * judged later by what it decrypts (model/proof_keylog.c).
 */
void proof_master_from_premaster(struct proof *p, enum side side)
{
	struct secret *pms = proof_deref(p, p->premaster[side]);
	mbedtls_md_type_t md = proof_suite_md(p);
	uint8_t seed[64], ms[48];
	size_t sl = 64;
	const char *label = p->ems ? "extended master secret" : "master secret";
	if (p->ems) {
		kdf_hash(md, p->transcript.data, p->transcript_at_cke, seed);
		sl = kdf_hash_len(md);
	} else {
		memcpy(seed, p->client_random, 32);
		memcpy(seed + 32, p->server_random, 32);
	}
	kdf_tls12_prf(md, pms->value.data, pms->value.len, label, seed, sl, ms, 48);
	proof_set_text(&pms->derived_as, "RSAES-PKCS1-v1_5-Decrypt(--server-key, the ClientKeyExchange's "
	               "encrypted_premaster_secret), by tlsstep");
	p->master[side] = proof_add(p, p->premaster[side].step, "master_secret", HOLDER_CLIENT | HOLDER_SERVER, ms, 48);
	p->master_derived = true;
	wipe(ms, sizeof(ms));
}

/* The verdict on this connection's client_verify_data or server_verify_data (UNCHECKED: none). */
static enum agreement finished_of(const struct proof *p, const char *name)
{
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		const struct step *st = &p->tl->steps[i];
		for (size_t j = 0; st->connection == p->connection && j < st->nsecrets; j++)
			if (!strcmp(st->secrets[j].name, name))
				return st->secrets[j].agrees;
	}
	return AGREE_UNCHECKED;
}

/* The line a master secret came from: this connection's, or that of the one it resumed. */
static const char *line_of(const struct proof *p, const char *name, char *buf, size_t cap)
{
	const struct timeline_capture *c = &p->tl->capture;
	if (!strcmp(name, "master_secret") && c->resumed_from) {
		snprintf(buf, cap, "CLIENT_RANDOM of connection %zu, whose session this one resumed by %s",
		         c->resumed_from, c->resumed_by ? c->resumed_by : "session id");
		return buf;
	}
	return NULL;
}

static const char *label_of(const char *name)
{
	static const struct { const char *name, *label; } v[] = {
		{ "master_secret", "CLIENT_RANDOM" },
		{ "client_handshake_traffic_secret", "CLIENT_HANDSHAKE_TRAFFIC_SECRET" },
		{ "server_handshake_traffic_secret", "SERVER_HANDSHAKE_TRAFFIC_SECRET" },
		{ "client_application_traffic_secret_0", "CLIENT_TRAFFIC_SECRET_0" },
		{ "server_application_traffic_secret_0", "SERVER_TRAFFIC_SECRET_0" },
		{ "exporter_master_secret", "EXPORTER_SECRET" },
		{ "client_early_traffic_secret", "CLIENT_EARLY_TRAFFIC_SECRET" },
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (!strcmp(v[i].name, name))
			return v[i].label;
	return "a line";
}

/* One key log secret: records is how many records its keys opened, fin the Finished it keys (or UNCHECKED). */
static void judge(struct proof *p, struct secret *s, unsigned records, enum agreement fin, bool wants_fin,
                  const char *what)
{
	char resumed[160];
	const char *label = line_of(p, s->name, resumed, sizeof(resumed));
	if (!label)
		label = label_of(s->name);
	if (fin == AGREE_NO) {
		s->agrees = AGREE_NO;
		proof_set_text(&s->check_note, "read from the key log (%s): the Finished it keys DIFFERS from ours, so it is "
		               "not the secret this connection used", label);
		return;
	}
	if (records && (!wants_fin || fin == AGREE_YES)) {
		s->agrees = AGREE_YES;
		proof_set_text(&s->check_note, "read from the key log (%s), not re-derived (a key log holds no %s); "
		               "confirmed: %u record(s) %s decrypted and authenticated under the keys derived from it%s",
		               label, p->version == 0x0304 ? "(EC)DHE shared secret" : "premaster secret", records, what,
		               !wants_fin ? "" : strcmp(s->name, "master_secret") ? ", and the Finished it keys equals ours"
		                                                                  : ", and both Finished it keys equal ours");
		return;
	}
	s->agrees = AGREE_UNCHECKED;
	proof_set_text(&s->check_note, "read from the key log (%s), not re-derived; %s", label,
	               records ? "no Finished to confirm it" : "no record was decrypted under it, so it is unconfirmed");
}

/* --server-key: the premaster secret tlsstep decrypted and the master secret it derived, judged alike. */
static void judge_derived(struct proof *p)
{
	struct secret *pms = proof_deref(p, p->premaster[SIDE_SERVER]), *ms = proof_deref(p, p->master[SIDE_SERVER]);
	if (!p->master_derived || !pms || !ms)
		return;
	enum agreement c = finished_of(p, "client_verify_data"), v = finished_of(p, "server_verify_data");
	unsigned n = p->dir[0].decrypted + p->dir[1].decrypted;
	enum agreement a = c == AGREE_NO || v == AGREE_NO ? AGREE_NO : c == AGREE_YES && v == AGREE_YES && n ? AGREE_YES
	                                                                                               : AGREE_UNCHECKED;
	pms->agrees = ms->agrees = a;
	char text[200];
	if (a == AGREE_YES)
		snprintf(text, sizeof(text), "confirmed: %u record(s) decrypted and authenticated under the keys derived "
		         "from it, and both Finished equal ours", n);
	else if (a == AGREE_NO)
		snprintf(text, sizeof(text), "a Finished keyed from it DIFFERS from ours (%u record(s) decrypted)", n);
	else
		snprintf(text, sizeof(text), "unconfirmed: %u record(s) decrypted, not both Finished", n);
	proof_set_text(&pms->check_note, "decrypted by tlsstep with --server-key from the ClientKeyExchange; %s", text);
	proof_set_text(&ms->check_note, "derived by tlsstep from that premaster secret (no end reported one to "
	               "compare with); %s", text);
}

void proof_keylog_verdicts(struct proof *p)
{
	if (!p->keylog)
		return;
	judge_derived(p);
	for (size_t i = 0; i < p->tl->nsteps; i++) {
		struct step *st = &p->tl->steps[i];
		for (size_t j = 0; st->connection == p->connection && j < st->nsecrets; j++) {
			struct secret *s = &st->secrets[j];
			if (s->holders != HOLDER_KEYLOG || s->derived_as || !strcmp(label_of(s->name), "a line"))
				continue; /* derived by tlsstep: its own verdict stands */
			char resumed[160];
			const char *from = line_of(p, s->name, resumed, sizeof(resumed));
			if (from)
				proof_set_text(&s->derived_as, "given by the key log's %s; a key log gives the secret, not how it "
				               "was made", from);
			else
				proof_set_text(&s->derived_as, "given by the key log's %s line for this client random; a key log "
				               "gives the secret, not how it was made", label_of(s->name));
			bool client = !strncmp(s->name, "client_", 7);
			const struct proof_dir *d = &p->dir[client ? SIDE_CLIENT : SIDE_SERVER];
			if (!strcmp(s->name, "master_secret")) {
				enum agreement c = finished_of(p, "client_verify_data"), v = finished_of(p, "server_verify_data");
				enum agreement fin = c == AGREE_NO || v == AGREE_NO ? AGREE_NO
				                   : c == AGREE_YES && v == AGREE_YES ? AGREE_YES : AGREE_UNCHECKED;
				judge(p, s, p->dir[0].decrypted + p->dir[1].decrypted, fin, true, "from both sides");
			} else if (strstr(s->name, "_handshake_traffic_secret")) {
				judge(p, s, d->hs_decrypted, finished_of(p, client ? "client_verify_data" : "server_verify_data"),
				      true, client ? "from the client" : "from the server");
			} else if (!strcmp(s->name, "client_early_traffic_secret")) {
				judge(p, s, d->early_decrypted, AGREE_UNCHECKED, false, "of 0-RTT data from the client");
			} else if (strstr(s->name, "_application_traffic_secret")) {
				judge(p, s, d->app_decrypted, AGREE_UNCHECKED, false, client ? "from the client" : "from the server");
			} else {
				proof_set_text(&s->check_note, "read from the key log (%s); nothing in the capture depends on it, "
				               "so it stays unconfirmed", label_of(s->name));
			}
		}
	}
}
