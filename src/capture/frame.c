/*
 * capture/frame.c — see frame.h.
 *
 * Checksums are not verified: a capture taken on the sending host sees its
 * packets before the network card fills them in (checksum offload), so a wrong
 * checksum there is the rule, not a fault; Wireshark does not check them by
 * default either. IP fragments are not reassembled (TCP avoids them with its
 * MSS): a fragment is skipped, and the bytes it carried show up as a gap in
 * its stream, never as guessed bytes.
 */
#define _DEFAULT_SOURCE 1 /* inet_ntop's AF_ constants with _POSIX_C_SOURCE */

#include "capture/frame.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* libpcap's DLT_ values (pcap/dlt.h), as pcap_datalink() returns them on Linux. */
enum {
	DLT_NULL_ = 0,
	DLT_EN10MB_ = 1,
	DLT_RAW_ = 12,   /* LINKTYPE_RAW (101) reads back as DLT_RAW */
	DLT_RAW_OPENBSD_ = 14,
	DLT_LOOP_ = 108,
	DLT_LINUX_SLL_ = 113,
	DLT_IPV4_ = 228,
	DLT_IPV6_ = 229,
	DLT_LINUX_SLL2_ = 276,
};

enum { ETH_IPV4 = 0x0800, ETH_IPV6 = 0x86dd, ETH_VLAN = 0x8100, ETH_QINQ = 0x88a8, ETH_QINQ_OLD = 0x9100 };

/* How many VLAN tags we walk through before calling the frame malformed. */
#define MAX_TAGS 8
/* IPv6 extension headers walked before giving up (RFC 8200 §4.1 orders at most ~8). */
#define MAX_EXT 16

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool frame_linktype_supported(int dlt)
{
	switch (dlt) {
	case DLT_NULL_: case DLT_EN10MB_: case DLT_RAW_: case DLT_RAW_OPENBSD_: case DLT_LOOP_:
	case DLT_LINUX_SLL_: case DLT_IPV4_: case DLT_IPV6_: case DLT_LINUX_SLL2_:
		return true;
	default:
		return false;
	}
}

/*
 * The TCP header at p[0..avail), `announced` bytes long by its IP header, and
 * `cut` when the capture kept less than that.
 */
static enum frame_result tcp(const uint8_t *p, size_t avail, size_t announced, bool cut,
                             struct tcp_segment *seg, const char **why)
{
	if (avail < 20) {
		*why = cut ? "the capture kept too little of this packet to read its TCP header"
		           : "the IP header announces fewer bytes than a TCP header needs";
		return cut ? FRAME_SKIP : FRAME_BAD;
	}
	size_t hl = (size_t)(p[12] >> 4) * 4;
	if (hl < 20 || hl > announced) {
		*why = "the TCP header length is below 20 bytes or past the IP payload";
		return FRAME_BAD;
	}
	if (hl > avail) {
		*why = "the capture kept too little of this packet to read its TCP options";
		return FRAME_SKIP;
	}
	seg->sport = be16(p);
	seg->dport = be16(p + 2);
	seg->seq = be32(p + 4);
	seg->flags = p[13];
	seg->payload = p + hl;
	seg->len = avail - hl;
	seg->wire_len = announced - hl;
	return FRAME_TCP;
}

static enum frame_result ipv4(const uint8_t *p, size_t avail, bool cut, struct tcp_segment *seg, const char **why)
{
	if (avail < 20) {
		*why = cut ? "the capture kept too little of this packet to read its IPv4 header" : "an IPv4 header shorter than 20 bytes";
		return cut ? FRAME_SKIP : FRAME_BAD;
	}
	size_t ihl = (size_t)(p[0] & 15) * 4;
	size_t total = be16(p + 2);
	if ((p[0] >> 4) != 4 || ihl < 20 || total < ihl) {
		*why = "an IPv4 header with a bad version, header length or total length";
		return FRAME_BAD;
	}
	if (total > avail && !cut) {
		*why = "the IPv4 total length runs past the end of the frame";
		return FRAME_BAD;
	}
	if (ihl > avail) {
		*why = "the capture kept too little of this packet to read its IPv4 options";
		return FRAME_SKIP;
	}
	if (be16(p + 6) & 0x3fff) { /* more fragments, or a fragment offset */
		*why = "an IPv4 fragment (not reassembled; its bytes count as lost)";
		return FRAME_SKIP;
	}
	if (p[9] != 6) {
		*why = "not TCP";
		return FRAME_SKIP;
	}
	seg->family = 4;
	memset(seg->src, 0, 16);
	memset(seg->dst, 0, 16);
	memcpy(seg->src, p + 12, 4);
	memcpy(seg->dst, p + 16, 4);
	/* Ethernet pads short frames: the IP total length says where the packet ends. */
	size_t have = total < avail ? total : avail;
	return tcp(p + ihl, have - ihl, total - ihl, cut && have < total, seg, why);
}

static enum frame_result ipv6(const uint8_t *p, size_t avail, bool cut, struct tcp_segment *seg, const char **why)
{
	if (avail < 40) {
		*why = cut ? "the capture kept too little of this packet to read its IPv6 header" : "an IPv6 header shorter than 40 bytes";
		return cut ? FRAME_SKIP : FRAME_BAD;
	}
	if ((p[0] >> 4) != 6) {
		*why = "an IPv6 header whose version is not 6";
		return FRAME_BAD;
	}
	size_t plen = be16(p + 4);
	if (plen == 0) {
		*why = "an IPv6 jumbogram or a packet without payload";
		return FRAME_SKIP;
	}
	if (40 + plen > avail && !cut) {
		*why = "the IPv6 payload length runs past the end of the frame";
		return FRAME_BAD;
	}
	seg->family = 6;
	memcpy(seg->src, p + 8, 16);
	memcpy(seg->dst, p + 24, 16);
	size_t have = 40 + plen < avail ? 40 + plen : avail;
	uint8_t next = p[6];
	size_t off = 40;
	for (int i = 0; i < MAX_EXT; i++) {
		size_t hl;
		switch (next) {
		case 6:
			return tcp(p + off, have - off, 40 + plen - off, cut && have < 40 + plen, seg, why);
		case 0: case 43: case 60: /* hop-by-hop, routing, destination options: (len + 1) * 8 */
		case 44: /* fragment: 8 bytes */
		case 51: /* authentication header: (len + 2) * 4 */
			if (off + 8 > have) {
				*why = cut ? "the capture kept too little of this packet to read its IPv6 extension headers"
				           : "an IPv6 extension header runs past the payload";
				return cut ? FRAME_SKIP : FRAME_BAD;
			}
			if (next == 44) {
				if (be16(p + off + 2) & 0xfff9) {
					*why = "an IPv6 fragment (not reassembled; its bytes count as lost)";
					return FRAME_SKIP;
				}
				hl = 8;
			} else {
				hl = next == 51 ? ((size_t)p[off + 1] + 2) * 4 : ((size_t)p[off + 1] + 1) * 8;
			}
			next = p[off];
			off += hl;
			if (off > 40 + plen) {
				*why = "an IPv6 extension header runs past the payload";
				return FRAME_BAD;
			}
			if (off > have) {
				*why = "the capture kept too little of this packet to read its IPv6 extension headers";
				return FRAME_SKIP;
			}
			break;
		default:
			*why = "not TCP";
			return FRAME_SKIP;
		}
	}
	*why = "more IPv6 extension headers than any real packet carries";
	return FRAME_BAD;
}

/* An EtherType (after the tags it may be behind) and what follows it. */
static enum frame_result ethertype(uint16_t type, const uint8_t *p, size_t avail, bool cut, struct tcp_segment *seg,
                                   const char **why)
{
	for (int tags = 0; type == ETH_VLAN || type == ETH_QINQ || type == ETH_QINQ_OLD; tags++) {
		if (tags == MAX_TAGS) {
			*why = "more VLAN tags than any real frame carries";
			return FRAME_BAD;
		}
		if (avail < 4) {
			*why = cut ? "the capture kept too little of this frame to read its VLAN tag" : "a VLAN tag cut short";
			return cut ? FRAME_SKIP : FRAME_BAD;
		}
		type = be16(p + 2);
		p += 4;
		avail -= 4;
	}
	if (type == ETH_IPV4)
		return ipv4(p, avail, cut, seg, why);
	if (type == ETH_IPV6)
		return ipv6(p, avail, cut, seg, why);
	*why = "not IP";
	return FRAME_SKIP;
}

/* The first byte's version nibble says which IP (raw IP link types). */
static enum frame_result raw_ip(const uint8_t *p, size_t avail, bool cut, struct tcp_segment *seg, const char **why)
{
	if (avail >= 1 && (p[0] >> 4) == 4)
		return ipv4(p, avail, cut, seg, why);
	if (avail >= 1 && (p[0] >> 4) == 6)
		return ipv6(p, avail, cut, seg, why);
	*why = "a raw IP packet that is neither IPv4 nor IPv6";
	return FRAME_BAD;
}

enum frame_result frame_decode(int dlt, const uint8_t *p, size_t caplen, size_t wirelen,
                               struct tcp_segment *seg, const char **why)
{
	bool cut = caplen < wirelen;
	size_t hl;
	memset(seg, 0, sizeof(*seg));
	switch (dlt) {
	case DLT_EN10MB_:
		hl = 14;
		break;
	case DLT_NULL_:
	case DLT_LOOP_:
		hl = 4;
		break;
	case DLT_LINUX_SLL_:
		hl = 16;
		break;
	case DLT_LINUX_SLL2_:
		hl = 20;
		break;
	case DLT_RAW_: case DLT_RAW_OPENBSD_: case DLT_IPV4_: case DLT_IPV6_:
		hl = 0;
		break;
	default:
		*why = "a link type this reader does not know";
		return FRAME_BAD;
	}
	if (caplen < hl) {
		*why = cut ? "the capture kept too little of this frame to read its link header" : "a frame shorter than its link header";
		return cut ? FRAME_SKIP : FRAME_BAD;
	}
	const uint8_t *q = p + hl;
	size_t avail = caplen - hl;
	switch (dlt) {
	case DLT_EN10MB_:
		return ethertype(be16(p + 12), q, avail, cut, seg, why);
	case DLT_LINUX_SLL_:
		return ethertype(be16(p + 14), q, avail, cut, seg, why);
	case DLT_LINUX_SLL2_:
		return ethertype(be16(p), q, avail, cut, seg, why);
	case DLT_NULL_:
	case DLT_LOOP_: {
		/* The address family, in the capturing host's byte order for DLT_NULL (either
		 * order is read), big-endian for DLT_LOOP: AF_INET is 2 everywhere, AF_INET6 is
		 * 10 (Linux), 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS). */
		uint32_t af = be32(p);
		if (dlt == DLT_NULL_ && (af & 0xffff) == 0)
			af = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
		if (af == 2)
			return ipv4(q, avail, cut, seg, why);
		if (af == 10 || af == 24 || af == 28 || af == 30)
			return ipv6(q, avail, cut, seg, why);
		*why = "not IP";
		return FRAME_SKIP;
	}
	case DLT_IPV4_:
		return ipv4(q, avail, cut, seg, why);
	case DLT_IPV6_:
		return ipv6(q, avail, cut, seg, why);
	default:
		return raw_ip(q, avail, cut, seg, why);
	}
}

void frame_addr_port(uint8_t family, const uint8_t *addr, uint16_t port, char *out, size_t cap)
{
	char a[INET6_ADDRSTRLEN] = "?";
	inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, a, sizeof(a));
	snprintf(out, cap, family == 6 ? "[%s]:%u" : "%s:%u", a, (unsigned)port);
}
