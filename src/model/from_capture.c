/*
 * model/from_capture.c — see from_capture.h.
 */
#include "model/from_capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/records.h"
#include "check/rsa.h"
#include "model/build.h"
#include "wire/names.h"
#include "wire/record.h"

/* The key log's labels as the timeline names the secrets (design.md §5, RFC 8446 §7.1). */
static const char *const secret_name[KEYLOG_LABELS] = {
	[KEYLOG_CLIENT_RANDOM] = "master_secret",
	[KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET] = "client_early_traffic_secret",
	[KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET] = "client_handshake_traffic_secret",
	[KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET] = "server_handshake_traffic_secret",
	[KEYLOG_CLIENT_TRAFFIC_SECRET_0] = "client_application_traffic_secret_0",
	[KEYLOG_SERVER_TRAFFIC_SECRET_0] = "server_application_traffic_secret_0",
	[KEYLOG_EXPORTER_SECRET] = "exporter_master_secret",
};

static struct engine_event *push(struct engine_run *run)
{
	if (run->nev == run->cap) {
		run->cap = run->cap ? run->cap * 2 : 64;
		run->ev = xrealloc(run->ev, run->cap * sizeof(*run->ev));
	}
	struct engine_event *ev = &run->ev[run->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->connection = 1;
	return ev;
}

/* The key log's secret `l` as a SECRET event, when the key log has it; sent: what had crossed by then. */
static void add_secret(struct engine_run *run, const struct keylog_entry *k, enum keylog_label l, const uint64_t sent[2])
{
	if (!k || !k->s[l].present || !secret_name[l])
		return;
	struct engine_event *ev = push(run);
	ev->kind = ENGINE_EV_SECRET;
	/* Which end's traffic it protects; a TLS 1.2 master secret is both ends' (the proof takes it so). */
	ev->side = l == KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET || l == KEYLOG_SERVER_TRAFFIC_SECRET_0 ? SIDE_SERVER
	                                                                                              : SIDE_CLIENT;
	for (int s = 0; s < 2; s++)
		ev->sent[s] = ev->consumed[s] = sent[s]; /* both ends had read all that had crossed */
	snprintf(ev->name, sizeof(ev->name), "%s", secret_name[l]);
	buf_append(&ev->data, k->s[l].v, k->s[l].len);
}

/* The premaster secret tlsstep decrypted with --server-key, as the server's (the one end that can). */
static void add_premaster(struct engine_run *run, const struct buf *pms, const uint64_t sent[2])
{
	if (!pms || !pms->len)
		return;
	struct engine_event *ev = push(run);
	ev->kind = ENGINE_EV_SECRET;
	ev->side = SIDE_SERVER;
	for (int s = 0; s < 2; s++)
		ev->sent[s] = ev->consumed[s] = sent[s];
	snprintf(ev->name, sizeof(ev->name), "premaster_secret");
	buf_append(&ev->data, pms->data, pms->len);
}

/*
 * The log: every record in crossing order, and each key log secret just before the
 * first record that needs it, attributed to the step before that record: TLS 1.2's
 * master secret before the first ChangeCipherSpec (after the ClientKeyExchange, or a
 * resuming server's hello); TLS 1.3's handshake secrets before the server's first
 * protected record (after its ServerHello), the application ones before the client's
 * first protected record after that (after the server's Finished).
 */
static void fill_log(struct engine_run *run, const struct tls_conn *c, const struct tls_records *recs,
                     const struct buf *pms)
{
	const struct keylog_entry *k = c->keys;
	bool tls13 = c->version == 0x0304, master = false, hs = false, app = false, server_protected = false;
	bool early = false;
	uint64_t sent[2] = { 0, 0 };
	for (int s = 0; s < 2; s++)
		buf_append(&run->stream[s], c->tcp->dir[s == 0 ? c->client : !c->client].data.data,
		           c->tcp->dir[s == 0 ? c->client : !c->client].data.len);
	for (size_t i = 0; i < recs->n; i++) {
		const struct tls_record_ref *r = &recs->v[i];
		uint8_t type = run->stream[r->from].data[r->offset];
		if (!tls13 && !master && type == CT_CHANGE_CIPHER_SPEC) {
			add_secret(run, k, KEYLOG_CLIENT_RANDOM, sent);
			add_premaster(run, pms, sent);
			master = true;
		}
		if (tls13 && !early && !server_protected && r->from == 0 && type == CT_APPLICATION_DATA) {
			add_secret(run, k, KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET, sent); /* 0-RTT data follows the ClientHello */
			early = true;
		}
		if (tls13 && !hs && r->from == 1 && type == CT_APPLICATION_DATA) {
			add_secret(run, k, KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET, sent);
			add_secret(run, k, KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET, sent);
			hs = server_protected = true;
		}
		if (tls13 && !app && server_protected && r->from == 0 && type == CT_APPLICATION_DATA) {
			add_secret(run, k, KEYLOG_CLIENT_TRAFFIC_SECRET_0, sent);
			add_secret(run, k, KEYLOG_SERVER_TRAFFIC_SECRET_0, sent);
			add_secret(run, k, KEYLOG_EXPORTER_SECRET, sent);
			app = true;
		}
		struct engine_event *ev = push(run);
		ev->kind = ENGINE_EV_RECORD;
		ev->side = r->from == 0 ? SIDE_CLIENT : SIDE_SERVER;
		ev->offset = (size_t)r->offset;
		ev->length = r->length;
		for (int s = 0; s < 2; s++)
			ev->sent[s] = ev->consumed[s] = sent[s] = r->sent[s];
	}
	/* A capture that ends before the record that needed them still shows them. */
	if (!tls13 && !master) {
		add_secret(run, k, KEYLOG_CLIENT_RANDOM, sent);
		add_premaster(run, pms, sent);
	}
	for (enum keylog_label l = KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET; tls13 && !hs && l <= KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET; l++)
		add_secret(run, k, l, sent);
	for (enum keylog_label l = KEYLOG_CLIENT_TRAFFIC_SECRET_0; tls13 && !app && l <= KEYLOG_EXPORTER_SECRET; l++)
		add_secret(run, k, l, sent);
}

static bool finished_from(const struct timeline *tl, enum side side)
{
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].from == side && tl->steps[i].type == STEP_HANDSHAKE &&
		    !strncmp(tl->steps[i].message, "Finished", 8))
			return true;
	return false;
}

/* A capture expects nothing: its outcome says what crossed, in the words of the wire. */
static void capture_outcome(struct timeline *tl, void *ctx)
{
	const struct tls_conn *c = ctx;
	struct outcome *o = &tl->outcome;
	size_t data = 0, hidden = 0;
	bool closed[2] = { false, false };
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		data += st->type == STEP_APPLICATION_DATA;
		hidden += st->encrypted && !st->have_plain;
		if (st->type == STEP_ALERT && st->have_plain && st->alert_desc == 0)
			closed[st->from] = true;
	}
	for (int e = 0; e < 2; e++) {
		o->end[e].handshake_done = finished_from(tl, (enum side)e);
		o->end[e].finished = closed[e] || c->tcp->dir[e == 0 ? c->client : !c->client].fin;
	}
	o->expected = true; /* nothing was expected of it: bad input is said on its own */
	/* Nothing failed that the wire shows: a fatal alert is the one sign of failure a capture gives
	 * (without the key log even that may be hidden, which the summary says). */
	o->ok = !(o->alert_seen && o->alert_level == 2);
	char alert[120] = "";
	if (o->alert_seen)
		snprintf(alert, sizeof(alert), "; the %s sent a %s alert, %s", side_name(o->alert_from),
		         names_alert_level(o->alert_level) ? names_alert_level(o->alert_level) : "?",
		         names_alert(o->alert_desc) ? names_alert(o->alert_desc) : "unknown");
	char secret[80] = "";
	if (hidden)
		snprintf(secret, sizeof(secret), "; %zu record%s not decrypted", hidden, hidden == 1 ? "" : "s");
	if (o->end[0].handshake_done && o->end[1].handshake_done)
		snprintf(o->summary, sizeof(o->summary), "the capture shows the whole handshake (both Finished) and %zu "
		         "application data record%s%s%s", data, data == 1 ? "" : "s", alert, secret);
	else if (hidden)
		snprintf(o->summary, sizeof(o->summary), "the capture shows %zu steps; %zu protected record%s not decrypted "
		         "(no key for them), so whether the handshake completed it cannot tell%s", tl->nsteps, hidden,
		         hidden == 1 ? " is" : "s are", alert);
	else
		snprintf(o->summary, sizeof(o->summary), "the capture shows the handshake up to step %zu, where it ends%s",
		         tl->nsteps, alert);
}

static void fill_info(struct timeline_capture *ci, const struct capture_request *rq)
{
	const struct tls_conn *c = rq->conn;
	ci->file = xstrdup(rq->file);
	ci->keylog = rq->keylog ? xstrdup(rq->keylog) : NULL;
	ci->connection = (int)rq->number;
	frame_addr_port(c->tcp->family, c->tcp->addr[c->client], c->tcp->port[c->client], ci->client, sizeof(ci->client));
	frame_addr_port(c->tcp->family, c->tcp->addr[!c->client], c->tcp->port[!c->client], ci->server,
	                sizeof(ci->server));
	ci->sni = c->sni ? xstrdup(c->sni) : NULL;
	ci->resumed_from = c->resumed_from;
	ci->resumed_by = c->resumed_by;
	char note[200];
	tls_conn_keys_whole(c, note, sizeof(note));
	ci->keys_note = xstrdup(note);
}

/*
 * What anyone with the capture and no key log reads from it: the hellos in clear
 * (RFC 5246 §7.4.1, RFC 8446 §4.1), in TLS 1.2 the certificates and key exchange
 * too; the number, sizes and timing of the protected records, never their content.
 */
static void fill_reveals(struct timeline *tl)
{
	bool tls13 = tl->tls_version == 0x0304;
	size_t protected_n = 0, bytes = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].encrypted) {
			protected_n++;
			bytes += tl->steps[i].record.len;
		}
	char sni[160] = "no server name (SNI)";
	if (tl->capture.sni)
		snprintf(sni, sizeof(sni), "the server name asked for (%s)", tl->capture.sni);
	char records[160] = "; no protected record crossed";
	if (protected_n)
		snprintf(records, sizeof(records), "; and %zu protected record%s (%zu bytes): their number, sizes and timing, "
		         "not their content", protected_n, protected_n == 1 ? "" : "s", bytes);
	timeline_set_text(&tl->capture.reveals,
	                  "Without the key log, this capture shows both addresses and ports, %s, the versions, suites "
	                  "and extensions offered and chosen, both randoms%s%s%s",
	                  sni, tls13 ? " and key shares; in TLS 1.3 the certificates, the server's parameters and "
	                               "both Finished are protected, so they stay hidden"
	                             : ", the certificates and the key exchange; only what follows each "
	                               "ChangeCipherSpec is protected",
	                  records, tls13 ? "" : " (the key exchange shown does not give the keys: the premaster secret "
	                                        "never crosses in clear)");
	static const char *const v12[] = { "premaster_secret", NULL };
	static const char *const v13[] = { "shared_secret", "early_secret", "handshake_secret", "master_secret",
		                           "resumption_master_secret", NULL };
	tl->capture.not_in_keylog = tls13 ? v13 : v12;
}

/*
 * --server-key (RFC 5246 §7.4.7.1): under RSA key exchange the ClientKeyExchange carries the
 * premaster secret encrypted to the server's key; decrypted with it, as the server did. Returns
 * whether pms was filled; a key that does not fit says why in tl->capture.server_key_note.
 */
static bool premaster_of(struct timeline *tl, const struct capture_request *rq, struct buf *pms)
{
	const struct suite_info *si = names_suite(tl->suite_id);
	if (!rq->server_key || tl->tls_version != 0x0303 || !si || strcmp(si->kx, "RSA"))
		return false;
	if (rq->conn->keys && rq->conn->keys->s[KEYLOG_CLIENT_RANDOM].present)
		return false; /* the key log gives the master secret already */
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->from != SIDE_CLIENT || st->hs_type != 16 || st->plain.len < 6)
			continue;
		uint8_t out[64];
		size_t n = 0;
		char err[200];
		if (check_rsa_decrypt(rq->server_key, st->plain.data + 6, st->plain.len - 6, out, sizeof(out), &n, err,
		                      sizeof(err)) || n != 48) {
			timeline_set_text(&tl->capture.server_key_note, "%s does not decrypt the ClientKeyExchange (step %d): %s",
			                  rq->server_key_file ? rq->server_key_file : "the server key", st->index,
			                  n != 48 && !err[0] ? "not a 48-byte premaster secret" : err);
			return false;
		}
		buf_append(pms, out, n);
		wipe(out, sizeof(out));
		return true;
	}
	return false;
}

/* One pass of the builder over the connection's log (with a premaster secret from --server-key, or none). */
/* build.h's master_for: a renegotiation's own line of the key log. */
static const uint8_t *master_for(const void *ctx, const uint8_t client_random[32], size_t *len)
{
	const struct tls_conn *c = ctx;
	const struct keylog_entry *k = c->keylog ? keylog_find(c->keylog, client_random) : NULL;
	if (!k || !k->s[KEYLOG_CLIENT_RANDOM].present)
		return NULL;
	*len = k->s[KEYLOG_CLIENT_RANDOM].len;
	return k->s[KEYLOG_CLIENT_RANDOM].v;
}

static void build_once(struct timeline *tl, const struct capture_request *rq, const struct tls_records *recs,
                       const struct buf *pms)
{
	struct engine_run run;
	engine_run_init(&run);
	timeline_init(tl);
	tl->sc = rq->sc;
	tl->assets_dir = xstrdup(".");
	fill_info(&tl->capture, rq);
	fill_log(&run, rq->conn, recs, pms);
	struct build_source src = { &run, NULL, true, capture_outcome, (void *)rq->conn,
		                    rq->conn->version == 0x0304 ? rq->conn->suite : 0, master_for };
	timeline_build(tl, &src);
	engine_run_free(&run);
}

void timeline_from_capture(struct timeline *tl, const struct capture_request *rq)
{
	struct tls_records recs;
	tls_records_init(&recs);
	tls_records_of(&recs, rq->conn);
	build_once(tl, rq, &recs, NULL);
	/* The ClientKeyExchange is found by the first pass; the second has its premaster secret
	 * before the records that need it (building is cheap, a private-key operation is once). */
	struct buf pms = { 0 };
	if (premaster_of(tl, rq, &pms)) {
		timeline_free(tl);
		build_once(tl, rq, &recs, &pms);
	}
	wipe(pms.data, pms.len);
	buf_free(&pms);
	/* failure.c's paragraph speaks of the ends' own errors, which a capture does not have. */
	free(tl->failure);
	tl->failure = NULL;
	fill_reveals(tl);
	tls_records_free(&recs);
}

void capture_scenario(struct scenario *sc, const char *file, size_t number)
{
	scenario_init(sc);
	const char *base = strrchr(file, '/');
	sc->name = xstrdup(base ? base + 1 : file);
	char title[400];
	snprintf(title, sizeof(title), "connection %zu of the capture %s", number, file);
	sc->title = xstrdup(title);
	sc->source = xstrdup(file);
	sc->expect.success = true;
}
