/*
 * Every bundled scenario, run for real: it ends as its [expect] says, no secret
 * disagrees with its re-derivation, no message fails to decode, every encrypted
 * record of a successful run was decrypted by us, and in a successful TLS 1.2 run
 * every secret was verified.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check/rsa.h"
#include "config.h"
#include "export/json.h"
#include "lesson/catalog.h"
#include "model/chainwalk.h"
#include "model/dh_recipe.h"
#include "model/eavesdrop.h"
#include "model/explain.h"
#include "model/field_words.h"
#include "model/mitm.h"
#include "model/timeline.h"
#include "util/hex.h"
#include "wire/decode.h"

/*
 * A man in the middle (model/mitm.h): connection 1 is client <-> attacker, 2 attacker <-> server.
 * attack-mitm-noverify: both handshakes whole, each with its own Finished verified, the request
 * reaching the server as the attacker changed it; attack-mitm: the client refuses the attacker's
 * certificate with unknown_ca and no byte reaches the server.
 */
static void check_mitm(const char *name, const struct timeline *tl)
{
	size_t finished[3] = { 0 }, steps[3] = { 0 };
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection < 1 || st->connection > 2)
			fail_msg("%s: step %d in connection %d", name, st->index, st->connection);
		steps[st->connection]++;
		const char *want = st->connection == 1 ? (st->from == SIDE_CLIENT ? "client" : "attacker")
		                                       : (st->from == SIDE_CLIENT ? "attacker" : "server");
		if (strcmp(step_from_party(tl, st), want))
			fail_msg("%s: step %d is from %s, expected %s", name, st->index, step_from_party(tl, st), want);
		/* Nobody checks either certificate in -noverify: neither receiver has a trust store, and tlsstep says so. */
		for (size_t f = 0; tl->outcome.ok && f < st->fields.n; f++)
			if (!strcmp(st->fields.v[f].name, "signed_by") && !strstr(st->fields.v[f].value, "(it has none)"))
				fail_msg("%s: step %d: signed_by says %s", name, st->index, st->fields.v[f].value);
		for (size_t j = 0; j < st->nsecrets; j++)
			finished[st->connection] += strstr(st->secrets[j].name, "_verify_data") && st->secrets[j].agrees == AGREE_YES;
	}
	if (!tl->outcome.mitm || !tl->outcome.attacker_read)
		fail_msg("%s: the outcome says nothing of the attacker", name);
	if (tl->outcome.ok) {
		if (finished[1] != 2 || finished[2] != 2)
			fail_msg("%s: verified Finished per connection: %zu and %zu, expected 2 and 2", name, finished[1], finished[2]);
		if (!strstr(tl->outcome.attacker_read, "GET ~ HTTP/1.1"))
			fail_msg("%s: the attacker's changed request is not what it says: %s", name, tl->outcome.attacker_read);
	} else {
		if (steps[2] || !tl->outcome.end[SIDE_SERVER].never_connected || tl->outcome.alert_desc != 48 ||
		    tl->outcome.alert_from != SIDE_CLIENT)
			fail_msg("%s: expected the client's unknown_ca and no connection 2 (%zu steps)", name, steps[2]);
	}
}

/* The whole run as JSON text: two runs with one seed must give the same bytes. */
static char *as_json(const struct timeline *tl)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	assert_int_equal(json_write(f, tl), 0);
	fclose(f);
	return text;
}

/*
 * Every field lies inside its message, and every byte-valued field is exactly the
 * message bytes at its offset. Returns how many byte fields were checked.
 */
static size_t check_tree(const char *name, const struct step *st, const struct fields *fs, const struct buf *bytes)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const struct field *f = &fs->v[i];
		if (f->offset + f->length > bytes->len)
			fail_msg("%s: step %d %s: field %s [%zu+%zu] outside its %zu bytes", name, st->index,
			         st->message, f->name, f->offset, f->length, bytes->len);
		if (f->kind != FIELD_BYTES)
			continue;
		char *h = hex_string(bytes->data + f->offset, f->length, '\0');
		if (strcmp(h, f->value) != 0)
			fail_msg("%s: step %d %s: field %s does not equal its bytes at offset %zu", name, st->index,
			         st->message, f->name, f->offset);
		free(h);
		n++;
	}
	return n;
}

static size_t check_fields(const char *name, const struct step *st)
{
	if (st->record_fields.n == 0)
		fail_msg("%s: step %d %s has no record fields", name, st->index, st->message);
	return check_tree(name, st, &st->fields, &st->plain) + check_tree(name, st, &st->record_fields, &st->record);
}

/* Whether field i sits under the ClientHello's list of offered suites: each describes its own suite
 * (a TLS 1.2 suite's premaster secret, in a TLS 1.3 run too), not the run. */
static bool under_offered_suites(const struct fields *fs, int i)
{
	for (int p = fs->v[i].parent; p != FIELD_NONE; p = fs->v[p].parent)
		if (!strcmp(fs->v[p].name, "cipher_suites"))
			return true;
	return false;
}

/* No explanation of a field, nor the built-in narration, says what is true of the other version only. */
static void check_words(const char *name, const struct timeline *tl, const struct step *st)
{
	const char *const *bad = field_words_forbidden(tl->tls_version);
	/* The server's key share answers the client's: it is not "sent before the server has chosen". */
	for (size_t i = 0; !strcmp(st->message, "ServerHello") && i < st->fields.n; i++)
		if (!strcmp(st->fields.v[i].name, "key_share_entry") && strstr(st->fields.v[i].explain, "before the server"))
			fail_msg("%s: step %d: the ServerHello's key share is explained as the client's", name, st->index);
	const struct fields *trees[] = { &st->fields, &st->record_fields };
	for (const char *const *b = bad; *b; b++) {
		for (int t = 0; t < 2; t++)
			for (size_t i = 0; i < trees[t]->n; i++)
				if (trees[t]->v[i].explain && strstr(trees[t]->v[i].explain, *b) &&
				    !under_offered_suites(trees[t], (int)i))
					fail_msg("%s: step %d %s: field %s says '%s' in a TLS %s run: %s", name, st->index, st->message,
					         trees[t]->v[i].name, *b, tl->tls_version == 0x0304 ? "1.3" : "1.2",
					         trees[t]->v[i].explain);
		if (strstr(explain_step(tl, st), *b))
			fail_msg("%s: step %d %s: the narration says '%s' in a TLS %s run", name, st->index, st->message, *b,
			         tl->tls_version == 0x0304 ? "1.3" : "1.2");
	}
}

/*
 * The record layer of a TLS 1.2 CBC run: MAC-then-encrypt shows what each record
 * decrypted to (content, MAC, padding, padding_length), with the MAC and the
 * padding checked apart; encrypt-then-MAC shows its MAC in clear and nothing inside.
 * Returns how many records were laid out inside.
 */
static size_t check_cbc_layout(const char *name, const struct timeline *tl, const struct step *st)
{
	const struct fields *rf = &st->record_fields;
	if (!st->encrypted || tl->tls_version != 0x0303 || fields_find(rf, FIELD_NONE, "iv", true) == FIELD_NONE)
		return 0;
	int g = fields_find(rf, FIELD_NONE, "decrypted", true);
	bool etm = fields_find(rf, FIELD_NONE, "mac", true) != FIELD_NONE && g == FIELD_NONE;
	if (etm)
		return 0;
	if (g == FIELD_NONE)
		fail_msg("%s: step %d %s: a MAC-then-encrypt record without its decrypted parts", name, st->index,
		         st->message);
	static const char *const parts[] = { "content", "mac", "mac_check", "padding_length", "padding_check" };
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (fields_find(rf, g, parts[i], false) == FIELD_NONE)
			fail_msg("%s: step %d %s: no %s in the decrypted record", name, st->index, st->message, parts[i]);
	const char *mac = rf->v[fields_find(rf, g, "mac_check", false)].value;
	const char *pad = rf->v[fields_find(rf, g, "padding_check", false)].value;
	if (tl->outcome.ok && (strncmp(mac, "verified", 8) || strncmp(pad, "valid", 5)))
		fail_msg("%s: step %d %s: MAC %s, padding %s", name, st->index, st->message, mac, pad);
	return 1;
}

/*
 * A renegotiation (renegotiate = client or server): a second handshake in connection 1, every
 * message of it encrypted (under the first's keys until each ChangeCipherSpec), its own master
 * secret verified at both ends, and what its hellos quote in renegotiation_info checked against
 * the first handshake's Finished: equal in a success; in fail-renegotiation-info the client's
 * quote differs (its fault), and the server refuses with handshake_failure before any ServerHello.
 */
static void check_renegotiation(const char *name, const struct scenario *sc, const struct timeline *tl)
{
	size_t second = 0, masters[3] = { 0 }, quotes = 0, bad_quotes = 0, requests = 0;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection != 1 || st->handshake < 1 || st->handshake > 2)
			fail_msg("%s: step %d is in connection %d, handshake %d", name, st->index, st->connection, st->handshake);
		if (st->handshake == 2) {
			second++;
			requests += st->hs_type == 0 && st->type == STEP_HANDSHAKE;
			if (!st->encrypted || !st->have_plain)
				fail_msg("%s: step %d %s of the renegotiation was not encrypted and decrypted", name, st->index,
				         st->message);
		}
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *x = &st->secrets[j];
			masters[st->handshake] += !strcmp(x->name, "master_secret") && x->agrees == AGREE_YES;
			if (strstr(x->name, "_renegotiated_connection")) {
				quotes++;
				bad_quotes += x->agrees == AGREE_NO;
				if (x->value.len != (strstr(x->name, "client_") == x->name ? 12u : 24u))
					fail_msg("%s: %s holds %zu bytes", name, x->name, x->value.len);
			}
		}
	}
	bool faulted = sc->nfaults > 0;
	if (!second || masters[1] != 2 || (!faulted && masters[2] != 2))
		fail_msg("%s: %zu steps in the renegotiation, %zu and %zu master secrets verified", name, second, masters[1],
		         masters[2]);
	if (requests != (sc->renegotiate == RENEG_SERVER ? 1u : 0u))
		fail_msg("%s: %zu HelloRequest in a renegotiation asked for by the %s", name, requests,
		         sc->renegotiate == RENEG_SERVER ? "server" : "client");
	if (faulted ? quotes != 1 || bad_quotes != 1 : quotes != 2 || bad_quotes)
		fail_msg("%s: %zu renegotiation_info quotes checked, %zu differ", name, quotes, bad_quotes);
	if (faulted && (!tl->outcome.alert_seen || tl->outcome.alert_from != SIDE_SERVER || tl->outcome.alert_desc != 40 ||
	                !strstr(tl->failure ? tl->failure : "", "renegotiation_info")))
		fail_msg("%s: the server's refusal is not shown: %s", name, tl->failure ? tl->failure : "(no failure words)");
}

/* How many fields of the run are called name. */
static size_t fields_named(const struct timeline *tl, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t f = 0; f < tl->steps[i].fields.n; f++)
			n += !strcmp(tl->steps[i].fields.v[f].name, name);
	return n;
}

/* How many secrets carry a recipe the (EC)DH recomputation verified (model/dh_recipe.h). */
static size_t dh_recipes(const struct timeline *tl)
{
	size_t n = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++)
			n += tl->steps[i].secrets[j].recipe &&
			     strstr(tl->steps[i].secrets[j].recipe, "# verified: tlsstep recomputed this value") != NULL;
	return n;
}

static bool has_certificate(const struct timeline *tl)
{
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].type == STEP_HANDSHAKE && tl->steps[i].hs_type == 11)
			return true;
	return false;
}

static void run_one(const char *name)
{
	struct scenario sc;
	struct timeline tl;
	char err[512];
	scenario_init(&sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, &sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc.seed };
	unsigned long decryptions = check_rsa_decryptions();
	if (timeline_run(&sc, &o, &tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	/* The eavesdropper's private-key decryption is paid only when something shows it. */
	if (check_rsa_decryptions() != decryptions || tl.outcome.eavesdrop)
		fail_msg("%s: the eavesdropper's experiment ran before anything asked for it", name);
	/* So are tlsstep's own check of each chain and the (EC)DH recomputations behind the recipes. */
	if ((fields_named(&tl, "signed_by") && !sc.lesson.title) || dh_recipes(&tl)) /* a lesson's words may quote them */
		fail_msg("%s: the chain walk or the (EC)DH recipes ran before anything asked for them", name);
	chainwalk_ensure(&tl, 0);
	size_t walked = fields_named(&tl, "signed_by");
	if (tl.outcome.ok && has_certificate(&tl) && !walked)
		fail_msg("%s: asked, the chain walk checked no link", name);
	chainwalk_ensure(&tl, 0);
	if (fields_named(&tl, "signed_by") != walked)
		fail_msg("%s: the chain walk ran twice", name);
	dh_recipe_ensure(&tl);
	size_t dh = dh_recipes(&tl);
	bool dh_kx = tl.tls_version == 0x0304 ? !strstr(name, "psk-ke") : decode_kx_of_suite(tl.suite_id) == KX_ECDHE ||
	                                                                   decode_kx_of_suite(tl.suite_id) == KX_DHE;
	/* Each end's, in every full handshake: a renegotiation and a man in the middle have two (a
	 * resumption's connection 2 is not counted). */
	size_t kx = 0;
	for (size_t i = 0; i < tl.nsteps; i++)
		kx += tl.steps[i].type == STEP_HANDSHAKE && (tl.steps[i].connection == 1 || timeline_mitm(&tl)) &&
		      (tl.tls_version == 0x0304 ? tl.steps[i].hs_type == 20 && tl.steps[i].from == SIDE_SERVER
		                                : tl.steps[i].hs_type == 16);
	if (tl.outcome.ok && dh_kx && !strstr(name, "resume") && dh != 2 * kx)
		fail_msg("%s: asked, %zu (EC)DH recipes verified, expected each end's in %zu key exchanges", name, dh, kx);
	dh_recipe_ensure(&tl);
	if (dh_recipes(&tl) != dh)
		fail_msg("%s: the (EC)DH recipes were made twice", name);
	eavesdrop_ensure(&tl, 0);
	bool rsa_kx = decode_kx_of_suite(tl.suite_id) == KX_RSA;
	unsigned long made = check_rsa_decryptions() - decryptions;
	if (tl.outcome.ok && made != (rsa_kx ? 1u : 0u))
		fail_msg("%s: %lu RSA decryptions for the eavesdropper", name, made);
	eavesdrop_ensure(&tl, 0);
	if (check_rsa_decryptions() - decryptions != made)
		fail_msg("%s: the eavesdropper's experiment ran twice", name);
	/* The public-key proof that the client's premaster secret is what crossed, in every RSA run. */
	if (tl.outcome.ok && tl.rsa_cke_ok != (rsa_kx ? AGREE_YES : AGREE_UNCHECKED))
		fail_msg("%s: the re-encrypted ClientKeyExchange says %d", name, (int)tl.rsa_cke_ok);
	if (!tl.outcome.expected)
		fail_msg("%s: not as expected: %s", name, tl.outcome.summary);
	size_t verified = 0, byte_fields = 0, signatures = 0, finished_mismatches = 0, mte_records = 0;
	bool cut_seen = false;
	size_t links = 0; /* certificates whose signature tlsstep checked (model/chainwalk.c) */
	/* A rewrite in the middle: the sender hashed the message it sent, the receiver and
	 * tlsstep the one that crossed, so a Finished may (and in attack-downgrade-suite must)
	 * disagree with tlsstep's PRF of the transcript on the wire; nothing else may. */
	bool rewritten = false, reneg_fault = false;
	for (size_t i = 0; i < sc.nfaults; i++) {
		rewritten |= sc.faults[i].action == FAULT_REWRITE;
		reneg_fault |= !strcmp(sc.faults[i].message, FAULT_RENEG_INFO);
	}
	if (sc.renegotiate != RENEG_NONE)
		check_renegotiation(name, &sc, &tl);
	int hello_seen = 0; /* the connection whose ServerHello (not a HelloRetryRequest) has crossed */
	for (size_t i = 0; i < tl.nsteps; i++) {
		const struct step *st = &tl.steps[i];
		byte_fields += check_fields(name, st);
		mte_records += check_cbc_layout(name, &tl, st);
		check_words(name, &tl, st);
		if (st->hs_type == 2 && strcmp(st->message, "HelloRetryRequest") != 0)
			hello_seen = st->connection;
		/* Every handshake message of a successful run is in the transcript hash but a TLS 1.3
		 * NewSessionTicket, which comes after it (RFC 8446 §4.6.1); a TLS 1.2 one is in it. A
		 * HelloRequest never is (RFC 5246 §7.4.1.1). */
		if (tl.outcome.ok && st->type == STEP_HANDSHAKE && !(tl.tls_version == 0x0304 && st->hs_type == 4) &&
		    st->hs_type != 0 &&
		    st->transcript_hash_len == 0)
			fail_msg("%s: step %d %s has no transcript hash", name, st->index, st->message);
		/* Keys and traffic secrets depend on the ServerHello: none is shown before it. */
		for (size_t j = 0; j < st->nsecrets; j++) {
			const char *n = st->secrets[j].name;
			/* ... but the binder key, made from connection 1's PSK before any ServerHello (RFC 8446 §4.2.11.2). */
			if (hello_seen != st->connection && strcmp(n, "binder_key") &&
			    (strstr(n, "_key") || strstr(n, "_iv") || strstr(n, "traffic")))
				fail_msg("%s: step %d %s shows %s before the ServerHello it depends on", name, st->index,
				         st->message, n);
		}
		/* Every link of every chain a successful run accepted verifies under tlsstep's own check. */
		for (size_t f = 0; f < st->fields.n; f++)
			if (!strcmp(st->fields.v[f].name, "signed_by")) {
				links++;
				if (tl.outcome.ok && !sc.has_attacker && !strstr(st->fields.v[f].value, ": verified by tlsstep with "))
					fail_msg("%s: step %d: signed_by says %s", name, st->index, st->fields.v[f].value);
			}
		/* tlsstep's decoder may fail only in a scenario that expects decode_error, from the message
		 * its fault cut (the later ones of that sender are read against the garbled hello). */
		cut_seen |= !sc.expect.success && sc.expect.alert == 50 && st->nfault > 0;
		if (st->decode_error.alert && !cut_seen)
			fail_msg("%s: step %d %s: decode error: %s", name, st->index, st->message, st->decode_error.text);
		if (tl.outcome.ok && !st->have_plain)
			fail_msg("%s: step %d %s was not decrypted", name, st->index, st->message);
		/* Signatures: every one of a successful run verifies; the tampered random's does not. */
		if (st->signature_note) {
			signatures++;
			enum agreement want = strcmp(name, "fail-tampered-random") ? AGREE_YES : AGREE_NO;
			if (st->signature_ok != want)
				fail_msg("%s: step %d %s: signature: %s", name, st->index, st->message, st->signature_note);
		}
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *s = &st->secrets[j];
			bool finished = strstr(s->name, "_verify_data") != NULL;
			/* ... and then it must be the sender's PRF of the transcript as the sender wrote it. */
			finished_mismatches += s->agrees == AGREE_NO && finished && s->check_note &&
			                       strstr(s->check_note, "equals our PRF of the transcript as the client wrote it");
			/* A renegotiation_info fault: the quote it changed differs, as it must (check_renegotiation). */
			bool quote = reneg_fault && strstr(s->name, "_renegotiated_connection") != NULL;
			if (s->agrees == AGREE_NO && !(rewritten && finished) && !quote)
				fail_msg("%s: step %d: %s disagrees: %s", name, st->index, s->name, s->check_note);
			/* Everything in a successful run is verified, but for the two TLS 1.3 secrets
			 * the library never reports (they are derived from the verified master secret). */
			bool reportless = !strcmp(s->name, "exporter_master_secret") ||
			                  !strcmp(s->name, "resumption_master_secret");
			if (tl.outcome.ok && !reportless && s->agrees != AGREE_YES)
				fail_msg("%s: step %d: %s not verified: %s", name, st->index, s->name,
				         s->check_note ? s->check_note : "");
			verified += s->agrees == AGREE_YES;
		}
	}
	/* The costly check of a TLS 1.2 run was started while it ran (model/early.c): the
	 * ServerKeyExchange signature (RSA key exchange has none). */
	if (tl.outcome.ok && tl.tls_version == 0x0303 && !rsa_kx && tl.early_hits < 1 && !sc.has_attacker)
		fail_msg("%s: no check was answered by the work started during the run", name);
	if (sc.has_attacker)
		check_mitm(name, &tl);
	if (!strcmp(name, "attack-downgrade-suite") && finished_mismatches != 1)
		fail_msg("%s: %zu Finished disagree with the transcript on the wire and fit "
		         "the client's own, not the client's one", name,
		         finished_mismatches);
	for (int e = 0; e < 2; e++) /* several reasons are one line, joined by "; " */
		if (strchr(tl.outcome.end[e].verify_text, '\n'))
			fail_msg("%s: a certificate verdict spans lines: %s", name, tl.outcome.end[e].verify_text);
	if (tl.outcome.ok && tl.outcome.plaintext_agrees != AGREE_YES)
		fail_msg("%s: decrypted application data differs from what the libraries delivered", name);
	/* Forward secrecy as an experiment: RSA key exchange gives the recorded data away, (EC)DHE does not. */
	if (tl.outcome.ok) {
		const char *ev = tl.outcome.eavesdrop ? tl.outcome.eavesdrop : "";
		bool rsa = decode_kx_of_suite(tl.suite_id) == KX_RSA;
		/* psk_ke (a TLS 1.3 ServerHello with pre_shared_key and no key_share): connection 1 is
		 * forward secret, its resumption is not. Read from the run, so a lesson on it counts too. */
		bool psk_ke = false;
		for (size_t i = 0; i < tl.nsteps; i++) {
			const struct step *st = &tl.steps[i];
			if (tl.tls_version == 0x0304 && st->hs_type == 2 &&
			    fields_find(&st->fields, FIELD_NONE, "pre_shared_key", true) != FIELD_NONE)
				psk_ke = fields_find(&st->fields, FIELD_NONE, "key_share", true) == FIELD_NONE;
		}
		bool lost = rsa || psk_ke;
		if (lost != (strstr(ev, "no forward secrecy") != NULL) || (rsa && !strstr(ev, "GET / HTTP/1.1")) ||
		    (!rsa && !strstr(ev, "(forward secrecy)")))
			fail_msg("%s: eavesdropper experiment says: %s", name, ev);
		/* A resumption exchanges no new key in TLS 1.2, and a fresh one in mbed TLS's TLS 1.3 (psk_dhe_ke)
		 * unless the client asks for psk_ke alone. */
		const char *how = tl.tls_version != 0x0304 ? "connection 2: resumed (abbreviated"
		                  : psk_ke                 ? "connection 2: TLS 1.3 resumed with the pre-shared key alone (psk_ke)"
		                                           : "connection 2: TLS 1.3 resumed with the pre-shared key and a fresh (EC)DHE";
		if ((strstr(name, "resume") || psk_ke) && !strstr(ev, how))
			fail_msg("%s: the eavesdropper does not tell how the resumption was keyed: %s", name, ev);
		bool ticket12 = false;
		for (size_t i = 0; i < tl.nsteps; i++)
			ticket12 |= tl.tls_version == 0x0303 && tl.steps[i].hs_type == 4;
		if (ticket12 != (strstr(ev, "NewSessionTicket carries this master secret") != NULL))
			fail_msg("%s: the ticket caveat is wrong: %s", name, ev);
	}
	if (tl.outcome.ok && decode_kx_of_suite(tl.suite_id) != KX_RSA && !strstr(name, "resume") &&
	    signatures == 0)
		fail_msg("%s: no signature was checked", name);
	/* tls12-cbc-mte: every protected record of both ends is laid out inside (Finished, data, close_notify). */
	if (!strcmp(name, "tls12-cbc-mte") && mte_records != 6)
		fail_msg("%s: %zu MAC-then-encrypt records laid out, 6 expected", name, mte_records);
	if (!strcmp(name, "tls12-chain") && links != 2)
		fail_msg("%s: %zu links of the chain checked, expected the leaf's and the intermediate's", name, links);
	if (tl.outcome.ok && verified < 10)
		fail_msg("%s: only %zu secrets verified", name, verified);
	struct timeline again;
	if (timeline_run(&sc, &o, &again, err, sizeof(err)))
		fail_msg("%s: second run: %s", name, err);
	timeline_ensure_all(&again);
	char *a = as_json(&tl), *b = as_json(&again);
	if (strcmp(a, b) != 0)
		fail_msg("%s: two runs with seed %llu differ", name, (unsigned long long)sc.seed);
	free(a);
	free(b);
	timeline_free(&again);
	printf("  %-26s %s, %zu steps, %zu byte fields, %zu secrets and %zu signatures checked, reproducible\n", name,
	       tl.outcome.ok ? "success" : "expected failure", tl.nsteps, byte_fields, verified, signatures);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void every_bundled_scenario(void **state)
{
	(void)state;
	char err[512];
	size_t n = 0;
	char **names = catalog_names(TLSSTEP_LESSONS_DIR, &n, err, sizeof(err));
	if (!names)
		fail_msg("%s", err);
	assert_true(n >= 21);
	for (size_t i = 0; i < n; i++)
		run_one(names[i]);
	catalog_names_free(names, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_bundled_scenario),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
