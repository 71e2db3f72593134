/*
 * capture/frame.h — one captured frame down to its TCP segment.
 *
 * The link layers libpcap hands us (Ethernet, BSD null/loopback, Linux cooked
 * SLL and SLL2, raw IPv4/IPv6), any number of VLAN tags, IPv4 and IPv6 (with its
 * extension headers), then TCP. Pure function over bytes, no allocation: the
 * segment's payload is a view into the frame.
 */
#ifndef TLSSTEP_CAPTURE_FRAME_H
#define TLSSTEP_CAPTURE_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { TCP_FLAG_FIN = 1, TCP_FLAG_SYN = 2, TCP_FLAG_RST = 4, TCP_FLAG_ACK = 16 };

struct tcp_segment {
	uint8_t family;          /* 4 or 6 */
	uint8_t src[16], dst[16]; /* IPv4 addresses in the first 4 bytes */
	uint16_t sport, dport;
	uint32_t seq;
	uint8_t flags;
	const uint8_t *payload;  /* borrowed from the frame */
	size_t len;              /* payload bytes in the capture */
	size_t wire_len;         /* payload bytes the IP header announces (> len: cut by the snapshot length) */
};

enum frame_result {
	FRAME_TCP = 0,     /* seg filled */
	FRAME_SKIP = 1,    /* well-formed, but not TCP over IP (ARP, UDP, an IP fragment, ...) */
	FRAME_BAD = -1,    /* malformed: *why says what was wrong */
};

/* True when this decoder reads frames of libpcap link type `dlt` (pcap_datalink()). */
bool frame_linktype_supported(int dlt);

/*
 * Decodes frame p[0..caplen) of link type dlt, whose length on the wire was
 * wirelen (caplen < wirelen: the capture kept only its first caplen bytes).
 * FRAME_SKIP and FRAME_BAD set *why to a static sentence.
 */
enum frame_result frame_decode(int dlt, const uint8_t *p, size_t caplen, size_t wirelen,
                               struct tcp_segment *seg, const char **why);

/* "192.0.2.1:443" or "[2001:db8::1]:443" into out (at least FRAME_ADDR_MAX bytes). */
#define FRAME_ADDR_MAX 56
void frame_addr_port(uint8_t family, const uint8_t *addr, uint16_t port, char *out, size_t cap);

#endif
