/* engine/creds.c — see creds.h. */
#include "engine/creds.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <mbedtls/error.h>

void creds_init(struct creds *c)
{
	mbedtls_x509_crt_init(&c->cert);
	mbedtls_pk_init(&c->key);
	mbedtls_x509_crt_init(&c->ca);
	mbedtls_x509_crl_init(&c->crl);
	c->have_cert = false;
	c->have_ca = false;
	c->have_crl = false;
}

void creds_free(struct creds *c)
{
	mbedtls_x509_crt_free(&c->cert);
	mbedtls_pk_free(&c->key);
	mbedtls_x509_crt_free(&c->ca);
	mbedtls_x509_crl_free(&c->crl);
	creds_init(c);
}

/* "FILE:LINE: cert = PATH: not a valid certificate: mbed TLS's words (-0x....)" */
static int failed(int rc, const struct endpoint_spec *e, enum credential k, const char *path, const char *what,
                  char *err, size_t errlen)
{
	char text[128], where[1100];
	mbedtls_strerror(rc, text, sizeof(text));
	scenario_credential_where(e, k, where, sizeof(where));
	snprintf(err, errlen, "%s%s: not a valid %s: %s (-0x%04x)", where, path, what, text, (unsigned)-rc);
	return -1;
}

int creds_load(struct creds *c, const struct endpoint_spec *e, const char *assets_dir,
               struct rng *rng, char *err, size_t errlen)
{
	char path[1024], where[1100];
	int rc;
	if (e->cert) {
		if (!e->key) {
			scenario_credential_where(e, CRED_CERT, where, sizeof(where));
			snprintf(err, errlen, "%scertificate %s has no private key: a key file is needed too", where, e->cert);
			return -1;
		}
		if (scenario_credential_check(e, CRED_CERT, assets_dir, path, sizeof(path), err, errlen))
			return -1;
		if ((rc = mbedtls_x509_crt_parse_file(&c->cert, path)) != 0)
			return failed(rc, e, CRED_CERT, path, "PEM or DER certificate", err, errlen);
		if (scenario_credential_check(e, CRED_KEY, assets_dir, path, sizeof(path), err, errlen))
			return -1;
		if ((rc = mbedtls_pk_parse_keyfile(&c->key, path, NULL, rng_draw, rng)) != 0)
			return failed(rc, e, CRED_KEY, path, "private key", err, errlen);
		if ((rc = mbedtls_pk_check_pair(&c->cert.pk, &c->key, rng_draw, rng)) != 0) {
			scenario_credential_where(e, CRED_KEY, where, sizeof(where));
			snprintf(err, errlen, "%s%s does not match the public key of certificate %s", where, path, e->cert);
			return -1;
		}
		c->have_cert = true;
	}
	if (e->chain) {
		scenario_credential_where(e, CRED_CHAIN, where, sizeof(where));
		if (!e->cert) {
			snprintf(err, errlen, "%s%s: a chain is sent after the end's own certificate, and there is no cert", where,
			         e->chain);
			return -1;
		}
		if (scenario_credential_check(e, CRED_CHAIN, assets_dir, path, sizeof(path), err, errlen))
			return -1;
		/* Parsed onto the end of the leaf's list: mbed TLS sends that list in order. */
		if ((rc = mbedtls_x509_crt_parse_file(&c->cert, path)) != 0)
			return failed(rc, e, CRED_CHAIN, path, "PEM or DER certificate", err, errlen);
	}
	if (e->ca) {
		if (scenario_credential_check(e, CRED_CA, assets_dir, path, sizeof(path), err, errlen))
			return -1;
		if ((rc = mbedtls_x509_crt_parse_file(&c->ca, path)) != 0)
			return failed(rc, e, CRED_CA, path, "CA certificate", err, errlen);
		c->have_ca = true;
	}
	if (e->crl) {
		scenario_credential_where(e, CRED_CRL, where, sizeof(where));
		if (!e->ca) {
			snprintf(err, errlen, "%s%s: a CRL is checked while verifying the peer's chain, and this end trusts no ca",
			         where, e->crl);
			return -1;
		}
		if (scenario_credential_check(e, CRED_CRL, assets_dir, path, sizeof(path), err, errlen))
			return -1;
		if ((rc = mbedtls_x509_crl_parse_file(&c->crl, path)) != 0)
			return failed(rc, e, CRED_CRL, path, "PEM or DER CRL", err, errlen);
		c->have_crl = true;
	}
	return 0;
}

int creds_serves_name(void *arg, struct mbedtls_ssl_context *ssl, const unsigned char *name, size_t len)
{
	const struct endpoint_spec *e = arg;
	(void)ssl;
	for (size_t i = 0; i < SPEC_MAX_NAMES && e->names[i]; i++)
		if (strlen(e->names[i]) == len && !strncasecmp(e->names[i], (const char *)name, len))
			return 0;
	return -1;
}
