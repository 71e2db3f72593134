/* wire/x509.c — see x509.h. */
#define _DEFAULT_SOURCE 1 /* inet_ntop's AF_ constants with _POSIX_C_SOURCE */
#include "wire/x509.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include "wire/reader.h"
#include "wire/sct.h"

/* Offset of a pointer into the message (mbed TLS parsed it in place). */
static size_t at(const uint8_t *msg, const unsigned char *p)
{
	return (size_t)(p - msg);
}

static void when(char *buf, size_t cap, const mbedtls_x509_time *t)
{
	snprintf(buf, cap, "%04d-%02d-%02d %02d:%02d:%02d UTC", t->year, t->mon, t->day, t->hour, t->min, t->sec);
}

static void key_usage(struct fields *out, int parent, const mbedtls_x509_crt *crt, size_t off, size_t len,
                      const char *critical)
{
	static const struct {
		unsigned bit;
		const char *name;
	} ku[] = {
		{ MBEDTLS_X509_KU_DIGITAL_SIGNATURE, "digitalSignature" }, { MBEDTLS_X509_KU_NON_REPUDIATION, "nonRepudiation" },
		{ MBEDTLS_X509_KU_KEY_ENCIPHERMENT, "keyEncipherment" },   { MBEDTLS_X509_KU_DATA_ENCIPHERMENT, "dataEncipherment" },
		{ MBEDTLS_X509_KU_KEY_AGREEMENT, "keyAgreement" },         { MBEDTLS_X509_KU_KEY_CERT_SIGN, "keyCertSign" },
		{ MBEDTLS_X509_KU_CRL_SIGN, "cRLSign" },
	};
	char text[160] = "";
	for (size_t i = 0; i < sizeof(ku) / sizeof(ku[0]); i++) {
		if (mbedtls_x509_crt_check_key_usage(crt, ku[i].bit) == 0) {
			size_t n = strlen(text);
			snprintf(text + n, sizeof(text) - n, "%s%s", n ? ", " : "", ku[i].name);
		}
	}
	fields_add(out, parent, FIELD_TEXT, "key_usage", off, len,
	           "what the key may do: sign (digitalSignature), be encrypted to (keyEncipherment), sign certificates",
	           "%s%s", text, critical);
}

/* With mbed TLS's public ASN.1 and OID functions: its own Name parser is internal. */
int x509_dn_text(const uint8_t *der, size_t len, char *text, size_t cap)
{
	unsigned char *p = (unsigned char *)(uintptr_t)der, *end = p + len;
	size_t n, o = 0;
	text[0] = '\0';
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) || p + n != end)
		return -1;
	while (p < end) {
		unsigned char *set_end;
		if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET))
			return -1;
		for (set_end = p + n; p < set_end;) {
			unsigned char *attr_end;
			mbedtls_asn1_buf oid;
			if (mbedtls_asn1_get_tag(&p, set_end, &n, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
				return -1;
			attr_end = p + n;
			if (mbedtls_asn1_get_tag(&p, attr_end, &oid.len, MBEDTLS_ASN1_OID))
				return -1;
			oid.tag = MBEDTLS_ASN1_OID;
			oid.p = p;
			p += oid.len;
			if (p + 2 > attr_end)
				return -1;
			p++; /* the string's tag: UTF8String, PrintableString, ... */
			if (mbedtls_asn1_get_len(&p, attr_end, &n) || p + n != attr_end)
				return -1;
			const char *short_name = NULL;
			if (mbedtls_oid_get_attr_short_name(&oid, &short_name))
				short_name = "?";
			if (o + 16 >= cap) { /* enough of a long name: mark the cut */
				snprintf(text + o, cap - o, "...");
				return 0;
			}
			o += (size_t)snprintf(text + o, cap - o, "%s%.8s=", o ? ", " : "", short_name);
			for (size_t i = 0; i < n && o + 1 < cap; i++)
				text[o++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
			if (o < cap)
				text[o] = '\0';
			p = attr_end;
		}
	}
	return o ? 0 : -1;
}

void x509_dn_field(struct fields *out, int parent, const uint8_t *msg, size_t off, size_t len)
{
	int f = fields_add_bytes(out, parent, "distinguished_name", msg, off, len, "a CA's name, DER-encoded");
	char text[256];
	if (x509_dn_text(msg + off, len, text, sizeof(text)) == 0)
		fields_add(out, f, FIELD_TEXT, "name", off, len, "the CA's name as text (RFC 5280 §4.1.2.4)", "%s", text);
	else
		fields_add(out, f, FIELD_TEXT, "name", off, len, "these bytes do not parse as an X.509 name", "%s",
		           "(not a valid name)");
}

/* RFC 5280 §4.2.1.6: GeneralName's CHOICE, by its context-specific tag number. */
static const char *const general_name[9] = {
	"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
	"ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID",
};

/* An OID as "2.5.4.3" (mbed TLS's numeric form), or "?" if it does not print. */
static void oid_text(const mbedtls_asn1_buf *oid, char *buf, size_t cap)
{
	if (mbedtls_oid_get_numeric_string(buf, cap, oid) < 0)
		snprintf(buf, cap, "?");
}

/*
 * otherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (RFC 5280 §4.2.1.6);
 * mbed TLS's SAN parser reads only the hardware module name (RFC 4108), so any other
 * type-id is read here with its ASN.1 functions: the OID, and the value as bytes (and
 * as text when it is a string, as the UPN of 1.3.6.1.4.1.311.20.2.3 is).
 */
static void other_name(struct fields *out, int g, const uint8_t *msg, const mbedtls_x509_buf *b, char *summary,
                       size_t cap)
{
	unsigned char *p = b->p, *end = b->p + b->len;
	mbedtls_asn1_buf oid = { MBEDTLS_ASN1_OID, 0, NULL };
	size_t n;
	char o[64];
	if (mbedtls_asn1_get_tag(&p, end, &oid.len, MBEDTLS_ASN1_OID)) {
		fields_add_bytes(out, g, "otherName", msg, at(msg, b->p), b->len, "an otherName whose type-id does not parse");
		return;
	}
	oid.p = p;
	p += oid.len;
	oid_text(&oid, o, sizeof(o));
	int f = fields_add(out, g, FIELD_GROUP, "otherName", at(msg, b->p), b->len,
	                   "a name of a type the certificate's issuer defined, told by its OID", "%s", o);
	fields_add(out, f, FIELD_TEXT, "type_id", at(msg, oid.p), oid.len, "the OID that says what kind of name this is",
	           "%s", o);
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0) || p + n != end)
		return;
	fields_add_bytes(out, f, "value", msg, at(msg, p), n, "the name itself, DER-encoded as its type-id says");
	unsigned char tag = n ? *p : 0, *q = p;
	size_t sn;
	bool str = tag == MBEDTLS_ASN1_UTF8_STRING || tag == MBEDTLS_ASN1_IA5_STRING || tag == MBEDTLS_ASN1_PRINTABLE_STRING;
	if (str && !mbedtls_asn1_get_tag(&q, p + n, &sn, tag) && q + sn == p + n) {
		fields_add_text(out, f, "text", at(msg, q), sn, "the value read as text", q, sn, 0);
		size_t k = strlen(summary);
		snprintf(summary + k, cap - k, "%sothername:%s:%.*s", k ? ", " : "", o, (int)sn, (const char *)q);
	} else {
		size_t k = strlen(summary);
		snprintf(summary + k, cap - k, "%sothername:%s", k ? ", " : "", o);
	}
}

/*
 * The SAN extension's GeneralNames, one field each named as RFC 5280 §4.2.1.6 names its
 * type. mbed TLS keeps each entry's raw bytes in crt->subject_alt_names, and
 * mbedtls_x509_parse_subject_alt_name reads the types it knows (dNSName, rfc822Name,
 * URI, directoryName, iPAddress, the hardware-module otherName); the others (otherName
 * of any other type-id, registeredID, x400Address, ediPartyName) are read here with its
 * ASN.1 and OID functions, or shown as their bytes. The summary lists every entry as
 * openssl does, the dNSNames bare (as a client compares them with its host name).
 */
static void san_fields(struct fields *out, int parent, const uint8_t *msg, const mbedtls_x509_sequence *names,
                       size_t off, size_t len, const char *critical)
{
	char summary[512] = "";
	int g = fields_add(out, parent, FIELD_GROUP, "subject_alt_names", off, len,
	                   "the names the certificate is valid for: the client checks its host name here", "%s", "");
	for (const mbedtls_x509_sequence *s = names; s && s->buf.p; s = s->next) {
		const mbedtls_x509_buf *b = &s->buf;
		unsigned type = b->tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
		const char *name = type < 9 ? general_name[type] : "unknown";
		size_t o = at(msg, b->p), k = strlen(summary);
		char text[256] = "";
		mbedtls_x509_subject_alternative_name san;
		memset(&san, 0, sizeof(san));
		int rc = mbedtls_x509_parse_subject_alt_name(b, &san);
		if (rc == 0 && (type == MBEDTLS_X509_SAN_DNS_NAME || type == MBEDTLS_X509_SAN_RFC822_NAME ||
		                type == MBEDTLS_X509_SAN_UNIFORM_RESOURCE_IDENTIFIER)) {
			const mbedtls_x509_buf *u = &san.san.unstructured_name;
			fields_add_text(out, g, name, o, b->len,
			                type == MBEDTLS_X509_SAN_DNS_NAME ? "a host name (a leading *. matches one label)"
			                : type == MBEDTLS_X509_SAN_RFC822_NAME ? "an e-mail address"
			                                                        : "a URI",
			                u->p, u->len, 0);
			snprintf(summary + k, sizeof(summary) - k, "%s%s%.*s", k ? ", " : "",
			         type == MBEDTLS_X509_SAN_DNS_NAME ? "" : type == MBEDTLS_X509_SAN_RFC822_NAME ? "email:" : "URI:",
			         (int)u->len, (const char *)u->p);
		} else if (type == MBEDTLS_X509_SAN_IP_ADDRESS && (b->len == 4 || b->len == 16)) {
			/* RFC 5280 §4.2.1.6: 4 bytes for IPv4, 16 for IPv6, in network byte order. */
			inet_ntop(b->len == 4 ? AF_INET : AF_INET6, b->p, text, sizeof(text));
			fields_add(out, g, FIELD_TEXT, name, o, b->len,
			           b->len == 4 ? "an IPv4 address (4 bytes)" : "an IPv6 address (16 bytes)", "%s", text);
			snprintf(summary + k, sizeof(summary) - k, "%sIP:%s", k ? ", " : "", text);
		} else if (rc == 0 && type == MBEDTLS_X509_SAN_DIRECTORY_NAME) {
			mbedtls_x509_dn_gets(text, sizeof(text), &san.san.directory_name);
			fields_add(out, g, FIELD_TEXT, name, o, b->len, "an X.500 name, as in the subject field", "%s", text);
			snprintf(summary + k, sizeof(summary) - k, "%sDirName:%s", k ? ", " : "", text);
		} else if (type == MBEDTLS_X509_SAN_OTHER_NAME) {
			other_name(out, g, msg, b, summary, sizeof(summary));
		} else if (type == MBEDTLS_X509_SAN_REGISTERED_ID) {
			/* [8] IMPLICIT OBJECT IDENTIFIER: the entry's bytes are the OID's. */
			mbedtls_asn1_buf oid = { MBEDTLS_ASN1_OID, b->len, b->p };
			oid_text(&oid, text, sizeof(text));
			fields_add(out, g, FIELD_TEXT, name, o, b->len, "an object identifier registered as a name", "%s", text);
			snprintf(summary + k, sizeof(summary) - k, "%sRID:%s", k ? ", " : "", text);
		} else {
			fields_add_bytes(out, g, name, msg, o, b->len,
			                 type == MBEDTLS_X509_SAN_IP_ADDRESS ? "an iPAddress that is neither 4 nor 16 bytes"
			                                                     : "a name of a type tlsstep shows as its bytes");
			snprintf(summary + k, sizeof(summary) - k, "%s%s", k ? ", " : "", name);
		}
		mbedtls_x509_free_subject_alt_name(&san);
	}
	/* The summary is for reading at a glance: bytes outside printable ASCII as '?' (each
	 * entry above shows its own escaped), and a cut marked. */
	size_t k = strlen(summary);
	for (size_t i = 0; i < k; i++)
		if ((unsigned char)summary[i] < 0x20 || (unsigned char)summary[i] >= 0x7f)
			summary[i] = '?';
	if (k == sizeof(summary) - 1)
		memcpy(summary + k - 3, "...", 3);
	fields_set_value(out, g, "%s%s", summary, critical);
}

/* Where one v3 extension sits in the message, and whether it is marked critical. */
struct ext_at {
	int type; /* MBEDTLS_X509_EXT_*, 0 for one mbed TLS does not know */
	bool critical;
	bool sct;  /* RFC 6962 §3.3's embedded SCT list, which mbed TLS does not know */
	size_t off, len;
	size_t value_off, value_len; /* extnValue's contents */
};

/* RFC 6962 §3.3: 1.3.6.1.4.1.11129.2.4.2, the certificate's own SCT list. */
static const uint8_t oid_sct_list[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02 };

/*
 * Walks Extensions ::= SEQUENCE OF Extension { extnID, critical BOOLEAN DEFAULT FALSE,
 * extnValue } (RFC 5280 §4.1, §4.2) inside the certificate's [3] block, with mbed TLS's
 * public ASN.1 functions, so each extension's field can point at its own bytes.
 */
static size_t walk_extensions(const uint8_t *msg, const mbedtls_x509_buf *v3, struct ext_at *out, size_t cap)
{
	if (!v3->p)
		return 0;
	unsigned char *p = v3->p, *end = v3->p + v3->len;
	size_t n, k = 0;
	/* v3_ext holds the [3] EXPLICIT wrapper's contents or the SEQUENCE itself: accept both. */
	if (*p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3) &&
	    mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3))
		return 0;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
		return 0;
	end = p + n;
	while (p < end && k < cap) {
		unsigned char *start = p, *ext_end;
		if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
			break;
		ext_end = p + n;
		mbedtls_asn1_buf oid = { MBEDTLS_ASN1_OID, 0, NULL };
		if (mbedtls_asn1_get_tag(&p, ext_end, &oid.len, MBEDTLS_ASN1_OID))
			break;
		oid.p = p;
		p += oid.len;
		int critical = 0;
		if (p < ext_end && *p == MBEDTLS_ASN1_BOOLEAN && mbedtls_asn1_get_bool(&p, ext_end, &critical))
			break;
		struct ext_at *e = &out[k++];
		if (mbedtls_oid_get_x509_ext_type(&oid, &e->type))
			e->type = 0;
		e->sct = oid.len == sizeof(oid_sct_list) && !memcmp(oid.p, oid_sct_list, oid.len);
		e->critical = critical != 0;
		e->off = at(msg, start);
		e->len = (size_t)(ext_end - start);
		e->value_off = e->value_len = 0;
		if (!mbedtls_asn1_get_tag(&p, ext_end, &n, MBEDTLS_ASN1_OCTET_STRING)) {
			e->value_off = at(msg, p);
			e->value_len = n;
		}
		p = ext_end;
	}
	return k;
}

/*
 * The embedded SCT list (RFC 6962 §3.3): extnValue holds an OCTET STRING whose contents
 * are the TLS-encoded SignedCertificateTimestampList, read with wire/sct.c as in a
 * ServerHello. The logs signed the precertificate: this certificate without this
 * extension. A list that does not decode keeps its bytes and says why.
 */
static void embedded_scts(struct fields *out, int parent, const uint8_t *msg, const struct ext_at *e)
{
	unsigned char *p = (unsigned char *)(uintptr_t)(msg + e->value_off), *end = p + e->value_len;
	size_t n;
	int g = fields_add(out, parent, FIELD_GROUP, "signed_certificate_timestamps", e->off, e->len,
	                   "SCTs the CA embedded: logs' signed promises, made before issuance over this certificate "
	                   "without them (the precertificate), that it is public (RFC 6962 3.3)",
	                   "%s", e->critical ? "(critical)" : "");
	struct wire_error err = { 0, 0, "" };
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OCTET_STRING) || p + n != end) {
		fields_add_bytes(out, g, "extension_value", msg, e->value_off, e->value_len,
		                 "not the OCTET STRING RFC 6962 3.3 puts the SCT list in");
		return;
	}
	struct reader r;
	rd_init(&r, msg, at(msg, end), out, &err);
	r.pos = at(msg, p);
	if (sct_list(&r, g) || rd_left(&r))
		fields_add(out, g, FIELD_TEXT, "sct_error", at(msg, p), n, "the SCT list does not decode here",
		           "%s", err.alert ? err.text : "bytes left over after the list");
	else
		fields_set_value(out, g, "%s%s", out->v[fields_find(out, g, "sct_list", false)].value,
		                 e->critical ? " (critical)" : "");
}

/* The bytes a field about one extension covers, and " (critical)" or "". */
struct span {
	size_t off, len;
	const char *critical;
};

static struct span span_of(const struct ext_at *e, size_t n, int type, size_t all_off, size_t all_len)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].type == type)
			return (struct span){ e[i].off, e[i].len, e[i].critical ? " (critical)" : "" };
	return (struct span){ all_off, all_len, "" }; /* not found by the walk: the whole extensions block */
}

int x509_fields(struct fields *out, int parent, const uint8_t *msg, size_t off, size_t len, unsigned depth)
{
	mbedtls_x509_crt crt;
	char text[512];
	int rc;
	mbedtls_x509_crt_init(&crt);
	if ((rc = mbedtls_x509_crt_parse_der_nocopy(&crt, msg + off, len)) != 0) {
		char why[128];
		mbedtls_strerror(rc, why, sizeof(why));
		fields_add(out, parent, FIELD_TEXT, "x509_error", off, len, "the certificate bytes do not parse as X.509",
		           "%s", why);
		mbedtls_x509_crt_free(&crt);
		return -1;
	}
	mbedtls_x509_dn_gets(text, sizeof(text), &crt.subject);
	fields_add(out, parent, FIELD_TEXT, "depth", off, len,
	           "its place in the chain, as openssl s_client shows it: 0 is the sender's own certificate",
	           "depth=%u %s", depth, text);
	fields_add(out, parent, FIELD_TEXT, "version", off, len, "X.509 version (3 has extensions)", "v%d", crt.version);
	fields_add_bytes(out, parent, "serial_number", msg, at(msg, crt.serial.p), crt.serial.len,
	                 "unique among the certificates this issuer signed");
	const char *desc = NULL;
	if (mbedtls_oid_get_sig_alg_desc(&crt.sig_oid, &desc) != 0)
		desc = "unknown";
	fields_add(out, parent, FIELD_TEXT, "signature_algorithm", at(msg, crt.sig_oid.p), crt.sig_oid.len,
	           "how the issuer signed this certificate", "%s", desc);
	mbedtls_x509_dn_gets(text, sizeof(text), &crt.issuer);
	fields_add(out, parent, FIELD_TEXT, "issuer", at(msg, crt.issuer_raw.p), crt.issuer_raw.len,
	           "who vouches for this certificate: the CA whose key signed it", "%s", text);
	/* Validity lies between the issuer and the subject in the TBSCertificate (RFC 5280 §4.1). */
	size_t vfrom = at(msg, crt.issuer_raw.p) + crt.issuer_raw.len, vto = at(msg, crt.subject_raw.p);
	char from[40], to[40];
	when(from, sizeof(from), &crt.valid_from);
	when(to, sizeof(to), &crt.valid_to);
	fields_add(out, parent, FIELD_TEXT, "validity", vfrom, vto > vfrom ? vto - vfrom : 0,
	           "the certificate is valid only between these dates: the receiver checks them against its own clock (in a "
	           "scenario run, the scenario's date)",
	           "%s to %s", from, to);
	mbedtls_x509_dn_gets(text, sizeof(text), &crt.subject);
	fields_add(out, parent, FIELD_TEXT, "subject", at(msg, crt.subject_raw.p), crt.subject_raw.len,
	           "whom the certificate is about", "%s", text);
	fields_add(out, parent, FIELD_TEXT, "public_key", at(msg, crt.pk_raw.p), crt.pk_raw.len,
	           "the key the certificate binds to the subject: it checks the subject's signatures", "%s, %zu bits",
	           mbedtls_pk_get_name(&crt.pk), mbedtls_pk_get_bitlen(&crt.pk));
	/* Each extension's field covers that extension's bytes; "(critical)" when it is marked so:
	 * a client that does not understand a critical extension must reject the certificate
	 * (RFC 5280 §4.2). */
	struct ext_at exts[24];
	size_t nexts = walk_extensions(msg, &crt.v3_ext, exts, sizeof(exts) / sizeof(exts[0]));
	size_t v3o = crt.v3_ext.p ? at(msg, crt.v3_ext.p) : off, v3l = crt.v3_ext.p ? crt.v3_ext.len : 0;
	struct span san = span_of(exts, nexts, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME, v3o, v3l);
	struct span bc = span_of(exts, nexts, MBEDTLS_X509_EXT_BASIC_CONSTRAINTS, v3o, v3l);
	struct span ku = span_of(exts, nexts, MBEDTLS_X509_EXT_KEY_USAGE, v3o, v3l);
	struct span eku = span_of(exts, nexts, MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE, v3o, v3l);
	if (crt.subject_key_id.p)
		fields_add_bytes(out, parent, "subject_key_id", msg, at(msg, crt.subject_key_id.p), crt.subject_key_id.len,
		                 "a short name for this certificate's key (RFC 5280 4.2.1.2)");
	if (crt.authority_key_id.keyIdentifier.p)
		fields_add_bytes(out, parent, "authority_key_id", msg, at(msg, crt.authority_key_id.keyIdentifier.p),
		                 crt.authority_key_id.keyIdentifier.len,
		                 "the issuer's subject_key_id: how a chain finds the certificate above (RFC 5280 4.2.1.1)");
	if (mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME))
		san_fields(out, parent, msg, &crt.subject_alt_names, san.off, san.len, san.critical);
	/* mbed TLS keeps pathLenConstraint + 1 (0: none): how many CAs may stand below this one. */
	char pathlen[32] = "";
	if (mbedtls_x509_crt_get_ca_istrue(&crt) && crt.MBEDTLS_PRIVATE(max_pathlen) > 0)
		snprintf(pathlen, sizeof(pathlen), ", pathlen:%d", crt.MBEDTLS_PRIVATE(max_pathlen) - 1);
	if (mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_BASIC_CONSTRAINTS))
		fields_add(out, parent, FIELD_TEXT, "basic_constraints", bc.off,
		           bc.len, "whether this certificate may sign other certificates (pathlen: how many CAs may stand "
		           "between it and a leaf)",
		           "CA:%s%s%s", mbedtls_x509_crt_get_ca_istrue(&crt) ? "TRUE" : "FALSE", pathlen,
		           bc.critical);
	if (mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_KEY_USAGE))
		key_usage(out, parent, &crt, ku.off, ku.len,
		          ku.critical);
	if (mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE)) {
		text[0] = '\0';
		for (const mbedtls_x509_sequence *s = &crt.ext_key_usage; s && s->buf.p; s = s->next) {
			const char *u = NULL;
			if (mbedtls_oid_get_extended_key_usage(&s->buf, &u) != 0)
				u = "unknown";
			size_t n = strlen(text);
			snprintf(text + n, sizeof(text) - n, "%s%s", n ? ", " : "", u);
		}
		fields_add(out, parent, FIELD_TEXT, "extended_key_usage", eku.off,
		           eku.len,
		           "what the certificate may be used for: TLS server or client authentication", "%s%s", text,
		           eku.critical);
	}
	for (size_t i = 0; i < nexts; i++)
		if (exts[i].sct && exts[i].value_len)
			embedded_scts(out, parent, msg, &exts[i]);
	fields_add(out, parent, FIELD_TEXT, "signed_part", at(msg, crt.tbs.p), crt.tbs.len,
	           "tbsCertificate (RFC 5280 4.1.1.1): the bytes the issuer's signature covers, from the version to the "
	           "extensions; change one and the signature no longer verifies",
	           "%zu bytes, version to extensions", crt.tbs.len);
	fields_add_bytes(out, parent, "signature", msg, at(msg, crt.MBEDTLS_PRIVATE(sig).p), crt.MBEDTLS_PRIVATE(sig).len,
	                 "the issuer's signature over everything above");
	mbedtls_x509_crt_free(&crt);
	return 0;
}
