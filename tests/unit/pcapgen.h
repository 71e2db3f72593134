/*
 * tests/unit/pcapgen.h — small captures written with libpcap for the capture
 * tests: TCP segments in any of the link types tlsstep reads, IPv4 or IPv6,
 * behind VLAN tags, cut by a snapshot length. Test code only.
 */
#ifndef TLSSTEP_TESTS_PCAPGEN_H
#define TLSSTEP_TESTS_PCAPGEN_H

#include <stddef.h>
#include <stdint.h>

struct pcapgen {
	void *dead, *dumper;
	int dlt;
	unsigned snaplen;
	unsigned vlan_tags;      /* Ethernet: this many 802.1Q tags before IP */
	uint32_t usec;
};

/* Opens path for writing, link type dlt (a DLT_ value), frames kept to snaplen bytes. Returns 0 or -1. */
int pcapgen_open(struct pcapgen *g, const char *path, int dlt, unsigned snaplen);
/* One TCP segment from src:sport to dst:dport (addresses as text, "10.0.0.1" or "2001:db8::1"). */
void pcapgen_tcp(struct pcapgen *g, const char *src, uint16_t sport, const char *dst, uint16_t dport,
                 uint32_t seq, uint8_t flags, const void *payload, size_t len);
/* A frame as given (len bytes, cut to the snapshot length). */
void pcapgen_frame(struct pcapgen *g, const uint8_t *frame, size_t len);
void pcapgen_close(struct pcapgen *g);

/* Reads a whole file into a new buffer (free with free()); NULL on failure. */
uint8_t *pcapgen_slurp(const char *path, size_t *len);

#endif
