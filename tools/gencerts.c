/*
 * tools/gencerts.c — writes tlsstep's test credentials (assets/README.md).
 *
 * usage: gencerts OUTDIR
 *
 * Every key and certificate comes from a CTR_DRBG seeded from a fixed label, so
 * running it again writes the same bytes: the assets in the repository can be
 * checked against their generator. These private keys are public test keys.
 *
 * Validity: 2020-01-01 to 2049-12-31 (the simulator's clock decides "now",
 * default 2025-06-01), except server-expired (2010-01-01 to 2015-01-01).
 * Serial numbers are small positive integers in minimal DER: OpenSSL 3 rejects
 * a serial written with a needless leading zero byte.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

enum key_kind { RSA2048, P256 };

struct key {
	const char *name;
	enum key_kind kind;
	mbedtls_pk_context pk;
};

struct cert {
	const char *file;          /* certificate file stem; its key is the one named by `key` */
	const char *key;           /* subject key */
	const char *issuer_key;    /* signing key */
	const char *subject;
	const char *issuer;
	const char *san[2];        /* DNS names, NULL-terminated */
	unsigned char serial;
	const char *not_before, *not_after;
	int is_ca;
	int client;                /* extKeyUsage clientAuth instead of serverAuth */
};

static struct key keys[] = {
	{ "ca-rsa", RSA2048, { 0 } },         { "server-rsa", RSA2048, { 0 } },     { "client-rsa", RSA2048, { 0 } },
	{ "server-expired", RSA2048, { 0 } }, { "server-wronghost", RSA2048, { 0 } },
	{ "untrusted-ca", RSA2048, { 0 } },   { "server-untrusted", RSA2048, { 0 } },
	{ "ca-ec", P256, { 0 } },             { "server-ec", P256, { 0 } },         { "client-ec", P256, { 0 } },
};

#define CA_RSA "CN=tlsstep Test Root CA RSA,O=tlsstep,C=US"
#define CA_EC "CN=tlsstep Test Root CA EC,O=tlsstep,C=US"
#define CA_UNTRUSTED "CN=tlsstep Untrusted Root CA,O=Nobody You Know,C=US"
#define WWW "CN=www.example.com,O=Example Server,C=US"
#define FROM "20200101000000"
#define TO "20491231235959"

static const struct cert certs[] = {
	{ "ca-rsa", "ca-rsa", "ca-rsa", CA_RSA, CA_RSA, { NULL, NULL }, 1, FROM, TO, 1, 0 },
	{ "server-rsa", "server-rsa", "ca-rsa", WWW, CA_RSA, { "www.example.com", "example.com" }, 2, FROM, TO, 0, 0 },
	{ "client-rsa", "client-rsa", "ca-rsa", "CN=Alice Student,O=tlsstep,C=US", CA_RSA, { NULL, NULL }, 3, FROM, TO, 0,
	  1 },
	{ "server-expired", "server-expired", "ca-rsa", WWW, CA_RSA, { "www.example.com", "example.com" }, 4,
	  "20100101000000", "20150101000000", 0, 0 },
	{ "server-wronghost", "server-wronghost", "ca-rsa", "CN=wrong.example.net,O=Example Server,C=US", CA_RSA,
	  { "wrong.example.net", NULL }, 5, FROM, TO, 0, 0 },
	{ "untrusted-ca", "untrusted-ca", "untrusted-ca", CA_UNTRUSTED, CA_UNTRUSTED, { NULL, NULL }, 1, FROM, TO, 1, 0 },
	{ "server-untrusted", "server-untrusted", "untrusted-ca", WWW, CA_UNTRUSTED, { "www.example.com", "example.com" },
	  2, FROM, TO, 0, 0 },
	{ "ca-ec", "ca-ec", "ca-ec", CA_EC, CA_EC, { NULL, NULL }, 1, FROM, TO, 1, 0 },
	{ "server-ec", "server-ec", "ca-ec", WWW, CA_EC, { "www.example.com", "example.com" }, 2, FROM, TO, 0, 0 },
	{ "client-ec", "client-ec", "ca-ec", "CN=Alice Student,O=tlsstep,C=US", CA_EC, { NULL, NULL }, 3, FROM, TO, 0, 1 },
};

/* Entropy for the DRBG: SHA-256 in counter mode over a fixed label. Nothing random. */
static int fixed_entropy(void *p, unsigned char *out, size_t len)
{
	unsigned long *counter = p;
	while (len) {
		unsigned char in[64], block[32];
		int n = snprintf((char *)in, sizeof(in), "tlsstep test credentials v1 #%lu", (*counter)++);
		mbedtls_sha256(in, (size_t)n, block, 0);
		size_t take = len < 32 ? len : 32;
		memcpy(out, block, take);
		out += take;
		len -= take;
	}
	return 0;
}

static struct key *find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

static int report(int rc, const char *what, const char *name)
{
	char text[160];
	mbedtls_strerror(rc, text, sizeof(text));
	fprintf(stderr, "gencerts: %s %s: %s (-0x%04x)\n", what, name, text, (unsigned)-rc);
	return -1;
}

static int write_file(const char *dir, const char *name, const char *ext, const unsigned char *pem)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gencerts: %s: cannot write: %s\n", path, strerror(errno));
		return -1;
	}
	int bad = fputs((const char *)pem, f) == EOF;
	bad |= fclose(f) != 0;
	if (bad) {
		fprintf(stderr, "gencerts: %s: write failed\n", path);
		return -1;
	}
	return 0;
}

/* Generates one key and writes it as PEM. */
static int make_key(struct key *k, mbedtls_ctr_drbg_context *drbg, const char *dir)
{
	static unsigned char pem[8192];
	int rc;
	if ((rc = mbedtls_pk_setup(&k->pk, mbedtls_pk_info_from_type(k->kind == RSA2048 ? MBEDTLS_PK_RSA
	                                                                                 : MBEDTLS_PK_ECKEY))))
		return report(rc, "setting up key", k->name);
	if (k->kind == RSA2048)
		rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(k->pk), mbedtls_ctr_drbg_random, drbg, 2048, 65537);
	else
		rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(k->pk), mbedtls_ctr_drbg_random, drbg);
	if (rc)
		return report(rc, "generating key", k->name);
	if ((rc = mbedtls_pk_write_key_pem(&k->pk, pem, sizeof(pem))))
		return report(rc, "writing key", k->name);
	return write_file(dir, k->name, "key", pem);
}

/* Builds, signs and writes one certificate. */
static int make_cert(const struct cert *c, mbedtls_ctr_drbg_context *drbg, const char *dir)
{
	static unsigned char pem[8192];
	struct key *subject = find_key(c->key), *issuer = find_key(c->issuer_key);
	mbedtls_x509write_cert crt;
	mbedtls_asn1_sequence eku;
	mbedtls_x509_san_list san[2];
	int rc, ret = -1;
	mbedtls_x509write_crt_init(&crt);
	if (!subject || !issuer) {
		fprintf(stderr, "gencerts: %s names an unknown key\n", c->file);
		goto out;
	}
	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, &subject->pk);
	mbedtls_x509write_crt_set_issuer_key(&crt, &issuer->pk);
	unsigned char serial = c->serial; /* < 0x80: one byte is minimal DER */
	if ((rc = mbedtls_x509write_crt_set_serial_raw(&crt, &serial, 1)) ||
	    (rc = mbedtls_x509write_crt_set_subject_name(&crt, c->subject)) ||
	    (rc = mbedtls_x509write_crt_set_issuer_name(&crt, c->issuer)) ||
	    (rc = mbedtls_x509write_crt_set_validity(&crt, c->not_before, c->not_after)) ||
	    (rc = mbedtls_x509write_crt_set_basic_constraints(&crt, c->is_ca, c->is_ca ? 0 : -1)) ||
	    (rc = mbedtls_x509write_crt_set_subject_key_identifier(&crt)) ||
	    (rc = mbedtls_x509write_crt_set_authority_key_identifier(&crt))) {
		report(rc, "building certificate", c->file);
		goto out;
	}
	unsigned int usage = c->is_ca ? MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN
	                              : MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
	if (!c->is_ca && !c->client && subject->kind == RSA2048)
		usage |= MBEDTLS_X509_KU_KEY_ENCIPHERMENT; /* TLS 1.2 RSA key exchange */
	if ((rc = mbedtls_x509write_crt_set_key_usage(&crt, usage))) {
		report(rc, "setting key usage of", c->file);
		goto out;
	}
	if (!c->is_ca) {
		memset(&eku, 0, sizeof(eku));
		eku.buf.tag = MBEDTLS_ASN1_OID;
		eku.buf.p = (unsigned char *)(c->client ? MBEDTLS_OID_CLIENT_AUTH : MBEDTLS_OID_SERVER_AUTH);
		eku.buf.len = MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH);
		if ((rc = mbedtls_x509write_crt_set_ext_key_usage(&crt, &eku))) {
			report(rc, "setting extended key usage of", c->file);
			goto out;
		}
	}
	if (c->san[0]) {
		memset(san, 0, sizeof(san));
		for (int i = 0; i < 2 && c->san[i]; i++) {
			san[i].node.type = MBEDTLS_X509_SAN_DNS_NAME;
			san[i].node.san.unstructured_name.p = (unsigned char *)c->san[i];
			san[i].node.san.unstructured_name.len = strlen(c->san[i]);
			san[i].next = i == 0 && c->san[1] ? &san[1] : NULL;
		}
		if ((rc = mbedtls_x509write_crt_set_subject_alternative_name(&crt, san))) {
			report(rc, "setting the names of", c->file);
			goto out;
		}
	}
	if ((rc = mbedtls_x509write_crt_pem(&crt, pem, sizeof(pem), mbedtls_ctr_drbg_random, drbg))) {
		report(rc, "signing", c->file);
		goto out;
	}
	ret = write_file(dir, c->file, "crt", pem);
out:
	mbedtls_x509write_crt_free(&crt);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gencerts OUTDIR\n");
		return 2;
	}
	mbedtls_ctr_drbg_context drbg;
	unsigned long counter = 0;
	int rc, status = 1;
	mbedtls_ctr_drbg_init(&drbg);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		mbedtls_pk_init(&keys[i].pk);
	if (psa_crypto_init() != PSA_SUCCESS) {
		fprintf(stderr, "gencerts: PSA Crypto did not start\n");
		goto out;
	}
	if ((rc = mbedtls_ctr_drbg_seed(&drbg, fixed_entropy, &counter, (const unsigned char *)"gencerts", 8))) {
		report(rc, "seeding", "the DRBG");
		goto out;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (make_key(&keys[i], &drbg, argv[1]))
			goto out;
	for (size_t i = 0; i < sizeof(certs) / sizeof(certs[0]); i++)
		if (make_cert(&certs[i], &drbg, argv[1]))
			goto out;
	status = 0;
out:
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		mbedtls_pk_free(&keys[i].pk);
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_psa_crypto_free();
	return status;
}
