/*
 * capture/: frames of every link type tlsstep reads, IPv4 and IPv6, VLAN tags;
 * TCP streams in sequence order with retransmissions, overlaps, conflicts,
 * reordering, wrap-around, gaps (with their packets and offset), cut packets and
 * reused ports; pcapng; files that are not captures, or cut short.
 * Every capture is written by the test itself (pcapgen, with libpcap).
 */
#define _DEFAULT_SOURCE 1
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "capture/conns.h"
#include "capture/reader.h"
#include "capture/records.h"
#include "pcapgen.h"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_capture.XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

enum { S = TCP_FLAG_SYN, A = TCP_FLAG_ACK, F = TCP_FLAG_FIN, R = TCP_FLAG_RST, PA = 8 | TCP_FLAG_ACK };

static void check_stream(const struct tcp_dir *d, const char *want)
{
	assert_int_equal(d->data.len, strlen(want));
	assert_memory_equal(d->data.data, want, strlen(want));
}

/* A little conversation: handshake, "hello" and "world!", FIN both ways. */
static void conversation(struct pcapgen *g, const char *c, const char *s)
{
	pcapgen_tcp(g, c, 40000, s, 8443, 1000, S, NULL, 0);
	pcapgen_tcp(g, s, 8443, c, 40000, 5000, S | A, NULL, 0);
	pcapgen_tcp(g, c, 40000, s, 8443, 1001, A, NULL, 0);
	pcapgen_tcp(g, c, 40000, s, 8443, 1001, PA, "hello", 5);
	pcapgen_tcp(g, s, 8443, c, 40000, 5001, PA, "world!", 6);
	pcapgen_tcp(g, c, 40000, s, 8443, 1006, F | A, NULL, 0);
	pcapgen_tcp(g, s, 8443, c, 40000, 5007, F | A, NULL, 0);
}

static void read_back(struct capture_file *cap, int want_rc)
{
	capture_file_init(cap);
	int rc = capture_file_read(cap, path);
	if (rc != want_rc)
		fail_msg("capture_file_read: %d, expected %d (%s)", rc, want_rc, cap->error);
}

static void link_types(void **state)
{
	(void)state;
	static const int dlts[] = { DLT_EN10MB, DLT_NULL, DLT_LOOP, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW,
	                            DLT_IPV4, DLT_IPV6 };
	static const char *addrs[][2] = { { "192.0.2.1", "198.51.100.7" }, { "2001:db8::1", "2001:db8::2:7" } };
	for (size_t i = 0; i < sizeof(dlts) / sizeof(dlts[0]); i++)
		for (int v6 = 0; v6 < 2; v6++)
			for (unsigned tags = 0; tags < (dlts[i] == DLT_EN10MB ? 3u : 1u); tags++) {
				if ((dlts[i] == DLT_IPV4 && v6) || (dlts[i] == DLT_IPV6 && !v6))
					continue;
				struct pcapgen g;
				assert_int_equal(pcapgen_open(&g, path, dlts[i], 65535), 0);
				g.vlan_tags = tags;
				conversation(&g, addrs[v6][0], addrs[v6][1]);
				pcapgen_close(&g);
				struct capture_file cap;
				read_back(&cap, CAPTURE_OK);
				assert_int_equal(cap.packets, 7);
				assert_int_equal(cap.tcp_packets, 7);
				assert_int_equal(cap.tcp.n, 1);
				struct tcp_conn *c = cap.tcp.v[0];
				assert_int_equal(c->family, v6 ? 6 : 4);
				assert_int_equal(c->port[0], 40000);
				assert_int_equal(c->port[1], 8443);
				check_stream(&c->dir[0], "hello");
				check_stream(&c->dir[1], "world!");
				assert_false(c->dir[0].gap || c->dir[1].gap || c->dir[0].midstream);
				assert_true(c->closed);
				char a[FRAME_ADDR_MAX];
				frame_addr_port(c->family, c->addr[1], c->port[1], a, sizeof(a));
				assert_string_equal(a, v6 ? "[2001:db8::2:7]:8443" : "198.51.100.7:8443");
				assert_int_equal(tcp_dir_packet_at(&c->dir[1], 3), 5);
				capture_file_free(&cap);
			}
}

static void order_and_retransmission(void **state)
{
	(void)state;
	struct pcapgen g;
	const char *c = "10.0.0.1", *s = "10.0.0.2";
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	pcapgen_tcp(&g, c, 1234, s, 443, 99, S, NULL, 0);
	pcapgen_tcp(&g, c, 1234, s, 443, 100 + 6, PA, "ghi", 3);      /* 2: ahead of a hole */
	pcapgen_tcp(&g, c, 1234, s, 443, 100 + 3, PA, "def", 3);      /* 3: ahead too */
	pcapgen_tcp(&g, c, 1234, s, 443, 100, PA, "abc", 3);          /* 4: fills it: abcdefghi */
	pcapgen_tcp(&g, c, 1234, s, 443, 100, PA, "abcdef", 6);       /* 5: retransmission */
	pcapgen_tcp(&g, c, 1234, s, 443, 100 + 7, PA, "hijkl", 5);    /* 6: overlap, jkl new */
	pcapgen_tcp(&g, c, 1234, s, 443, 100 + 1, PA, "XX", 2);       /* 7: old bytes, different */
	pcapgen_close(&g);
	struct capture_file cap;
	read_back(&cap, CAPTURE_OK);
	struct tcp_dir *d = &cap.tcp.v[0]->dir[0];
	check_stream(d, "abcdefghijkl");
	assert_int_equal(d->retransmitted, 2);
	assert_int_equal(d->overlapping, 1);
	assert_int_equal(d->conflicts, 1);
	assert_int_equal(d->conflict_packet, 7);
	assert_false(d->gap);
	assert_int_equal(tcp_dir_packet_at(d, 0), 4);
	assert_int_equal(tcp_dir_packet_at(d, 4), 3);
	assert_int_equal(tcp_dir_packet_at(d, 8), 2);
	assert_int_equal(tcp_dir_packet_at(d, 11), 6);
	assert_int_equal(tcp_dir_packet_at(d, 12), 0);
	capture_file_free(&cap);
}

static void wraparound(void **state)
{
	(void)state;
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_RAW, 65535), 0);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 0xfffffffd, S, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 0xfffffffe, PA, "ab", 2);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 0x00000001, PA, "de", 2);  /* ahead */
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 0x00000000, PA, "c", 1);
	pcapgen_close(&g);
	struct capture_file cap;
	read_back(&cap, CAPTURE_OK);
	check_stream(&cap.tcp.v[0]->dir[0], "abcde");
	capture_file_free(&cap);
}

static void gaps(void **state)
{
	(void)state;
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 0, S, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 1, PA, "abc", 3);     /* 2 */
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 7, PA, "ghi", 3);     /* 3: after a lost "def" */
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 10, PA, "jkl", 3);    /* 4 */
	pcapgen_close(&g);
	struct capture_file cap;
	read_back(&cap, CAPTURE_OK);
	struct tcp_dir *d = &cap.tcp.v[0]->dir[0];
	check_stream(d, "abc"); /* never guessed over */
	assert_true(d->gap);
	assert_int_equal(d->gap_offset, 3);
	assert_int_equal(d->gap_after, 2);
	assert_int_equal(d->gap_resume, 3);
	assert_int_equal(d->resume_offset, 6);
	assert_false(d->gap_cut);
	capture_file_free(&cap);

	/* A packet cut by the snapshot length: its missing bytes are a gap, even at the end. */
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 14 + 20 + 20 + 2), 0);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 0, S, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 1, PA, "abcd", 4);
	pcapgen_close(&g);
	read_back(&cap, CAPTURE_OK);
	d = &cap.tcp.v[0]->dir[0];
	check_stream(d, "ab");
	assert_true(d->gap && d->gap_cut);
	assert_int_equal(d->gap_offset, 2);
	assert_int_equal(d->gap_after, 2);
	assert_int_equal(d->gap_resume, 0);
	assert_int_equal(d->last_cut, 2);
	capture_file_free(&cap);

	/* A cut packet sent again whole: no gap. (libpcap trims every packet to the file's
	 * snapshot length, so the file's is large and only the first packet is cut.) */
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	g.snaplen = 14 + 20 + 20 + 2;
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 1, PA, "abcd", 4);
	g.snaplen = 65535;
	pcapgen_tcp(&g, "10.0.0.1", 1, "10.0.0.2", 2, 1, PA, "abcd", 4);
	pcapgen_close(&g);
	read_back(&cap, CAPTURE_OK);
	d = &cap.tcp.v[0]->dir[0];
	check_stream(d, "abcd");
	assert_false(d->gap);
	assert_true(d->midstream); /* no SYN */
	capture_file_free(&cap);
}

/* A hole with more than 32 MB waiting behind it is a gap at once (the rest not kept). */
static void held_cap(void **state)
{
	(void)state;
	static uint8_t chunk[60000];
	struct tcp_table t;
	tcp_table_init(&t);
	struct tcp_segment seg;
	memset(&seg, 0, sizeof(seg));
	seg.family = 4;
	seg.src[3] = 1, seg.dst[3] = 2, seg.sport = 1, seg.dport = 2;
	seg.flags = TCP_FLAG_SYN;
	tcp_table_add(&t, 1, &seg);
	seg.flags = TCP_FLAG_ACK;
	seg.payload = chunk, seg.len = seg.wire_len = sizeof(chunk);
	uint32_t packet = 2;
	for (uint32_t i = 0; i < 700; i++) {
		if (i == 1)
			continue; /* lost */
		seg.seq = 1 + i * (uint32_t)sizeof(chunk);
		tcp_table_add(&t, packet++, &seg);
	}
	struct tcp_dir *d = &t.v[0]->dir[0];
	assert_true(d->gap); /* before the end of the capture */
	assert_int_equal(d->gap_offset, sizeof(chunk));
	assert_int_equal(d->gap_after, 2);
	assert_int_equal(d->gap_resume, 3);
	assert_int_equal(d->resume_offset, 2 * sizeof(chunk));
	assert_int_equal(d->nheld, 0);
	assert_int_equal(d->data.len, sizeof(chunk));
	tcp_table_finish(&t);
	assert_true(d->gap);
	assert_int_equal(d->gap_offset, sizeof(chunk));
	tcp_table_free(&t);
}

static void port_reuse(void **state)
{
	(void)state;
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	conversation(&g, "10.0.0.1", "10.0.0.2");
	pcapgen_tcp(&g, "10.0.0.1", 40000, "10.0.0.2", 8443, 77, S, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.1", 40000, "10.0.0.2", 8443, 78, PA, "again", 5);
	pcapgen_tcp(&g, "10.0.0.1", 40000, "10.0.0.2", 8443, 83, R, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.3", 40000, "10.0.0.2", 8443, 1, PA, "other", 5);
	pcapgen_close(&g);
	struct capture_file cap;
	read_back(&cap, CAPTURE_OK);
	assert_int_equal(cap.tcp.n, 3);
	check_stream(&cap.tcp.v[0]->dir[0], "hello");
	check_stream(&cap.tcp.v[1]->dir[0], "again");
	assert_int_equal(cap.tcp.v[1]->first_packet, 8);
	assert_true(cap.tcp.v[1]->closed);
	check_stream(&cap.tcp.v[2]->dir[0], "other");
	capture_file_free(&cap);
}

static void other_frames(void **state)
{
	(void)state;
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	static const uint8_t arp[42] = { [12] = 0x08, [13] = 0x06 };
	pcapgen_frame(&g, arp, sizeof(arp));
	static const uint8_t shortip[20] = { [12] = 0x08, [13] = 0x00, [14] = 0x45 };
	pcapgen_frame(&g, shortip, sizeof(shortip));
	/* An IPv4 fragment (more fragments set): skipped, never read as TCP. */
	uint8_t frag[14 + 20 + 20] = { [12] = 0x08, [14] = 0x45, [16] = 0, [17] = 40, [20] = 0x20, [23] = 6 };
	pcapgen_frame(&g, frag, sizeof(frag));
	pcapgen_close(&g);
	struct capture_file cap;
	read_back(&cap, CAPTURE_OK);
	assert_int_equal(cap.packets, 3);
	assert_int_equal(cap.skipped, 2);
	assert_int_equal(cap.malformed, 1);
	assert_int_equal(cap.first_malformed, 2);
	assert_non_null(strstr(cap.malformed_why, "IPv4"));
	assert_int_equal(cap.tcp.n, 0);
	capture_file_free(&cap);
}

static void write_file(const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
}

static void bad_files(void **state)
{
	(void)state;
	struct capture_file cap;
	write_file("[scenario]\nname = x\n", 20);
	read_back(&cap, CAPTURE_ERR_OPEN);
	assert_non_null(strstr(cap.error, "not a capture"));
	assert_non_null(strstr(cap.error, path));
	capture_file_free(&cap);

	capture_file_init(&cap);
	assert_int_equal(capture_file_read(&cap, "/nonexistent/x.pcap"), CAPTURE_ERR_OPEN);
	assert_non_null(strstr(cap.error, "/nonexistent/x.pcap: cannot open: No such file"));
	capture_file_free(&cap);

	capture_file_init(&cap);
	assert_int_equal(capture_file_read(&cap, "/tmp"), CAPTURE_ERR_OPEN);
	assert_string_equal(cap.error, "/tmp: is a directory; expected a pcap or pcapng file");
	capture_file_free(&cap);

	/* A good capture cut in its last packet: the first packets are kept. */
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	conversation(&g, "10.0.0.1", "10.0.0.2");
	pcapgen_close(&g);
	size_t n;
	uint8_t *b = pcapgen_slurp(path, &n);
	assert_non_null(b);
	write_file(b, n - 10);
	read_back(&cap, CAPTURE_ERR_TRUNCATED);
	assert_non_null(strstr(cap.error, "packet 7: the capture is damaged or cut short"));
	assert_int_equal(cap.packets, 6);
	check_stream(&cap.tcp.v[0]->dir[0], "hello");
	capture_file_free(&cap);
	assert_true(capture_is_capture(b, n));
	assert_false(capture_is_capture((const uint8_t *)"[sce", 4));
	free(b);

	/* A link type tlsstep does not read. */
	assert_int_equal(pcapgen_open(&g, path, DLT_IEEE802_11, 65535), 0);
	pcapgen_close(&g);
	read_back(&cap, CAPTURE_ERR_LINKTYPE);
	assert_non_null(strstr(cap.error, "link type 105 (IEEE802_11)"));
	capture_file_free(&cap);
}

static void le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* pcapng (libpcap 1.10 reads it but cannot write it): the pcap's packets re-wrapped by hand. */
static void pcapng(void **state)
{
	(void)state;
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	conversation(&g, "10.0.0.1", "10.0.0.2");
	pcapgen_close(&g);
	size_t n;
	uint8_t *pc = pcapgen_slurp(path, &n);
	assert_non_null(pc);
	uint8_t *ng = calloc(1, 2 * n + 200);
	size_t o = 0;
	static const uint8_t shb[28] = { 0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
	                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 28, 0, 0, 0 };
	memcpy(ng, shb, sizeof(shb));
	o += sizeof(shb);
	static const uint8_t idb[20] = { 1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 20, 0, 0, 0 };
	memcpy(ng + o, idb, sizeof(idb));
	o += sizeof(idb);
	for (size_t p = 24; p + 16 <= n;) {
		uint32_t caplen = (uint32_t)pc[p + 8] | (uint32_t)pc[p + 9] << 8 | (uint32_t)pc[p + 10] << 16;
		uint32_t pad = (4 - caplen % 4) % 4, total = 32 + caplen + pad;
		le32(ng + o, 6);
		le32(ng + o + 4, total);
		le32(ng + o + 8, 0);
		le32(ng + o + 12, 0);
		le32(ng + o + 16, 0);
		le32(ng + o + 20, caplen);
		le32(ng + o + 24, caplen);
		memcpy(ng + o + 28, pc + p + 16, caplen);
		le32(ng + o + total - 4, total);
		o += total;
		p += 16 + caplen;
	}
	struct capture_file cap;
	capture_file_init(&cap);
	assert_true(capture_is_capture(ng, o));
	int rc = capture_file_read_memory(&cap, "mem.pcapng", ng, o);
	if (rc)
		fail_msg("%s", cap.error);
	assert_int_equal(cap.packets, 7);
	check_stream(&cap.tcp.v[0]->dir[0], "hello");
	check_stream(&cap.tcp.v[0]->dir[1], "world!");
	capture_file_free(&cap);
	free(ng);
	free(pc);
}

/* A TLS connection told by who sent the ClientHello (here the side that answered the
 * SYN: any port, any order), its records cut and merged in crossing order, and the
 * place where a stream stops being records. */
static void tls_records(void **state)
{
	(void)state;
	static const uint8_t hello[] = { 0x16, 3, 1, 0, 5, 1, 0, 0, 1, 0 };      /* a (tiny) ClientHello record */
	static const uint8_t reply[] = { 0x15, 3, 3, 0, 2, 2, 40 };              /* an alert record */
	uint8_t tail[sizeof(hello) + 9];
	memcpy(tail, hello, sizeof(hello));
	memcpy(tail + sizeof(hello), "garbage!!", 9);
	struct pcapgen g;
	assert_int_equal(pcapgen_open(&g, path, DLT_EN10MB, 65535), 0);
	pcapgen_tcp(&g, "10.0.0.9", 7000, "10.0.0.1", 51000, 10, S, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.1", 51000, "10.0.0.9", 7000, 20, S | A, NULL, 0);
	pcapgen_tcp(&g, "10.0.0.1", 51000, "10.0.0.9", 7000, 21, PA, tail, 5);             /* 3: the record's first bytes */
	pcapgen_tcp(&g, "10.0.0.1", 51000, "10.0.0.9", 7000, 26, PA, tail + 5, 5);         /* 4: the rest of it */
	pcapgen_tcp(&g, "10.0.0.9", 7000, "10.0.0.1", 51000, 11, PA, reply, sizeof(reply)); /* 5 */
	pcapgen_tcp(&g, "10.0.0.1", 51000, "10.0.0.9", 7000, 31, PA, tail + 10, 9);        /* 6 */
	pcapgen_close(&g);
	struct capture_file cap;
	read_back(&cap, CAPTURE_OK);
	struct tls_conns l;
	tls_conns_init(&l);
	tls_conns_find(&l, &cap, NULL);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].client, 1);                  /* the SYN's receiver sent the ClientHello */
	assert_int_equal(l.v[0].tcp->port[l.v[0].client], 51000);
	assert_false(l.v[0].server_hello);
	assert_non_null(strstr(l.v[0].note, "the ClientHello does not decode: ")); /* the first problem is kept */
	struct tls_records r;
	tls_records_init(&r);
	tls_records_of(&r, &l.v[0]);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].from, 0);
	assert_int_equal(r.v[0].first_packet, 3);
	assert_int_equal(r.v[0].packet, 4);
	assert_int_equal(r.v[0].length, sizeof(hello));
	assert_memory_equal(tls_record_bytes(&l.v[0], &r.v[0]), hello, sizeof(hello));
	assert_int_equal(r.v[1].from, 1);
	assert_int_equal(r.v[1].packet, 5);
	assert_int_equal(r.v[1].sent[0], sizeof(hello));
	assert_int_equal(r.v[1].sent[1], sizeof(reply));
	assert_string_equal(r.stop[0], "the bytes at stream offset 10 are not a TLS record");
	assert_int_equal(r.stop_offset[0], 10);
	assert_string_equal(r.stop[1], "");
	tls_records_free(&r);
	tls_conns_free(&l);
	capture_file_free(&cap);
}

/* frame_decode on frames built here: IPv6 extension headers, the BSD loopback address
 * families, cut and malformed headers. */
static size_t ipv6_tcp(uint8_t *f, const uint8_t *ext, size_t ext_len, uint8_t first_next)
{
	memset(f, 0, 40 + ext_len + 20 + 3);
	f[0] = 0x60;
	size_t plen = ext_len + 20 + 3;
	f[4] = (uint8_t)(plen >> 8);
	f[5] = (uint8_t)plen;
	f[6] = first_next;
	f[8 + 15] = 1;  /* ::1 */
	f[24 + 15] = 2; /* ::2 */
	if (ext_len)
		memcpy(f + 40, ext, ext_len);
	uint8_t *t = f + 40 + ext_len;
	t[0] = 0x1f, t[1] = 0x90; /* port 8080 */
	t[2] = 0x01, t[3] = 0xbb; /* 443 */
	t[7] = 9;                 /* seq 9 */
	t[12] = 5 << 4;
	t[13] = 24;
	memcpy(t + 20, "abc", 3);
	return 40 + ext_len + 23;
}

static void frames(void **state)
{
	(void)state;
	uint8_t f[200], g[204];
	struct tcp_segment seg;
	const char *why = NULL;
	/* Hop-by-hop options (8 bytes), then an atomic fragment header (offset 0, no more): TCP. */
	static const uint8_t ext[16] = { 44, 0, 1, 4, 0, 0, 0, 0, /* hop-by-hop: next 44 */
		                         6, 0, 0, 0, 0, 0, 0, 1 }; /* fragment: next TCP, offset 0, M 0 */
	size_t n = ipv6_tcp(f, ext, sizeof(ext), 0);
	assert_int_equal(frame_decode(229, f, n, n, &seg, &why), FRAME_TCP);
	assert_int_equal(seg.family, 6);
	assert_int_equal(seg.sport, 8080);
	assert_int_equal(seg.dport, 443);
	assert_int_equal(seg.seq, 9);
	assert_int_equal(seg.len, 3);
	assert_memory_equal(seg.payload, "abc", 3);
	/* A later fragment (offset 8): skipped, its bytes a gap. */
	uint8_t later[16];
	memcpy(later, ext, sizeof(later));
	later[8 + 3] = 8 << 3;
	n = ipv6_tcp(f, later, sizeof(later), 0);
	assert_int_equal(frame_decode(229, f, n, n, &seg, &why), FRAME_SKIP);
	assert_non_null(strstr(why, "IPv6 fragment"));
	/* An extension header that runs past the payload. */
	static const uint8_t longext[8] = { 6, 200 };
	n = ipv6_tcp(f, longext, sizeof(longext), 0);
	assert_int_equal(frame_decode(229, f, n, n, &seg, &why), FRAME_BAD);
	/* BSD loopback: AF_INET6 is 30 on macOS, in the capturing host's byte order (either). */
	n = ipv6_tcp(g + 4, NULL, 0, 6);
	memset(g, 0, 4);
	g[0] = 30; /* little-endian host */
	assert_int_equal(frame_decode(0, g, n + 4, n + 4, &seg, &why), FRAME_TCP);
	g[0] = 0, g[3] = 28; /* big-endian host, FreeBSD's 28 */
	assert_int_equal(frame_decode(0, g, n + 4, n + 4, &seg, &why), FRAME_TCP);
	assert_int_equal(frame_decode(108, g, n + 4, n + 4, &seg, &why), FRAME_TCP); /* DLT_LOOP: big-endian */
	g[3] = 7;
	assert_int_equal(frame_decode(0, g, n + 4, n + 4, &seg, &why), FRAME_SKIP);
	/* Cut by the snapshot length before the TCP header: skipped; the IP header's
	 * length past the frame without a cut: malformed. */
	n = ipv6_tcp(f, NULL, 0, 6);
	assert_int_equal(frame_decode(229, f, 50, n, &seg, &why), FRAME_SKIP);
	assert_non_null(strstr(why, "TCP header"));
	assert_int_equal(frame_decode(229, f, 50, 50, &seg, &why), FRAME_BAD);
	assert_non_null(strstr(why, "payload length runs past"));
	/* Cut inside the payload: TCP, one byte kept of the three announced. */
	assert_int_equal(frame_decode(229, f, n - 2, n, &seg, &why), FRAME_TCP);
	assert_int_equal(seg.len, 1);
	assert_int_equal(seg.wire_len, 3);
	/* Raw IP of neither version; an unknown link type. */
	f[0] = 0x50;
	assert_int_equal(frame_decode(12, f, n, n, &seg, &why), FRAME_BAD);
	assert_false(frame_linktype_supported(105));
	assert_int_equal(frame_decode(105, f, n, n, &seg, &why), FRAME_BAD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(link_types, setup, teardown),
		cmocka_unit_test_setup_teardown(order_and_retransmission, setup, teardown),
		cmocka_unit_test_setup_teardown(wraparound, setup, teardown),
		cmocka_unit_test_setup_teardown(gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(port_reuse, setup, teardown),
		cmocka_unit_test(held_cap),
		cmocka_unit_test_setup_teardown(other_frames, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_files, setup, teardown),
		cmocka_unit_test_setup_teardown(pcapng, setup, teardown),
		cmocka_unit_test_setup_teardown(tls_records, setup, teardown),
		cmocka_unit_test(frames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
