/* spec/scenario.c — see scenario.h. */
#include "spec/scenario.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"

const char *side_name(enum side s)
{
	return s == SIDE_CLIENT ? "client" : "server";
}

enum side side_peer(enum side s)
{
	return s == SIDE_CLIENT ? SIDE_SERVER : SIDE_CLIENT;
}

void scenario_init(struct scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->seed = SPEC_DEFAULT_SEED;
	sc->sim_time = SPEC_DEFAULT_TIME;
	sc->expect.success = true;
	sc->expect.alert = EXPECT_ALERT_ANY;
}

static void endpoint_free(struct endpoint_spec *e)
{
	free(e->cert);
	free(e->key);
	free(e->ca);
	free(e->chain);
	free(e->crl);
	for (size_t i = 0; i < SPEC_MAX_ALPN && e->alpn[i]; i++)
		free(e->alpn[i]);
	for (size_t i = 0; i < SPEC_MAX_NAMES && e->names[i]; i++)
		free(e->names[i]);
}

const char *fault_action_name(enum fault_action a)
{
	static const char *const names[] = { "flip", "set", "truncate", "drop", "duplicate", "reorder", "rewrite" };
	return (unsigned)a < sizeof(names) / sizeof(names[0]) ? names[a] : "?";
}

static void step_free(struct lesson_step *st)
{
	free(st->say);
	free(st->ask);
	free(st->explain);
	for (int c = 0; c < LESSON_MAX_CHOICES; c++)
		free(st->choices[c]);
	free(st->answer_from);
	free(st->answer_value);
}

static void lesson_free(struct lesson *l)
{
	free(l->title);
	free(l->intro);
	free(l->summary);
	free(l->compare);
	for (int i = 0; i < LESSON_MAX_TRIES; i++)
		free(l->tries[i]);
	for (int i = 0; i <= LESSON_MAX_STEPS; i++)
		step_free(&l->steps[i]);
	for (int i = 0; l->rows && i <= LESSON_MAX_ROWS; i++)
		step_free(&l->rows[i]);
	free(l->rows);
	for (int i = 0; i < l->nrefs; i++)
		free(l->refs[i].text);
	free(l->refs);
}

void scenario_free(struct scenario *sc)
{
	lesson_free(&sc->lesson);
	free(sc->name);
	free(sc->title);
	free(sc->source);
	free(sc->file);
	free(sc->hostname);
	free(sc->client_data);
	free(sc->server_data);
	endpoint_free(&sc->client);
	endpoint_free(&sc->server);
	endpoint_free(&sc->attacker);
	free(sc->replace_from);
	free(sc->replace_to);
	scenario_init(sc);
}

void scenario_default(struct scenario *sc)
{
	sc->name = xstrdup("tls12-ecdhe-rsa");
	sc->title = xstrdup("TLS 1.2 ECDHE-RSA with AES-128-GCM: the classic full handshake");
	sc->source = xstrdup("built-in");
	sc->hostname = xstrdup("www.example.com");
	sc->client_auth = CLIENT_AUTH_NONE;

	sc->client.min_version = TLS_V12;
	sc->client.max_version = TLS_V12;
	sc->client.ca = xstrdup("ca-rsa.crt");
	/* The client offers several suites so that the server's choice means something. */
	static const uint16_t offer[] = {
		0xc02b, /* TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 */
		0xc02f, /* TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 */
		0xc030, /* TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 */
		0xcca8, /* TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 */
		0x009e, /* TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 */
		0x009c, /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
		0,
	};
	memcpy(sc->client.suites, offer, sizeof(offer));

	sc->server.min_version = TLS_V12;
	sc->server.max_version = TLS_V12;
	sc->server.cert = xstrdup("server-rsa.crt");
	sc->server.key = xstrdup("server-rsa.key");
	static const uint16_t accept[] = { 0xc02f, 0 };
	memcpy(sc->server.suites, accept, sizeof(accept));

	sc->client_data = xstrdup("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n");
	sc->server_data = xstrdup("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n");
}

void scenario_credential_path(const char *name, const char *assets_dir, char *out, size_t cap)
{
	if (strchr(name, '/'))
		snprintf(out, cap, "%s", name);
	else
		snprintf(out, cap, "%s/%s", assets_dir, name);
}

const char *scenario_credential_key(enum credential k)
{
	static const char *const keys[CRED_COUNT] = { "cert", "key", "ca", "chain", "crl" };
	return keys[k];
}

const char *scenario_credential_what(enum credential k)
{
	static const char *const whats[CRED_COUNT] = { "certificate", "private key", "CA certificate",
		                                           "chain of CA certificates", "CRL" };
	return whats[k];
}

static const char *credential_name(const struct endpoint_spec *e, enum credential k)
{
	const char *names[CRED_COUNT] = { e->cert, e->key, e->ca, e->chain, e->crl };
	return names[k];
}

void scenario_credential_where(const struct endpoint_spec *e, enum credential k, char *out, size_t cap)
{
	const int lines[CRED_COUNT] = { e->cert_line, e->key_line, e->ca_line, e->chain_line, e->crl_line };
	int line = lines[k];
	if (e->file && line > 0)
		snprintf(out, cap, "%s:%d: %s = ", e->file, line, scenario_credential_key(k));
	else
		snprintf(out, cap, "%s", "");
}

int scenario_credential_check(const struct endpoint_spec *e, enum credential k, const char *assets_dir, char *path,
                              size_t cap, char *err, size_t errlen)
{
	const char *name = credential_name(e, k);
	if (cap)
		path[0] = '\0';
	if (!name)
		return 0;
	scenario_credential_path(name, assets_dir, path, cap);
	char where[1100];
	scenario_credential_where(e, k, where, sizeof(where));
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s%s: is %s; expected a PEM %s file", where, path,
		         S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO"
		         : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a regular file",
		         scenario_credential_what(k));
		return -1;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s%s: cannot open %s file: %s", where, path, scenario_credential_what(k), strerror(errno));
		return -1;
	}
	fclose(f);
	return 0;
}

int scenario_check_files(const struct scenario *sc, const char *assets_dir, char *err, size_t errlen)
{
	static const enum credential order[] = { CRED_CA, CRED_CRL, CRED_CERT, CRED_KEY, CRED_CHAIN };
	const struct endpoint_spec *ends[3] = { &sc->client, &sc->server, &sc->attacker };
	char path[1024];
	for (int i = 0; i < (sc->has_attacker ? 3 : 2); i++)
		for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
			if (scenario_credential_check(ends[i], order[k], assets_dir, path, sizeof(path), err, errlen))
				return -1;
	return 0;
}
