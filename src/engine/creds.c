/* engine/creds.c — see creds.h. */
#include "engine/creds.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <mbedtls/error.h>

void creds_init(struct creds *c)
{
	mbedtls_x509_crt_init(&c->cert);
	mbedtls_pk_init(&c->key);
	mbedtls_x509_crt_init(&c->ca);
	c->have_cert = false;
	c->have_ca = false;
}

void creds_free(struct creds *c)
{
	mbedtls_x509_crt_free(&c->cert);
	mbedtls_pk_free(&c->key);
	mbedtls_x509_crt_free(&c->ca);
	creds_init(c);
}

/* Checks the file can be read, so the learner sees the system's reason. */
static int readable(const char *path, const char *what, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open %s file: %s", path, what, strerror(errno));
		return -1;
	}
	fclose(f);
	return 0;
}

static int failed(int rc, const char *path, const char *what, char *err, size_t errlen)
{
	char text[128];
	mbedtls_strerror(rc, text, sizeof(text));
	snprintf(err, errlen, "%s: not a valid %s: %s (-0x%04x)", path, what, text, (unsigned)-rc);
	return -1;
}

int creds_load(struct creds *c, const struct endpoint_spec *e, const char *assets_dir,
               struct rng *rng, char *err, size_t errlen)
{
	char path[1024];
	int rc;
	if (e->cert) {
		if (!e->key) {
			snprintf(err, errlen, "certificate %s has no private key: a key file is needed too", e->cert);
			return -1;
		}
		scenario_credential_path(e->cert, assets_dir, path, sizeof(path));
		if (readable(path, "certificate", err, errlen))
			return -1;
		if ((rc = mbedtls_x509_crt_parse_file(&c->cert, path)) != 0)
			return failed(rc, path, "PEM or DER certificate", err, errlen);
		scenario_credential_path(e->key, assets_dir, path, sizeof(path));
		if (readable(path, "private key", err, errlen))
			return -1;
		if ((rc = mbedtls_pk_parse_keyfile(&c->key, path, NULL, rng_draw, rng)) != 0)
			return failed(rc, path, "private key", err, errlen);
		if ((rc = mbedtls_pk_check_pair(&c->cert.pk, &c->key, rng_draw, rng)) != 0) {
			snprintf(err, errlen, "%s does not match the public key of certificate %s", path, e->cert);
			return -1;
		}
		c->have_cert = true;
	}
	if (e->ca) {
		scenario_credential_path(e->ca, assets_dir, path, sizeof(path));
		if (readable(path, "CA certificate", err, errlen))
			return -1;
		if ((rc = mbedtls_x509_crt_parse_file(&c->ca, path)) != 0)
			return failed(rc, path, "CA certificate", err, errlen);
		c->have_ca = true;
	}
	return 0;
}
