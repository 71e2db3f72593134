/*
 * capture/tcp.h — TCP streams rebuilt from captured segments, strictly.
 *
 * Each direction of each connection becomes one byte stream ordered by
 * sequence number. Retransmitted bytes are dropped (the first copy wins, and a
 * copy whose bytes differ is counted as a conflict); segments that arrive
 * ahead of a hole wait for it to fill. A hole still open at the end of the
 * capture is a gap: the stream ends before it, and the gap is reported with
 * the packets on either side and its stream offset. Nothing is ever guessed
 * over a gap.
 *
 * Packet numbers are 1-based, as Wireshark counts them.
 */
#ifndef TLSSTEP_CAPTURE_TCP_H
#define TLSSTEP_CAPTURE_TCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/frame.h"
#include "util/buf.h"

/* Where a packet's bytes begin in a stream (one entry per packet that added bytes). */
struct tcp_chunk {
	uint64_t offset;
	uint32_t packet;
};

struct tcp_held; /* a segment that arrived ahead of a hole (tcp.c) */

struct tcp_dir {
	bool started;
	bool midstream;          /* no SYN seen: the capture began inside this stream */
	bool fin;
	uint32_t next_seq;       /* sequence number of the next byte expected */
	struct buf data;         /* the stream, contiguous from offset 0 */
	struct tcp_chunk *chunks;
	size_t nchunks, capchunks;
	struct tcp_held *held;   /* sorted by stream offset */
	size_t nheld, capheld;
	/* Set by tcp_table_finish when a hole stayed open, or as soon as more than
	 * TCP_HELD_MAX bytes wait behind one (tcp.c). */
	bool gap;
	uint64_t gap_offset;     /* = data.len: the first byte that never arrived */
	uint32_t gap_after;      /* the packet that carried the byte before it (0: none) */
	uint32_t gap_resume;     /* the first packet whose bytes come after it */
	uint64_t resume_offset;  /* and where they begin */
	bool gap_cut;            /* gap_after was cut short by the snapshot length */
	/* Counts, for the report. */
	uint32_t retransmitted;  /* segments all of whose bytes had already arrived */
	uint32_t overlapping;    /* segments part old, part new */
	uint32_t conflicts;      /* old bytes that came again different (the first copy is kept) */
	uint32_t conflict_packet;
	uint32_t last_cut;       /* the last packet whose payload the capture cut short */
	/* Internal to tcp.c. */
	uint64_t announced_end;  /* the furthest stream offset any segment's IP header announced */
	size_t held_bytes;
	bool tail_cut;           /* the packet that gave the last byte was cut short */
};

struct tcp_conn {
	uint8_t family;
	uint8_t addr[2][16];     /* [0]: the side that sent the first packet seen (the SYN's sender) */
	uint16_t port[2];
	struct tcp_dir dir[2];   /* dir[i]: the bytes addr[i] sent */
	uint32_t first_packet, last_packet;
	uint32_t isn[2];
	bool syn[2];
	bool closed;             /* a RST, or a FIN from both sides */
};

struct tcp_table {
	struct tcp_conn **v;     /* in order of their first packet */
	size_t n, cap;
	/* Internal to tcp.c: open addressing from an address pair to the latest connection
	 * between them (index + 1; 0 is empty), so a capture of many connections costs no
	 * search per packet. */
	size_t *slots;
	size_t nslots;
};

void tcp_table_init(struct tcp_table *t);
void tcp_table_free(struct tcp_table *t);

/* Adds segment s, carried by packet number `packet`. */
void tcp_table_add(struct tcp_table *t, uint32_t packet, const struct tcp_segment *s);

/* The end of the capture: holes still open become gaps (held segments are dropped). */
void tcp_table_finish(struct tcp_table *t);

/* The packet that carried stream byte `offset` of d (offset < d->data.len), 0 if none. */
uint32_t tcp_dir_packet_at(const struct tcp_dir *d, uint64_t offset);

#endif
