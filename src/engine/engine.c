/* engine/engine.c — see engine.h. Debug-dump capture is in engine/capture.c. */
#include "engine/engine.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/debug.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/version.h>

#include "engine/agree.h"
#include "engine/capture.h"
#include "engine/creds.h"
#include "engine/engine_int.h"
#include "engine/fault.h"
#include "engine/mitm.h"
#include "engine/pipe.h"
#include "engine/rng.h"
#include "engine/simclock.h"
#include "util/words.h"

/* A run that has not ended after this many rounds is reported as a stall. */
#define MAX_ROUNDS 10000

/* The pipe of a connection: a man in the middle has one each; a resumption reuses the first. */
static struct pipe *pipe_of(struct engine *e, int connection)
{
	return e->mitm && connection == 2 ? &e->pipe2 : &e->pipe;
}

static struct buf *stream_of(struct engine_run *run, int connection, enum side role)
{
	return run->mitm && connection == 2 ? &run->stream2[role] : &run->stream[role];
}

const struct buf *engine_run_stream(const struct engine_run *run, int connection, enum side role)
{
	return run->mitm && connection == 2 ? &run->stream2[role] : &run->stream[role];
}

static struct engine_event *add_event(struct engine *e, enum engine_event_kind kind, enum side side)
{
	struct engine_run *run = e->run;
	const struct pipe *pipe = pipe_of(e, e->connection);
	if (run->nev == run->cap) {
		run->cap = run->cap ? run->cap * 2 : 64;
		run->ev = xrealloc(run->ev, run->cap * sizeof(*run->ev));
	}
	struct engine_event *ev = &run->ev[run->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->side = side;
	ev->connection = e->connection;
	for (int s = 0; s < 2; s++) {
		ev->sent[s] = pipe->dir[s].sent;
		ev->consumed[s] = pipe->dir[s].consumed;
	}
	return ev;
}

static struct engine_event *on_secret_event(struct engine *e, enum side side, const char *name, const uint8_t *p,
                                            size_t n)
{
	struct engine_event *ev = add_event(e, ENGINE_EV_SECRET, side);
	snprintf(ev->name, sizeof(ev->name), "%s", name);
	buf_append(&ev->data, p, n);
	return ev;
}

static void on_secret(void *arg, enum side side, const char *name, const uint8_t *p, size_t n)
{
	on_secret_event(arg, side, name, p, n);
}

static void on_agreement(void *arg, enum side side, const char *name, const uint8_t *p, size_t n)
{
	on_secret_event(arg, side, name, p, n);
}

static void on_fault(void *arg, enum side from, const char *text, const struct fault_change *ch, size_t nch,
                     const uint8_t *sent, size_t nsent)
{
	struct engine *e = arg;
	struct engine_event *ev = add_event(e, ENGINE_EV_FAULT, from);
	buf_append(&ev->data, text, strlen(text) + 1);
	if (sent)
		buf_append(&ev->as_sent, sent, nsent);
	for (size_t i = 0; i < nch && ev->nfault < sizeof(ev->fault_off) / sizeof(ev->fault_off[0]); i++, ev->nfault++) {
		ev->fault_off[ev->nfault] = ch[i].offset;
		ev->fault_was[ev->nfault] = ch[i].was;
		ev->fault_now[ev->nfault] = ch[i].now;
	}
}

/* The pipe's tap: every record as it is delivered. */
static void on_record(void *arg, enum side from, const uint8_t *rec, size_t len)
{
	struct engine *e = arg;
	if (pipe_of(e, e->connection)->dir[from].releasing)
		fault_released(&e->faults, from);
	struct engine_event *ev = add_event(e, ENGINE_EV_RECORD, from);
	struct buf *stream = stream_of(e->run, e->connection, from);
	ev->offset = stream->len;
	ev->length = len;
	/* The event's positions are taken before delivery; the record ends here. */
	ev->sent[from] += len;
	buf_append(stream, rec, len);
	if (e->observe)
		e->observe(e->observe_ctx, e->connection, from, rec, len);
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
	struct end *x = ctx;
	pipe_send(x->pipe, x->side, buf, len);
	return (int)len;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
	struct end *x = ctx;
	size_t n = pipe_recv(x->pipe, x->side, buf, len);
	return n ? (int)n : MBEDTLS_ERR_SSL_WANT_READ;
}

/* mbed TLS's key-export callback (RFC 5705-style hook, ssl.h). */
static void on_export_keys(void *p, mbedtls_ssl_key_export_type type, const unsigned char *secret,
                           size_t len, const unsigned char client_random[32],
                           const unsigned char server_random[32], mbedtls_tls_prf_types prf)
{
	struct end *x = p;
	struct engine_side *s = x->out;
	static const char *const names[] = {
		[MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET] = "master_secret",
		[MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_EARLY_SECRET] = "client_early_traffic_secret",
		[MBEDTLS_SSL_KEY_EXPORT_TLS1_3_EARLY_EXPORTER_SECRET] = "early_exporter_master_secret",
		[MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET] = "client_handshake_traffic_secret",
		[MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET] = "server_handshake_traffic_secret",
		[MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_APPLICATION_TRAFFIC_SECRET] = "client_application_traffic_secret_0",
		[MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET] = "server_application_traffic_secret_0",
	};
	memcpy(s->client_random, client_random, 32);
	memcpy(s->server_random, server_random, 32);
	s->prf_type = (int)prf;
	if ((size_t)type < sizeof(names) / sizeof(names[0]) && names[type]) {
		struct engine_event *ev = on_secret_event(x->e, x->side, names[type], secret, len);
		memcpy(ev->client_random, client_random, 32);
		memcpy(ev->server_random, server_random, 32);
		ev->has_randoms = true;
	}
}

static int current_state(const struct end *x)
{
	/* mbed TLS 3.6 has no public getter for the exact state; reading it is safe. */
	return x->ssl.MBEDTLS_PRIVATE(state);
}

/* A fresh SSL context on the end's configuration: one connection. */
static int start_connection(struct end *x, const struct scenario *sc)
{
	int rc;
	if ((rc = mbedtls_ssl_setup(&x->ssl, &x->conf)) != 0)
		return rc;
	if (x->side == SIDE_CLIENT && (rc = mbedtls_ssl_set_hostname(&x->ssl, sc->hostname)) != 0)
		return rc;
	mbedtls_ssl_set_bio(&x->ssl, x, bio_send, bio_recv, NULL);
	if (!x->e->bare)
		mbedtls_ssl_set_export_keys_cb(&x->ssl, on_export_keys, x);
	x->state = current_state(x);
	x->pc = 0;
	x->out_done = 0;
	return 0;
}

static int setup_end(struct engine *e, struct end *x, const struct engine_options *o, char *err, size_t errlen)
{
	const struct scenario *sc = o->sc;
	const struct endpoint_spec *spec = x->spec;
	int rc;

	if ((rc = rng_init(&x->rng, o->seed, x->label)) != 0)
		goto lib;
	if (x == &e->end[SIDE_CLIENT] && !e->bare)
		x->rng.tape = &e->run->client_draws;
	if (creds_load(&x->creds, spec, o->assets_dir, &x->rng, err, errlen))
		return ENGINE_ERR_INPUT;
	x->out->cert_not_server =
		x->creds.have_cert && mbedtls_x509_crt_check_extended_key_usage(&x->creds.cert, MBEDTLS_OID_SERVER_AUTH,
		                                                                MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH)) != 0;
	if (x->side == SIDE_SERVER && !x->creds.have_cert) {
		snprintf(err, errlen, "the server has no certificate: the scenario must name one");
		return ENGINE_ERR_INPUT;
	}
	rc = mbedtls_ssl_config_defaults(&x->conf,
	                                 x->side == SIDE_CLIENT ? MBEDTLS_SSL_IS_CLIENT : MBEDTLS_SSL_IS_SERVER,
	                                 MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
	if (rc)
		goto lib;
	mbedtls_ssl_conf_rng(&x->conf, rng_draw, &x->rng);
	if (!e->bare)
		mbedtls_ssl_conf_dbg(&x->conf, capture_debug_line, &x->capture);
	mbedtls_ssl_conf_min_tls_version(&x->conf, (mbedtls_ssl_protocol_version)spec->min_version);
	mbedtls_ssl_conf_max_tls_version(&x->conf, (mbedtls_ssl_protocol_version)spec->max_version);
	if (spec->suites[0]) {
		size_t n = 0;
		while (n < SPEC_MAX_SUITES && spec->suites[n]) {
			x->suites[n] = spec->suites[n];
			n++;
		}
		x->suites[n] = 0;
		mbedtls_ssl_conf_ciphersuites(&x->conf, x->suites);
	}
	if (spec->groups[0]) {
		size_t n = 0;
		while (n < SPEC_MAX_GROUPS && spec->groups[n]) {
			x->groups[n] = spec->groups[n];
			n++;
		}
		x->groups[n] = 0;
		mbedtls_ssl_conf_groups(&x->conf, x->groups);
	}
	if (spec->sig_algs[0]) {
		size_t n = 0;
		while (n < SPEC_MAX_GROUPS && spec->sig_algs[n]) {
			x->sig_algs[n] = spec->sig_algs[n];
			n++;
		}
		x->sig_algs[n] = 0; /* MBEDTLS_TLS1_3_SIG_NONE ends the list */
		mbedtls_ssl_conf_sig_algs(&x->conf, x->sig_algs);
	}
	if (spec->alpn[0]) {
		for (size_t i = 0; i <= SPEC_MAX_ALPN; i++)
			x->alpn[i] = i < SPEC_MAX_ALPN ? spec->alpn[i] : NULL;
		if ((rc = mbedtls_ssl_conf_alpn_protocols(&x->conf, x->alpn)))
			goto lib;
	}
	if (spec->ems != TRI_DEFAULT)
		mbedtls_ssl_conf_extended_master_secret(&x->conf, spec->ems == TRI_ON ? MBEDTLS_SSL_EXTENDED_MS_ENABLED
		                                                                     : MBEDTLS_SSL_EXTENDED_MS_DISABLED);
	if (spec->etm != TRI_DEFAULT)
		mbedtls_ssl_conf_encrypt_then_mac(&x->conf, spec->etm == TRI_ON ? MBEDTLS_SSL_ETM_ENABLED
		                                                                : MBEDTLS_SSL_ETM_DISABLED);
	/* TLS 1.3 key exchange modes (RFC 8446 §4.2.9); SPEC_KEX_* are mbed TLS's own bits. */
	_Static_assert(SPEC_KEX_PSK == MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK &&
	                   SPEC_KEX_EPHEMERAL == MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL &&
	                   SPEC_KEX_PSK_EPHEMERAL == MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL,
	               "SPEC_KEX_* are mbed TLS's key exchange mode bits");
	if (spec->kex_modes)
		mbedtls_ssl_conf_tls13_key_exchange_modes(&x->conf, (int)spec->kex_modes);
	if (x->creds.have_cert && (rc = mbedtls_ssl_conf_own_cert(&x->conf, &x->creds.cert, &x->creds.key)))
		goto lib;
	if (x->creds.have_ca)
		mbedtls_ssl_conf_ca_chain(&x->conf, &x->creds.ca, x->creds.have_crl ? &x->creds.crl : NULL);
	if (x->side == SIDE_SERVER && spec->names[0])
		mbedtls_ssl_conf_sni(&x->conf, creds_serves_name, (void *)spec);
	if (x->side == SIDE_CLIENT) {
		mbedtls_ssl_conf_authmode(&x->conf, x->creds.have_ca ? MBEDTLS_SSL_VERIFY_REQUIRED
		                                                     : MBEDTLS_SSL_VERIFY_NONE);
	} else {
		static const int mode[] = {
			[CLIENT_AUTH_NONE] = MBEDTLS_SSL_VERIFY_NONE,
			[CLIENT_AUTH_OPTIONAL] = MBEDTLS_SSL_VERIFY_OPTIONAL,
			[CLIENT_AUTH_REQUIRED] = MBEDTLS_SSL_VERIFY_REQUIRED,
		};
		mbedtls_ssl_conf_authmode(&x->conf, x->attacker ? MBEDTLS_SSL_VERIFY_NONE : mode[sc->client_auth]);
	}
	if (sc->renegotiate != RENEG_NONE) {
		/* Off by default in mbed TLS; and never with a peer that lacks RFC 5746 (the
		 * library's default too, said here because it is the point of the run). */
		mbedtls_ssl_conf_renegotiation(&x->conf, MBEDTLS_SSL_RENEGOTIATION_ENABLED);
		mbedtls_ssl_conf_legacy_renegotiation(&x->conf, MBEDTLS_SSL_LEGACY_NO_RENEGOTIATION);
	}
	if (x->side == SIDE_SERVER && sc->resume == RESUME_SESSION_ID)
		mbedtls_ssl_conf_session_cache(&x->conf, &e->cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
	if (x->side == SIDE_SERVER && sc->resume == RESUME_TICKET) {
		if ((rc = mbedtls_ssl_ticket_setup(&e->ticket, rng_draw, &x->rng, MBEDTLS_CIPHER_AES_256_GCM, 86400)))
			goto lib;
		mbedtls_ssl_conf_session_tickets_cb(&x->conf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse, &e->ticket);
	}
	if (x->side == SIDE_CLIENT && sc->resume == RESUME_SESSION_ID)
		mbedtls_ssl_conf_session_tickets(&x->conf, MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
	/* Since 3.6.1 a TLS 1.3 client ignores NewSessionTicket unless asked to take it. */
	if (x->side == SIDE_CLIENT && sc->resume == RESUME_TICKET)
		mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(&x->conf,
		                                                         MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
	if ((rc = start_connection(x, sc)) != 0)
		goto lib;
	capture_init(&x->capture, x->side, on_secret, e);
	return 0;
lib: {

	char text[128];
	mbedtls_strerror(rc, text, sizeof(text));
	snprintf(err, errlen, "mbed TLS could not set up the %s: %s (-0x%04x)", x->label, text,
	         (unsigned)-rc);
	return ENGINE_ERR_LIBRARY;
}
}

static void program(struct end *x, const struct scenario *sc)
{
	const char *mine = x->side == SIDE_CLIENT ? sc->client_data : sc->server_data;
	const char *theirs = x->side == SIDE_CLIENT ? sc->server_data : sc->client_data;
	int n = 0;
	x->program[n++] = OP_HANDSHAKE;
	x->out_data = mine ? mine : "";
	x->out_len = strlen(x->out_data);
	x->in_expect = theirs ? strlen(theirs) : 0;
	/* The client speaks first; the server answers; the client closes first. */
	if (x->side == SIDE_CLIENT) {
		if (x->out_len)
			x->program[n++] = OP_WRITE;
		if (x->in_expect)
			x->program[n++] = OP_READ;
		if (sc->renegotiate != RENEG_NONE)
			x->program[n++] = sc->renegotiate == RENEG_CLIENT ? OP_RENEGOTIATE : OP_AWAIT_RENEG;
		x->program[n++] = OP_CLOSE;
		x->program[n++] = OP_READ_CLOSE;
	} else {
		if (x->in_expect)
			x->program[n++] = OP_READ;
		if (x->out_len)
			x->program[n++] = OP_WRITE;
		if (sc->renegotiate == RENEG_SERVER)
			x->program[n++] = OP_RENEGOTIATE;
		x->program[n++] = OP_READ_CLOSE;
		x->program[n++] = OP_CLOSE;
	}
	x->program[n] = OP_END;
}

static void fail(struct engine *e, struct end *x, int rc)
{
	struct engine_side *s = x->out;
	s->error = rc;
	mbedtls_strerror(rc, s->error_text, sizeof(s->error_text));
	/* "verification skipped" is no finding: that end was not asked to verify. */
	uint32_t flags = mbedtls_ssl_get_verify_result(&x->ssl);
	if (flags != (uint32_t)-1 && flags != 0 && flags != MBEDTLS_X509_BADCERT_SKIP_VERIFY) {
		s->verify_flags = flags;
		/* One reason per line from mbed TLS; one line here, reasons joined by "; ". */
		char info[sizeof(s->verify_text)];
		mbedtls_x509_crt_verify_info(info, sizeof(info), "", flags);
		size_t o = 0;
		for (const char *p = info; *p && o + 3 < sizeof(s->verify_text);) {
			size_t n = strcspn(p, "\n");
			if (n && o)
				o += (size_t)snprintf(s->verify_text + o, sizeof(s->verify_text) - o, "; ");
			o += (size_t)snprintf(s->verify_text + o, sizeof(s->verify_text) - o, "%.*s", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	struct engine_event *ev = add_event(e, ENGINE_EV_ERROR, x->side);
	ev->error = rc;
	snprintf(ev->name, sizeof(ev->name), "%.63s", s->error_text);
}

/* A STATE event when the end's handshake state moved since it was last seen. */
static void note_state(struct engine *e, struct end *x)
{
	int st = current_state(x);
	if (st != x->state) {
		struct engine_event *ev = add_event(e, ENGINE_EV_STATE, x->side);
		ev->state_from = x->state;
		ev->state_to = st;
		x->state = st;
	}
}

/* One step of the end's handshake state machine (the first handshake or a renegotiation). */
static int handshake_step(struct engine *e, struct end *x)
{
	/*
		 * mbed TLS dumps the TLS 1.2 premaster secret at debug level 3 when it derives
		 * the keys: the server as it reads the ClientKeyExchange, the client in the
		 * state after writing it (CertificateVerify, sent or not). That dump is the one
		 * thing capture.c reads; every other level-3 line (each record and certificate
		 * in hex) only costs time, about a tenth of a handshake. So level 3 is on for
		 * those two states alone.
		 */
	if (!e->bare) {
		int now = current_state(x);
		mbedtls_debug_set_threshold(now == MBEDTLS_SSL_CLIENT_KEY_EXCHANGE ||
		                            now == MBEDTLS_SSL_CERTIFICATE_VERIFY ? 3 : 0);
	}
	int rc = mbedtls_ssl_handshake_step(&x->ssl);
	note_state(e, x);
	mbedtls_debug_set_threshold(0);
	return rc;
}

/*
 * A renegotiation is under way once an end's state machine has left HandshakeOver
 * after its first handshake: mbed TLS starts it inside mbedtls_ssl_renegotiate (the
 * client) or mbedtls_ssl_read (an end that reads the peer's ClientHello or
 * HelloRequest), and runs it to where it must wait. From there it is stepped here
 * like the first handshake, so that each state is seen and the premaster secret
 * dumped; the end's program goes on when it is over.
 */
static bool renegotiating(const struct end *x)
{
	/* (A TLS 1.3 client leaves HandshakeOver too, for a NewSessionTicket: not a handshake.) */
	return x->e->renegotiate && x->program[x->pc] != OP_HANDSHAKE &&
	       mbedtls_ssl_get_version_number(&x->ssl) == MBEDTLS_SSL_VERSION_TLS1_2 &&
	       current_state(x) != MBEDTLS_SSL_HANDSHAKE_OVER;
}

/* What the end remembers of the first handshake's Finished, as a scenario fault may change it
 * before a renegotiation quotes it (engine/fault.h): the client's own; the server's peer's then own. */
static void verify_data_faults(struct engine *e)
{
	for (int i = 0; i < 2; i++) {
		mbedtls_ssl_context *ssl = &e->end[i].ssl;
		size_t n = ssl->MBEDTLS_PRIVATE(verify_data_len);
		char *own = ssl->MBEDTLS_PRIVATE(own_verify_data), *peer = ssl->MBEDTLS_PRIVATE(peer_verify_data);
		uint8_t vd[2 * MBEDTLS_SSL_VERIFY_DATA_MAX_LEN];
		if (i == SIDE_CLIENT) {
			memcpy(vd, own, n);
			fault_verify_data(&e->faults, SIDE_CLIENT, vd, n);
			memcpy(own, vd, n);
		} else {
			memcpy(vd, peer, n);
			memcpy(vd + n, own, n);
			fault_verify_data(&e->faults, SIDE_SERVER, vd, 2 * n);
			memcpy(peer, vd, n);
			memcpy(own, vd + n, n);
		}
	}
}

/* OP_RENEGOTIATE and OP_AWAIT_RENEG. Returns as drive does; *rc the library's code. */
static int start_renegotiation(struct engine *e, struct end *x, int *rc)
{
	if (x->program[x->pc] == OP_RENEGOTIATE) {
		if (x->side == SIDE_CLIENT)
			verify_data_faults(e);
		*rc = mbedtls_ssl_renegotiate(&x->ssl);
		note_state(e, x);
		if (*rc == 0 || *rc == MBEDTLS_ERR_SSL_WANT_READ) {
			x->pc++;
			return 1;
		}
		return -1;
	}
	/* The client waits for the HelloRequest; reading it starts the new handshake. */
	verify_data_faults(e);
	unsigned char tmp[4096];
	*rc = mbedtls_ssl_read(&x->ssl, tmp, sizeof(tmp));
	note_state(e, x);
	if (*rc > 0) {
		buf_append(&x->out->received, tmp, (size_t)*rc);
		return 1;
	}
	if (current_state(x) != MBEDTLS_SSL_HANDSHAKE_OVER) {
		x->pc++;
		return 1;
	}
	return *rc == MBEDTLS_ERR_SSL_WANT_READ ? 0 : -1;
}

/* Runs one operation of one end once. Returns 1 if it got anywhere, 0 if it waits, -1 if it failed. */
static int drive(struct engine *e, struct end *x)
{
	struct engine_side *s = x->out;
	int rc = 0;
	if (renegotiating(x)) {
		rc = handshake_step(e, x);
		if (rc == 0)
			return 1;
		goto out;
	}
	switch (x->program[x->pc]) {
	case OP_OPEN:
	case OP_ACCEPT:
	case OP_RELAY:
		return mitm_drive(e, x);
	case OP_RENEGOTIATE:
	case OP_AWAIT_RENEG: {
		int r = start_renegotiation(e, x, &rc);
		if (r >= 0)
			return r;
		break;
	}
	case OP_HANDSHAKE: {
		rc = handshake_step(e, x);
		int st = current_state(x);
		if (rc == 0) {
			/* A TLS 1.3 server is "over" before its NewSessionTicket is out: wait for the exact state. */
			if (st == MBEDTLS_SSL_HANDSHAKE_OVER) {
				s->handshake_done = true;
				x->pc++;
			}
			return 1;
		}
		break;
	}
	case OP_WRITE:
		rc = mbedtls_ssl_write(&x->ssl, (const unsigned char *)x->out_data + x->out_done,
		                       x->out_len - x->out_done);
		if (rc > 0) {
			x->out_done += (size_t)rc;
			if (x->out_done == x->out_len)
				x->pc++;
			return 1;
		}
		break;
	case OP_READ:
	case OP_READ_CLOSE: {
		unsigned char tmp[4096];
		rc = mbedtls_ssl_read(&x->ssl, tmp, sizeof(tmp));
		note_state(e, x); /* reading a peer's ClientHello may have started a renegotiation */
		if (rc > 0) {
			buf_append(&s->received, tmp, (size_t)rc);
			if (x->program[x->pc] == OP_READ && s->received.len >= x->in_expect)
				x->pc++;
			return 1;
		}
		if (rc == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
			return 1;
		if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY && x->program[x->pc] == OP_READ_CLOSE) {
			x->pc++;
			return 1;
		}
		if (rc == 0)
			rc = MBEDTLS_ERR_SSL_CONN_EOF;
		break;
	}
	case OP_CLOSE:
		rc = mbedtls_ssl_close_notify(&x->ssl);
		if (rc == 0) {
			x->pc++;
			return 1;
		}
		break;
	case OP_END:
		return 0;
	}
out:
	if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
		return 0;
	fail(e, x, rc);
	return -1;
}

static void describe_stall(struct engine *e)
{
	char part[4][110];
	for (int i = 0; i < e->nends; i++) {
		struct end *x = &e->end[i];
		struct engine_side *s = x->out;
		if (s->error)
			snprintf(part[i], sizeof(part[i]), "the %s has failed (%.80s)", x->label, s->error_text);
		else if (x->program[x->pc] == OP_END)
			snprintf(part[i], sizeof(part[i]), "the %s has finished", x->label);
		else
			snprintf(part[i], sizeof(part[i]), "the %s waits in state %s", x->label, engine_state_name(x->state));
	}
	if (e->nends == 4)
		snprintf(e->run->stall_text, sizeof(e->run->stall_text),
		         "stalled: no end can go on, no alert is on its way: %.62s; %.62s; %.62s; %.62s", part[0], part[2], part[3],
		         part[1]);
	else
		snprintf(e->run->stall_text, sizeof(e->run->stall_text),
		         "stalled: neither end can go on and no alert is on its way: %s; %s", part[0], part[1]);
}

static void loop(struct engine *e)
{
	for (int round = 0; round < MAX_ROUNDS; round++) {
		bool progress = false, active = false;
		for (int i = 0; i < e->nends; i++) {
			struct end *x = &e->end[i];
			struct engine_side *s = x->out;
			if (s->error || x->program[x->pc] == OP_END)
				continue;
			active = true;
			if (e->mitm)
				e->connection = x->connection; /* its events are its connection's */
			uint64_t before = pipe_traffic(&e->pipe) + pipe_traffic(&e->pipe2);
			agree_running(x->side);
			int r = drive(e, x);
			if (r != 0 || pipe_traffic(&e->pipe) + pipe_traffic(&e->pipe2) != before)
				progress = true;
			if (x->program[x->pc] == OP_END && !x->never_opened)
				s->finished = true;
		}
		if (!active)
			return;
		/* A record held back by a reorder fault arrives late rather than never. When it
		 * is let go because nothing else moves, nothing overtook it: say so. */
		if (!progress) {
			for (int i = 0; i < 2; i++)
				if (e->pipe.dir[i].held.len)
					on_fault(e, (enum side)i, "the record held back by the reorder fault is let go: the "
					                          "sender had nothing more to send ahead of it, so the order did "
					                          "not change", NULL, 0, NULL, 0);
			if (pipe_release_held(&e->pipe))
				progress = true;
		}
		if (!progress) {
			e->run->stalled = true;
			describe_stall(e);
			return;
		}
	}
	e->run->stalled = true;
	snprintf(e->run->stall_text, sizeof(e->run->stall_text),
	         "stalled: the run did not end after %d rounds", MAX_ROUNDS);
}

static void negotiated(struct engine *e)
{
	/* The client's view; after a failed handshake mbed TLS may no longer say, and the
	 * model then takes version and suite from the ServerHello on the wire. */
	mbedtls_ssl_context *ssl = &e->end[SIDE_CLIENT].ssl;
	const char *name = mbedtls_ssl_get_ciphersuite(ssl);
	e->run->tls_version = (uint16_t)mbedtls_ssl_get_version_number(ssl);
	if (name && strcmp(name, "unknown") != 0) {
		snprintf(e->run->suite_name, sizeof(e->run->suite_name), "%s", name);
		e->run->suite_id = (uint16_t)mbedtls_ssl_get_ciphersuite_id(name);
	}
}

const char *engine_suite_name(uint16_t id)
{
	return mbedtls_ssl_get_ciphersuite_name(id);
}

/*
 * Connection 1 is over: whatever is still in the pipe (a duplicated close_notify its
 * receiver never read, a record held back by a reorder fault, an unfinished record)
 * is discarded, and said, so that connection 2 starts on an empty pipe as a new TCP
 * connection does.
 */
static void discard_leftovers(struct engine *e)
{
	struct pipe_leftover left[2];
	pipe_reset(&e->pipe, left);
	for (int s = 0; s < 2; s++) {
		const struct pipe_leftover *l = &left[s];
		const char *me = side_name((enum side)s), *peer = side_name(side_peer((enum side)s));
		char text[400];
		size_t o = 0;
		if (!l->unread && !l->held && !l->partial)
			continue;
		o += (size_t)snprintf(text + o, sizeof(text) - o, "end of connection %d:", e->connection);
		if (l->unread)
			o += (size_t)snprintf(text + o, sizeof(text) - o, " %u %s (%zu %s) the %s sent %s never read by the %s;",
			                      l->unread_records, l->unread_records == 1 ? "record" : "records", l->unread,
			                      bytes_word(l->unread), me, l->unread_records == 1 ? "was" : "were", peer);
		if (l->held)
			o += (size_t)snprintf(text + o, sizeof(text) - o, " the %s's record held back by the reorder fault "
			                      "(%zu %s) never crossed;", me, l->held, bytes_word(l->held));
		if (l->partial && o < sizeof(text))
			o += (size_t)snprintf(text + o, sizeof(text) - o, " %zu %s of a record the %s never finished;",
			                      l->partial, bytes_word(l->partial), me);
		if (o < sizeof(text))
			snprintf(text + o, sizeof(text) - o, " discarded, so connection %d starts on an empty pipe, as a new "
			         "TCP connection does", e->connection + 1);
		on_fault(e, (enum side)s, text, NULL, 0, NULL, 0);
	}
}

/*
 * The second connection: the client offers the session the first one ended with
 * (by session id, or by the ticket it received), on fresh contexts over the same
 * configurations and the same server cache or ticket keys.
 */
static int resume(struct engine *e, const struct scenario *sc, char *err, size_t errlen)
{
	mbedtls_ssl_session session;
	int rc;
	mbedtls_ssl_session_init(&session);
	if ((rc = mbedtls_ssl_get_session(&e->end[SIDE_CLIENT].ssl, &session)) != 0)
		goto out;
	discard_leftovers(e);
	e->connection = 2;
	fault_new_connection(&e->faults);
	for (int i = 0; i < 2; i++) {
		struct end *x = &e->end[i];
		mbedtls_ssl_free(&x->ssl);
		mbedtls_ssl_init(&x->ssl);
		/* A context reads its configuration as it goes: set before it is made, for this connection. */
		const struct endpoint_spec *spec = i == SIDE_CLIENT ? &sc->client : &sc->server;
		if (spec->resume_kex_modes)
			mbedtls_ssl_conf_tls13_key_exchange_modes(&x->conf, (int)spec->resume_kex_modes);
		if ((rc = start_connection(x, sc)) != 0)
			goto out;
		program(x, sc);
		e->run->side[i].handshake_done = false;
		e->run->side[i].finished = false;
		buf_clear(&e->run->side[i].received);
	}
	rc = mbedtls_ssl_set_session(&e->end[SIDE_CLIENT].ssl, &session);
out:
	mbedtls_ssl_session_free(&session);
	if (rc) {
		char text[128];
		mbedtls_strerror(rc, text, sizeof(text));
		snprintf(err, errlen, "mbed TLS could not resume the session for connection 2: %s (-0x%04x)", text,
		         (unsigned)-rc);
		return ENGINE_ERR_LIBRARY;
	}
	return 0;
}


void engine_run_init(struct engine_run *run)
{
	memset(run, 0, sizeof(*run));
}

mbedtls_pk_context *engine_run_take_server_key(struct engine_run *run)
{
	mbedtls_pk_context *k = run->server_key;
	run->server_key = NULL;
	return k;
}

void engine_run_free(struct engine_run *run)
{
	for (size_t i = 0; i < run->nev; i++) {
		buf_free(&run->ev[i].data);
		buf_free(&run->ev[i].as_sent);
	}
	free(run->ev);
	for (int s = 0; s < 2; s++) {
		buf_free(&run->stream[s]);
		buf_free(&run->side[s].received);
		buf_free(&run->stream2[s]);
		buf_free(&run->attacker[s].received);
	}
	buf_free(&run->client_draws);
	mbedtls_pk_context *key = engine_run_take_server_key(run);
	if (key) {
		mbedtls_pk_free(key);
		free(key);
	}
	engine_run_init(run);
}

int engine_run(const struct engine_options *o, struct engine_run *run, char *err, size_t errlen)
{
	struct engine e;
	int rc;
	memset(&e, 0, sizeof(e));
	e.run = run;
	e.connection = 1;
	e.bare = o->bare;
	e.renegotiate = o->sc->renegotiate != RENEG_NONE;
	e.observe = o->observe;
	e.observe_ctx = o->observe_ctx;
	run->seed = o->seed;
	mbedtls_version_get_string_full(run->library_version);

	simclock_set(o->sc->sim_time);
	if ((rc = rng_psa_start(o->seed)) != 0) {
		snprintf(err, errlen, "PSA Crypto did not start (status %d)", rc);
		return ENGINE_ERR_LIBRARY;
	}
	/* Level 3 is where mbed TLS dumps the TLS 1.2 premaster secret (engine/capture.c):
	 * drive() turns it on around the ClientKeyExchange only. */
	mbedtls_debug_set_threshold(0);
	agree_set_hook(o->bare ? NULL : on_agreement, &e);
	mbedtls_ssl_cache_init(&e.cache);
	mbedtls_ssl_ticket_init(&e.ticket);
	pipe_init(&e.pipe, o->bare ? NULL : on_record, &e);
	pipe_init(&e.pipe2, o->bare ? NULL : on_record, &e);
	fault_init(&e.faults, o->sc, on_fault, &e);
	if (o->sc->nfaults)
		pipe_set_filter(&e.pipe, fault_filter, &e.faults);
	e.nends = 2;
	for (int i = 0; i < 4; i++) {
		struct end *x = &e.end[i];
		x->side = i == 0 || i == 3 ? SIDE_CLIENT : SIDE_SERVER; /* end[2] faces the client, end[3] the server */
		x->e = &e;
		x->spec = i == SIDE_CLIENT ? &o->sc->client : &o->sc->server;
		x->label = side_name(x->side);
		x->pipe = &e.pipe;
		x->connection = 1;
		x->out = i < 2 ? &run->side[i] : &run->attacker[x->side];
		mbedtls_ssl_init(&x->ssl);
		mbedtls_ssl_config_init(&x->conf);
		creds_init(&x->creds);
		capture_init(&x->capture, x->side, on_secret, &e);
	}
	struct endpoint_spec mitm_spec[2];
	if (o->sc->has_attacker) {
		mitm_setup(&e, o->sc, mitm_spec);
		e.replace_from = o->sc->replace_from;
		e.replace_to = o->sc->replace_to;
	}
	for (int i = 0; i < e.nends; i++) {
		if ((rc = setup_end(&e, &e.end[i], o, err, errlen)) != 0)
			goto out;
		program(&e.end[i], o->sc);
	}
	if (e.mitm)
		mitm_programs(&e, o->sc);
	loop(&e);
	negotiated(&e);
	if (o->sc->resume != RESUME_NONE && run->side[0].finished && run->side[1].finished && !run->stalled) {
		if ((rc = resume(&e, o->sc, err, errlen)) != 0)
			goto out;
		loop(&e);
		negotiated(&e);
	}
	fault_finish(&e.faults);
	if (!o->bare && mbedtls_pk_get_type(&e.end[SIDE_SERVER].creds.key) != MBEDTLS_PK_NONE) {
		/* Moved, not copied: the key's context stays where the server's handshakes left it. */
		run->server_key = xmalloc(sizeof(*run->server_key));
		*run->server_key = e.end[SIDE_SERVER].creds.key;
		mbedtls_pk_init(&e.end[SIDE_SERVER].creds.key);
	}
	rc = 0;
out:
	for (int i = 0; i < 4; i++) {
		struct end *x = &e.end[i];
		mbedtls_ssl_free(&x->ssl);
		mbedtls_ssl_config_free(&x->conf);
		creds_free(&x->creds);
		capture_free(&x->capture);
		rng_free(&x->rng);
		buf_free(&x->relay);
	}
	pipe_free(&e.pipe);
	pipe_free(&e.pipe2);
	mbedtls_ssl_cache_free(&e.cache);
	mbedtls_ssl_ticket_free(&e.ticket);
	mbedtls_debug_set_threshold(0);
	agree_set_hook(NULL, NULL);
	rng_psa_stop();
	return rc;
}
