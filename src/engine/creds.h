/*
 * engine/creds.h — one end's certificate (and the chain it sends), private key,
 * trusted CA and CRL, loaded from PEM files, found as scenario_credential_path() says.
 */
#ifndef TLSSTEP_ENGINE_CREDS_H
#define TLSSTEP_ENGINE_CREDS_H

#include <stdbool.h>
#include <stddef.h>

#include <mbedtls/pk.h>
#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>

#include "engine/rng.h"
#include "spec/scenario.h"

struct creds {
	mbedtls_x509_crt cert; /* the end's own certificate, then the `chain` it sends after it */
	mbedtls_pk_context key;
	mbedtls_x509_crt ca;
	mbedtls_x509_crl crl;
	bool have_cert;
	bool have_ca;
	bool have_crl;
};

void creds_init(struct creds *c);
void creds_free(struct creds *c);

/*
 * Loads what `e` names. Returns 0, or -1 with a sentence in err such as
 * "assets/server-rsa.crt: cannot open certificate file: No such file or directory".
 */
int creds_load(struct creds *c, const struct endpoint_spec *e, const char *assets_dir,
               struct rng *rng, char *err, size_t errlen);

/*
 * mbed TLS's SNI callback (mbedtls_ssl_conf_sni) for a server whose `names` are set;
 * arg is its struct endpoint_spec. Returns 0 when the ClientHello's server_name is one
 * of them (case-insensitive, RFC 6066 3), else -1: mbed TLS then refuses the hello with
 * a fatal unrecognized_name alert (MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME).
 */
struct mbedtls_ssl_context;
int creds_serves_name(void *arg, struct mbedtls_ssl_context *ssl, const unsigned char *name, size_t len);

#endif
