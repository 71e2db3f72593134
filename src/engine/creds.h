/*
 * engine/creds.h — one end's certificate, private key and trusted CA, loaded
 * from PEM files, found as scenario_credential_path() says.
 */
#ifndef TLSSTEP_ENGINE_CREDS_H
#define TLSSTEP_ENGINE_CREDS_H

#include <stdbool.h>
#include <stddef.h>

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "engine/rng.h"
#include "spec/scenario.h"

struct creds {
	mbedtls_x509_crt cert;
	mbedtls_pk_context key;
	mbedtls_x509_crt ca;
	bool have_cert;
	bool have_ca;
};

void creds_init(struct creds *c);
void creds_free(struct creds *c);

/*
 * Loads what `e` names. Returns 0, or -1 with a sentence in err such as
 * "assets/server-rsa.crt: cannot open certificate file: No such file or directory".
 */
int creds_load(struct creds *c, const struct endpoint_spec *e, const char *assets_dir,
               struct rng *rng, char *err, size_t errlen);

#endif
