/*
 * wire/ocsp.c — see ocsp.h. mbed TLS 3.6 parses certificates and CRLs but has no
 * OCSP parser, so RFC 6960's ASN.1 (Appendix B.1, DEFINITIONS EXPLICIT TAGS) is
 * read here with mbedtls_asn1_get_tag and friends; every field points at its bytes.
 */
#include "wire/ocsp.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>

#include "util/words.h"
#include "wire/names.h"
#include "wire/x509.h"

#define SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)
#define CTX(n) (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | (n))

/* A walk over one response: offsets relative to msg; the first thing that did not parse. */
struct der {
	const uint8_t *msg;
	struct fields *out;
	const char *why;
	size_t where;
};

static size_t at(const struct der *d, const unsigned char *p)
{
	return (size_t)(p - d->msg);
}

/* Records what was expected at p when something fails to parse (the first failure stands); returns -1. */
static int fail_at(struct der *d, const unsigned char *p, const char *what)
{
	if (!d->why) {
		d->why = what;
		d->where = at(d, p);
	}
	return -1;
}

/* Reads the tag at *p, or records what was expected there and fails. */
static int expect(struct der *d, unsigned char **p, const unsigned char *end, size_t *len, int tag, const char *what)
{
	unsigned char *start = *p;
	return mbedtls_asn1_get_tag(p, end, len, tag) == 0 ? 0 : fail_at(d, start, what);
}

/* Whether the next element at p (before end) has this tag: for OPTIONAL fields. */
static bool next_is(const unsigned char *p, const unsigned char *end, unsigned char tag)
{
	return p < end && *p == tag;
}

/* "1.3.6.1.5.5.7.48.1.1" */
static void oid_numeric(const mbedtls_asn1_buf *oid, char *buf, size_t cap)
{
	if (mbedtls_oid_get_numeric_string(buf, cap, oid) < 0)
		snprintf(buf, cap, "?");
}

/* RFC 6960 §4.2.1: id-pkix-ocsp-basic, 1.3.6.1.5.5.7.48.1.1; §4.4.1 id-pkix-ocsp-nonce, .2 */
static const uint8_t oid_basic[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01 };
static const uint8_t oid_nonce[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02 };

static bool oid_is(const mbedtls_asn1_buf *oid, const uint8_t *want, size_t n)
{
	return oid->len == n && !memcmp(oid->p, want, n);
}

/*
 * A GeneralizedTime (RFC 5280 §4.1.2.5.2: YYYYMMDDHHMMSSZ) as x509.c shows certificate
 * dates; any other spelling is shown as it is, escaped.
 */
static int add_time(struct der *d, int parent, unsigned char **p, const unsigned char *end, const char *name,
                    const char *explain)
{
	size_t n;
	unsigned char *v;
	if (expect(d, p, end, &n, MBEDTLS_ASN1_GENERALIZED_TIME, name))
		return -1;
	v = *p;
	*p += n;
	bool digits = n == 15 && v[14] == 'Z';
	for (size_t i = 0; digits && i < 14; i++)
		digits = v[i] >= '0' && v[i] <= '9';
	if (!digits)
		return fields_add_text(d->out, parent, name, at(d, v), n, explain, v, n, 0) < 0 ? -1 : 0;
	fields_add(d->out, parent, FIELD_TEXT, name, at(d, v), n, explain, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s UTC", v,
	           v + 4, v + 6, v + 8, v + 10, v + 12);
	return 0;
}

/* An AlgorithmIdentifier's OID: `md` a hash (certID), else a signature algorithm. */
static int add_algorithm(struct der *d, int parent, unsigned char **p, const unsigned char *end, const char *name,
                         const char *explain, bool md)
{
	size_t n;
	mbedtls_asn1_buf oid = { MBEDTLS_ASN1_OID, 0, NULL };
	unsigned char *start = *p;
	if (expect(d, p, end, &n, SEQ, name))
		return -1;
	unsigned char *alg_end = *p + n;
	if (expect(d, p, alg_end, &oid.len, MBEDTLS_ASN1_OID, name))
		return -1;
	oid.p = *p;
	*p = alg_end; /* the parameters (NULL or absent) say nothing more here */
	char num[64];
	oid_numeric(&oid, num, sizeof(num));
	const char *desc = NULL;
	mbedtls_md_type_t t;
	const mbedtls_md_info_t *mi;
	if (md && !mbedtls_oid_get_md_alg(&oid, &t) && (mi = mbedtls_md_info_from_type(t)))
		desc = mbedtls_md_get_name(mi);
	else if (!md && mbedtls_oid_get_sig_alg_desc(&oid, &desc))
		desc = NULL;
	fields_add(d->out, parent, FIELD_TEXT, name, at(d, start), (size_t)(alg_end - start), explain, "%s (%s)",
	           desc ? desc : "unknown", num);
	return 0;
}

/* An OCTET STRING's contents as a bytes field. */
static int add_octets(struct der *d, int parent, unsigned char **p, const unsigned char *end, const char *name,
                      const char *explain)
{
	size_t n;
	if (expect(d, p, end, &n, MBEDTLS_ASN1_OCTET_STRING, name))
		return -1;
	fields_add_bytes(d->out, parent, name, d->msg, at(d, *p), n, explain);
	*p += n;
	return 0;
}

/* Extensions ::= SEQUENCE OF Extension (RFC 5280 §4.1): each by its OID; the nonce named. */
static int add_extensions(struct der *d, int parent, unsigned char **p, const unsigned char *end, const char *name)
{
	size_t n;
	unsigned char *start = *p;
	if (expect(d, p, end, &n, CTX(1), name) || expect(d, p, end, &n, SEQ, name))
		return -1;
	unsigned char *list_end = *p + n;
	int g = fields_add(d->out, parent, FIELD_GROUP, name, at(d, start), (size_t)(list_end - start),
	                   "extensions the responder added (RFC 6960 §4.4)", "%s", "");
	unsigned k = 0;
	while (*p < list_end) {
		unsigned char *e = *p, *e_end;
		mbedtls_asn1_buf oid = { MBEDTLS_ASN1_OID, 0, NULL };
		if (expect(d, p, list_end, &n, SEQ, "an extension"))
			return -1;
		e_end = *p + n;
		if (expect(d, p, e_end, &oid.len, MBEDTLS_ASN1_OID, "an extension's OID"))
			return -1;
		oid.p = *p;
		char num[64];
		oid_numeric(&oid, num, sizeof(num));
		fields_add(d->out, g, FIELD_TEXT, "extension", at(d, e), (size_t)(e_end - e),
		           oid_is(&oid, oid_nonce, sizeof(oid_nonce))
		               ? "the nonce of the request, echoed: this response was made for that request"
		               : "an extension, told by its OID",
		           "%s (%s)", oid_is(&oid, oid_nonce, sizeof(oid_nonce)) ? "nonce" : "unknown", num);
		*p = e_end;
		k++;
	}
	fields_set_value(d->out, g, "%u", k);
	return 0;
}

/* RFC 5280 §5.3.1 */
static const char *crl_reason(int r)
{
	static const char *const names[] = {
		"unspecified",          "keyCompromise",  "cACompromise",     "affiliationChanged", "superseded",
		"cessationOfOperation", "certificateHold", NULL,              "removeFromCRL",      "privilegeWithdrawn",
		"aACompromise",
	};
	return r >= 0 && r < (int)(sizeof(names) / sizeof(names[0])) && names[r] ? names[r] : "unknown";
}

/* CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL } */
static int cert_status(struct der *d, int parent, unsigned char **p, const unsigned char *end, const char **word)
{
	size_t n;
	unsigned char *start = *p;
	if (next_is(*p, end, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 0) || next_is(*p, end, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2)) {
		bool good = **p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 0);
		if (expect(d, p, end, &n, **p, "certStatus") || n != 0)
			return fail_at(d, start, "certStatus (good and unknown are an empty NULL)");
		*word = good ? "good" : "unknown";
		fields_add(d->out, parent, FIELD_TEXT, "certStatus", at(d, start), (size_t)(*p - start),
		           good ? "good: the responder knows the certificate and it is not revoked (RFC 6960 §2.2)"
		                : "unknown: the responder does not know this certificate (RFC 6960 §2.2)",
		           "%s (%d)", *word, good ? 0 : 2);
		return 0;
	}
	/* RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL } */
	if (expect(d, p, end, &n, CTX(1), "certStatus: good [0], revoked [1] or unknown [2]"))
		return -1;
	unsigned char *r_end = *p + n;
	*word = "revoked";
	int s = fields_add(d->out, parent, FIELD_GROUP, "certStatus", at(d, start), (size_t)(r_end - start),
	                   "revoked: the CA withdrew the certificate before it expired (RFC 6960 §2.2)", "revoked (1)");
	if (add_time(d, s, p, r_end, "revocationTime", "when the certificate was revoked"))
		return -1;
	if (next_is(*p, r_end, CTX(0))) {
		unsigned char *rs = *p;
		int reason;
		if (expect(d, p, r_end, &n, CTX(0), "revocationReason") || mbedtls_asn1_get_enum(p, r_end, &reason))
			return fail_at(d, rs, "revocationReason, an ENUMERATED");
		fields_add(d->out, s, FIELD_TEXT, "revocationReason", at(d, rs), (size_t)(*p - rs),
		           "why the CA revoked it (RFC 5280 §5.3.1)", "%s (%d)", crl_reason(reason), reason);
	}
	*p = r_end;
	return 0;
}

/*
 * SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus, thisUpdate GeneralizedTime,
 *   nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL, singleExtensions [1] EXPLICIT Extensions OPTIONAL }
 * CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING,
 *   serialNumber CertificateSerialNumber }
 */
static int single_response(struct der *d, int parent, unsigned char **p, const unsigned char *end, unsigned i)
{
	size_t n;
	unsigned char *start = *p;
	if (expect(d, p, end, &n, SEQ, "a SingleResponse"))
		return -1;
	unsigned char *s_end = *p + n, *id = *p;
	char label[32];
	snprintf(label, sizeof(label), "SingleResponse[%u]", i);
	int s = fields_add(d->out, parent, FIELD_GROUP, label, at(d, start), (size_t)(s_end - start),
	                   "the status of one certificate, named by its issuer and serial number", "%s", "");
	if (expect(d, p, s_end, &n, SEQ, "certID"))
		return -1;
	unsigned char *id_end = *p + n;
	int c = fields_add(d->out, s, FIELD_GROUP, "certID", at(d, id), (size_t)(id_end - id),
	                   "which certificate: hashes of its issuer's name and key, and its serial number", "%s", "");
	if (add_algorithm(d, c, p, id_end, "hashAlgorithm", "the hash of the two issuer hashes below", true) ||
	    add_octets(d, c, p, id_end, "issuerNameHash", "the hash of the issuer's distinguished name (DER)") ||
	    add_octets(d, c, p, id_end, "issuerKeyHash", "the hash of the issuer's public key (the BIT STRING's bytes)"))
		return -1;
	if (expect(d, p, id_end, &n, MBEDTLS_ASN1_INTEGER, "serialNumber"))
		return -1;
	int sn = fields_add_bytes(d->out, c, "serialNumber", d->msg, at(d, *p), n,
	                          "the certificate's serial number, as in its serial_number field");
	/* The summary names the serial; a long one is cut there (and marked), whole in serialNumber. */
	char serial[48];
	snprintf(serial, sizeof(serial), "%s", d->out->v[sn].value);
	if (strlen(d->out->v[sn].value) > 40)
		memcpy(serial + 37, "...", 4);
	*p = id_end;
	const char *word = "?";
	if (cert_status(d, s, p, s_end, &word) ||
	    add_time(d, s, p, s_end, "thisUpdate", "when the responder knew the status above to be true"))
		return -1;
	fields_set_value(d->out, s, "serial %s: %s", serial, word);
	if (next_is(*p, s_end, CTX(0))) {
		if (expect(d, p, s_end, &n, CTX(0), "nextUpdate") ||
		    add_time(d, s, p, s_end, "nextUpdate", "when newer information will be available: a client may cache "
		                                            "the response until then"))
			return -1;
	}
	if (next_is(*p, s_end, CTX(1)) && add_extensions(d, s, p, s_end, "singleExtensions"))
		return -1;
	*p = s_end;
	return 0;
}

/*
 * ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, responderID ResponderID,
 *   producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse,
 *   responseExtensions [1] EXPLICIT Extensions OPTIONAL }
 * ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }
 */
static int response_data(struct der *d, int parent, unsigned char **p, const unsigned char *end)
{
	size_t n;
	unsigned char *start = *p;
	if (expect(d, p, end, &n, SEQ, "tbsResponseData"))
		return -1;
	unsigned char *r_end = *p + n;
	int t = fields_add(d->out, parent, FIELD_GROUP, "tbsResponseData", at(d, start), (size_t)(r_end - start),
	                   "the part the responder signs: who answers, when, and the status of each certificate", "%s", "");
	if (next_is(*p, r_end, CTX(0))) {
		unsigned char *v = *p;
		int ver;
		if (expect(d, p, r_end, &n, CTX(0), "version") || mbedtls_asn1_get_int(p, r_end, &ver))
			return fail_at(d, v, "version, an INTEGER in [0]");
		fields_add(d->out, t, FIELD_TEXT, "version", at(d, v), (size_t)(*p - v), "the response's syntax version",
		           "v%d (%d)", ver + 1, ver);
	}
	unsigned char *rid = *p;
	if (next_is(*p, r_end, CTX(1))) {
		if (expect(d, p, r_end, &n, CTX(1), "responderID"))
			return -1;
		char text[256];
		if (x509_dn_text(*p, n, text, sizeof(text)))
			snprintf(text, sizeof(text), "(not a valid name)");
		fields_add(d->out, t, FIELD_TEXT, "responderID", at(d, rid), (size_t)(*p + n - rid),
		           "byName: the responder's distinguished name, as in its certificate's subject", "byName: %s", text);
		*p += n;
	} else {
		if (expect(d, p, r_end, &n, CTX(2), "responderID: byName [1] or byKey [2]"))
			return -1;
		unsigned char *k_end = *p + n;
		if (expect(d, p, k_end, &n, MBEDTLS_ASN1_OCTET_STRING, "responderID byKey, an OCTET STRING"))
			return -1;
		fields_add_bytes(d->out, t, "responderID", d->msg, at(d, *p), n,
		                 "byKey: the SHA-1 hash of the responder's public key (RFC 6960 §4.2.1)");
		*p = k_end;
	}
	if (add_time(d, t, p, r_end, "producedAt", "when the responder signed this response"))
		return -1;
	unsigned char *rs = *p;
	if (expect(d, p, r_end, &n, SEQ, "responses"))
		return -1;
	unsigned char *rs_end = *p + n;
	int g = fields_add(d->out, t, FIELD_GROUP, "responses", at(d, rs), (size_t)(rs_end - rs),
	                   "one answer per certificate asked about", "%s", "");
	unsigned i = 0;
	while (*p < rs_end)
		if (single_response(d, g, p, rs_end, i++))
			return -1;
	fields_set_value(d->out, g, "%u", i);
	if (next_is(*p, r_end, CTX(1)) && add_extensions(d, t, p, r_end, "responseExtensions"))
		return -1;
	*p = r_end;
	return 0;
}

/*
 * BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData, signatureAlgorithm AlgorithmIdentifier,
 *   signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
 */
static int basic_response(struct der *d, int parent, unsigned char **p, const unsigned char *end)
{
	size_t n;
	if (expect(d, p, end, &n, SEQ, "BasicOCSPResponse"))
		return -1;
	unsigned char *b_end = *p + n;
	if (response_data(d, parent, p, b_end) ||
	    add_algorithm(d, parent, p, b_end, "signatureAlgorithm", "how the responder signed tbsResponseData", false))
		return -1;
	unsigned char *sig = *p;
	if (expect(d, p, b_end, &n, MBEDTLS_ASN1_BIT_STRING, "signature") || n < 1)
		return fail_at(d, sig, "signature, a BIT STRING");
	/* The BIT STRING's first byte counts its unused bits (0 for a signature). */
	fields_add_bytes(d->out, parent, "signature", d->msg, at(d, *p) + 1, n - 1,
	                 "the responder's signature over tbsResponseData");
	*p += n;
	if (next_is(*p, b_end, CTX(0))) {
		unsigned char *c = *p;
		if (expect(d, p, b_end, &n, CTX(0), "certs") || expect(d, p, b_end, &n, SEQ, "certs"))
			return -1;
		unsigned char *c_end = *p + n;
		int g = fields_add(d->out, parent, FIELD_GROUP, "certs", at(d, c), (size_t)(c_end - c),
		                   "certificates that help check the signature: the responder's own, if the CA "
		                   "delegated to it",
		                   "%s", "");
		unsigned i = 0;
		while (*p < c_end) {
			unsigned char *one = *p;
			if (expect(d, p, c_end, &n, SEQ, "a certificate"))
				return -1;
			*p += n;
			char label[32];
			snprintf(label, sizeof(label), "certificate[%u]", i);
			int k = fields_add(d->out, g, FIELD_GROUP, label, at(d, one), (size_t)(*p - one),
			                   "a certificate the responder sent with its answer", "%zu %s of DER (X.509)",
			                   (size_t)(*p - one), bytes_word((size_t)(*p - one)));
			x509_fields(d->out, k, d->msg, at(d, one), (size_t)(*p - one), i);
			/* Not a place in the TLS chain: say whose certificate it is instead. */
			int dp = fields_find(d->out, k, "depth", false);
			if (dp != FIELD_NONE)
				d->out->v[dp].explain = "a certificate the responder sent, not part of the TLS chain: often its own, "
				                        "when the CA delegated OCSP signing to it (RFC 6960 4.2.2.2)";
			i++;
		}
		fields_set_value(d->out, g, "%u", i);
	}
	*p = b_end;
	return 0;
}

/* RFC 6960 §4.2.1 */
static const char *response_status(int s)
{
	static const char *const names[] = { "successful", "malformedRequest", "internalError", "tryLater", NULL,
		                                 "sigRequired", "unauthorized" };
	return s >= 0 && s < (int)(sizeof(names) / sizeof(names[0])) && names[s] ? names[s] : "unknown";
}

/*
 * OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus,
 *   responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
 * ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
 */
int ocsp_fields(struct fields *out, int parent, const uint8_t *msg, size_t off, size_t len)
{
	struct der d = { msg, out, NULL, 0 };
	unsigned char *p = (unsigned char *)(uintptr_t)(msg + off), *end = p + len;
	size_t n;
	int status;
	if (expect(&d, &p, end, &n, SEQ, "OCSPResponse, a SEQUENCE"))
		goto bad;
	end = p + n;
	unsigned char *s = p;
	if (mbedtls_asn1_get_enum(&p, end, &status)) {
		fail_at(&d, s, "responseStatus, an ENUMERATED");
		goto bad;
	}
	fields_add(out, parent, FIELD_TEXT, "responseStatus", at(&d, s), (size_t)(p - s),
	           "successful: the responder answered; anything else means it could not, and no status follows",
	           "%s (%d)", response_status(status), status);
	if (p == end)
		return 0;
	mbedtls_asn1_buf oid = { MBEDTLS_ASN1_OID, 0, NULL };
	if (expect(&d, &p, end, &n, CTX(0), "responseBytes [0]") || expect(&d, &p, end, &n, SEQ, "ResponseBytes") ||
	    expect(&d, &p, end, &oid.len, MBEDTLS_ASN1_OID, "responseType"))
		goto bad;
	oid.p = p;
	p += oid.len;
	char num[64];
	oid_numeric(&oid, num, sizeof(num));
	bool basic = oid_is(&oid, oid_basic, sizeof(oid_basic));
	fields_add(out, parent, FIELD_TEXT, "responseType", at(&d, oid.p), oid.len,
	           "the kind of response that follows; every responder must support the basic one (RFC 6960 §4.2.1)",
	           "%s (%s)", basic ? "id-pkix-ocsp-basic" : "unknown", num);
	if (expect(&d, &p, end, &n, MBEDTLS_ASN1_OCTET_STRING, "response, an OCTET STRING"))
		goto bad;
	if (!basic) {
		fields_add_bytes(out, parent, "response", msg, at(&d, p), n, "a response of a type tlsstep does not decode");
		return 0;
	}
	unsigned char *r_end = p + n;
	if (basic_response(&d, parent, &p, r_end))
		goto bad;
	return 0;
bad:
	fields_add(out, parent, FIELD_TEXT, "ocsp_error", d.why ? d.where : off, 0,
	           "the response's DER does not follow RFC 6960 here; what was read above stands", "expected %s at offset %zu",
	           d.why ? d.why : "more", d.why ? d.where : off);
	return -1;
}

/* RFC 6066 §8, RFC 8446 §4.4.2.1: struct { CertificateStatusType status_type; select: OCSPResponse } */
int ocsp_certificate_status(struct reader *r, int parent)
{
	uint8_t type;
	if (rd_named8(r, parent, "status_type", "1 = ocsp: one OCSP response for the sender's own certificate",
	              names_status_type, &type))
		return -1;
	size_t o = r->pos;
	struct reader v;
	if (rd_vec24(r, &v, "ocsp_response"))
		return -1;
	if (v.size == 0)
		return rd_fail(r, ALERT_DECODE_ERROR, o, "an OCSPResponse holds at least one byte (RFC 6066 §8)");
	int f = fields_add_bytes(r->out, parent, "ocsp_response", r->p, o + 3, v.size,
	                         "the CA's signed, dated statement of whether the certificate is revoked (RFC 6960)");
	if (type == 1)
		ocsp_fields(r->out, f, r->p, o + 3, v.size);
	return 0;
}
