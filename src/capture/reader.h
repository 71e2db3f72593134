/*
 * capture/reader.h — a pcap or pcapng file read with libpcap, down to TCP streams.
 *
 * libpcap's pcap_open_offline reads both formats (told by the magic number, not
 * the name). Every frame goes through capture/frame.c, every TCP segment into
 * capture/tcp.c's table; at the end, holes still open become gaps.
 */
#ifndef TLSSTEP_CAPTURE_READER_H
#define TLSSTEP_CAPTURE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/tcp.h"

enum capture_status {
	CAPTURE_OK = 0,
	CAPTURE_ERR_OPEN = -1,      /* cannot be opened, or is not a pcap/pcapng file: nothing read */
	CAPTURE_ERR_LINKTYPE = -2,  /* a link type this reader does not know: nothing read */
	CAPTURE_ERR_TRUNCATED = -3, /* ends inside a packet, or a block is malformed: what came before is kept */
};

struct capture_file {
	struct tcp_table tcp;
	int linktype;          /* pcap_datalink() */
	uint32_t packets;      /* frames read */
	uint32_t tcp_packets;  /* frames that carried TCP */
	uint32_t skipped;      /* well-formed frames that are not TCP over IP (or IP fragments) */
	uint32_t malformed;    /* frames whose headers are malformed */
	uint32_t first_malformed;
	const char *malformed_why;  /* static: what was wrong with first_malformed */
	char error[400];       /* a sentence when capture_file_read fails: "FILE: ..." */
};

void capture_file_init(struct capture_file *c);
void capture_file_free(struct capture_file *c);

/*
 * Reads the capture at path (name: what messages call it). Returns a
 * capture_status; on error c->error says what was wrong and what was expected.
 * After CAPTURE_ERR_TRUNCATED the connections read up to the damage are there.
 */
int capture_file_read(struct capture_file *c, const char *path);

/* The same from bytes in memory (the fuzz target; tests). */
int capture_file_read_memory(struct capture_file *c, const char *name, const uint8_t *p, size_t n);

/* True when the first bytes are a pcap or pcapng magic number (either byte order). */
bool capture_is_capture(const uint8_t *p, size_t n);

#endif
