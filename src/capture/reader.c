/*
 * capture/reader.c — see reader.h.
 */
#include "util/pcaplib.h"
#include "capture/reader.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capture/frame.h"
#include "util/textfile.h"

void capture_file_init(struct capture_file *c)
{
	memset(c, 0, sizeof(*c));
	tcp_table_init(&c->tcp);
}

void capture_file_free(struct capture_file *c)
{
	tcp_table_free(&c->tcp);
	memset(c, 0, sizeof(*c));
}

bool capture_is_capture(const uint8_t *p, size_t n)
{
	static const uint8_t magics[][4] = {
		{ 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 }, /* pcap, microseconds */
		{ 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d }, /* pcap, nanoseconds */
		{ 0x0a, 0x0d, 0x0d, 0x0a },                             /* pcapng Section Header Block */
	};
	if (n < 4)
		return false;
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (memcmp(p, magics[i], 4) == 0)
			return true;
	return false;
}

static int read_all(struct capture_file *c, const char *name, const struct pcaplib *lp, pcap_t *pc)
{
	c->linktype = lp->datalink(pc);
	if (!frame_linktype_supported(c->linktype)) {
		const char *lt = lp->datalink_val_to_name(c->linktype);
		snprintf(c->error, sizeof(c->error),
		         "%s: link type %d (%s) is not one tlsstep reads; expected Ethernet, BSD loopback, "
		         "Linux cooked (SLL, SLL2) or raw IP",
		         name, c->linktype, lt ? lt : "unknown");
		return CAPTURE_ERR_LINKTYPE;
	}
	for (;;) {
		struct pcap_pkthdr *h;
		const u_char *data;
		int rc = lp->next_ex(pc, &h, &data);
		if (rc == PCAP_ERROR_BREAK)
			break;
		if (rc != 1) {
			snprintf(c->error, sizeof(c->error),
			         "%s: packet %u: the capture is damaged or cut short (libpcap: %s); "
			         "the %u packets before it were read",
			         name, c->packets + 1, lp->geterr(pc), c->packets);
			tcp_table_finish(&c->tcp);
			return CAPTURE_ERR_TRUNCATED;
		}
		c->packets++;
		struct tcp_segment seg;
		const char *why = "";
		size_t caplen = h->caplen, len = h->len < h->caplen ? h->caplen : h->len;
		switch (frame_decode(c->linktype, data, caplen, len, &seg, &why)) {
		case FRAME_TCP:
			c->tcp_packets++;
			tcp_table_add(&c->tcp, c->packets, &seg);
			break;
		case FRAME_SKIP:
			c->skipped++;
			break;
		case FRAME_BAD:
			if (!c->malformed++) {
				c->first_malformed = c->packets;
				c->malformed_why = why;
			}
			break;
		}
	}
	tcp_table_finish(&c->tcp);
	return CAPTURE_OK;
}

static int open_failed(struct capture_file *c, const char *name, const char *why)
{
	snprintf(c->error, sizeof(c->error), "%s: not a capture tlsstep can read (libpcap: %s); expected a pcap or pcapng file",
	         name, why);
	return CAPTURE_ERR_OPEN;
}

int capture_file_read(struct capture_file *c, const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	/* A regular file only, opened without blocking (a FIFO is refused, not waited on);
	 * and libpcap's own message for a missing file would not say which. */
	int fd = textfile_open(path, "a pcap or pcapng file", c->error, sizeof(c->error));
	if (fd < 0)
		return CAPTURE_ERR_OPEN;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		snprintf(c->error, sizeof(c->error), "%s: cannot read: %s", path, strerror(errno));
		close(fd);
		return CAPTURE_ERR_OPEN;
	}
	char why[300];
	const struct pcaplib *lp = pcaplib_load(why, sizeof(why));
	if (!lp) {
		snprintf(c->error, sizeof(c->error), "%s: %s", path, why);
		fclose(f);
		return CAPTURE_ERR_OPEN;
	}
	pcap_t *pc = lp->fopen_offline(f, errbuf); /* owns f once it succeeds */
	if (!pc) {
		fclose(f);
		return open_failed(c, path, errbuf);
	}
	int rc = read_all(c, path, lp, pc);
	lp->close(pc);
	return rc;
}

int capture_file_read_memory(struct capture_file *c, const char *name, const uint8_t *p, size_t n)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	if (!n)
		return open_failed(c, name, "empty");
	const struct pcaplib *lp = pcaplib_load(c->error, sizeof(c->error));
	if (!lp)
		return CAPTURE_ERR_OPEN;
	FILE *f = fmemopen((void *)p, n, "rb");
	if (!f)
		return open_failed(c, name, strerror(errno));
	pcap_t *pc = lp->fopen_offline(f, errbuf);
	if (!pc) {
		fclose(f);
		return open_failed(c, name, errbuf);
	}
	int rc = read_all(c, name, lp, pc);
	lp->close(pc);
	return rc;
}
