/*
 * export/pcap.c — see pcap.h.
 *
 * Each TLS connection becomes one TCP connection between 127.0.0.1 (client,
 * port 50000 + n) and 127.0.0.2 (server, port 443, so Wireshark dissects TLS
 * and, with the key log, HTTP inside it): three-way handshake, the TLS bytes in
 * segments of at most 1400 bytes each acknowledged by the receiver, and a
 * FIN/ACK exchange. Ethernet frames with made-up local MACs; IPv4 and TCP
 * checksums computed; timestamps from the simulation clock plus 1 ms per packet,
 * so the same run gives the same capture byte for byte.
 *
 * libpcap is opened (dlopen) only when a capture is written: linked, it and the
 * eight libraries it pulls in (D-Bus, systemd, libgcrypt, compressors) were
 * loaded by every launch, for a first frame that never needs them. Its static
 * archive needs D-Bus and systemd too, so linking it in would not help.
 */
/* libpcap's headers use the BSD integer types (u_int, u_char), which glibc shows only here. */
#define _DEFAULT_SOURCE 1

#include "export/pcap.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "wire/record.h"

#define MSS 1400
/* The least a protected record adds to its plaintext: a 16-byte tag (AEAD) or more (CBC + MAC). */
#define MIN_PROTECTION 16

/* The part of libpcap a capture file needs, looked up once. */
static struct {
	bool tried, ok;
	char error[300];
	pcap_t *(*open_dead)(int, int);
	pcap_dumper_t *(*dump_fopen)(pcap_t *, FILE *);
	void (*dump)(u_char *, const struct pcap_pkthdr *, const u_char *);
	int (*dump_flush)(pcap_dumper_t *);
	FILE *(*dump_file)(pcap_dumper_t *);
	void (*dump_close)(pcap_dumper_t *);
	void (*close)(pcap_t *);
} lib;

int pcap_load(char *err, size_t errlen)
{
	if (!lib.tried) {
		lib.tried = true;
		/* TLSSTEP_LIBPCAP names another copy; else the names distributions give it (Debian's
		 * soname is libpcap.so.0.8, upstream's libpcap.so.1). */
		const char *given = getenv("TLSSTEP_LIBPCAP");
		const char *names[] = { given && *given ? given : "libpcap.so.0.8", "libpcap.so.1", "libpcap.so" };
		size_t nnames = given && *given ? 1 : sizeof(names) / sizeof(names[0]);
		void *h = NULL;
		for (size_t i = 0; i < nnames && !h; i++)
			if (!(h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL)) && i == 0)
				snprintf(lib.error, sizeof(lib.error), "libpcap is needed to write a capture and could not be "
				         "loaded: %s", dlerror());
		if (h) {
			/* POSIX's way from a void * to a function pointer: copy the object representation. */
			struct { const char *name; void *fn; } sym[] = {
				{ "pcap_open_dead", &lib.open_dead },   { "pcap_dump_fopen", &lib.dump_fopen },
				{ "pcap_dump", &lib.dump },             { "pcap_dump_flush", &lib.dump_flush },
				{ "pcap_dump_file", &lib.dump_file },   { "pcap_dump_close", &lib.dump_close },
				{ "pcap_close", &lib.close },
			};
			lib.ok = true;
			for (size_t i = 0; i < sizeof(sym) / sizeof(sym[0]) && lib.ok; i++) {
				void *f = dlsym(h, sym[i].name);
				if (!f) {
					snprintf(lib.error, sizeof(lib.error), "the libpcap found has no %s: %s", sym[i].name,
					         dlerror());
					lib.ok = false;
				} else {
					memcpy(sym[i].fn, &f, sizeof(f));
				}
			}
		}
	}
	if (!lib.ok)
		snprintf(err, errlen, "%s", lib.error);
	return lib.ok ? 0 : -1;
}

struct flow {
	pcap_dumper_t *out;
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
	struct pcap_pkthdr h;
	h.ts.tv_sec = (time_t)(f->time_us / 1000000);
	h.ts.tv_usec = (suseconds_t)(f->time_us % 1000000);
	h.caplen = h.len = (bpf_u_int32)(54 + len);
	lib.dump((u_char *)f->out, &h, frame);
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
 * Whether the handshake message msg sits at byte `at` of the handshake bytes that
 * the records in rec carry (their bodies joined). Plaintext records are compared
 * byte for byte; protected ones only by size, at least MIN_PROTECTION per record.
 */
static bool carries(const struct buf *rec, bool encrypted, size_t at, const struct buf *msg)
{
	size_t o = 0, total = 0, nrec = 0;
	while (o + RECORD_HEADER_LEN <= rec->len) {
		size_t n = record_header_read(rec->data + o).length;
		const uint8_t *body = rec->data + o + RECORD_HEADER_LEN;
		if (n > rec->len - o - RECORD_HEADER_LEN)
			return false;
		for (size_t i = 0; !encrypted && i < n; i++) {
			size_t pos = total + i;
			if (pos >= at && pos - at < msg->len && body[i] != msg->data[pos - at])
				return false;
		}
		total += n;
		nrec++;
		o += RECORD_HEADER_LEN + n;
	}
	size_t need = at + msg->len + (encrypted ? MIN_PROTECTION * nrec : 0);
	return o == rec->len && need <= total;
}

/*
 * The bytes of st->record that have not crossed yet. A step's record is every
 * record that completed its message, so steps can repeat bytes: when one record
 * carried several handshake messages, each of those steps holds that same record;
 * when a record ends one message and begins the next, the next step's records
 * start with it. The rule: a step continues the group of the sender's previous
 * step (last, in this connection) when both are decrypted handshake messages,
 * last's records are a prefix of (or equal to) this step's, and this message is
 * the one those records carry right after the group's earlier messages (`used`
 * bytes). Then only the bytes after last's records are new. Anything else crossed
 * whole: a record the DUPLICATE fault sent twice is byte-identical to the one
 * before it, but its message is not the next one in it, so it crosses again.
 */
static struct buf new_bytes(const struct step *last, size_t *used, const struct step *st)
{
	struct buf b = { st->record.data, st->record.len, st->record.len };
	bool hs = st->type == STEP_HANDSHAKE && st->have_plain;
	if (hs && last && last->record.len && last->type == STEP_HANDSHAKE && last->have_plain &&
	    last->record.len <= st->record.len && !memcmp(last->record.data, st->record.data, last->record.len) &&
	    carries(&st->record, st->encrypted, *used, &st->plain)) {
		b.data += last->record.len;
		b.len -= last->record.len;
		*used += st->plain.len;
		return b;
	}
	*used = hs ? st->plain.len : 0;
	return b;
}

int pcap_write(FILE *out, const struct timeline *tl)
{
	int ret = -1;
	char *bytes = NULL, err[300];
	size_t len = 0;
	if (pcap_load(err, sizeof(err)))
		return -1; /* main() said why before the run */
	/* libpcap writes to a FILE it closes itself; a memory stream keeps the output in one
	 * piece for the caller's FILE (and its error handling), as every other exporter does. */
	FILE *m = open_memstream(&bytes, &len);
	pcap_t *dead = lib.open_dead(DLT_EN10MB, 65535);
	struct flow f;
	memset(&f, 0, sizeof(f));
	if (!m || !dead)
		goto out;
	f.out = lib.dump_fopen(dead, m);
	if (!f.out)
		goto out;
	m = NULL; /* the dumper owns it now */
	f.time_us = (uint64_t)tl->sc->sim_time * 1000000;
	int connection = 0;
	const struct step *last[2] = { NULL, NULL }; /* each sender's previous step in this connection */
	size_t used[2] = { 0, 0 };
	for (size_t i = 0; i <= tl->nsteps; i++) {
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
			last[0] = last[1] = NULL;
			packet(&f, SIDE_CLIENT, TCP_SYN, NULL, 0);
			packet(&f, SIDE_SERVER, TCP_SYN | TCP_ACK, NULL, 0);
			packet(&f, SIDE_CLIENT, TCP_ACK, NULL, 0);
		}
		struct buf b = new_bytes(last[st->from], &used[st->from], st);
		last[st->from] = st;
		data(&f, st->from, b.data, b.len);
	}
	bool broken = lib.dump_flush(f.out) != 0 || ferror(lib.dump_file(f.out));
	lib.dump_close(f.out); /* closes the memory stream: bytes and len are final */
	f.out = NULL;
	if (!broken && bytes && fwrite(bytes, 1, len, out) == len && !ferror(out))
		ret = 0;
out:
	if (f.out)
		lib.dump_close(f.out);
	if (m)
		fclose(m);
	if (dead)
		lib.close(dead);
	free(bytes);
	return ret;
}
