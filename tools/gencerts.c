/*
 * tools/gencerts.c — writes tlsstep's test credentials (assets/README.md).
 *
 * usage: gencerts OUTDIR
 *
 * Every key and certificate comes from a CTR_DRBG whose entropy callback
 * returns SHA-256 of a fixed label in counter mode: no system entropy is used,
 * so running it again writes the same bytes (RSA signatures are deterministic,
 * ECDSA is RFC 6979). The committed assets can thus be checked against their
 * generator (tests/assets/regenerate.sh).
 *
 * THESE PRIVATE KEYS ARE PUBLIC TEST KEYS: they are committed to the repository
 * and written with the default file mode (0644 under the usual umask) on
 * purpose. Never use them for anything but tlsstep.
 *
 * Validity: 2020-01-01 00:00:00 to 2049-12-31 23:59:59 (the simulator's clock
 * decides "now", default 2025-06-01), except server-expired (2010-01-01 to
 * 2015-01-01). Serial numbers are small positive integers in minimal DER:
 * OpenSSL 3 rejects a serial written with a needless leading zero byte.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mbedtls/asn1write.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#if !defined(MBEDTLS_MD_CAN_SHA1)
#error "gencerts needs SHA-1 for the subject/authority key identifiers"
#endif

enum key_kind { RSA2048, P256 };

struct key {
	const char *name; /* file stem: NAME.key */
	enum key_kind kind;
	mbedtls_pk_context pk;
};

struct cert {
	const char *name;       /* file stem: NAME.crt; its subject key is NAME.key */
	const char *issuer_key; /* stem of the signing key (== name when self-signed) */
	const char *subject;
	const char *issuer;
	const char *san[2]; /* DNS names; unused slots NULL */
	unsigned char serial; /* 1..127: one byte, high bit clear = minimal DER */
	const char *not_before, *not_after;
	int is_ca;  /* 0: a leaf; N > 0: a CA whose chain below it may hold N-1 more CAs (pathlen N-1) */
	int client; /* extKeyUsage clientAuth instead of serverAuth */
};

/* Generated in this order: the order is part of the deterministic output. */
static struct key keys[] = {
	{ "ca-rsa", RSA2048, { 0 } },         { "server-rsa", RSA2048, { 0 } },
	{ "client-rsa", RSA2048, { 0 } },     { "server-expired", RSA2048, { 0 } },
	{ "server-wronghost", RSA2048, { 0 } }, { "untrusted-ca", RSA2048, { 0 } },
	{ "server-untrusted", RSA2048, { 0 } }, { "ca-ec", P256, { 0 } },
	{ "server-ec", P256, { 0 } },         { "client-ec", P256, { 0 } },
	/* The chain family, appended so that every earlier key stays as it was. */
	{ "chain-root", RSA2048, { 0 } },     { "chain-ca", RSA2048, { 0 } },
	{ "server-chain", RSA2048, { 0 } },   { "server-revoked", RSA2048, { 0 } },
	{ "server-clientonly", RSA2048, { 0 } }, { "server-selfsigned", RSA2048, { 0 } },
	/* The man in the middle's own CA and the certificate it shows the client, appended likewise. */
	{ "mitm-ca", RSA2048, { 0 } },        { "mitm-server", RSA2048, { 0 } },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

#define CA_RSA "CN=tlsstep Test Root CA RSA,O=tlsstep,C=US"
#define CA_EC "CN=tlsstep Test Root CA EC,O=tlsstep,C=US"
#define CA_UNTRUSTED "CN=tlsstep Untrusted Root CA,O=Nobody You Know,C=US"
#define CHAIN_ROOT "CN=tlsstep Chain Root CA,O=tlsstep,C=US"
#define CHAIN_CA "CN=tlsstep Issuing CA 1,O=tlsstep,C=US"
#define CA_MITM "CN=Mallory Intercepting CA,O=Mallory in the Middle,C=US"
#define WWW "CN=www.example.com,O=Example Server,C=US"
#define ALICE "CN=Alice Student,O=tlsstep,C=US"
#define WWW_SAN { "www.example.com", "example.com" }
#define NO_SAN { NULL, NULL }
#define REVOKED_SERIAL 4 /* server-revoked's serial: the one chain-ca.crl lists */
#define FROM "20200101000000"
#define TO "20491231235959"

/* Issuers come before the certificates they sign (not required, just tidy). */
static const struct cert certs[] = {
	{ "ca-rsa", "ca-rsa", CA_RSA, CA_RSA, NO_SAN, 1, FROM, TO, 1, 0 },
	{ "server-rsa", "ca-rsa", WWW, CA_RSA, WWW_SAN, 2, FROM, TO, 0, 0 },
	{ "client-rsa", "ca-rsa", ALICE, CA_RSA, NO_SAN, 3, FROM, TO, 0, 1 },
	{ "server-expired", "ca-rsa", WWW, CA_RSA, WWW_SAN, 4, "20100101000000", "20150101000000", 0, 0 },
	{ "server-wronghost", "ca-rsa", "CN=wrong.example.net,O=Example Server,C=US", CA_RSA,
	  { "wrong.example.net", NULL }, 5, FROM, TO, 0, 0 },
	{ "untrusted-ca", "untrusted-ca", CA_UNTRUSTED, CA_UNTRUSTED, NO_SAN, 1, FROM, TO, 1, 0 },
	{ "server-untrusted", "untrusted-ca", WWW, CA_UNTRUSTED, WWW_SAN, 2, FROM, TO, 0, 0 },
	{ "ca-ec", "ca-ec", CA_EC, CA_EC, NO_SAN, 1, FROM, TO, 1, 0 },
	{ "server-ec", "ca-ec", WWW, CA_EC, WWW_SAN, 2, FROM, TO, 0, 0 },
	{ "client-ec", "ca-ec", ALICE, CA_EC, NO_SAN, 3, FROM, TO, 0, 1 },
	/* A root that may have one CA below it, the issuing CA it signs, and leaves under that. */
	{ "chain-root", "chain-root", CHAIN_ROOT, CHAIN_ROOT, NO_SAN, 1, FROM, TO, 2, 0 },
	{ "chain-ca", "chain-root", CHAIN_CA, CHAIN_ROOT, NO_SAN, 2, FROM, TO, 1, 0 },
	{ "server-chain", "chain-ca", WWW, CHAIN_CA, WWW_SAN, 3, FROM, TO, 0, 0 },
	{ "server-revoked", "chain-ca", WWW, CHAIN_CA, WWW_SAN, REVOKED_SERIAL, FROM, TO, 0, 0 },
	{ "server-clientonly", "chain-ca", WWW, CHAIN_CA, WWW_SAN, 5, FROM, TO, 0, 1 },
	/* A leaf that vouches for itself: issuer = subject, signed with its own key. */
	{ "server-selfsigned", "server-selfsigned", WWW, WWW, WWW_SAN, 1, FROM, TO, 0, 0 },
	/* The attacker's: a CA of its own and a certificate for the server's very name under it. */
	{ "mitm-ca", "mitm-ca", CA_MITM, CA_MITM, NO_SAN, 1, FROM, TO, 1, 0 },
	{ "mitm-server", "mitm-ca", WWW, CA_MITM, WWW_SAN, 2, FROM, TO, 0, 0 },
};

/*
 * f_entropy for mbedtls_ctr_drbg_seed: fills out[0..len) with
 * SHA-256("tlsstep test credentials v1 #" counter) blocks, advancing the
 * counter *p. Nothing random. Always returns 0.
 */
static int fixed_entropy(void *p, unsigned char *out, size_t len)
{
	unsigned long *counter = p;
	while (len) {
		unsigned char in[64], block[32];
		int n = snprintf((char *)in, sizeof(in), "tlsstep test credentials v1 #%lu", (*counter)++);
		size_t take = len < sizeof(block) ? len : sizeof(block);
		mbedtls_sha256(in, (size_t)n, block, 0);
		memcpy(out, block, take);
		out += take;
		len -= take;
	}
	return 0;
}

/* Returns the key whose stem is `name`, or NULL. */
static struct key *find_key(const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

/* Prints "gencerts: WHAT NAME: <mbed TLS text> (-0xCODE)" to stderr; returns -1. */
static int report(int rc, const char *what, const char *name)
{
	char text[160];
	mbedtls_strerror(rc, text, sizeof(text));
	fprintf(stderr, "gencerts: %s %s: %s (-0x%04x)\n", what, name, text, (unsigned)-rc);
	return -1;
}

/*
 * Writes the NUL-terminated text `pem` to DIR/NAME.EXT (created or truncated).
 * Returns 0, or -1 after a message naming the path.
 */
static int write_file(const char *dir, const char *name, const char *ext, const unsigned char *pem)
{
	char path[1024];
	FILE *f = NULL;
	int ret = -1;
	int n = snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "gencerts: %s: output path too long\n", dir);
		goto out;
	}
	if (!(f = fopen(path, "w"))) {
		fprintf(stderr, "gencerts: %s: cannot create: %s\n", path, strerror(errno));
		goto out;
	}
	if (fputs((const char *)pem, f) == EOF) {
		fprintf(stderr, "gencerts: %s: write failed: %s\n", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (f && fclose(f) != 0 && ret == 0) {
		fprintf(stderr, "gencerts: %s: write failed: %s\n", path, strerror(errno));
		ret = -1;
	}
	return ret;
}

/*
 * Generates k (RSA-2048 with e=65537, or P-256) from drbg into k->pk, which
 * must be initialised, and writes it to DIR/NAME.key as PEM (PKCS#1 / SEC1).
 * Returns 0 or -1 (message printed); k->pk is freed by the caller either way.
 * The PEM buffer is wiped before returning.
 */
static int make_key(struct key *k, mbedtls_ctr_drbg_context *drbg, const char *dir)
{
	static unsigned char pem[8192];
	int rc, ret = -1;
	mbedtls_pk_type_t type = k->kind == RSA2048 ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECKEY;
	if ((rc = mbedtls_pk_setup(&k->pk, mbedtls_pk_info_from_type(type)))) {
		report(rc, "setting up key", k->name);
		goto out;
	}
	if (k->kind == RSA2048)
		rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(k->pk), mbedtls_ctr_drbg_random, drbg, 2048, 65537);
	else
		rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(k->pk), mbedtls_ctr_drbg_random, drbg);
	if (rc) {
		report(rc, "generating key", k->name);
		goto out;
	}
	if ((rc = mbedtls_pk_write_key_pem(&k->pk, pem, sizeof(pem)))) {
		report(rc, "encoding key", k->name);
		goto out;
	}
	ret = write_file(dir, k->name, "key", pem);
out:
	mbedtls_platform_zeroize(pem, sizeof(pem));
	return ret;
}

/*
 * Builds certificate c (X.509 v3, sha256WithRSAEncryption or ecdsa-with-SHA256
 * by the issuer key's type), signs it with its issuer key and writes
 * DIR/NAME.crt. Both keys must already be generated. Extensions: basic
 * constraints, key usage, SKI, AKI; end-entity certificates also get
 * extKeyUsage and, for servers, the DNS SANs. Returns 0 or -1 (message printed).
 */
static int make_cert(const struct cert *c, mbedtls_ctr_drbg_context *drbg, const char *dir)
{
	static unsigned char pem[8192];
	struct key *subject = find_key(c->name), *issuer = find_key(c->issuer_key);
	mbedtls_x509write_cert crt;
	mbedtls_asn1_sequence eku;
	mbedtls_x509_san_list san[2];
	unsigned char serial = c->serial;
	unsigned int usage;
	int rc = 0, ret = -1;

	mbedtls_x509write_crt_init(&crt);
	if (!subject || !issuer || serial == 0 || serial > 0x7f) {
		fprintf(stderr, "gencerts: %s: unknown key or serial not in 1..127\n", c->name);
		goto out;
	}
	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, &subject->pk);
	mbedtls_x509write_crt_set_issuer_key(&crt, &issuer->pk);
	if ((rc = mbedtls_x509write_crt_set_serial_raw(&crt, &serial, 1)) ||
	    (rc = mbedtls_x509write_crt_set_subject_name(&crt, c->subject)) ||
	    (rc = mbedtls_x509write_crt_set_issuer_name(&crt, c->issuer)) ||
	    (rc = mbedtls_x509write_crt_set_validity(&crt, c->not_before, c->not_after)) ||
	    (rc = mbedtls_x509write_crt_set_basic_constraints(&crt, c->is_ca > 0, c->is_ca ? c->is_ca - 1 : -1)) ||
	    (rc = mbedtls_x509write_crt_set_subject_key_identifier(&crt)) ||
	    (rc = mbedtls_x509write_crt_set_authority_key_identifier(&crt))) {
		report(rc, "building certificate", c->name);
		goto out;
	}

	usage = c->is_ca ? MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN : MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
	if (!c->is_ca && !c->client && subject->kind == RSA2048)
		usage |= MBEDTLS_X509_KU_KEY_ENCIPHERMENT; /* TLS 1.2 RSA key exchange */
	if ((rc = mbedtls_x509write_crt_set_key_usage(&crt, usage))) {
		report(rc, "setting key usage of", c->name);
		goto out;
	}

	if (!c->is_ca) {
		memset(&eku, 0, sizeof(eku));
		eku.buf.tag = MBEDTLS_ASN1_OID;
		if (c->client) {
			eku.buf.p = (unsigned char *)MBEDTLS_OID_CLIENT_AUTH;
			eku.buf.len = MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH);
		} else {
			eku.buf.p = (unsigned char *)MBEDTLS_OID_SERVER_AUTH;
			eku.buf.len = MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH);
		}
		if ((rc = mbedtls_x509write_crt_set_ext_key_usage(&crt, &eku))) {
			report(rc, "setting extended key usage of", c->name);
			goto out;
		}
	}

	if (c->san[0]) {
		memset(san, 0, sizeof(san));
		for (size_t i = 0; i < 2 && c->san[i]; i++) {
			san[i].node.type = MBEDTLS_X509_SAN_DNS_NAME;
			san[i].node.san.unstructured_name.p = (unsigned char *)c->san[i];
			san[i].node.san.unstructured_name.len = strlen(c->san[i]);
			san[i].next = i == 0 && c->san[1] ? &san[1] : NULL;
		}
		if ((rc = mbedtls_x509write_crt_set_subject_alternative_name(&crt, san))) {
			report(rc, "setting the DNS names of", c->name);
			goto out;
		}
	}

	if ((rc = mbedtls_x509write_crt_pem(&crt, pem, sizeof(pem), mbedtls_ctr_drbg_random, drbg))) {
		report(rc, "signing", c->name);
		goto out;
	}
	ret = write_file(dir, c->name, "crt", pem);
out:
	mbedtls_x509write_crt_free(&crt);
	return ret;
}

/* Writes a UTCTime ("YYMMDDhhmmssZ", RFC 5280 4.1.2.5.1: years up to 2049) backwards at *p. */
static int write_utc(unsigned char **p, unsigned char *start, const char *t)
{
	int len = mbedtls_asn1_write_raw_buffer(p, start, (const unsigned char *)t, strlen(t)), n;
	if (len < 0)
		return len;
	if ((n = mbedtls_asn1_write_len(p, start, (size_t)len)) < 0)
		return n;
	len += n;
	if ((n = mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_UTC_TIME)) < 0)
		return n;
	return len + n;
}

/* Wraps the `len` bytes just written before *p in a TLV with `tag`; returns the new length or an error. */
static int wrap(unsigned char **p, unsigned char *start, int len, unsigned char tag)
{
	int n;
	if (len < 0)
		return len;
	if ((n = mbedtls_asn1_write_len(p, start, (size_t)len)) < 0)
		return n;
	len += n;
	if ((n = mbedtls_asn1_write_tag(p, start, tag)) < 0)
		return n;
	return len + n;
}

/* Adds the result of one asn1write call to the running length `len` (stops at the first error). */
#define ADD(len, call)                                                                                             \
	do {                                                                                                           \
		int n_ = (len) < 0 ? 0 : (call);                                                                           \
		(len) = (len) < 0 ? (len) : n_ < 0 ? n_ : (len) + n_;                                                      \
	} while (0)

#define SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)

/*
 * Writes DIR/ISSUER.crl: a version 2 CRL (RFC 5280 5.1) from the CA whose stem is
 * `issuer`, listing the one serial `revoked` (revoked 2025-01-01, reason
 * keyCompromise) with cRLNumber 1, valid from 2020-01-01 to 2049-12-31 like the
 * certificates. mbed TLS can read CRLs but not write them, so the DER is built
 * here with its ASN.1 writer; the issuer Name is copied from the CA certificate
 * just written (mbed TLS matches a CRL to its CA byte for byte), and the
 * signature is sha256WithRSAEncryption by the CA's key. Returns 0 or -1.
 */
static int make_crl(const char *issuer, unsigned char revoked, mbedtls_ctr_drbg_context *drbg, const char *dir)
{
	static unsigned char der[4096], crl[4096], pem[8192];
	unsigned char hash[32], sig[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
	unsigned char *p = der + sizeof(der), *tbs;
	struct key *k = find_key(issuer);
	mbedtls_x509_crt ca;
	char path[1024];
	size_t siglen = 0, pemlen = 0;
	int rc, len = 0, ret = -1;

	mbedtls_x509_crt_init(&ca);
	snprintf(path, sizeof(path), "%s/%s.crt", dir, issuer);
	if (!k || (rc = mbedtls_x509_crt_parse_file(&ca, path))) {
		fprintf(stderr, "gencerts: %s.crl: cannot read its issuer %s\n", issuer, path);
		goto out;
	}
	/* crlExtensions [0] EXPLICIT: cRLNumber 1 (RFC 5280 5.2.3). */
	int ext = 0;
	ADD(ext, mbedtls_asn1_write_int(&p, der, 1));
	ext = wrap(&p, der, ext, MBEDTLS_ASN1_OCTET_STRING);
	ADD(ext, mbedtls_asn1_write_oid(&p, der, MBEDTLS_OID_CRL_NUMBER, MBEDTLS_OID_SIZE(MBEDTLS_OID_CRL_NUMBER)));
	ext = wrap(&p, der, ext, SEQ);
	ext = wrap(&p, der, ext, SEQ);
	ext = wrap(&p, der, ext, MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0);
	ADD(len, ext);
	/* revokedCertificates: one entry, with the reasonCode keyCompromise (1) (RFC 5280 5.3.1). */
	int entry = 0;
	ADD(entry, mbedtls_asn1_write_enum(&p, der, 1));
	entry = wrap(&p, der, entry, MBEDTLS_ASN1_OCTET_STRING);
	ADD(entry, mbedtls_asn1_write_oid(&p, der, MBEDTLS_OID_ID_CE "\x15", MBEDTLS_OID_SIZE(MBEDTLS_OID_ID_CE "\x15")));
	entry = wrap(&p, der, entry, SEQ);
	entry = wrap(&p, der, entry, SEQ);
	ADD(entry, write_utc(&p, der, "250101000000Z"));
	ADD(entry, mbedtls_asn1_write_int(&p, der, revoked));
	entry = wrap(&p, der, entry, SEQ);
	entry = wrap(&p, der, entry, SEQ);
	ADD(len, entry);
	ADD(len, write_utc(&p, der, "491231235959Z")); /* nextUpdate */
	ADD(len, write_utc(&p, der, "200101000000Z")); /* thisUpdate */
	ADD(len, mbedtls_asn1_write_raw_buffer(&p, der, ca.subject_raw.p, ca.subject_raw.len));
	ADD(len, mbedtls_asn1_write_algorithm_identifier(&p, der, MBEDTLS_OID_PKCS1_SHA256,
	                                                 MBEDTLS_OID_SIZE(MBEDTLS_OID_PKCS1_SHA256), 0));
	ADD(len, mbedtls_asn1_write_int(&p, der, 1)); /* version v2 */
	len = wrap(&p, der, len, SEQ);
	if (len < 0) {
		report(len, "encoding", "the CRL");
		goto out;
	}
	tbs = p;
	if ((rc = mbedtls_sha256(tbs, (size_t)len, hash, 0)) ||
	    (rc = mbedtls_pk_sign(&k->pk, MBEDTLS_MD_SHA256, hash, sizeof(hash), sig, sizeof(sig), &siglen,
	                          mbedtls_ctr_drbg_random, drbg))) {
		report(rc, "signing the CRL of", issuer);
		goto out;
	}
	/* The whole CRL goes into `out`, backwards: the signature, its algorithm, the TBS, then the SEQUENCE. */
	unsigned char *q = crl + sizeof(crl);
	int all = 0;
	ADD(all, mbedtls_asn1_write_bitstring(&q, crl, sig, siglen * 8));
	ADD(all, mbedtls_asn1_write_algorithm_identifier(&q, crl, MBEDTLS_OID_PKCS1_SHA256,
	                                                 MBEDTLS_OID_SIZE(MBEDTLS_OID_PKCS1_SHA256), 0));
	ADD(all, mbedtls_asn1_write_raw_buffer(&q, crl, tbs, (size_t)len));
	all = wrap(&q, crl, all, SEQ);
	p = q;
	if (all < 0 || (rc = mbedtls_pem_write_buffer("-----BEGIN X509 CRL-----\n", "-----END X509 CRL-----\n", p,
	                                              (size_t)all, pem, sizeof(pem), &pemlen))) {
		report(all < 0 ? all : rc, "encoding", "the CRL");
		goto out;
	}
	ret = write_file(dir, issuer, "crl", pem);
out:
	mbedtls_x509_crt_free(&ca);
	return ret;
}

/*
 * Returns 0 if `dir` is an existing, writable directory, else -1 with a
 * message (checked first so a typo fails before the slow RSA key generation).
 */
static int check_outdir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		fprintf(stderr, "gencerts: output directory %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "gencerts: output directory %s: not a directory\n", dir);
		return -1;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		fprintf(stderr, "gencerts: output directory %s: not writable: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * gencerts OUTDIR: writes every key, then every certificate, into OUTDIR.
 * Exit status 0 on success, 1 on any failure (files already written stay),
 * 2 on bad usage. All keys and the DRBG state are freed/wiped on exit.
 */
int main(int argc, char **argv)
{
	mbedtls_ctr_drbg_context drbg;
	unsigned long counter = 0;
	int rc, status = 1;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: gencerts OUTDIR\n");
		return 2;
	}
	mbedtls_ctr_drbg_init(&drbg);
	for (size_t i = 0; i < NKEYS; i++)
		mbedtls_pk_init(&keys[i].pk);
	if (check_outdir(argv[1]))
		goto out;
	if (psa_crypto_init() != PSA_SUCCESS) {
		fprintf(stderr, "gencerts: PSA Crypto did not start\n");
		goto out;
	}
	if ((rc = mbedtls_ctr_drbg_seed(&drbg, fixed_entropy, &counter, (const unsigned char *)"gencerts", 8))) {
		report(rc, "seeding", "the DRBG");
		goto out;
	}
	for (size_t i = 0; i < NKEYS; i++)
		if (make_key(&keys[i], &drbg, argv[1]))
			goto out;
	for (size_t i = 0; i < sizeof(certs) / sizeof(certs[0]); i++)
		if (make_cert(&certs[i], &drbg, argv[1]))
			goto out;
	if (make_crl("chain-ca", REVOKED_SERIAL, &drbg, argv[1]))
		goto out;
	status = 0;
out:
	for (size_t i = 0; i < NKEYS; i++)
		mbedtls_pk_free(&keys[i].pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_psa_crypto_free();
	return status;
}
