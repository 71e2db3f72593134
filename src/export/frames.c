/*
 * export/frames.c — see frames.h.
 *
 * Each TLS connection becomes one TCP connection between 127.0.0.1 (client,
 * port 50000 + n) and 127.0.0.2 (server, port 443, so Wireshark dissects TLS
 * and, with the key log, HTTP inside it): three-way handshake, the TLS bytes in
 * segments of at most 1400 bytes each acknowledged by the receiver, and a
 * FIN/ACK exchange. Ethernet frames with made-up local MACs; IPv4 and TCP
 * checksums computed; timestamps from the simulation clock plus 1 ms per packet,
 * so the same run gives the same frames byte for byte.
 */
#include "export/frames.h"

#include <stdbool.h>
#include <string.h>

#include "wire/record.h"

#define MSS 1400
/* The least a protected record adds to its plaintext: a 16-byte tag (AEAD) or more (CBC + MAC). */
#define MIN_PROTECTION 16

struct flow {
	frame_sink sink;
	void *ctx;
	int failed;            /* the first nonzero the sink returned */
	uint64_t time_us;
	uint16_t ip_id;
	uint16_t port[2];      /* [SIDE_CLIENT], [SIDE_SERVER] */
	uint32_t seq[2];       /* next sequence number each side sends */
};

static const uint8_t mac[2][6] = { { 2, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 2 } };
static const uint8_t ip[2][4] = { { 127, 0, 0, 1 }, { 127, 0, 0, 2 } };

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
	uint8_t *eth = frame, *iph = frame + 14, *tcp = frame + 34;
	memcpy(eth, mac[to], 6);
	memcpy(eth + 6, mac[from], 6);
	put16(eth + 12, 0x0800);
	memset(iph, 0, 20);
	iph[0] = 0x45;
	put16(iph + 2, (uint32_t)(40 + len));
	put16(iph + 4, f->ip_id++);
	put16(iph + 6, 0x4000); /* don't fragment */
	iph[8] = 64;
	iph[9] = 6;
	memcpy(iph + 12, ip[from], 4);
	memcpy(iph + 16, ip[to], 4);
	put16(iph + 10, fold(sum(iph, 20, 0)));
	memset(tcp, 0, 20);
	put16(tcp, f->port[from]);
	put16(tcp + 2, f->port[to]);
	put32(tcp + 4, f->seq[from]);
	put32(tcp + 8, flags & TCP_ACK ? f->seq[to] : 0);
	tcp[12] = 5 << 4;
	tcp[13] = flags;
	put16(tcp + 14, 65535);
	if (len)
		memcpy(tcp + 20, data, len);
	uint8_t pseudo[12];
	memcpy(pseudo, ip[from], 4);
	memcpy(pseudo + 4, ip[to], 4);
	pseudo[8] = 0;
	pseudo[9] = 6;
	put16(pseudo + 10, (uint32_t)(20 + len));
	put16(tcp + 16, fold(sum(tcp, 20 + len, sum(pseudo, 12, 0))));
	if (!f->failed)
		f->failed = f->sink(f->ctx, f->time_us, frame, 54 + len);
	f->time_us += 1000;
	f->seq[from] += (uint32_t)len + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);
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

int frames_emit(const struct timeline *tl, frame_sink sink, void *ctx)
{
	struct flow f;
	memset(&f, 0, sizeof(f));
	f.sink = sink;
	f.ctx = ctx;
	f.time_us = (uint64_t)tl->sc->sim_time * 1000000;
	int connection = 0;
	uint64_t sent[2] = { 0, 0 }; /* where each sender's stream is, in this connection */
	for (size_t i = 0; i <= tl->nsteps && !f.failed; i++) {
		const struct step *st = i < tl->nsteps ? &tl->steps[i] : NULL;
		if (!st || st->connection != connection) {
			if (connection) { /* close the previous connection: FIN from the client, then the server */
				packet(&f, SIDE_CLIENT, TCP_FIN | TCP_ACK, NULL, 0);
				packet(&f, SIDE_SERVER, TCP_FIN | TCP_ACK, NULL, 0);
				packet(&f, SIDE_CLIENT, TCP_ACK, NULL, 0);
			}
			if (!st)
				break;
			connection = st->connection;
			f.port[SIDE_CLIENT] = (uint16_t)(50000 + connection);
			f.port[SIDE_SERVER] = 443;
			f.seq[SIDE_CLIENT] = 1000u * (uint32_t)connection;
			f.seq[SIDE_SERVER] = 500000u * (uint32_t)connection;
			sent[0] = sent[1] = 0;
			packet(&f, SIDE_CLIENT, TCP_SYN, NULL, 0);
			packet(&f, SIDE_SERVER, TCP_SYN | TCP_ACK, NULL, 0);
			packet(&f, SIDE_CLIENT, TCP_ACK, NULL, 0);
		}
		struct buf b = new_bytes(&sent[st->from], st);
		data(&f, st->from, b.data, b.len);
	}
	return f.failed;
}
