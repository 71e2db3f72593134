/*
 * capture/records.h — a TLS connection's records, in the order they crossed.
 *
 * Each side's stream is cut into records (wire/record.c); both sides' records
 * are merged in the order of the packets that completed them (the packet that
 * carried a record's last byte is when its receiver could read it). This is
 * the log a timeline is built from, as the engine's record events are for a
 * simulated run: the side, where the record sits in its sender's stream, and
 * the packets it travelled in.
 */
#ifndef TLSSTEP_CAPTURE_RECORDS_H
#define TLSSTEP_CAPTURE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "capture/conns.h"

struct tls_record_ref {
	int from;                /* 0: the client, 1: the server */
	uint64_t offset;         /* in the sender's stream (struct tcp_dir data) */
	size_t length;           /* header included */
	uint32_t first_packet;   /* the packet that carried its first byte */
	uint32_t packet;         /* ... and its last */
	uint64_t sent[2];        /* bytes each side had sent once this record was complete */
};

struct tls_records {
	struct tls_record_ref *v;
	size_t n;
	/* Per side: why its records end before its stream does ("" when they do not):
	 * "the stream ends inside a record", "the bytes at offset N are not a TLS record". */
	char stop[2][160];
	uint64_t stop_offset[2]; /* where the first byte no record holds sits in that stream */
};

void tls_records_init(struct tls_records *r);
void tls_records_free(struct tls_records *r);

/* Cuts c's two streams into records and merges them in crossing order. */
void tls_records_of(struct tls_records *r, const struct tls_conn *c);

/* The bytes of record i (borrowed from the capture). */
const uint8_t *tls_record_bytes(const struct tls_conn *c, const struct tls_record_ref *rec);

#endif
