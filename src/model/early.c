/* model/early.c — see early.h. */
#include "model/early.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/sig.h"
#include "util/buf.h"
#include "wire/decode.h"
#include "wire/fields.h"
#include "wire/record.h"

enum { EARLY_MAX_JOBS = 8 };

/* One signature check. */
struct job {
	pthread_t thread;
	bool running;
	/* inputs: the signer's certificate, the signed content and the signature */
	struct buf cert, content, sig;
	uint16_t scheme;
	/* result */
	int rc;
	char err[200];
};

struct early {
	struct job jobs[EARLY_MAX_JOBS];
	size_t njobs;
	/* What the observer has seen of the current connection's clear TLS 1.2 handshake. */
	int connection;
	uint8_t client_random[32], server_random[32];
	bool have_cr, have_sr, tls12, ccs[2];
	uint16_t suite;
	struct buf cert; /* the server's end-entity certificate (DER) */
	unsigned hits;   /* checks answered from a background result */
};

struct early *early_new(void)
{
	return xcalloc(1, sizeof(struct early));
}

static void *run_job(void *arg)
{
	struct job *j = arg;
	j->rc = check_signature(j->cert.data, j->cert.len, j->scheme, j->content.data, j->content.len, j->sig.data,
	                        j->sig.len, j->err, sizeof(j->err));
	return NULL;
}

/* Starts a job on its own thread, or runs it here if no thread can be had. */
static void start(struct job *j)
{
	j->running = pthread_create(&j->thread, NULL, run_job, j) == 0;
	if (!j->running)
		run_job(j);
}

static struct job *new_job(struct early *e)
{
	if (e->njobs == EARLY_MAX_JOBS)
		return NULL;
	struct job *j = &e->jobs[e->njobs++];
	memset(j, 0, sizeof(*j));
	return j;
}

/* RFC 5246 §7.4.3: the server signs client_random + server_random + its parameters. */
static void server_key_exchange(struct early *e, const uint8_t *msg, size_t len)
{
	struct decode_ctx ctx = { 0x0303, decode_kx_of_suite(e->suite), true };
	struct fields f;
	struct decode_info info;
	struct wire_error err;
	size_t slen = 0, hlen = 0;
	fields_init(&f);
	if (decode_handshake(&ctx, msg, len, &f, &info, &err) == 0) {
		const uint8_t *sig = fields_bytes(&f, msg, "signature", true, &slen);
		const uint8_t *sch = fields_bytes(&f, msg, "signature_scheme", true, &hlen);
		struct buf content = { 0 };
		struct job *j = NULL;
		if (sig && sch && hlen == 2 && check_ske_content(&f, msg, e->client_random, e->server_random, &content) &&
		    (j = new_job(e))) {
			j->content = content; /* the job owns it now */
			content = (struct buf){ 0 };
			buf_set(&j->cert, e->cert.data, e->cert.len);
			buf_set(&j->sig, sig, slen);
			j->scheme = (uint16_t)(sch[0] << 8 | sch[1]);
			start(j);
		}
		buf_free(&content);
	}
	fields_free(&f);
}

/* One whole handshake message of the clear TLS 1.2 handshake. */
static void message(struct early *e, enum side from, const uint8_t *msg, size_t len)
{
	const uint8_t *body = msg + 4;
	size_t blen = len - 4;
	switch (msg[0]) {
	case 1: /* ClientHello: its random */
		if (from == SIDE_CLIENT && blen >= 34) {
			memcpy(e->client_random, body + 2, 32);
			e->have_cr = true;
		}
		break;
	case 2: { /* ServerHello: its random, the version and the suite */
		struct decode_ctx ctx = { 0, KX_UNKNOWN, true };
		struct fields f;
		struct decode_info info;
		struct wire_error err;
		fields_init(&f);
		if (from == SIDE_SERVER && blen >= 34 && decode_handshake(&ctx, msg, len, &f, &info, &err) == 0 &&
		    !info.is_hrr) {
			memcpy(e->server_random, body + 2, 32);
			e->have_sr = true;
			e->tls12 = info.version == 0x0303;
			e->suite = info.suite;
		}
		fields_free(&f);
		break;
	}
	case 11: /* Certificate: the first of the list is the server's own */
		if (from == SIDE_SERVER && e->tls12 && blen >= 6) {
			size_t n = (size_t)body[3] << 16 | (size_t)body[4] << 8 | body[5];
			if (6 + n <= blen)
				buf_set(&e->cert, body + 6, n);
		}
		break;
	case 12: /* ServerKeyExchange: its signature can be checked now */
		if (from == SIDE_SERVER && e->tls12 && e->have_cr && e->have_sr && e->cert.len)
			server_key_exchange(e, msg, len);
		break;
	}
}

void early_observe(void *ctx, int connection, enum side from, const uint8_t *rec, size_t len)
{
	struct early *e = ctx;
	if (connection != e->connection) {
		e->connection = connection;
		e->have_cr = e->have_sr = e->tls12 = e->ccs[0] = e->ccs[1] = false;
		buf_clear(&e->cert);
	}
	if (len < RECORD_HEADER_LEN)
		return;
	if (rec[0] == CT_CHANGE_CIPHER_SPEC)
		e->ccs[from] = true; /* what this side sends next is encrypted */
	if (rec[0] != CT_HANDSHAKE || e->ccs[from])
		return;
	/* Whole messages only: one split across records is left to the model. */
	const uint8_t *p = rec + RECORD_HEADER_LEN;
	size_t left = len - RECORD_HEADER_LEN;
	while (left >= 4) {
		size_t n = 4 + ((size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3]);
		if (n > left)
			break;
		message(e, from, p, n);
		p += n;
		left -= n;
	}
}

void early_join(struct early *e)
{
	for (size_t i = 0; e && i < e->njobs; i++)
		if (e->jobs[i].running) {
			pthread_join(e->jobs[i].thread, NULL);
			e->jobs[i].running = false;
		}
}

unsigned early_hits(const struct early *e)
{
	return e ? e->hits : 0;
}

void early_free(struct early *e)
{
	if (!e)
		return;
	early_join(e);
	for (size_t i = 0; i < e->njobs; i++) {
		buf_free(&e->jobs[i].cert);
		buf_free(&e->jobs[i].content);
		buf_free(&e->jobs[i].sig);
	}
	buf_free(&e->cert);
	free(e);
}

static bool same(const struct buf *b, const uint8_t *p, size_t n)
{
	return b->len == n && (n == 0 || !memcmp(b->data, p, n));
}

int early_signature(struct early *e, const uint8_t *cert, size_t cert_len, uint16_t scheme, const uint8_t *content,
                    size_t content_len, const uint8_t *sig, size_t sig_len, char *err, size_t errlen)
{
	early_join(e);
	for (size_t i = 0; e && i < e->njobs; i++) {
		const struct job *j = &e->jobs[i];
		if (j->scheme == scheme && same(&j->cert, cert, cert_len) &&
		    same(&j->content, content, content_len) && same(&j->sig, sig, sig_len)) {
			snprintf(err, errlen, "%s", j->err);
			e->hits++;
			return j->rc;
		}
	}
	return check_signature(cert, cert_len, scheme, content, content_len, sig, sig_len, err, errlen);
}
