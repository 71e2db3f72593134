/* wire/x509.c — see x509.h. */
#include "wire/x509.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

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

/*
 * A Name as text, with mbed TLS's public ASN.1 and OID functions (its own Name
 * parser is internal): RDNSequence ::= SEQUENCE OF SET OF { type OID, value }
 * (RFC 5280 §4.1.2.4). Returns 0, or -1 if the bytes are not such a sequence.
 */
static int dn_text(const uint8_t *der, size_t len, char *text, size_t cap)
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
			if (o + 16 >= cap)
				return 0; /* enough of a long name */
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
	if (dn_text(msg + off, len, text, sizeof(text)) == 0)
		fields_add(out, f, FIELD_TEXT, "name", off, len, "the CA's name as text (RFC 5280 §4.1.2.4)", "%s", text);
	else
		fields_add(out, f, FIELD_TEXT, "name", off, len, "these bytes do not parse as an X.509 name", "%s",
		           "(not a valid name)");
}

/* Where one v3 extension sits in the message, and whether it is marked critical. */
struct ext_at {
	int type; /* MBEDTLS_X509_EXT_*, 0 for one mbed TLS does not know */
	bool critical;
	size_t off, len;
};

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
		e->critical = critical != 0;
		e->off = at(msg, start);
		e->len = (size_t)(ext_end - start);
		p = ext_end;
	}
	return k;
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
	           "the certificate is valid only between these dates (checked against the simulation clock)",
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
	if (mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME)) {
		text[0] = '\0';
		for (const mbedtls_x509_sequence *s = &crt.subject_alt_names; s && s->buf.p; s = s->next) {
			size_t n = strlen(text);
			if ((s->buf.tag & 0x1f) == 2)
				snprintf(text + n, sizeof(text) - n, "%s%.*s", n ? ", " : "", (int)s->buf.len, (const char *)s->buf.p);
		}
		int g = fields_add(out, parent, FIELD_GROUP, "subject_alt_names", san.off,
		                   san.len,
		                   "the names the certificate is valid for: the client checks its host name here", "%s%s", text,
		                   san.critical);
		for (const mbedtls_x509_sequence *s = &crt.subject_alt_names; s && s->buf.p; s = s->next) {
			int dns = (s->buf.tag & 0x1f) == 2;
			fields_add(out, g, FIELD_TEXT, dns ? "dNSName" : "name", at(msg, s->buf.p), s->buf.len,
			           "one name", "%.*s", dns ? (int)s->buf.len : 0, dns ? (const char *)s->buf.p : "");
		}
	}
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
	fields_add(out, parent, FIELD_TEXT, "signed_part", at(msg, crt.tbs.p), crt.tbs.len,
	           "tbsCertificate (RFC 5280 4.1.1.1): the bytes the issuer's signature covers, from the version to the "
	           "extensions; change one and the signature no longer verifies",
	           "%zu bytes, version to extensions", crt.tbs.len);
	fields_add_bytes(out, parent, "signature", msg, at(msg, crt.MBEDTLS_PRIVATE(sig).p), crt.MBEDTLS_PRIVATE(sig).len,
	                 "the issuer's signature over everything above");
	mbedtls_x509_crt_free(&crt);
	return 0;
}
