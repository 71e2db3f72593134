/* wire/decode.c — see decode.h: handshake messages. Extension bodies are in wire/ext.c; alerts,
 * ChangeCipherSpec, application data and the record layer in wire/decode_records.c. */
#include "wire/decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "wire/ext.h"
#include "util/words.h"
#include "wire/names.h"
#include "wire/ocsp.h"
#include "wire/reader.h"
#include "wire/x509.h"

enum kx_kind decode_kx_of_suite(uint16_t suite)
{
	const struct suite_info *s = names_suite(suite);
	if (!s)
		return KX_UNKNOWN;
	if (s->tls13)
		return KX_TLS13;
	if (strstr(s->name, "PSK"))
		return KX_PSK;
	if (!strncmp(s->name, "TLS_ECDHE_", 10))
		return KX_ECDHE;
	if (!strncmp(s->name, "TLS_DHE_", 8))
		return KX_DHE;
	if (!strncmp(s->name, "TLS_RSA_", 8))
		return KX_RSA;
	return KX_UNKNOWN;
}

/* RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello with this random. */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

const char *decode_handshake_name(const uint8_t *msg, size_t len)
{
	if (len < 1)
		return "(empty)";
	if (msg[0] == 2 && len >= 4 + 2 + 32 && !memcmp(msg + 6, hrr_random, 32))
		return "HelloRetryRequest";
	const char *n = names_handshake(msg[0]);
	return n ? n : "unknown handshake message";
}

static const char *version_text(uint16_t v, char *buf, size_t cap)
{
	const char *n = names_version(v);
	snprintf(buf, cap, "%s (0x%04x)", n ? n : "unknown", v);
	return buf;
}

static int add_version(struct reader *r, int parent, const char *name, const char *explain,
                       uint16_t *out)
{
	size_t at = r->pos;
	uint16_t v;
	if (rd_u16(r, &v))
		return -1;
	char t[48];
	fields_add(r->out, parent, FIELD_TEXT, name, at, 2, explain, "%s", version_text(v, t, sizeof(t)));
	if (out)
		*out = v;
	return 0;
}

/* RFC 8446 §4.1.3: a TLS 1.3 server that negotiates an older version says so here. */
static const uint8_t downgrade_sentinel[7] = { 'D', 'O', 'W', 'N', 'G', 'R', 'D' };

/*
 * A hello's random. Whether it starts with a time (RFC 5246 §7.4.1.2) or is 32 random
 * bytes (RFC 8446 §4.1.2) is known only from supported_versions, which comes after it:
 * add_random adds the bytes, random_parts splits them once the extensions are read.
 */
static int add_random(struct reader *r, int *field)
{
	size_t at = r->pos;
	if (rd_skip(r, 32, "random"))
		return -1;
	*field = fields_add_bytes(r->out, FIELD_NONE, "random", r->p, at, 32,
	                          "32 random bytes (TLS 1.3: no time field); both randoms feed every key");
	return 0;
}

/* The TLS 1.2 layout of the random at field f: gmt_unix_time, then random bytes (and a downgrade sentinel). */
static void random_parts(struct fields *out, int f, const uint8_t *p)
{
	size_t at = out->v[f].offset;
	out->v[f].explain = "this side's 32-byte random, new for each hello; both randoms feed every key";
	uint32_t t = (uint32_t)p[at] << 24 | (uint32_t)p[at + 1] << 16 | (uint32_t)p[at + 2] << 8 | p[at + 3];
	time_t tt = (time_t)t;
	struct tm tm;
	char when[40] = "?";
	if (gmtime_r(&tt, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	/* RFC 5246 asked for the clock here; many stacks stopped (a clock fingerprints the host,
	 * and RFC 8446 §4.1.2 dropped it): OpenSSL writes random bytes, mbed TLS 3.6 still its
	 * clock (in a scenario run, the scenario's date). The date shown is what the 4 bytes
	 * say read as one, not a claim that they are one. */
	fields_add(out, f, FIELD_TEXT, "gmt_unix_time", at, 4,
	           "RFC 5246 7.4.1.2 put the sender's clock here, but it need not be one: OpenSSL, for one, writes "
	           "random bytes (RFC 8446 makes all 32 random), so the date they read as may mean nothing",
	           "%s (%u)", when, t);
	if (!memcmp(p + at + 24, downgrade_sentinel, 7) && p[at + 31] <= 1) {
		fields_add_bytes(out, f, "random_bytes", p, at + 4, 20, "20 random bytes after the 4 RFC 5246 gave the time");
		fields_add_bytes(out, f, "downgrade_sentinel", p, at + 24, 8,
		                 p[at + 31] ? "\"DOWNGRD\" 01: a TLS 1.3 server negotiated TLS 1.2 (RFC 8446 §4.1.3)"
		                            : "\"DOWNGRD\" 00: a TLS 1.3 server negotiated TLS 1.1 or below (RFC 8446 §4.1.3)");
	} else {
		fields_add_bytes(out, f, "random_bytes", p, at + 4, 28, "28 random bytes after the 4 RFC 5246 gave the time");
	}
}

static int add_session_id(struct reader *r, int parent, const char *explain)
{
	struct reader v;
	size_t at = r->pos;
	if (rd_vec8(r, &v, "session_id"))
		return -1;
	if (v.size > 32)
		return rd_fail(r, ALERT_DECODE_ERROR, at, "a session_id is at most 32 bytes, this one says %zu", v.size);
	if (v.size == 0)
		fields_add(r->out, parent, FIELD_TEXT, "session_id", at, 1, explain, "(empty)");
	else
		fields_add_bytes(r->out, parent, "session_id", r->p, at + 1, v.size, explain);
	return 0;
}

static const char *suite_text(uint16_t id, char *buf, size_t cap)
{
	const struct suite_info *s = names_suite(id);
	return rd_code16_text(buf, cap, id, s ? s->name : NULL);
}

static void add_suite_parts(struct fields *out, int parent, uint16_t id, size_t at)
{
	const struct suite_info *s = names_suite(id);
	if (!s)
		return;
	/* RFC 8446 §4.1.1: a TLS 1.3 suite names only the AEAD and the hash. */
	fields_add(out, parent, FIELD_TEXT, "key_exchange_algorithm", at, 2,
	           s->tls13 ? "a TLS 1.3 suite names no key exchange: key_share and pre_shared_key decide it (RFC 8446 4.1.1)"
	                    : "how the two sides agree on the premaster secret",
	           "%s", s->kx);
	/* Static (EC)DH (RFC 8422 §2.1, RFC 5246 §F.1.1.3): the certificate holds a DH key;
	 * "RSA"/"ECDSA" in the name is only how the CA signed that certificate. */
	bool fixed_dh = !strcmp(s->kx, "ECDH") || !strcmp(s->kx, "DH");
	fields_add(out, parent, FIELD_TEXT, "authentication", at, 2,
	           fixed_dh ? "the certificate's own (EC)DH key proves it: only its owner can compute the premaster"
	                    : "how the server proves who it is",
	           fixed_dh ? "static %s key in the certificate (CA signature %s)" : "%s", fixed_dh ? s->kx : s->auth,
	           s->auth);
	fields_add(out, parent, FIELD_TEXT, "bulk_cipher", at, 2,
	           "the cipher that protects application data", "%s", s->cipher);
	/* TLS 1.2's PRF hash (RFC 5246 §5): SHA-384 when the name ends so, else SHA-256. */
	bool mac_only = !s->tls13 && strncmp(s->mac, "AEAD", 4) != 0;
	fields_add(out, parent, FIELD_TEXT, "mac", at, 2,
	           "the integrity check, or the hash of the PRF for AEAD suites",
	           mac_only ? "%s; PRF %s" : "%s", s->mac, strstr(s->name, "SHA384") ? "SHA-384" : "SHA-256");
}

/* RFC 5246 §7.4.1.2, RFC 8446 §4.1.2 */
static int client_hello(struct reader *r, int top)
{
	(void)top;
	int rf;
	if (add_version(r, FIELD_NONE, "legacy_version",
	                "highest version the client supports (TLS 1.3 puts 1.2 here and the truth in supported_versions)",
	                NULL) ||
	    add_random(r, &rf) ||
	    add_session_id(r, FIELD_NONE, "empty: the client asks for a new session; else the session it wants to resume "
	                                  "(beside a session ticket, any id the client chose, RFC 5077 3.4)"))
		return -1;

	struct reader v;
	size_t at = r->pos;
	if (rd_vec16(r, &v, "cipher_suites"))
		return -1;
	if (v.size % 2 || v.size == 0)
		return rd_fail(r, ALERT_DECODE_ERROR, at, "cipher_suites must hold a non-empty list of 2-byte codes");
	int g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "cipher_suites", at, v.size + 2,
	                   "the suites the client accepts, most preferred first",
	                   "%zu offered", v.size / 2);
	while (rd_left(&v)) {
		size_t o = v.pos;
		uint16_t id;
		rd_u16(&v, &id);
		char t[96];
		int s = fields_add(r->out, g, FIELD_TEXT, "cipher_suite", o, 2,
		                   names_is_grease(id) ? RD_GREASE_EXPLAIN
		                   : id == 0x00ff      ? "signalling value: the client supports secure renegotiation (RFC 5746)"
		                   : id == 0x5600      ? "signalling value: a fallback, the client retries with a lower version (RFC 7507)"
		                                       : "one suite the client offers",
		                   "%s", suite_text(id, t, sizeof(t)));
		add_suite_parts(r->out, s, id, o);
	}
	at = r->pos;
	if (rd_vec8(r, &v, "compression_methods"))
		return -1;
	g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "compression_methods", at, v.size + 1,
	               "compression before encryption; only null is safe (CRIME attack) and TLS 1.3 allows no other",
	               "%zu offered", v.size);
	while (rd_left(&v))
		rd_named8(&v, g, "compression_method", "one method offered", names_compression, NULL);
	struct ext_result er = { 0 };
	int rc = rd_left(r) ? ext_list_result(r, EXT_CTX_CLIENT_HELLO, &er) : 0; /* RFC 5246: may be absent */
	if (!er.tls13_only)
		random_parts(r->out, rf, r->p);
	return rc;
}

/* RFC 5246 §7.4.1.3, RFC 8446 §4.1.3 */
static int server_hello(struct reader *r, struct decode_info *info, bool hrr)
{
	uint16_t v;
	if (add_version(r, FIELD_NONE, "legacy_version",
	                "the version the server chose (TLS 1.3 says 1.2 here and puts 1.3 in supported_versions)", &v))
		return -1;
	info->version = v;
	int rf;
	if (add_random(r, &rf))
		return -1;
	if (hrr)
		r->out->v[rf].explain = "the fixed value SHA-256(\"HelloRetryRequest\") marks this as a HelloRetryRequest";
	if (add_session_id(r, FIELD_NONE,
	                   "the session's name: new if it differs from the client's, the same if resuming"))
		return -1;
	size_t at = r->pos;
	uint16_t id;
	if (rd_u16(r, &id))
		return -1;
	char t[96];
	int s = fields_add(r->out, FIELD_NONE, FIELD_TEXT, "cipher_suite", at, 2,
	                   "the one suite the server picked from the client's list", "%s",
	                   suite_text(id, t, sizeof(t)));
	add_suite_parts(r->out, s, id, at);
	info->suite = id;
	if (rd_named8(r, FIELD_NONE, "compression_method", "the compression the server chose", names_compression, NULL))
		return -1;
	struct ext_result er = { 0 };
	int rc = rd_left(r) ? ext_list_result(r, hrr ? EXT_CTX_HRR : EXT_CTX_SERVER_HELLO, &er) : 0;
	if (er.selected_version)
		info->version = er.selected_version;
	if (!hrr && info->version <= 0x0303)
		random_parts(r->out, rf, r->p);
	return rc;
}

/* RFC 8446 §4.3.2, §4.4.2: a certificate_request_context, its bytes or "(empty)". */
static int request_context(struct reader *r, const char *explain, const char *explain_empty)
{
	struct reader ctx;
	size_t at = r->pos;
	if (rd_vec8(r, &ctx, "certificate_request_context"))
		return -1;
	if (ctx.size)
		fields_add_bytes(r->out, FIELD_NONE, "certificate_request_context", r->p, at + 1, ctx.size, explain);
	else
		fields_add(r->out, FIELD_NONE, FIELD_TEXT, "certificate_request_context", at, 1, explain_empty, "(empty)");
	return 0;
}

/* RFC 5246 §7.4.2, RFC 8446 §4.4.2 */
static int certificate(struct reader *r, bool tls13)
{
	struct reader list;
	if (tls13 && request_context(r, "echoes the CertificateRequest this answers",
	                             "empty: this certificate is part of the handshake"))
		return -1;
	size_t at = r->pos;
	if (rd_vec24(r, &list, "certificate_list"))
		return -1;
	int g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "certificate_list", at, list.size + 3,
	                   "the sender's certificate first, then the chain towards a root", "%s",
	                   list.size ? "the chain" : "empty: the sender has no certificate to give");
	unsigned n = 0;
	while (rd_left(&list)) {
		struct reader cert;
		size_t o = list.pos;
		if (rd_vec24(&list, &cert, "certificate"))
			return -1;
		char label[32];
		snprintf(label, sizeof(label), "certificate[%u]", n);
		int c = fields_add(r->out, g, FIELD_GROUP, label, o, cert.size + 3,
		                   n == 0 ? "the end-entity certificate: the sender's own"
		                          : "an intermediate or root certificate",
		                   "%zu %s of DER (X.509)", cert.size, bytes_word(cert.size));
		fields_add_bytes(r->out, c, "cert_data", r->p, o + 3, cert.size,
		                 "the certificate itself, DER-encoded X.509 (RFC 5280)");
		x509_fields(r->out, c, r->p, o + 3, cert.size, n);
		if (tls13 && ext_list_in(&list, c, EXT_CTX_CERTIFICATE)) /* RFC 8446 §4.4.2: status_request, SCTs */
			return -1;
		n++;
	}
	if (g >= 0 && n)
		fields_add(r->out, g, FIELD_TEXT, "count", at, 3, "how many certificates the chain holds", "%u", n);
	return 0;
}

static int signature(struct reader *r, int parent, bool with_scheme)
{
	if (with_scheme && rd_named16(r, parent, "signature_scheme", "the signature algorithm and hash the signer used",
	                              names_sigscheme, NULL))
		return -1;
	size_t at = r->pos;
	struct reader s;
	if (rd_vec16(r, &s, "signature"))
		return -1;
	fields_add_bytes(r->out, parent, "signature", r->p, at + 2, s.size,
	                 "made with the private key behind the certificate; the peer checks it with the public key");
	return 0;
}

static int opaque_vec(struct reader *r, int parent, int width, const char *name, const char *explain)
{
	struct reader v;
	size_t at = r->pos;
	int rc = width == 1 ? rd_vec8(r, &v, name) : width == 2 ? rd_vec16(r, &v, name) : rd_vec24(r, &v, name);
	if (rc)
		return -1;
	fields_add_bytes(r->out, parent, name, r->p, at + (size_t)width, v.size, explain);
	return 0;
}

/* RFC 5246 §7.4.3 (DHE), RFC 8422 §5.4 (ECDHE) */
static int server_key_exchange(struct reader *r, const struct decode_ctx *c)
{
	size_t start = r->pos;
	if (c->kx == KX_ECDHE) {
		int g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "ecdh_params", start, 0,
		                   "the server's ephemeral elliptic-curve Diffie-Hellman share", "%s", "");
		size_t at = r->pos;
		uint8_t ct;
		if (rd_u8(r, &ct))
			return -1;
		fields_add(r->out, g, FIELD_TEXT, "curve_type", at, 1, "3 = named_curve: the curve is named, not spelled out",
		           "%s (%u)", ct == 3 ? "named_curve" : "other", ct);
		if (ct != 3)
			return rd_fail(r, ALERT_ILLEGAL_PARAMETER, at, "only named curves (3) are allowed (RFC 8422 §5.4)");
		uint16_t curve;
		if (rd_named16(r, g, "named_curve", "the group both sides compute in", names_group, &curve))
			return -1;
		size_t pub_at = r->pos;
		if (opaque_vec(r, g, 1, "public", "the server's ephemeral public point (most servers make one per handshake, some reuse one for a while); its "
		                  "secret half never leaves the server"))
			return -1;
		r->out->v[g].length = r->pos - start;
		const char *cn = names_group(curve);
		fields_set_value(r->out, g, "%s, a %zu-byte public value", cn ? cn : "unknown curve", r->pos - pub_at - 1);
	} else if (c->kx == KX_DHE) {
		int g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "dh_params", start, 0,
		                   "finite-field Diffie-Hellman: prime, generator and the server's share", "%s", "");
		size_t p_len = r->pos + 2 <= r->len ? (size_t)r->p[r->pos] << 8 | r->p[r->pos + 1] : 0;
		if (opaque_vec(r, g, 2, "dh_p", "the prime modulus p") ||
		    opaque_vec(r, g, 2, "dh_g", "the generator g") ||
		    opaque_vec(r, g, 2, "dh_Ys", "the server's public value g^Xs mod p"))
			return -1;
		r->out->v[g].length = r->pos - start;
		fields_set_value(r->out, g, "a %zu-bit prime p, generator g and the server's share", p_len * 8);
	} else {
		return rd_fail(r, ALERT_DECODE_ERROR, r->pos,
		               "a ServerKeyExchange was not expected for this key exchange");
	}
	int s = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "signed_params", r->pos, 0,
	                   "the server signs client_random, server_random and the parameters above", "%s", "");
	size_t at = r->pos;
	if (signature(r, s, true))
		return -1;
	r->out->v[s].length = r->pos - at;
	return 0;
}

/* RFC 5246 §7.4.7 */
static int client_key_exchange(struct reader *r, const struct decode_ctx *c)
{
	switch (c->kx) {
	case KX_RSA:
		/* The length is a field of its own: SSL 3.0 left it out, TLS sends it (RFC 5246 §7.4.7.1). */
		if (rd_left(r) >= 2)
			fields_add(r->out, FIELD_NONE, FIELD_TEXT, "length", r->pos, 2,
			           "how many bytes of encrypted premaster secret follow: the RSA modulus size",
			           "%u %s", (unsigned)r->p[r->pos] << 8 | r->p[r->pos + 1],
			           bytes_word((size_t)r->p[r->pos] << 8 | r->p[r->pos + 1]));
		return opaque_vec(r, FIELD_NONE, 2, "encrypted_premaster_secret",
		                  "the 48-byte premaster secret, encrypted to the server's RSA public key");
	case KX_DHE:
		return opaque_vec(r, FIELD_NONE, 2, "dh_Yc", "the client's public value g^Xc mod p");
	case KX_ECDHE:
		return opaque_vec(r, FIELD_NONE, 1, "ecdh_Yc",
		                  "the client's ephemeral public point; with the server's it gives the shared secret");
	default:
		fields_add_bytes(r->out, FIELD_NONE, "exchange_keys", r->p, r->pos, rd_left(r),
		                 "key exchange data for a method this version does not decode");
		r->pos = r->len;
		return 0;
	}
}

/* RFC 5246 §7.4.4, RFC 8446 §4.3.2 */
static int certificate_request(struct reader *r, bool tls13)
{
	struct reader v;
	size_t at = r->pos;
	if (tls13) {
		if (request_context(r, "echoed in the client's Certificate",
		                    "empty: a request during the handshake (RFC 8446 4.3.2)"))
			return -1;
		return ext_list(r, EXT_CTX_CERTIFICATE_REQUEST);
	}
	if (rd_vec8(r, &v, "certificate_types"))
		return -1;
	int g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "certificate_types", at, v.size + 1,
	                   "kinds of client certificate the server accepts", "%zu", v.size);
	while (rd_left(&v))
		rd_named8(&v, g, "certificate_type", "one accepted kind", names_cert_type, NULL);
	if (ext_sigalgs_block(r, FIELD_NONE, "supported_signature_algorithms"))
		return -1;
	at = r->pos;
	if (rd_vec16(r, &v, "certificate_authorities"))
		return -1;
	g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "certificate_authorities", at, v.size + 2,
	               "names of the CAs whose certificates the server trusts", "%zu %s", v.size,
	               bytes_word(v.size));
	return ext_dn_list(&v, g);
}

int decode_handshake(const struct decode_ctx *ctx, const uint8_t *msg, size_t len,
                     struct fields *out, struct decode_info *info, struct wire_error *err)
{
	struct decode_info dummy;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	struct reader r;
	rd_init(&r, msg, len, out, err);
	if (len < 4)
		return rd_fail(&r, ALERT_DECODE_ERROR, 0, "a handshake message needs a 4-byte header, got %zu %s", len,
		               bytes_word(len));
	uint8_t type = msg[0];
	size_t body = (size_t)msg[1] << 16 | (size_t)msg[2] << 8 | msg[3];
	info->hs_type = type;
	const char *name = decode_handshake_name(msg, len);
	info->is_hrr = !strcmp(name, "HelloRetryRequest");
	int h = fields_add(out, FIELD_NONE, FIELD_GROUP, "handshake_header", 0, 4,
	                   "every handshake message starts with its type and length", "%s", name);
	fields_add(out, h, FIELD_TEXT, "msg_type", 0, 1, "which handshake message this is", "%s (%u)", name, type);
	fields_add(out, h, FIELD_TEXT, "length", 1, 3, "length of the body that follows", "%zu", body);
	if (body != len - 4)
		return rd_fail(&r, ALERT_DECODE_ERROR, 1, "the header says %zu %s of body but %zu follow", body,
		               bytes_word(body), len - 4);
	r.pos = 4;

	bool tls13 = ctx->version == 0x0304;
	int rc;
	switch (type) {
	case 1:
		rc = client_hello(&r, h);
		break;
	case 2:
		rc = server_hello(&r, info, info->is_hrr);
		break;
	case 4: /* RFC 5077 §3.3, RFC 8446 §4.6.1 */
		if (tls13) {
			size_t at = r.pos;
			uint32_t life, add;
			if ((rc = rd_u32(&r, &life)))
				break;
			fields_add(out, FIELD_NONE, FIELD_TEXT, "ticket_lifetime", at, 4, "seconds the ticket may be used", "%u", life);
			at = r.pos;
			if ((rc = rd_u32(&r, &add)))
				break;
			fields_add(out, FIELD_NONE, FIELD_TEXT, "ticket_age_add", at, 4,
			           "hides the ticket's age from eavesdroppers", "0x%08x", add);
			if ((rc = opaque_vec(&r, FIELD_NONE, 1, "ticket_nonce", "makes each ticket's PSK unique")) ||
			    (rc = opaque_vec(&r, FIELD_NONE, 2, "ticket", "opaque to the client: usually the session state sealed under a key only the server has, or a key to state "
			                                                   "the server keeps (RFC 8446 4.6.1)")))
				break;
			rc = ext_list(&r, EXT_CTX_NEW_SESSION_TICKET);
		} else {
			size_t at = r.pos;
			uint32_t life;
			if ((rc = rd_u32(&r, &life)))
				break;
			fields_add(out, FIELD_NONE, FIELD_TEXT, "ticket_lifetime_hint", at, 4, "seconds the ticket may be kept", "%u", life);
			rc = opaque_vec(&r, FIELD_NONE, 2, "ticket",
			                "opaque to the client: usually the session state encrypted under a key only the server knows, or a "
			                "key to state the server keeps (RFC 5077 3.3, 4)");
		}
		break;
	case 8: /* RFC 8446 §4.3.1 */
		rc = ext_list(&r, EXT_CTX_ENCRYPTED_EXTENSIONS);
		break;
	case 11:
		rc = certificate(&r, tls13);
		break;
	case 12:
		rc = server_key_exchange(&r, ctx);
		break;
	case 13:
		rc = certificate_request(&r, tls13);
		break;
	case 0:  /* RFC 5246 §7.4.1.1 HelloRequest: empty */
	case 5:  /* RFC 8446 §4.5 EndOfEarlyData: empty */
	case 14: /* RFC 5246 §7.4.5 ServerHelloDone: empty */
		rc = 0;
		break;
	case 24: /* RFC 8446 §4.6.3 */
		rc = rd_named8(&r, FIELD_NONE, "request_update",
		               "1: the receiver should update its own sending keys too", names_key_update, NULL);
		break;
	case 22: /* RFC 6066 §8: CertificateStatus */
		rc = ocsp_certificate_status(&r, FIELD_NONE);
		break;
	case 15: /* RFC 5246 §7.4.8, RFC 8446 §4.4.3 */
		rc = signature(&r, FIELD_NONE, true);
		break;
	case 16:
		rc = client_key_exchange(&r, ctx);
		break;
	case 20: /* RFC 5246 §7.4.9, RFC 8446 §4.4.4 */
		fields_add_bytes(out, FIELD_NONE, "verify_data", msg, 4, body,
		                 tls13 ? "HMAC of the transcript hash under the finished key"
		                       : "PRF(master_secret, finished_label, Hash(handshake messages))[0..11]");
		r.pos = len;
		rc = 0;
		break;
	default:
		fields_add_bytes(out, FIELD_NONE, "body", msg, 4, body, "a message this version of tlsstep does not decode");
		r.pos = len;
		rc = 0;
		break;
	}
	if (rc)
		return -1;
	if (rd_left(&r))
		return rd_fail(&r, ALERT_DECODE_ERROR, r.pos, "%zu unexpected %s after the end of %s", rd_left(&r),
		               bytes_word(rd_left(&r)), name);
	return 0;
}
