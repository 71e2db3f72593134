/* model/explain.c — see explain.h. */
#include "model/explain.h"

#include <stdio.h>
#include <string.h>

#include "model/failure.h"

static const struct {
	const char *message;
	int version;          /* 0: any; 0x0303 or 0x0304: that version only */
	const char *text;
} texts[] = {
	{ "ClientHello", 0,
	  "The client opens: the versions it speaks, the client random (32 fresh bytes), the cipher suites it accepts in order "
	  "of preference, and extensions (the server's name, groups, signature algorithms, ...). Everything here "
	  "crosses in clear. (RFC 5246 7.4.1.2, RFC 8446 4.1.2)" },
	{ "ServerHello", 0x0303,
	  "The server chooses: one version, one cipher suite from the client's list, the server random and a "
	  "session id. From now on both sides know which algorithms the rest of the handshake uses. (RFC 5246 7.4.1.3)" },
	{ "ServerHello", 0x0304,
	  "The server chooses the suite and answers the client's key share with its own: both ends can now compute "
	  "the (EC)DHE shared secret, and every handshake message after this one is encrypted (a ChangeCipherSpec for "
	  "middleboxes may still cross in clear). (RFC 8446 4.1.3)" },
	{ "HelloRetryRequest", 0,
	  "The server asks for a second ClientHello: one extra round trip. Usually the client's key shares are in no "
	  "group the server wants, and it names the group it does want; it may also hand out a cookie the client must "
	  "echo. (RFC 8446 4.1.4)" },
	{ "EncryptedExtensions", 0,
	  "The first encrypted message of TLS 1.3: the server's answers to every extension not needed to set up the "
	  "keys (ALPN, the server name acknowledgement, its groups), so they can be protected; only what the key "
	  "exchange itself needs stays in the clear ServerHello. (RFC 8446 4.3.1)" },
	{ "Certificate", 0,
	  "A certificate chain: the sender's own certificate first, then the certificates that vouch for it. The "
	  "receiver checks the signatures up to a CA it trusts, the validity dates and, for a server, the host "
	  "name. (RFC 5246 7.4.2, RFC 8446 4.4.2, RFC 5280)" },
	{ "ServerKeyExchange", 0,
	  "The server's ephemeral Diffie-Hellman public value, signed with the private key of its certificate: the "
	  "signature over both randoms and the parameters proves the value comes from the certificate's owner, "
	  "now. (RFC 5246 7.4.3, RFC 8422 5.4)" },
	{ "CertificateRequest", 0x0304,
	  "The server asks the client to authenticate too: a context the client echoes, and extensions: the "
	  "signature algorithms it accepts and, optionally, the CAs it trusts (certificate_authorities). "
	  "(RFC 8446 4.3.2)" },
	{ "CertificateRequest", 0,
	  "The server asks the client to authenticate too: which kinds of certificates and signature algorithms it "
	  "accepts, and which CAs it trusts. (RFC 5246 7.4.4)" },
	{ "ServerHelloDone", 0,
	  "The server has said everything for now: it is the client's turn to send its key exchange. "
	  "(RFC 5246 7.4.5)" },
	{ "ClientKeyExchange", 0,
	  "The client's half of the key exchange. With ECDHE or DHE it is the client's public value: both ends "
	  "combine it with their own secret into the same premaster secret, and nobody on the wire can. With RSA it "
	  "is the premaster secret itself, encrypted to the server's public key. From it each end derives the master "
	  "secret: with both randoms, or, with extended_master_secret, with the hash of the handshake so far, which "
	  "holds them. (RFC 5246 7.4.7, 8.1; RFC 7627 4)" },
	{ "CertificateVerify", 0,
	  "A signature with the private key of the certificate just sent, over the handshake so far: proof that "
	  "the sender holds that key. (RFC 5246 7.4.8, RFC 8446 4.4.3)" },
	{ "ChangeCipherSpec", 0x0303,
	  "From the next record on, this side protects its records with the session keys: the key block derived from "
	  "the master secret and both randoms, cut into write keys and, for AEAD suites, the implicit part of each "
	  "nonce (the IVs); CBC suites cut MAC keys instead and send a fresh IV in every record. (RFC 5246 6.3, 7.1)" },
	{ "ChangeCipherSpec", 0x0304,
	  "Meaningless in TLS 1.3: sent only so that old middleboxes take the connection for a resumed TLS 1.2 one "
	  "(compatibility mode). (RFC 8446 D.4)" },
	{ "Finished", 0x0303,
	  "The first encrypted message: a MAC over every handshake message so far, keyed with the master secret. If "
	  "anyone changed a single byte of the handshake, the two sides' Finished would disagree. (RFC 5246 7.4.9)" },
	{ "Finished", 0x0304,
	  "An HMAC over the transcript, under a key from this side's handshake traffic secret: both ends prove they "
	  "saw the same handshake and hold the same keys. (RFC 8446 4.4.4)" },
	{ "NewSessionTicket", 0,
	  "The server hands the client a ticket: usually the session state, sealed with a key only the server knows. "
	  "Presenting it later resumes the session without a full handshake. (RFC 5077, RFC 8446 4.6.1)" },
	{ "ApplicationData", 0,
	  "The point of it all: application bytes (in tlsstep's scenarios an HTTP request or reply), encrypted and "
	  "authenticated with "
	  "the session keys. An eavesdropper sees only the length. (RFC 5246 6.2.3, RFC 8446 5.2)" },
	{ "Alert", 0,
	  "An alert: close_notify ends the connection cleanly; any fatal alert names what went wrong and ends it at "
	  "once. (RFC 5246 7.2, RFC 8446 6)" },
};

/* A renegotiation (a step of handshake 2 and on, TLS 1.2): these come before the words above. */
static const struct {
	const char *message;
	const char *text;
} reneg_texts[] = {
	{ "HelloRequest",
	  "The server asks the client to start a new handshake on this connection: a renegotiation. It is an empty "
	  "message, encrypted like the data, and not part of any transcript; the client answers with a ClientHello "
	  "when it is ready, or ignores it. (RFC 5246 7.4.1.1)" },
	{ "ClientHello",
	  "A renegotiation: a second handshake on the same connection, encrypted under the keys of the one before. "
	  "The client offers again (a fresh client random, its suites); its renegotiation_info quotes the "
	  "verify_data of its Finished in the handshake before, which only the two ends know, so the server can "
	  "tell this handshake continues that one. (RFC 5246 7.4.1.2, RFC 5746 3.5)" },
	{ "ServerHello",
	  "The server's answer in the renegotiation, still under the old keys: a fresh server random, the suite, "
	  "and renegotiation_info quoting both verify_data of the handshake before, the client's then its own, for "
	  "the client to check in turn. (RFC 5246 7.4.1.3, RFC 5746 3.6)" },
	{ "ChangeCipherSpec",
	  "This side switches to the keys of the renegotiation: this record itself still travels under the old ones, "
	  "every later record of this side under the new key block, from sequence number 0. The other direction "
	  "keeps the old keys until its own ChangeCipherSpec. (RFC 5246 7.1, 6.1)" },
};

const char *explain_step(const struct timeline *tl, const struct step *st)
{
	/* The last step of a failed run: what failed and why comes before what the message is. */
	if (st->index == (int)tl->nsteps && explain_failure(tl))
		return explain_failure(tl);
	for (size_t i = 0; st->handshake > 1 && i < sizeof(reneg_texts) / sizeof(reneg_texts[0]); i++)
		if (!strcmp(reneg_texts[i].message, st->message))
			return reneg_texts[i].text;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strcmp(texts[i].message, st->message) && (!texts[i].version || texts[i].version == tl->tls_version))
			return texts[i].text;
	if (st->encrypted && !st->have_plain)
		return "An encrypted record tlsstep cannot decrypt: its keys are unknown, or it was changed on the way "
		       "and no longer authenticates.";
	return "A record tlsstep has no words for yet: its fields are shown as they are.";
}

const struct lesson_step *explain_lesson_step(const struct timeline *tl, const struct step *st)
{
	const struct lesson *l = &tl->sc->lesson;
	if (!l->title || st->index < 1 || st->index > l->nsteps)
		return NULL;
	const struct lesson_step *ls = &l->steps[st->index];
	return ls->say || ls->ask ? ls : NULL;
}

const char *explain_narration(const struct timeline *tl, const struct step *st)
{
	const struct lesson_step *ls = explain_lesson_step(tl, st);
	return ls && ls->say ? ls->say : explain_step(tl, st);
}

bool explain_pane_hidden(const struct timeline *tl, size_t cur, unsigned pane, char *why, size_t cap)
{
	const struct lesson *l = &tl->sc->lesson;
	if (!l->title || !(l->hide & pane))
		return false;
	const struct step *st = cur && cur <= tl->nsteps ? &tl->steps[cur - 1] : NULL;
	bool reached = l->hide_step ? cur >= (size_t)l->hide_step : st && (st->phase >= l->hide_phase || st->connection > 1);
	if (!reached && why)
		snprintf(why, cap, "until %s %d", l->hide_step ? "step" : "phase", l->hide_step ? l->hide_step : l->hide_phase);
	return !reached;
}
