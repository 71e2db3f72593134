/*
 * tests/bench/bare.c — the baseline a tlsstep process is measured against: one
 * process, one handshake (two for a resumption) between an mbed TLS client and
 * server over an in-memory pipe, configured as the bundled scenario of the same
 * name and loading the same certificate and key files; then the scenario's
 * application data each way and close_notify, as tlsstep's engine does. Nothing is
 * captured, decoded, checked or printed: what any program doing this handshake
 * pays, process start included.
 *
 *   bare NAME [--data N] [-v]  NAME: one of the scenarios in `configs` below
 *                              --data N: N bytes of application data each way
 *                              instead of the scenario's request and response
 *                              -v: say how many bytes crossed in each connection
 * Exit 0 when both ends finished, 1 when the run failed, 2 on bad usage.
 *
 * The configurations are written out here, not read from the scenario files, so
 * the baseline uses mbed TLS alone (no tlsstep code, no libinih); bench.c loads
 * each of its names as a bundled scenario and runs this program with it. Keep
 * them in step with lessons/scenarios/NAME.scenario (bare -v prints the bytes
 * that crossed, to compare with the run's record_hex).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#include "config.h"

enum resume { NO_RESUME, TICKET };

struct config {
	const char *name;
	mbedtls_ssl_protocol_version version;
	int client_suites[7], server_suites[7]; /* empty: the library's defaults */
	bool client_ems_off;
	const char *ca, *cert, *key;
	enum resume resume;
};

static const struct config configs[] = {
	{ "tls12-ecdhe-rsa", MBEDTLS_SSL_VERSION_TLS1_2,
	  { MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	    MBEDTLS_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, MBEDTLS_TLS_RSA_WITH_AES_128_GCM_SHA256 },
	  { MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 }, false, "ca-rsa.crt", "server-rsa.crt", "server-rsa.key",
	  NO_RESUME },
	{ "tls12-ecdhe-ecdsa", MBEDTLS_SSL_VERSION_TLS1_2, { MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 },
	  { MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 }, false, "ca-ec.crt", "server-ec.crt", "server-ec.key",
	  NO_RESUME },
	{ "tls12-rsa", MBEDTLS_SSL_VERSION_TLS1_2, { MBEDTLS_TLS_RSA_WITH_AES_128_GCM_SHA256 },
	  { MBEDTLS_TLS_RSA_WITH_AES_128_GCM_SHA256 }, true, "ca-rsa.crt", "server-rsa.crt", "server-rsa.key", NO_RESUME },
	{ "tls13", MBEDTLS_SSL_VERSION_TLS1_3, { 0 }, { 0 }, false, "ca-rsa.crt", "server-rsa.crt", "server-rsa.key",
	  NO_RESUME },
	{ "tls13-resume", MBEDTLS_SSL_VERSION_TLS1_3, { 0 }, { 0 }, false, "ca-rsa.crt", "server-rsa.crt",
	  "server-rsa.key", TICKET },
	{ "tls12-resume-ticket", MBEDTLS_SSL_VERSION_TLS1_2, { 0 }, { 0 }, false, "ca-rsa.crt", "server-rsa.crt",
	  "server-rsa.key", TICKET },
};

/* The bundled scenarios' application data (the files in lessons/scenarios). */
static const char request[] = "GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
static const char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n";

/* One direction of the in-memory pipe. */
struct lane {
	unsigned char *data;
	size_t len, cap, read;
	size_t sent, taken; /* all bytes ever sent on it, and read from it */
};

enum op { OP_HANDSHAKE, OP_WRITE, OP_READ, OP_CLOSE, OP_READ_CLOSE, OP_END };

struct end {
	bool client;
	mbedtls_ssl_context ssl;
	mbedtls_ssl_config conf;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_x509_crt cert, ca;
	mbedtls_pk_context key;
	int suites[8];
	struct lane *in, *out;
	const enum op *program;
	int pc;
	const unsigned char *data;
	size_t len, done, expect, got;
};

static int lane_send(void *p, const unsigned char *buf, size_t n)
{
	struct end *x = p;
	struct lane *l = x->out;
	if (l->len + n > l->cap) {
		size_t cap = l->cap ? l->cap : 16384;
		while (cap < l->len + n)
			cap *= 2;
		unsigned char *d = realloc(l->data, cap);
		if (!d)
			return MBEDTLS_ERR_SSL_ALLOC_FAILED;
		l->data = d;
		l->cap = cap;
	}
	memcpy(l->data + l->len, buf, n);
	l->len += n;
	l->sent += n;
	return (int)n;
}

static int lane_recv(void *p, unsigned char *buf, size_t n)
{
	struct end *x = p;
	struct lane *l = x->in;
	size_t k = l->len - l->read < n ? l->len - l->read : n;
	if (!k)
		return MBEDTLS_ERR_SSL_WANT_READ;
	memcpy(buf, l->data + l->read, k);
	l->read += k;
	l->taken += k;
	if (l->read == l->len)
		l->read = l->len = 0;
	return (int)k;
}

/* A fixed entropy source: the baseline's randomness costs what the seeded generator's does. */
static int fixed_entropy(void *p, unsigned char *out, size_t n)
{
	unsigned *counter = p;
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)(*counter)++;
	return 0;
}

/* The client speaks first, the server answers, the client closes first (engine.c's program()). */
static const enum op client_program[] = { OP_HANDSHAKE, OP_WRITE, OP_READ, OP_CLOSE, OP_READ_CLOSE, OP_END };
static const enum op server_program[] = { OP_HANDSHAKE, OP_READ, OP_WRITE, OP_READ_CLOSE, OP_CLOSE, OP_END };

/* One call into the library for the end's current operation; returns whether it got anywhere. */
static bool step(struct end *x, int *failed)
{
	unsigned char buf[16384];
	int rc;
	switch (x->program[x->pc]) {
	case OP_HANDSHAKE:
		rc = mbedtls_ssl_handshake(&x->ssl);
		break;
	case OP_WRITE:
		rc = mbedtls_ssl_write(&x->ssl, x->data + x->done, x->len - x->done);
		if (rc > 0) {
			x->done += (size_t)rc;
			if (x->done < x->len)
				return true;
			rc = 0;
		}
		break;
	case OP_READ:
		rc = mbedtls_ssl_read(&x->ssl, buf, sizeof(buf));
		if (rc > 0) {
			x->got += (size_t)rc;
			if (x->got < x->expect)
				return true;
			rc = 0;
		}
		break;
	case OP_CLOSE:
		rc = mbedtls_ssl_close_notify(&x->ssl);
		break;
	case OP_READ_CLOSE:
		rc = mbedtls_ssl_read(&x->ssl, buf, sizeof(buf));
		if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
			rc = 0;
		break;
	default:
		return false;
	}
	if (rc == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
		return true;
	if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
		return false;
	if (rc < 0) {
		*failed = rc;
		return false;
	}
	x->pc++;
	return true;
}

/* One connection on fresh contexts; the client offers `resume` when there is one. Returns 0 or an error. */
static int run_connection(struct end e[2], const char *host, const mbedtls_ssl_session *resume)
{
	for (int i = 0; i < 2; i++) {
		int rc = mbedtls_ssl_setup(&e[i].ssl, &e[i].conf);
		if (rc)
			return rc;
		mbedtls_ssl_set_bio(&e[i].ssl, &e[i], lane_send, lane_recv, NULL);
		e[i].pc = 0;
		e[i].done = e[i].got = 0;
	}
	int rc = mbedtls_ssl_set_hostname(&e[0].ssl, host);
	if (!rc && resume)
		rc = mbedtls_ssl_set_session(&e[0].ssl, resume);
	int failed = 0;
	while (!rc && !failed && (e[0].program[e[0].pc] != OP_END || e[1].program[e[1].pc] != OP_END)) {
		/* A call that sent or read bytes moved on even when it ends wanting more. */
		size_t before = e[0].out->sent + e[0].out->taken + e[1].out->sent + e[1].out->taken;
		bool moved = step(&e[0], &failed);
		moved |= step(&e[1], &failed);
		moved |= e[0].out->sent + e[0].out->taken + e[1].out->sent + e[1].out->taken != before;
		if (!moved && !failed)
			failed = -1; /* stalled: neither end can go on */
	}
	return rc ? rc : failed;
}

static int setup(struct end *x, const struct config *c, unsigned *entropy, mbedtls_ssl_ticket_context *ticket)
{
	char path[4096];
	int rc;
	const char *pers = x->client ? "client" : "server";
	if ((rc = mbedtls_ctr_drbg_seed(&x->drbg, fixed_entropy, entropy, (const unsigned char *)pers, strlen(pers))))
		return rc;
	if ((rc = mbedtls_ssl_config_defaults(&x->conf, x->client ? MBEDTLS_SSL_IS_CLIENT : MBEDTLS_SSL_IS_SERVER,
	                                      MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT)))
		return rc;
	mbedtls_ssl_conf_rng(&x->conf, mbedtls_ctr_drbg_random, &x->drbg);
	mbedtls_ssl_conf_min_tls_version(&x->conf, c->version);
	mbedtls_ssl_conf_max_tls_version(&x->conf, c->version);
	const int *suites = x->client ? c->client_suites : c->server_suites;
	if (suites[0]) {
		memcpy(x->suites, suites, sizeof(c->client_suites));
		x->suites[7] = 0;
		mbedtls_ssl_conf_ciphersuites(&x->conf, x->suites);
	}
	if (x->client) {
		if (c->client_ems_off)
			mbedtls_ssl_conf_extended_master_secret(&x->conf, MBEDTLS_SSL_EXTENDED_MS_DISABLED);
		snprintf(path, sizeof(path), "%s/%s", TLSSTEP_ASSETS_DIR, c->ca);
		if ((rc = mbedtls_x509_crt_parse_file(&x->ca, path)))
			return rc;
		mbedtls_ssl_conf_ca_chain(&x->conf, &x->ca, NULL);
		mbedtls_ssl_conf_authmode(&x->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
		if (c->resume == TICKET)
			mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
				&x->conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
	} else {
		snprintf(path, sizeof(path), "%s/%s", TLSSTEP_ASSETS_DIR, c->cert);
		if ((rc = mbedtls_x509_crt_parse_file(&x->cert, path)))
			return rc;
		snprintf(path, sizeof(path), "%s/%s", TLSSTEP_ASSETS_DIR, c->key);
		if ((rc = mbedtls_pk_parse_keyfile(&x->key, path, NULL, mbedtls_ctr_drbg_random, &x->drbg)))
			return rc;
		if ((rc = mbedtls_ssl_conf_own_cert(&x->conf, &x->cert, &x->key)))
			return rc;
		mbedtls_ssl_conf_authmode(&x->conf, MBEDTLS_SSL_VERIFY_NONE);
		if (c->resume == TICKET) {
			if ((rc = mbedtls_ssl_ticket_setup(ticket, mbedtls_ctr_drbg_random, &x->drbg, MBEDTLS_CIPHER_AES_256_GCM,
			                                   86400)))
				return rc;
			mbedtls_ssl_conf_session_tickets_cb(&x->conf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse, ticket);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct config *c = NULL;
	long data = -1;
	bool verbose = false, bad = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--data") && i + 1 < argc)
			data = atol(argv[++i]);
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (c)
			bad = true;
		else
			for (size_t k = 0; k < sizeof(configs) / sizeof(configs[0]); k++)
				if (!strcmp(argv[i], configs[k].name))
					c = &configs[k];
	}
	if (!c || bad) {
		fprintf(stderr, "usage: bare NAME [--data N] [-v]; NAME one of:");
		for (size_t k = 0; k < sizeof(configs) / sizeof(configs[0]); k++)
			fprintf(stderr, " %s", configs[k].name);
		fprintf(stderr, "\n");
		return 2;
	}
	unsigned char *fill = NULL;
	if (data >= 0 && !(fill = malloc((size_t)data + 1)))
		return 1;
	if (fill)
		memset(fill, 'x', (size_t)data);

	static struct lane lanes[2];
	struct end e[2];
	mbedtls_ssl_ticket_context ticket;
	mbedtls_ssl_session session;
	unsigned entropy[2] = { 1, 2 };
	int rc = (int)psa_crypto_init();
	mbedtls_ssl_ticket_init(&ticket);
	mbedtls_ssl_session_init(&session);
	for (int i = 0; i < 2; i++) {
		struct end *x = &e[i];
		memset(x, 0, sizeof(*x));
		x->client = i == 0;
		mbedtls_ssl_init(&x->ssl);
		mbedtls_ssl_config_init(&x->conf);
		mbedtls_ctr_drbg_init(&x->drbg);
		mbedtls_x509_crt_init(&x->cert);
		mbedtls_x509_crt_init(&x->ca);
		mbedtls_pk_init(&x->key);
		x->out = &lanes[i];
		x->in = &lanes[1 - i];
		x->program = x->client ? client_program : server_program;
		x->data = fill ? fill : (const unsigned char *)(x->client ? request : response);
		x->len = fill ? (size_t)data : strlen((const char *)x->data);
		x->expect = fill ? (size_t)data : strlen(x->client ? response : request);
		if (!rc)
			rc = setup(x, c, &entropy[i], &ticket);
	}
	if (!rc)
		rc = run_connection(e, "www.example.com", NULL);
	size_t first = lanes[0].sent + lanes[1].sent;
	if (!rc && c->resume != NO_RESUME) {
		/* The second connection offers the first one's session (engine.c's resume()). */
		rc = mbedtls_ssl_get_session(&e[0].ssl, &session);
		for (int i = 0; i < 2; i++) {
			mbedtls_ssl_free(&e[i].ssl);
			mbedtls_ssl_init(&e[i].ssl);
		}
		if (!rc)
			rc = run_connection(e, "www.example.com", &session);
	}
	if (verbose)
		printf("%s: %zu bytes crossed in connection 1, %zu in connection 2\n", c->name, first,
		       lanes[0].sent + lanes[1].sent - first);
	int status = rc ? 1 : 0;
	if (rc)
		fprintf(stderr, "bare %s: mbed TLS error -0x%04x\n", c->name, (unsigned)-rc);
	mbedtls_ssl_session_free(&session);
	mbedtls_ssl_ticket_free(&ticket);
	for (int i = 0; i < 2; i++) {
		mbedtls_ssl_free(&e[i].ssl);
		mbedtls_ssl_config_free(&e[i].conf);
		mbedtls_ctr_drbg_free(&e[i].drbg);
		mbedtls_x509_crt_free(&e[i].cert);
		mbedtls_x509_crt_free(&e[i].ca);
		mbedtls_pk_free(&e[i].key);
		free(lanes[i].data);
	}
	free(fill);
	mbedtls_psa_crypto_free();
	return status;
}
