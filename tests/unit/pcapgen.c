/* tests/unit/pcapgen.c — see pcapgen.h. */
#define _DEFAULT_SOURCE 1

#include "pcapgen.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

int pcapgen_open(struct pcapgen *g, const char *path, int dlt, unsigned snaplen)
{
	memset(g, 0, sizeof(*g));
	g->dlt = dlt;
	g->snaplen = snaplen;
	g->dead = pcap_open_dead(dlt, (int)snaplen);
	if (!g->dead)
		return -1;
	g->dumper = pcap_dump_open(g->dead, path);
	return g->dumper ? 0 : -1;
}

void pcapgen_frame(struct pcapgen *g, const uint8_t *frame, size_t len)
{
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = 1700000000;
	h.ts.tv_usec = (suseconds_t)(g->usec++ % 1000000);
	h.len = (bpf_u_int32)len;
	h.caplen = (bpf_u_int32)(len < g->snaplen ? len : g->snaplen);
	pcap_dump(g->dumper, &h, frame);
}

void pcapgen_tcp(struct pcapgen *g, const char *src, uint16_t sport, const char *dst, uint16_t dport,
                 uint32_t seq, uint8_t flags, const void *payload, size_t len)
{
	static uint8_t f[70000];
	uint8_t s6[16], d6[16];
	int v6 = strchr(src, ':') != NULL;
	inet_pton(v6 ? AF_INET6 : AF_INET, src, s6);
	inet_pton(v6 ? AF_INET6 : AF_INET, dst, d6);
	size_t o = 0;
	unsigned ethertype = v6 ? 0x86dd : 0x0800;
	switch (g->dlt) {
	case DLT_EN10MB:
		memset(f, 0, 12);
		f[5] = 1;
		f[11] = 2;
		o = 12;
		for (unsigned i = 0; i < g->vlan_tags; i++) {
			put16(f + o, i ? 0x8100 : (g->vlan_tags > 1 ? 0x88a8 : 0x8100));
			put16(f + o + 2, 100 + i);
			o += 4;
		}
		put16(f + o, ethertype);
		o += 2;
		break;
	case DLT_NULL: /* host byte order: little-endian here */
		f[0] = v6 ? 10 : 2;
		f[1] = f[2] = f[3] = 0;
		o = 4;
		break;
	case DLT_LOOP:
		put32(f, v6 ? 24 : 2);
		o = 4;
		break;
	case DLT_LINUX_SLL:
		memset(f, 0, 16);
		put16(f + 14, ethertype);
		o = 16;
		break;
	case DLT_LINUX_SLL2:
		memset(f, 0, 20);
		put16(f, ethertype);
		o = 20;
		break;
	default: /* raw IP */
		break;
	}
	size_t tcp_len = 20 + len;
	if (v6) {
		memset(f + o, 0, 40);
		f[o] = 0x60;
		put16(f + o + 4, (unsigned)tcp_len);
		f[o + 6] = 6;
		f[o + 7] = 64;
		memcpy(f + o + 8, s6, 16);
		memcpy(f + o + 24, d6, 16);
		o += 40;
	} else {
		memset(f + o, 0, 20);
		f[o] = 0x45;
		put16(f + o + 2, (unsigned)(20 + tcp_len));
		f[o + 6] = 0x40; /* don't fragment */
		f[o + 8] = 64;
		f[o + 9] = 6;
		memcpy(f + o + 12, s6, 4);
		memcpy(f + o + 16, d6, 4);
		o += 20;
	}
	memset(f + o, 0, 20);
	put16(f + o, sport);
	put16(f + o + 2, dport);
	put32(f + o + 4, seq);
	f[o + 12] = 5 << 4;
	f[o + 13] = flags;
	put16(f + o + 14, 65535);
	o += 20;
	if (len)
		memcpy(f + o, payload, len);
	pcapgen_frame(g, f, o + len);
}

void pcapgen_close(struct pcapgen *g)
{
	if (g->dumper)
		pcap_dump_close(g->dumper);
	if (g->dead)
		pcap_close(g->dead);
	memset(g, 0, sizeof(*g));
}

uint8_t *pcapgen_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *b = NULL;
	size_t n = 0, cap = 0, r;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			b = realloc(b, cap);
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	*len = n;
	return b;
}
