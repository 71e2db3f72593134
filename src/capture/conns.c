/*
 * capture/conns.c — see conns.h.
 */
#include "capture/conns.h"

#include <stdlib.h>
#include <string.h>

#include "wire/decode.h"
#include "wire/fields.h"
#include "wire/names.h"
#include "wire/reasm.h"
#include "wire/record.h"

void tls_conns_init(struct tls_conns *l)
{
	memset(l, 0, sizeof(*l));
}

void tls_conns_free(struct tls_conns *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].sni);
		buf_free(&l->v[i].offered_ticket);
		buf_free(&l->v[i].new_ticket);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Reads the plaintext handshake messages at the start of one stream. */
struct hs_reader {
	const uint8_t *p;
	size_t len, pos;
	struct reasm r;
	bool stop_at_ccs;   /* TLS 1.2: what follows a ChangeCipherSpec is encrypted */
	bool ccs;           /* the plaintext ended at a ChangeCipherSpec */
	char stop[80];      /* why no more messages */
};

/*
 * The next handshake message (header included) into msg: 1, or 0 when the
 * plaintext handshake ends (rd->stop says how). A ChangeCipherSpec between
 * hellos (TLS 1.3's middlebox compatibility) is stepped over.
 */
static int next_message(struct hs_reader *rd, struct buf *msg)
{
	for (;;) {
		int got = reasm_next(&rd->r, msg);
		if (got == 1)
			return 1;
		if (got < 0) {
			snprintf(rd->stop, sizeof(rd->stop), "a handshake message announces more than 128 KiB");
			return 0;
		}
		if (rd->pos == rd->len) { /* also an empty stream, whose data pointer is NULL */
			snprintf(rd->stop, sizeof(rd->stop), "the stream ends");
			return 0;
		}
		long n = record_complete(rd->p + rd->pos, rd->len - rd->pos);
		if (n == 0) {
			snprintf(rd->stop, sizeof(rd->stop), "the stream ends inside a record");
			return 0;
		}
		if (n < 0) {
			snprintf(rd->stop, sizeof(rd->stop), "the bytes are not a TLS record");
			return 0;
		}
		const uint8_t *rec = rd->p + rd->pos;
		rd->pos += (size_t)n;
		if (rec[0] == CT_CHANGE_CIPHER_SPEC) {
			if (!rd->stop_at_ccs)
				continue;
			rd->ccs = true;
			snprintf(rd->stop, sizeof(rd->stop), "ChangeCipherSpec");
			return 0;
		}
		if (rec[0] != CT_HANDSHAKE) {
			const char *t = names_content_type(rec[0]);
			snprintf(rd->stop, sizeof(rd->stop), "its next record is %s%s", t ? "" : "of an unknown content type",
			         t ? t : "");
			return 0;
		}
		reasm_feed(&rd->r, rec + RECORD_HEADER_LEN, (size_t)n - RECORD_HEADER_LEN);
	}
}

/* True when the stream begins like a TLS handshake record holding a ClientHello. */
static bool starts_with_client_hello(const struct tcp_dir *d)
{
	const uint8_t *p = d->data.data;
	return d->data.len >= 6 && p[0] == CT_HANDSHAKE && p[1] == 3 && p[2] <= 4 && p[5] == 1;
}

static void read_client_hello(struct tls_conn *c, const struct tcp_dir *d)
{
	struct hs_reader rd = { d->data.data, d->data.len, 0, { { 0 } }, false, false, { 0 } };
	struct buf msg = { 0 };
	struct fields f;
	struct wire_error e;
	struct decode_info info;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, false };
	fields_init(&f);
	reasm_init(&rd.r);
	if (!next_message(&rd, &msg)) {
		snprintf(c->note, sizeof(c->note), "the ClientHello could not be read: %s", rd.stop);
		goto out;
	}
	if (msg.len >= 38)
		memcpy(c->client_random, msg.data + 6, 32);
	if (decode_handshake(&ctx, msg.data, msg.len, &f, &info, &e))
		snprintf(c->note, sizeof(c->note), "the ClientHello does not decode: %s (at byte %zu)", e.text, e.offset);
	int sni = fields_find(&f, FIELD_NONE, "host_name", true);
	if (sni != FIELD_NONE)
		c->sni = xstrdup(f.v[sni].value);
	int t = fields_find(&f, FIELD_NONE, "ticket", true);
	if (t != FIELD_NONE && f.v[t].kind == FIELD_BYTES)
		buf_append(&c->offered_ticket, msg.data + f.v[t].offset, f.v[t].length);
out:
	fields_free(&f);
	buf_free(&msg);
	reasm_free(&rd.r);
}

/*
 * TLS 1.2, the server's plaintext messages after its ServerHello: a ticket it
 * hands out (RFC 5077 §3.3, before its ChangeCipherSpec), and whether it went
 * straight to ChangeCipherSpec (an abbreviated, resumed handshake, RFC 5246 §7.3).
 */
static void after_server_hello(struct tls_conn *c, struct hs_reader *rd, struct buf *msg, const struct decode_ctx *hello)
{
	struct decode_ctx ctx = *hello;
	ctx.version = c->version;
	ctx.kx = decode_kx_of_suite(c->suite);
	bool full = false;
	rd->stop_at_ccs = true;
	while (next_message(rd, msg)) {
		uint8_t type = msg->data[0];
		if (type == 11 || type == 12 || type == 14) /* Certificate, ServerKeyExchange, ServerHelloDone */
			full = true;
		if (type != 4)
			continue;
		struct fields f;
		struct wire_error e;
		struct decode_info info;
		fields_init(&f);
		if (decode_handshake(&ctx, msg->data, msg->len, &f, &info, &e) == 0) {
			int t = fields_find(&f, FIELD_NONE, "ticket", false);
			if (t != FIELD_NONE && f.v[t].kind == FIELD_BYTES)
				buf_set(&c->new_ticket, msg->data + f.v[t].offset, f.v[t].length);
		}
		fields_free(&f);
	}
	c->abbreviated = rd->ccs && !full;
}

static void read_server_hello(struct tls_conn *c, const struct tcp_dir *d)
{
	struct hs_reader rd = { d->data.data, d->data.len, 0, { { 0 } }, false, false, { 0 } };
	struct buf msg = { 0 };
	struct fields f;
	struct wire_error e;
	struct decode_info info;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, true };
	fields_init(&f);
	reasm_init(&rd.r);
	/* A HelloRetryRequest first, then the ServerHello that counts. */
	while (next_message(&rd, &msg)) {
		if (msg.data[0] != 2) {
			if (!c->note[0])
				snprintf(c->note, sizeof(c->note), "the server's first message is %s, not a ServerHello",
				         names_handshake(msg.data[0]));
			goto out;
		}
		fields_free(&f);
		if (decode_handshake(&ctx, msg.data, msg.len, &f, &info, &e)) {
			if (!c->note[0])
				snprintf(c->note, sizeof(c->note), "the ServerHello does not decode: %s (at byte %zu)", e.text,
				         e.offset);
			goto out;
		}
		if (info.is_hrr) {
			c->hrr = true;
			continue;
		}
		c->server_hello = true;
		memcpy(c->server_random, msg.data + 6, 32);
		c->version = info.version;
		c->suite = info.suite;
		int sid = fields_find(&f, FIELD_NONE, "session_id", false);
		if (sid != FIELD_NONE && f.v[sid].kind == FIELD_BYTES && f.v[sid].length <= 32) {
			c->session_id_len = f.v[sid].length;
			memcpy(c->session_id, msg.data + f.v[sid].offset, c->session_id_len);
		}
		if (info.version != 0x0304)
			after_server_hello(c, &rd, &msg, &ctx);
		goto out;
	}
	if (!c->note[0])
		snprintf(c->note, sizeof(c->note), "no ServerHello: %s", rd.stop);
out:
	fields_free(&f);
	buf_free(&msg);
	reasm_free(&rd.r);
}

/*
 * c resumed a session without a key log line of its own: the master secret is the
 * one of the latest earlier connection that the server gave this session id or
 * ticket (a resumed connection keeps its session's master secret, RFC 5246 §7.3).
 */
static void resumed_keys(struct tls_conns *l, struct tls_conn *c)
{
	for (size_t j = (size_t)(c - l->v); j-- > 0;) {
		const struct tls_conn *e = &l->v[j];
		if (!e->keys || !e->keys->s[KEYLOG_CLIENT_RANDOM].present)
			continue;
		bool by_ticket = c->offered_ticket.len && e->new_ticket.len == c->offered_ticket.len &&
		                 !memcmp(e->new_ticket.data, c->offered_ticket.data, e->new_ticket.len);
		bool by_id = !by_ticket && c->session_id_len && e->session_id_len == c->session_id_len &&
		             !memcmp(e->session_id, c->session_id, c->session_id_len);
		if (by_ticket || by_id) {
			c->keys = e->keys;
			c->resumed_from = j + 1;
			c->resumed_by = by_ticket ? "ticket" : "session id";
			return;
		}
	}
}

void tls_conns_find(struct tls_conns *l, const struct capture_file *cap, const struct keylog *keys)
{
	tls_conns_free(l);
	l->tcp_total = cap->tcp.n;
	l->v = xcalloc(cap->tcp.n ? cap->tcp.n : 1, sizeof(*l->v));
	for (size_t i = 0; i < cap->tcp.n; i++) {
		const struct tcp_conn *t = cap->tcp.v[i];
		int client = starts_with_client_hello(&t->dir[0]) ? 0 : starts_with_client_hello(&t->dir[1]) ? 1 : -1;
		if (client < 0)
			continue;
		struct tls_conn *c = &l->v[l->n++];
		c->tcp = t;
		c->client = client;
		read_client_hello(c, &t->dir[client]);
		read_server_hello(c, &t->dir[!client]);
		c->keys = keys ? keylog_find(keys, c->client_random) : NULL;
		c->keylog = keys;
		if (keys && !c->keys && c->abbreviated)
			resumed_keys(l, c);
	}
}

bool tls_conn_keys_whole(const struct tls_conn *c, char *out, size_t cap)
{
	static const enum keylog_label tls13[] = { KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
		                                   KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET,
		                                   KEYLOG_CLIENT_TRAFFIC_SECRET_0, KEYLOG_SERVER_TRAFFIC_SECRET_0 };
	if (!c->keys) {
		snprintf(out, cap, "no");
		return false;
	}
	if (!c->server_hello) {
		snprintf(out, cap, "in the key log");
		return false;
	}
	if (c->version != 0x0304) {
		bool ok = c->keys->s[KEYLOG_CLIENT_RANDOM].present;
		if (ok && c->resumed_from)
			snprintf(out, cap, "yes: connection %zu's, resumed by %s", c->resumed_from, c->resumed_by);
		else
			snprintf(out, cap, ok ? "yes" : "partly: no CLIENT_RANDOM");
		return ok;
	}
	size_t o = 0;
	for (size_t i = 0; i < sizeof(tls13) / sizeof(tls13[0]); i++)
		if (!c->keys->s[tls13[i]].present && o < cap)
			o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? ", " : "partly: no ", keylog_label_name(tls13[i]));
	if (!o)
		snprintf(out, cap, "yes");
	return o == 0;
}

/* Column widths grow to the longest value: nothing is cut. */
enum { COLS = 7 };

void tls_conns_print(FILE *f, const struct tls_conns *l)
{
	static const char *const head[COLS] = { "#", "client", "server", "SNI", "version", "suite", "keys" };
	size_t w[COLS];
	for (int k = 0; k < COLS; k++)
		w[k] = strlen(head[k]);
	char (*cell)[COLS][320] = xcalloc(l->n ? l->n : 1, sizeof(*cell));
	for (size_t i = 0; i < l->n; i++) {
		const struct tls_conn *c = &l->v[i];
		const struct suite_info *s = names_suite(c->suite);
		snprintf(cell[i][0], sizeof(cell[i][0]), "%zu", i + 1);
		frame_addr_port(c->tcp->family, c->tcp->addr[c->client], c->tcp->port[c->client], cell[i][1], sizeof(cell[i][1]));
		frame_addr_port(c->tcp->family, c->tcp->addr[!c->client], c->tcp->port[!c->client], cell[i][2],
		                sizeof(cell[i][2]));
		snprintf(cell[i][3], sizeof(cell[i][3]), "%s", c->sni ? c->sni : "-");
		snprintf(cell[i][4], sizeof(cell[i][4]), "%s", c->server_hello ? names_version(c->version) : "?");
		if (c->server_hello && s)
			snprintf(cell[i][5], sizeof(cell[i][5]), "%s", s->name);
		else if (c->server_hello)
			snprintf(cell[i][5], sizeof(cell[i][5]), "0x%04x", c->suite);
		else
			snprintf(cell[i][5], sizeof(cell[i][5]), "?");
		tls_conn_keys_whole(c, cell[i][6], sizeof(cell[i][6]));
		for (int k = 0; k < COLS; k++)
			if (strlen(cell[i][k]) > w[k])
				w[k] = strlen(cell[i][k]);
	}
	for (size_t i = 0; i <= l->n; i++)
		for (int k = 0; k < COLS; k++) {
			const char *v = i ? cell[i - 1][k] : head[k];
			if (k == COLS - 1)
				fprintf(f, "%s\n", v);
			else if (k == 0)
				fprintf(f, "%*s  ", (int)w[k], v);
			else
				fprintf(f, "%-*s  ", (int)w[k], v);
		}
	free(cell);
}
