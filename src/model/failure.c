/* model/failure.c — see failure.h. */
#include "model/failure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/error.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509.h>

#include "wire/names.h"
#include "util/words.h"

/* printf onto the end of the paragraph. */
static void say(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_append(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static const char *or_else(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* The last handshake message of this type from `from` (0: either side), or NULL. */
static const struct step *last_msg(const struct timeline *tl, int from, uint8_t hs_type)
{
	for (size_t i = tl->nsteps; i-- > 0;) {
		const struct step *st = &tl->steps[i];
		if (st->type == STEP_HANDSHAKE && st->hs_type == hs_type && st->have_plain && (from < 0 || (int)st->from == from))
			return st;
	}
	return NULL;
}

/* The last state change of `side` (mbed TLS's state names), or NULL. */
static const struct trace_line *last_state(const struct timeline *tl, enum side side)
{
	for (size_t i = tl->ntrace; i-- > 0;)
		if (tl->trace[i].side == side)
			return &tl->trace[i];
	return NULL;
}

/* The first step `from` sent after step `after` (1-based; 0: from the start), or NULL. */
static const struct step *first_from_after(const struct timeline *tl, enum side from, int after)
{
	for (size_t i = after > 0 ? (size_t)after : 0; i < tl->nsteps; i++)
		if (tl->steps[i].from == from)
			return &tl->steps[i];
	return NULL;
}

/* The first alert that reports a problem (the one tl->outcome names), or NULL. */
static const struct step *first_alert(const struct timeline *tl, size_t from)
{
	for (size_t i = from; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->type == STEP_ALERT && st->have_plain && (st->alert_level == 2 || st->alert_desc != 0))
			return st;
	}
	return NULL;
}

static const char *field_value(const struct fields *fs, int parent, const char *name)
{
	int i = fields_find(fs, parent, name, false);
	return i == FIELD_NONE ? NULL : fs->v[i].value;
}

/* "TLS_AES_128_GCM_SHA256 (0x1301)" -> 0x1301; 0 when there is no code. */
static unsigned code_of(const char *value)
{
	const char *p = value ? strrchr(value, '(') : NULL;
	unsigned c = 0;
	return p && sscanf(p, "(0x%x)", &c) == 1 ? c : 0;
}

static void fmt_time(int64_t t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;
	snprintf(out, cap, "?");
	if (gmtime_r(&tt, &tm))
		strftime(out, cap, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

/* "2010-01-01 00:00:00 UTC" as seconds since the epoch; false if it does not read so. */
static bool parse_utc(const char *s, int64_t *t)
{
	int y, mo, d, h, mi, se;
	if (sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6 || mo < 1 || mo > 12)
		return false;
	*t = words_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
	return true;
}

/* A certificate's validity field, "A to B", split into its two dates. */
static bool validity(const struct fields *fs, int cert, char nb[40], char na[40], int64_t *tnb, int64_t *tna)
{
	const char *v = field_value(fs, cert, "validity");
	const char *to = v ? strstr(v, " to ") : NULL;
	if (!to)
		return false;
	snprintf(nb, 40, "%.*s", (int)(to - v), v);
	snprintf(na, 40, "%s", to + 4);
	return parse_utc(nb, tnb) && parse_utc(na, tna);
}

/* Why `verifier` rejected the peer's certificate, from its verify flags and the chain it was sent. */
static void certificate(struct buf *b, const struct timeline *tl, enum side verifier, uint32_t flags)
{
	enum side peer = side_peer(verifier);
	const struct scenario *sc = tl->sc;
	const struct step *cst = last_msg(tl, (int)peer, 11);
	const struct fields *fs = cst ? &cst->fields : NULL;
	int list = fs ? fields_find(fs, FIELD_NONE, "certificate_list", false) : FIELD_NONE;
	int leaf = list != FIELD_NONE ? fields_first(fs, list) : FIELD_NONE;
	if (leaf != FIELD_NONE && strncmp(fs->v[leaf].name, "certificate[", 12) != 0)
		leaf = FIELD_NONE;
	char now[40];
	fmt_time(sc->sim_time, now, sizeof(now));

	if (flags & MBEDTLS_X509_BADCERT_MISSING) {
		const struct step *req = last_msg(tl, (int)verifier, 13);
		say(b, "The %s %s a certificate from the %s", side_name(verifier),
		    sc->client_auth == CLIENT_AUTH_REQUIRED ? "requires" : "asked for", side_name(peer));
		if (req)
			say(b, " (its CertificateRequest, step %d)", req->index);
		if (cst && leaf == FIELD_NONE)
			say(b, ", but the %s's Certificate at step %d is empty: it has no certificate to give", side_name(peer),
			    cst->index);
		else if (!cst)
			say(b, ", but the %s sent no Certificate message", side_name(peer));
		else
			say(b, ", but mbed TLS found none in the %s's Certificate at step %d", side_name(peer), cst->index);
		say(b, ", so the %s cannot tell who it is talking to and refuses to go on.", side_name(verifier));
		flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_MISSING;
		if (!flags)
			return;
	}
	say(b, "The %s rejected the %s's certificate", side_name(verifier), side_name(peer));
	if (cst)
		say(b, " (step %d)", cst->index);
	const char *sep = ": ";
	/* The dates: the first certificate of the chain whose validity excludes the clock. */
	for (int c = leaf; c != FIELD_NONE && (flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE));
	     c = fs->v[c].next_sibling) {
		char nb[40], na[40];
		int64_t tnb, tna;
		if (strncmp(fs->v[c].name, "certificate[", 12) || !validity(fs, c, nb, na, &tnb, &tna))
			continue;
		const char *who = c == leaf ? "it" : fs->v[c].name;
		if ((flags & MBEDTLS_X509_BADCERT_EXPIRED) && tna < sc->sim_time) {
			say(b, "%s%s expired on %s (its notAfter), before the simulation clock's %s", sep, who, na, now);
			flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_EXPIRED;
			sep = "; ";
		}
		if ((flags & MBEDTLS_X509_BADCERT_FUTURE) && tnb > sc->sim_time) {
			say(b, "%s%s is not valid before %s (its notBefore), after the simulation clock's %s", sep, who, nb, now);
			flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_FUTURE;
			sep = "; ";
		}
	}
	if (flags & MBEDTLS_X509_BADCERT_EXPIRED) {
		say(b, "%sa certificate of its chain has expired by the simulation clock's %s", sep, now);
		sep = "; ";
	}
	if (flags & MBEDTLS_X509_BADCERT_FUTURE) {
		say(b, "%sa certificate of its chain is not yet valid at the simulation clock's %s", sep, now);
		sep = "; ";
	}
	if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) {
		const char *san = leaf != FIELD_NONE ? field_value(fs, leaf, "subject_alt_names") : NULL;
		const char *subj = leaf != FIELD_NONE ? field_value(fs, leaf, "subject") : NULL;
		if (verifier == SIDE_CLIENT && sc->hostname)
			say(b, "%sthe client expected the name %s, and the certificate names only %s (%s)", sep, sc->hostname,
			    san ? san : or_else(subj, "other names"), san ? "its subject_alt_names" : "its subject, with no subject_alt_names");
		else
			say(b, "%sthe name it was checked against is not in it (%s)", sep, or_else(san, or_else(subj, "no names")));
		sep = "; ";
	}
	if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
		int top = leaf;
		for (int c = leaf; c != FIELD_NONE; c = fs->v[c].next_sibling)
			if (!strncmp(fs->v[c].name, "certificate[", 12))
				top = c;
		const char *issuer = top != FIELD_NONE ? field_value(fs, top, "issuer") : NULL;
		const char *ca = verifier == SIDE_CLIENT ? sc->client.ca : sc->server.ca;
		say(b, "%sits chain leads to the issuer %s, and no CA the %s trusts (%s%s) signed it", sep,
		    or_else(issuer, "(unknown)"), side_name(verifier), ca ? "its trust store: " : "it trusts none", ca ? ca : "");
		sep = "; ";
	}
	if (flags & MBEDTLS_X509_BADCERT_REVOKED) {
		const char *serial = leaf != FIELD_NONE ? field_value(fs, leaf, "serial_number") : NULL;
		const char *crl = verifier == SIDE_CLIENT ? sc->client.crl : sc->server.crl;
		say(b, "%sits serial number %s is listed in the CRL the %s holds (%s), signed by its issuer: the CA has "
		       "revoked it before its notAfter (RFC 5280 5.3)", sep, or_else(serial, "?"), side_name(verifier),
		    or_else(crl, "a CRL"));
		sep = "; ";
	}
	if (flags & MBEDTLS_X509_BADCERT_EXT_KEY_USAGE) {
		const char *eku = leaf != FIELD_NONE ? field_value(fs, leaf, "extended_key_usage") : NULL;
		say(b, "%sits extended_key_usage allows only %s, and a %s's certificate must allow %s (RFC 5280 4.2.1.12)", sep,
		    or_else(eku, "other uses"), side_name(peer), peer == SIDE_SERVER ? "serverAuth" : "clientAuth");
		sep = "; ";
	}
	uint32_t told = MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE | MBEDTLS_X509_BADCERT_CN_MISMATCH |
	                MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_MISSING | MBEDTLS_X509_BADCERT_REVOKED |
	                MBEDTLS_X509_BADCERT_EXT_KEY_USAGE;
	if (flags & ~told)
		say(b, "%smbed TLS's check says: %s (flags 0x%x)", sep, tl->outcome.end[verifier].verify_text,
		    (unsigned)(flags & ~told));
	say(b, ".");
}

/* "A, B and C" of up to six codes, named by `name`; "and N more" after that. */
static void list_codes(struct buf *b, const unsigned *v, size_t n, const char *(*name)(unsigned))
{
	for (size_t i = 0; i < n && i < 6; i++)
		say(b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", name(v[i]));
	if (n > 6)
		say(b, " and %zu more", n - 6);
}

static const char *suite_word(unsigned id)
{
	const struct suite_info *s = names_suite((uint16_t)id);
	return s ? s->name : "an unknown suite";
}

static const char *group_word(unsigned id)
{
	return or_else(names_group((uint16_t)id), "an unknown group");
}

/* The codes of the children called `child` under the field `name` (anywhere in the message). */
static size_t offered(const struct step *hello, const char *name, const char *child, unsigned *out, size_t cap)
{
	size_t n = 0;
	int g = hello ? fields_find(&hello->fields, FIELD_NONE, name, true) : FIELD_NONE;
	for (int i = g == FIELD_NONE ? FIELD_NONE : fields_first(&hello->fields, g); i != FIELD_NONE && n < cap;
	     i = hello->fields.v[i].next_sibling) {
		unsigned c = code_of(hello->fields.v[i].value);
		if (!strcmp(hello->fields.v[i].name, child) && c && c != 0x00ff && !names_is_grease((uint16_t)c))
			out[n++] = c;
	}
	return n;
}

static size_t spec_codes(const uint16_t *v, size_t max, unsigned *out)
{
	size_t n = 0;
	while (n < max && v[n]) {
		out[n] = v[n];
		n++;
	}
	return n;
}

static bool any_common(const unsigned *a, size_t na, const unsigned *b, size_t nb)
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (a[i] == b[j])
				return true;
	return false;
}

/*
 * A server whose own certificate may not serve as a TLS server's: mbed TLS 3.6 checks its
 * certificate's (extended) key usage before sending it (ssl_pick_cert, ssl_tls13_pick_key_cert)
 * and, with none left, refuses the hello. The engine tells with the library's same check.
 */
static bool own_cert_unfit(struct buf *b, const struct timeline *tl)
{
	if (!tl->outcome.end[SIDE_SERVER].cert_not_server)
		return false;
	say(b, "The server has no certificate it may use: its own, %s, has an extendedKeyUsage without serverAuth "
	       "(RFC 5280 4.2.1.12). mbed TLS's server checks its certificate before sending it and skips one the client "
	       "would reject; with none left it refuses the ClientHello, so the client's own check never runs.",
	    or_else(tl->sc->server.cert, "?"));
	return true;
}

/* The server found nothing in common with the ClientHello: which list. */
static void negotiation(struct buf *b, const struct timeline *tl, enum side det)
{
	const struct scenario *sc = tl->sc;
	const struct step *hello = last_msg(tl, SIDE_CLIENT, 1);
	unsigned c[128], s[SPEC_MAX_SUITES];
	size_t nc = offered(hello, "cipher_suites", "cipher_suite", c, 128);
	size_t ns = spec_codes(sc->server.suites, SPEC_MAX_SUITES, s);
	if (hello && ns && !any_common(c, nc, s, ns)) {
		say(b, "The server found no cipher suite in common with the client: the ClientHello (step %d) offers ",
		    hello->index);
		list_codes(b, c, nc, suite_word);
		say(b, ", and the server accepts only ");
		list_codes(b, s, ns, suite_word);
		say(b, " (RFC 5246 7.4.1.3, RFC 8446 4.1.1).");
		return;
	}
	unsigned cg[64], sg[SPEC_MAX_GROUPS];
	size_t ncg = offered(hello, "supported_groups", "named_group", cg, 64);
	size_t nsg = spec_codes(sc->server.groups, SPEC_MAX_GROUPS, sg);
	if (hello && nsg && ncg && !any_common(cg, ncg, sg, nsg)) {
		say(b, "The server found no key-exchange group in common with the client: the ClientHello (step %d) offers ",
		    hello->index);
		list_codes(b, cg, ncg, group_word);
		say(b, ", and the server accepts only ");
		list_codes(b, sg, nsg, group_word);
		say(b, " (RFC 8422 5.1.1, RFC 8446 4.2.7).");
		return;
	}
	if (det == SIDE_SERVER && own_cert_unfit(b, tl))
		return;
	say(b, "The %s found no set of parameters it accepts among what the other end offered: %s.", side_name(det),
	    tl->outcome.end[det].error_text);
}

static void version_range(struct buf *b, const struct endpoint_spec *e)
{
	const char *lo = names_version(e->min_version), *hi = names_version(e->max_version);
	if (!lo || !hi)
		say(b, "its library's own range");
	else if (e->min_version == e->max_version)
		say(b, "only %s", lo);
	else
		say(b, "%s to %s", lo, hi);
}

/* No version both ends speak. */
static void version(struct buf *b, const struct timeline *tl, enum side det)
{
	const struct step *hello = last_msg(tl, SIDE_CLIENT, 1);
	const struct step *sh = last_msg(tl, SIDE_SERVER, 2);
	if (det == SIDE_SERVER && hello) {
		unsigned v[16];
		size_t n = offered(hello, "supported_versions", "version", v, 16);
		say(b, "The server refused the client's version: the ClientHello (step %d) offers ", hello->index);
		if (n) {
			for (size_t i = 0; i < n; i++)
				say(b, "%s%s", i ? ", " : "", or_else(names_version((uint16_t)v[i]), "an unknown version"));
			say(b, " (supported_versions)");
		} else {
			say(b, "at most %s (its legacy_version; no supported_versions extension)",
			    or_else(field_value(&hello->fields, FIELD_NONE, "legacy_version"), "?"));
		}
		say(b, ", and the server accepts ");
		version_range(b, &tl->sc->server);
		say(b, " (RFC 8446 4.2.1, RFC 5246 appendix E).");
		return;
	}
	say(b, "The client refused the version the server chose");
	if (sh)
		say(b, " in its ServerHello (step %d)", sh->index);
	say(b, ": the client accepts ");
	version_range(b, &tl->sc->client);
	say(b, " (RFC 8446 4.2.1).");
}

/* Does a fault touch any step up to step `upto` (1-based)? */
static bool faulted_before(const struct timeline *tl, int upto)
{
	for (int i = 0; i < upto && (size_t)i < tl->nsteps; i++)
		if (tl->steps[i].fault_note)
			return true;
	return false;
}

static const struct secret *failed_verify_data(const struct step *st)
{
	for (size_t j = 0; j < st->nsecrets; j++)
		if (strstr(st->secrets[j].name, "_verify_data") && st->secrets[j].agrees == AGREE_NO)
			return &st->secrets[j];
	return NULL;
}

/* tlsstep's own failed check of something `peer` sent, before `limit` (0-based, exclusive). */
static bool own_check(struct buf *b, const struct timeline *tl, enum side det, size_t limit)
{
	enum side peer = side_peer(det);
	for (size_t i = 0; i < limit && i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->from != peer)
			continue;
		bool changed = faulted_before(tl, st->index);
		if (st->signature_ok == AGREE_NO) {
			say(b, "The %s could not verify the %s's signature in its %s (step %d), and neither could tlsstep with the "
			       "public key of the %s's certificate. The signature covers %s, so %s.",
			    side_name(det), side_name(peer), st->message, st->index, side_name(peer),
			    st->hs_type == 12 ? "both randoms and the (EC)DH parameters (RFC 5246 7.4.3)"
			                      : "the transcript of the handshake so far (RFC 8446 4.4.3, RFC 5246 7.4.8)",
			    changed ? "the bytes the fault changed make it a signature over other content"
			            : "it was not made over these bytes with that certificate's key");
			return true;
		}
		if (failed_verify_data(st)) {
			say(b, "The %s's Finished (step %d) does not verify: its verify_data is not what the handshake "
			       "transcript gives under the session's keys (tlsstep's own computation differs too), so the two "
			       "ends did not see the same handshake messages or do not hold the same keys (RFC 5246 7.4.9, "
			       "RFC 8446 4.4.4).", side_name(peer), st->index);
			return true;
		}
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *x = &st->secrets[j];
			if (!strstr(x->name, "_renegotiated_connection") || x->agrees != AGREE_NO)
				continue;
			say(b, "The %s's renegotiating %s (step %d) quotes in renegotiation_info a verify_data that is not "
			       "this connection's: tlsstep compared it with the Finished of the handshake before and it "
			       "differs. RFC 5746 3.7 has the %s refuse such a renegotiation: it may be a first handshake of "
			       "someone else's spliced onto this connection (CVE-2009-3555).",
			    side_name(peer), st->message, st->index, side_name(det));
			return true;
		}
		if (st->record_ok == AGREE_NO) {
			int tag = fields_find(&st->record_fields, FIELD_NONE, "tag", true);
			/* "Finished (not decrypted)": its place tells what it was; "encrypted record": nothing does. */
			const char *paren = strstr(st->message, " (not decrypted)");
			bool named = strcmp(st->message, "encrypted record") != 0;
			int nl = named ? (paren ? (int)(paren - st->message) : (int)strlen(st->message)) : 0;
			say(b, "The %s could not authenticate the %s's encrypted record at step %d%s%.*s%s: its %s does not "
			       "verify, under tlsstep's own keys either, so the record %s. An end never uses a record that fails "
			       "this check (RFC 5246 6.2.3, RFC 8446 5.2).",
			    side_name(det), side_name(peer), st->index, named ? " (its " : "", nl, st->message, named ? ")" : "",
			    tag != FIELD_NONE ? "AEAD tag" : "MAC",
			    st->nfault || changed ? "was changed on the way" : "was not sealed with the keys both ends derived");
			return true;
		}
	}
	return false;
}

/* The ServerHello chose a cipher suite the ClientHello did not offer (RFC 5246 7.4.1.3). */
static bool suite_not_offered(struct buf *b, const struct timeline *tl)
{
	const struct step *hello = last_msg(tl, SIDE_CLIENT, 1), *sh = last_msg(tl, SIDE_SERVER, 2);
	unsigned c[128];
	size_t nc = offered(hello, "cipher_suites", "cipher_suite", c, 128);
	unsigned chosen = sh ? code_of(field_value(&sh->fields, FIELD_NONE, "cipher_suite")) : 0;
	if (!hello || !chosen || any_common(c, nc, &chosen, 1))
		return false;
	say(b, "The ServerHello (step %d) chose %s (0x%04x), which the ClientHello (step %d) did not offer: it offers ",
	    sh->index, suite_word(chosen), chosen, hello->index);
	list_codes(b, c, nc, suite_word);
	say(b, ". A server must pick one of the client's suites (RFC 5246 7.4.1.3), so the client refuses the hello.");
	return true;
}

/*
 * A TLS 1.3-capable client that got a TLS 1.2 ServerHello whose random ends in the
 * downgrade sentinel (RFC 8446 4.1.3): mbed TLS 3.6's client (ssl_tls13_client.c,
 * ssl_tls13_is_downgrade_negotiation) refuses it with illegal_parameter. True when said.
 */
static bool downgrade(struct buf *b, const struct timeline *tl, enum side det)
{
	if (det != SIDE_CLIENT || tl->outcome.end[det].error != MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER)
		return false;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->from != SIDE_SERVER || st->hs_type != 2 ||
		    fields_find(&st->fields, FIELD_NONE, "downgrade_sentinel", true) == FIELD_NONE)
			continue;
		say(b, "The server's ServerHello (step %d) chose TLS 1.2, but its random ends in the downgrade sentinel "
		       "DOWNGRD followed by 01 (RFC 8446 4.1.3): a server that speaks TLS 1.3 puts it there when it settles "
		       "for TLS 1.2. The client asked for TLS 1.3, so the ClientHello the server read was changed on the "
		       "way; the random is under the server's signature (ECDHE, DHE) and in the master secret, so an "
		       "attacker who takes the sentinel out is caught later. The client refuses the ServerHello (mbed TLS: %s, -0x%04x).",
		    st->index, tl->outcome.end[det].error_text, (unsigned)-tl->outcome.end[det].error);
		return true;
	}
	return false;
}

/* What failed and why: the main sentence, for the end that detected it. */
static void cause(struct buf *b, const struct timeline *tl, enum side det, size_t alert_at)
{
	const struct end_outcome *e = &tl->outcome.end[det];
	if (e->verify_flags && (e->error == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED ||
	                        e->error == MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE || e->error == MBEDTLS_ERR_SSL_BAD_CERTIFICATE)) {
		certificate(b, tl, det, e->verify_flags);
		return;
	}
	if (e->error == MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE) {
		/* mbed TLS gives this error for a Finished that does not verify too (with decrypt_error):
		 * tlsstep's own failed check then says what happened, not "no parameters in common". */
		if (!own_check(b, tl, det, alert_at))
			negotiation(b, tl, det);
		return;
	}
	if (e->error == MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION) {
		version(b, tl, det);
		return;
	}
	if (e->error == MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME && det == SIDE_SERVER) {
		const struct endpoint_spec *srv = &tl->sc->server;
		const struct step *hello = last_msg(tl, SIDE_CLIENT, 1);
		say(b, "The client asked for %s in its ClientHello's server_name", or_else(tl->sc->hostname, "a name"));
		if (hello)
			say(b, " (step %d)", hello->index);
		say(b, ", and the server serves only ");
		for (size_t i = 0; i < SPEC_MAX_NAMES && srv->names[i]; i++)
			say(b, "%s%s", i == 0 ? "" : srv->names[i + 1] && i + 1 < SPEC_MAX_NAMES ? ", " : " and ", srv->names[i]);
		say(b, ": mbed TLS's SNI callback refused the name, and the server refused the hello (RFC 6066 3).");
		return;
	}
	if (downgrade(b, tl, det) || own_check(b, tl, det, alert_at))
		return;
	if (e->error == MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER && det == SIDE_CLIENT && suite_not_offered(b, tl))
		return;
	if (e->error == MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE) {
		const struct trace_line *t = last_state(tl, det);
		const struct step *got = t ? first_from_after(tl, side_peer(det), t->step) : NULL;
		const char *state = t ? strstr(t->text, "-> ") : NULL;
		if (got && state)
			say(b, "The %s's %s (step %d) reached the %s while it waited in mbed TLS's handshake state %s for the "
			       "message that state names; the handshake's order (RFC 5246 7.3, RFC 8446 4) allows no other: ",
			    side_name(got->from), got->message, got->index, side_name(det), state + 3);
		else
			say(b, "A message reached the %s where the handshake's order does not allow it (RFC 5246 7.3, "
			       "RFC 8446 4): its state machine expects one message next and refuses any other: ",
			    side_name(det));
		say(b, "%s (-0x%04x).", e->error_text, (unsigned)-e->error);
		return;
	}
	if (e->error == MBEDTLS_ERR_SSL_DECODE_ERROR) {
		say(b, "A message the %s received does not parse: a length or a field runs past what it holds: %s (-0x%04x).",
		    side_name(det), e->error_text, (unsigned)-e->error);
		return;
	}
	if (e->error == MBEDTLS_ERR_SSL_INVALID_MAC) {
		say(b, "The %s could not authenticate a record from the %s: its tag or MAC does not verify, so it was changed "
		       "on the way or sealed with other keys (RFC 5246 6.2.3, RFC 8446 5.2).", side_name(det),
		    side_name(side_peer(det)));
		return;
	}
	say(b, "The %s stopped the handshake: %s (-0x%04x).", side_name(det), e->error_text, (unsigned)-e->error);
}

/* The faults the scenario injected, where they hit. */
static void faults(struct buf *b, const struct timeline *tl)
{
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (!st->fault_note)
			continue;
		bool plain = !strncmp(st->fault_note, "fault: ", 7);
		say(b, "At step %d %s%s", st->index, plain ? "the scenario's fault " : "", st->fault_note + (plain ? 7 : 0));
		for (size_t k = 0; k < st->nfault; k++)
			say(b, "%s%zu of the record went from %02x to %02x", k ? ", byte " : ": byte ", st->fault_off[k],
			    st->fault_was[k], st->record.data[st->fault_off[k]]);
		say(b, ". ");
	}
	const char *late = tl->outcome.fault_note;
	if (late) {
		bool plain = !strncmp(late, "fault: ", 7);
		say(b, "After the last step %s%s. ", plain ? "the scenario's fault " : "", late + (plain ? 7 : 0));
	}
}

/* Messages that were on their way before the alert reached their sender. */
static void in_flight(struct buf *b, const struct timeline *tl, enum side sender)
{
	size_t n = 0, first = 0, last = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].in_flight && tl->steps[i].from == sender) {
			if (!n++)
				first = i;
			last = i;
		}
	if (!n)
		return;
	say(b, " The %s's ", side_name(sender));
	size_t k = 0;
	for (size_t i = first; i <= last; i++)
		if (tl->steps[i].in_flight && tl->steps[i].from == sender) {
			say(b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", tl->steps[i].message);
			k++;
		}
	if (n == 1)
		say(b, " (step %d) comes after the alert: it was already sent before the alert reached the %s.",
		    tl->steps[first].index, side_name(sender));
	else
		say(b, " (steps %d %s %d) come after the alert: they were already sent before the alert reached the %s.",
		    tl->steps[first].index, n == 2 ? "and" : "to", tl->steps[last].index, side_name(sender));
}

/* The alert the detecting end sent (or that it sent none), then any answers to it. */
static void alerts(struct buf *b, const struct timeline *tl, enum side det, const struct step *a)
{
	const struct outcome *o = &tl->outcome;
	if (!a) {
		say(b, " The %s sent no alert%s", side_name(det),
		    o->stalled ? ", so the other end was never told and waited until the run stalled." : ".");
		return;
	}
	const char *lvl = or_else(names_alert_level(a->alert_level), "unknown-level");
	if (a->from == det)
		say(b, " It sent the %s alert %s (%u) and ended the connection.", lvl, or_else(names_alert(a->alert_desc), "unknown"),
		    a->alert_desc);
	else
		say(b, " The %s sent the %s alert %s (%u).", side_name(a->from), lvl, or_else(names_alert(a->alert_desc), "unknown"),
		    a->alert_desc);
	in_flight(b, tl, side_peer(a->from));
	for (const struct step *n = first_alert(tl, (size_t)a->index); n; n = first_alert(tl, (size_t)n->index)) {
		const struct end_outcome *e = &o->end[n->from];
		say(b, " At step %d the %s answered with the %s alert %s (%u)", n->index, side_name(n->from),
		    or_else(names_alert_level(n->alert_level), "unknown-level"), or_else(names_alert(n->alert_desc), "unknown"), n->alert_desc);
		if (e->failed && e->error != MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE)
			say(b, ": its own error was %s", e->error_text);
		say(b, ".");
	}
}

void failure_build(struct timeline *tl)
{
	const struct outcome *o = &tl->outcome;
	free(tl->failure);
	tl->failure = NULL;
	if (o->ok)
		return;
	struct buf b = { 0 };
	faults(&b, tl);
	const struct step *a = first_alert(tl, 0);
	if (o->detected) {
		enum side det = o->detected_by;
		cause(&b, tl, det, a ? (size_t)a->index - 1 : tl->nsteps);
		alerts(&b, tl, det, a);
	} else {
		const char *why = o->stall_text[0] ? o->stall_text : o->summary;
		if (!strncmp(why, "stalled: ", 9))
			why += 9;
		say(&b, "Neither end reported an error, but the run did not finish: %s.", why);
		if (a)
			alerts(&b, tl, a->from, a);
	}
	buf_append(&b, "", 1);
	tl->failure = (char *)b.data;
}

const char *explain_failure(const struct timeline *tl)
{
	return tl->outcome.ok ? NULL : tl->failure;
}

const struct fields *step_failed_tree(const struct step *st)
{
	return st->signature_ok != AGREE_NO && !failed_verify_data(st) && st->record_ok == AGREE_NO ? &st->record_fields
	                                                                                           : &st->fields;
}

int step_failed_field(const struct step *st, const char **what)
{
	const char *w = NULL;
	int f = FIELD_NONE;
	if (st->signature_ok == AGREE_NO) {
		f = fields_find(&st->fields, FIELD_NONE, "signature", true);
		w = "signature does not verify";
	} else if (failed_verify_data(st)) {
		f = fields_find(&st->fields, FIELD_NONE, "verify_data", true);
		w = "verify_data does not match the transcript";
	} else if (st->record_ok == AGREE_NO) {
		static const char *const names[] = { "tag", "mac", "ciphertext", "encrypted_record" };
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && f == FIELD_NONE; i++)
			f = fields_find(&st->record_fields, FIELD_NONE, names[i], true);
		w = f != FIELD_NONE && !strcmp(st->record_fields.v[f].name, "tag") ? "record's tag does not verify"
		                                                                    : "record's MAC does not verify";
	}
	if (what)
		*what = w;
	return f;
}
