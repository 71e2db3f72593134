/*
 * export/frames.c — see frames.h.
 *
 * Each TLS connection becomes one TCP connection between 127.0.0.1 (client,
 * port 50000 + n) and 127.0.0.2 (server, port 443, so Wireshark dissects TLS
 * and, with the key log, HTTP inside it): three-way handshake, the TLS bytes in
 * segments of at most 1400 bytes each acknowledged by the receiver, and a
 * FIN/ACK exchange. Ethernet frames with made-up local MACs; IPv4 and TCP
 * checksums computed; timestamps from the simulation clock plus 1 ms per packet,
 * so the same run gives the same frames byte for byte. A run with a man in the middle
 * (model/mitm.h) has the attacker at 127.0.0.3: connection 1 from the client to it,
 * connection 2 from it (port 50002) to the server; their segments interleave as the
 * records did.
 */
#include "export/frames.h"

#include <stdbool.h>
#include <string.h>

#include "model/mitm.h"
#include "wire/record.h"

#define MSS 1400
/* The least a protected record adds to its plaintext: a 16-byte tag (AEAD) or more (CBC + MAC). */
#define MIN_PROTECTION 16

/* One TCP connection: [SIDE_CLIENT], [SIDE_SERVER] as the TLS roles in it. */
struct tcp_conn {
	uint16_t port[2];
	uint32_t seq[2];       /* next sequence number each side sends */
	uint64_t sent[2];      /* where each sender's TLS stream is */
	const uint8_t *mac[2], *ip[2];
	size_t last;           /* its last step's index in the timeline */
	bool open;
};

struct flow {
	frame_sink sink;
	void *ctx;
	int failed;            /* the first nonzero the sink returned */
	uint64_t time_us;
	uint16_t ip_id;
	struct tcp_conn *c;    /* the connection the next packet is on */
};

/* Client, server, and a man in the middle's attacker. */
static const uint8_t mac[3][6] = { { 2, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 2 }, { 2, 0, 0, 0, 0, 3 } };
static const uint8_t ip[3][4] = { { 127, 0, 0, 1 }, { 127, 0, 0, 2 }, { 127, 0, 0, 3 } };

enum { TCP_FIN = 1, TCP_SYN = 2, TCP_PSH = 8, TCP_ACK = 16 };

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

/* RFC 1071 one's complement sum. */
static uint32_t sum(const uint8_t *p, size_t n, uint32_t acc)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

/* One Ethernet/IPv4/TCP frame from `from` to its peer. */
static void packet(struct flow *f, enum side from, uint8_t flags, const uint8_t *data, size_t len)
{
	uint8_t frame[14 + 20 + 20 + MSS];
	enum side to = side_peer(from);
	struct tcp_conn *c = f->c;
	uint8_t *eth = frame, *iph = frame + 14, *tcp = frame + 34;
	memcpy(eth, c->mac[to], 6);
	memcpy(eth + 6, c->mac[from], 6);
	put16(eth + 12, 0x0800);
	memset(iph, 0, 20);
	iph[0] = 0x45;
	put16(iph + 2, (uint32_t)(40 + len));
	put16(iph + 4, f->ip_id++);
	put16(iph + 6, 0x4000); /* don't fragment */
	iph[8] = 64;
	iph[9] = 6;
	memcpy(iph + 12, c->ip[from], 4);
	memcpy(iph + 16, c->ip[to], 4);
	put16(iph + 10, fold(sum(iph, 20, 0)));
	memset(tcp, 0, 20);
	put16(tcp, c->port[from]);
	put16(tcp + 2, c->port[to]);
	put32(tcp + 4, c->seq[from]);
	put32(tcp + 8, flags & TCP_ACK ? c->seq[to] : 0);
	tcp[12] = 5 << 4;
	tcp[13] = flags;
	put16(tcp + 14, 65535);
	if (len)
		memcpy(tcp + 20, data, len);
	uint8_t pseudo[12];
	memcpy(pseudo, c->ip[from], 4);
	memcpy(pseudo + 4, c->ip[to], 4);
	pseudo[8] = 0;
	pseudo[9] = 6;
	put16(pseudo + 10, (uint32_t)(20 + len));
	put16(tcp + 16, fold(sum(tcp, 20 + len, sum(pseudo, 12, 0))));
	if (!f->failed)
		f->failed = f->sink(f->ctx, f->time_us, frame, 54 + len);
	f->time_us += 1000;
	c->seq[from] += (uint32_t)len + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);
}

static void data(struct flow *f, enum side from, const uint8_t *p, size_t n)
{
	while (n) {
		size_t k = n < MSS ? n : MSS;
		packet(f, from, TCP_ACK | TCP_PSH, p, k);
		packet(f, side_peer(from), TCP_ACK, NULL, 0);
		p += k;
		n -= k;
	}
}

/*
 * The bytes of st->record that have not crossed yet: a step's record is every record
 * that completed its message, so steps share records (one record carrying several
 * messages; a record that ends one message and begins the next; a message the
 * receiver's parser ran on into the next record). The stream position where st's
 * records end says what is new: the bytes past what this sender already sent. A
 * record the DUPLICATE fault sent twice crossed twice, and its end says so.
 */
static struct buf new_bytes(uint64_t *sent, const struct step *st)
{
	struct buf b = { st->record.data, st->record.len, st->record.len };
	uint64_t fresh = st->stream_end > *sent ? st->stream_end - *sent : 0;
	if (fresh < b.len) {
		b.data += b.len - fresh;
		b.len = (size_t)fresh;
	}
	if (st->stream_end > *sent)
		*sent = st->stream_end;
	return b;
}

#define MAX_CONNECTIONS 8

int frames_emit(const struct timeline *tl, frame_sink sink, void *ctx)
{
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.sink = sink;
	f.ctx = ctx;
	f.time_us = (uint64_t)tl->sc->sim_time * 1000000;
	struct tcp_conn conn[MAX_CONNECTIONS + 1];
	memset(conn, 0, sizeof(conn));
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].connection >= 1 && tl->steps[i].connection <= MAX_CONNECTIONS)
			conn[tl->steps[i].connection].last = i;
	bool mitm = timeline_mitm(tl);
	for (size_t i = 0; i < tl->nsteps && !f.failed; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection < 1 || st->connection > MAX_CONNECTIONS)
			continue;
		struct tcp_conn *c = &conn[st->connection];
		f.c = c;
		if (!c->open) {
			int n = st->connection;
			/* Who is at each end: with a man in the middle, the attacker (index 2) is the server
			 * of connection 1 and the client of connection 2. */
			int who[2] = { mitm && n == 2 ? 2 : 0, mitm && n == 1 ? 2 : 1 };
			for (int r = 0; r < 2; r++) {
				c->mac[r] = mac[who[r]];
				c->ip[r] = ip[who[r]];
			}
			c->open = true;
			c->port[SIDE_CLIENT] = (uint16_t)(50000 + n);
			c->port[SIDE_SERVER] = 443;
			c->seq[SIDE_CLIENT] = 1000u * (uint32_t)n;
			c->seq[SIDE_SERVER] = 500000u * (uint32_t)n;
			packet(&f, SIDE_CLIENT, TCP_SYN, NULL, 0);
			packet(&f, SIDE_SERVER, TCP_SYN | TCP_ACK, NULL, 0);
			packet(&f, SIDE_CLIENT, TCP_ACK, NULL, 0);
		}
		struct buf b = new_bytes(&c->sent[st->from], st);
		data(&f, st->from, b.data, b.len);
		if (i == c->last) { /* its last step: FIN from the client, then the server */
			packet(&f, SIDE_CLIENT, TCP_FIN | TCP_ACK, NULL, 0);
			packet(&f, SIDE_SERVER, TCP_FIN | TCP_ACK, NULL, 0);
			packet(&f, SIDE_CLIENT, TCP_ACK, NULL, 0);
		}
	}
	return f.failed;
}
