/*
 * capture/tcp.c — see tcp.h.
 *
 * Why our own reassembler and not a library: the one packaged for Debian,
 * libnids (1.26), is built for live monitoring: process-wide state and
 * callbacks (one capture at a time, hard to fuzz), it follows only connections
 * whose SYN it saw, and on a lost segment it waits or gives up without saying
 * where the stream broke. Wireshark's reassembly lives inside its dissectors
 * and is no library. What tlsstep needs is small and strict: order by sequence
 * number, drop what came twice, and stop at a hole, saying exactly where.
 *
 * Sequence numbers wrap at 2^32; a segment's place in its stream is found from
 * its signed distance to the next expected sequence number, so a stream may
 * run past 4 GB of sequence space without confusion (RFC 9293 §3.4).
 */
#include "capture/tcp.h"

#include <stdlib.h>
#include <string.h>

/*
 * Bytes held ahead of a hole, per direction, before the hole is called a gap there
 * and then: more than any real TCP window leaves in flight, so a retransmission
 * that fills it would have come by now, and a capture that lost one segment early
 * does not keep the rest of its stream in memory twice.
 */
#define TCP_HELD_MAX (32u << 20)

struct tcp_held {
	uint64_t offset;
	uint32_t packet;
	bool cut;
	uint8_t *data;
	size_t len;
};

void tcp_table_init(struct tcp_table *t)
{
	memset(t, 0, sizeof(*t));
}

static void dir_free(struct tcp_dir *d)
{
	buf_free(&d->data);
	free(d->chunks);
	for (size_t i = 0; i < d->nheld; i++)
		free(d->held[i].data);
	free(d->held);
	memset(d, 0, sizeof(*d));
}

static void held_clear(struct tcp_dir *d)
{
	for (size_t i = 0; i < d->nheld; i++)
		free(d->held[i].data);
	d->nheld = 0;
	d->held_bytes = 0;
}

void tcp_table_free(struct tcp_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		dir_free(&t->v[i]->dir[0]);
		dir_free(&t->v[i]->dir[1]);
		free(t->v[i]);
	}
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static void append(struct tcp_dir *d, uint32_t packet, const uint8_t *p, size_t n, bool cut)
{
	if (!d->nchunks || d->chunks[d->nchunks - 1].packet != packet) {
		if (d->nchunks == d->capchunks) {
			d->capchunks = d->capchunks ? d->capchunks * 2 : 16;
			d->chunks = xrealloc(d->chunks, d->capchunks * sizeof(*d->chunks));
		}
		d->chunks[d->nchunks++] = (struct tcp_chunk){ d->data.len, packet };
	}
	buf_append(&d->data, p, n);
	d->next_seq += (uint32_t)n;
	d->tail_cut = cut;
}

static void dir_finish(struct tcp_dir *d);

static void hold(struct tcp_dir *d, uint32_t packet, uint64_t off, const uint8_t *p, size_t n, bool cut)
{
	if (d->held_bytes + n > TCP_HELD_MAX) {
		dir_finish(d); /* the gap, said now: nothing after it will be read */
		return;
	}
	d->held_bytes += n;
	if (d->nheld == d->capheld) {
		d->capheld = d->capheld ? d->capheld * 2 : 8;
		d->held = xrealloc(d->held, d->capheld * sizeof(*d->held));
	}
	size_t i = d->nheld;
	while (i > 0 && d->held[i - 1].offset > off)
		i--;
	memmove(d->held + i + 1, d->held + i, (d->nheld - i) * sizeof(*d->held));
	d->held[i] = (struct tcp_held){ off, packet, cut, xmalloc(n), n };
	memcpy(d->held[i].data, p, n);
	d->nheld++;
}

/* Bytes p[0..n) at stream offset off (negative: they begin before the stream does). */
static void place(struct tcp_dir *d, uint32_t packet, int64_t off, const uint8_t *p, size_t n, bool cut)
{
	if (off < 0) {
		/* Before the first byte we follow (a stream the capture joined midway). */
		if ((uint64_t)-off >= n) {
			d->retransmitted++;
			return;
		}
		p += (size_t)-off;
		n -= (size_t)-off;
		off = 0;
	}
	uint64_t have = d->data.len, end = (uint64_t)off + n;
	if ((uint64_t)off > have) {
		hold(d, packet, (uint64_t)off, p, n, cut);
		return;
	}
	if ((uint64_t)off < have) {
		size_t old = (size_t)((end < have ? end : have) - (uint64_t)off);
		if (memcmp(d->data.data + off, p, old) != 0 && d->conflicts++ == 0)
			d->conflict_packet = packet;
		if (end <= have) {
			d->retransmitted++;
			return;
		}
		d->overlapping++;
		p += old;
		n -= old;
	}
	append(d, packet, p, n, cut);
}

/* Moves every held segment that now touches the end of the stream into it. */
static void drain(struct tcp_dir *d)
{
	while (d->nheld && d->held[0].offset <= d->data.len) {
		struct tcp_held h = d->held[0];
		memmove(d->held, d->held + 1, (d->nheld - 1) * sizeof(*d->held));
		d->nheld--;
		d->held_bytes -= h.len;
		place(d, h.packet, (int64_t)h.offset, h.data, h.len, h.cut);
		free(h.data);
	}
}

static void dir_add(struct tcp_dir *d, uint32_t packet, const struct tcp_segment *s)
{
	uint32_t seq = s->seq;
	if (s->flags & TCP_FLAG_SYN) {
		seq++; /* the SYN takes one sequence number; data (TCP Fast Open) follows it */
		if (!d->started || (d->midstream && d->data.len == 0 && !d->nheld)) {
			d->started = true;
			d->midstream = false;
			d->next_seq = seq;
		}
	} else if (!d->started) {
		d->started = true;
		d->midstream = true;
		d->next_seq = seq;
	}
	if (s->flags & TCP_FLAG_FIN)
		d->fin = true;
	if (!s->wire_len || d->gap)
		return;
	int64_t off = (int64_t)d->data.len + (int32_t)(seq - d->next_seq);
	uint64_t announced_end = off + (int64_t)s->wire_len > 0 ? (uint64_t)(off + (int64_t)s->wire_len) : 0;
	if (announced_end > d->announced_end)
		d->announced_end = announced_end;
	bool cut = s->len < s->wire_len;
	if (cut)
		d->last_cut = packet;
	if (s->len)
		place(d, packet, off, s->payload, s->len, cut);
	drain(d);
}

static bool same(const uint8_t *a, const uint8_t *b, uint8_t family)
{
	return memcmp(a, b, family == 6 ? 16 : 4) == 0;
}

/* Which side of c sent a segment from (src, sport) to (dst, dport): 0 or 1, -1 if c is not theirs. */
static int side_of(const struct tcp_conn *c, uint8_t family, const uint8_t *src, uint16_t sport, const uint8_t *dst,
                   uint16_t dport)
{
	if (c->family != family)
		return -1;
	for (int k = 0; k < 2; k++)
		if (c->port[k] == sport && c->port[!k] == dport && same(c->addr[k], src, family) &&
		    same(c->addr[!k], dst, family))
			return k;
	return -1;
}

/* FNV-1a over one endpoint (address and port). */
static uint64_t endpoint_hash(const uint8_t *addr, uint16_t port, uint8_t family)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < (family == 6 ? 16u : 4u); i++)
		h = (h ^ addr[i]) * 1099511628211u;
	h = (h ^ (port >> 8)) * 1099511628211u;
	return (h ^ (port & 0xff)) * 1099511628211u;
}

/* The same for both directions of a connection. */
static size_t pair_hash(uint8_t family, const uint8_t *a, uint16_t pa, const uint8_t *b, uint16_t pb)
{
	return (size_t)(endpoint_hash(a, pa, family) + endpoint_hash(b, pb, family));
}

/* The slot of the connection between these endpoints, or the empty slot where it would go. */
static size_t *slot_for(const struct tcp_table *t, uint8_t family, const uint8_t *src, uint16_t sport,
                        const uint8_t *dst, uint16_t dport)
{
	size_t mask = t->nslots - 1;
	for (size_t i = pair_hash(family, src, sport, dst, dport) & mask;; i = (i + 1) & mask)
		if (!t->slots[i] || side_of(t->v[t->slots[i] - 1], family, src, sport, dst, dport) >= 0)
			return &t->slots[i];
}

/* Makes connection index i the latest for its endpoints (growing the slots at half full). */
static void remember(struct tcp_table *t, size_t i)
{
	if (2 * (t->n + 1) > t->nslots) {
		free(t->slots);
		t->nslots = t->nslots ? t->nslots * 2 : 64;
		t->slots = xcalloc(t->nslots, sizeof(*t->slots));
		for (size_t k = 0; k < t->n; k++) /* in order, so a reused pair keeps its latest */
			if (k != i) {
				const struct tcp_conn *c = t->v[k];
				*slot_for(t, c->family, c->addr[0], c->port[0], c->addr[1], c->port[1]) = k + 1;
			}
	}
	const struct tcp_conn *c = t->v[i];
	*slot_for(t, c->family, c->addr[0], c->port[0], c->addr[1], c->port[1]) = i + 1;
}

/* The connection s belongs to and which side sent it, or NULL. */
static struct tcp_conn *find(struct tcp_table *t, const struct tcp_segment *s, int *side)
{
	if (!t->nslots)
		return NULL;
	size_t *slot = slot_for(t, s->family, s->src, s->sport, s->dst, s->dport);
	if (!*slot)
		return NULL;
	struct tcp_conn *c = t->v[*slot - 1];
	*side = side_of(c, s->family, s->src, s->sport, s->dst, s->dport);
	return c;
}

void tcp_table_add(struct tcp_table *t, uint32_t packet, const struct tcp_segment *s)
{
	int side = 0;
	struct tcp_conn *c = find(t, s, &side);
	bool syn = (s->flags & (TCP_FLAG_SYN | TCP_FLAG_ACK)) == TCP_FLAG_SYN;
	/* A fresh SYN on a finished connection's ports (or with another initial sequence
	 * number) opens a new connection: the ports were reused. */
	if (c && syn && (c->closed || (c->syn[side] && c->isn[side] != s->seq)))
		c = NULL;
	if (!c) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
		}
		c = xcalloc(1, sizeof(*c));
		t->v[t->n++] = c;
		c->family = s->family;
		memcpy(c->addr[0], s->src, 16);
		memcpy(c->addr[1], s->dst, 16);
		c->port[0] = s->sport;
		c->port[1] = s->dport;
		c->first_packet = packet;
		side = 0;
		remember(t, t->n - 1);
	}
	c->last_packet = packet;
	if ((s->flags & TCP_FLAG_SYN) && !c->syn[side]) {
		c->syn[side] = true;
		c->isn[side] = s->seq;
	}
	dir_add(&c->dir[side], packet, s);
	if ((s->flags & TCP_FLAG_RST) || (c->dir[0].fin && c->dir[1].fin))
		c->closed = true;
}

static void dir_finish(struct tcp_dir *d)
{
	if (d->gap) { /* said already (TCP_HELD_MAX) */
		held_clear(d);
		return;
	}
	if (d->announced_end <= d->data.len) {
		held_clear(d);
		return;
	}
	d->gap = true;
	d->gap_offset = d->data.len;
	d->gap_after = d->nchunks ? d->chunks[d->nchunks - 1].packet : 0;
	d->gap_cut = d->tail_cut;
	if (d->nheld) {
		d->gap_resume = d->held[0].packet;
		d->resume_offset = d->held[0].offset;
	}
	held_clear(d);
}

void tcp_table_finish(struct tcp_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		dir_finish(&t->v[i]->dir[0]);
		dir_finish(&t->v[i]->dir[1]);
	}
}

uint32_t tcp_dir_packet_at(const struct tcp_dir *d, uint64_t offset)
{
	if (offset >= d->data.len || !d->nchunks)
		return 0;
	size_t lo = 0, hi = d->nchunks; /* the last chunk starting at or before offset */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->chunks[mid].offset <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return d->chunks[lo].packet;
}
