/*
 * capture/records.c — see records.h.
 */
#include "capture/records.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/record.h"

void tls_records_init(struct tls_records *r)
{
	memset(r, 0, sizeof(*r));
}

void tls_records_free(struct tls_records *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static const struct tcp_dir *stream_of(const struct tls_conn *c, int from)
{
	return &c->tcp->dir[from == 0 ? c->client : !c->client];
}

const uint8_t *tls_record_bytes(const struct tls_conn *c, const struct tls_record_ref *rec)
{
	return stream_of(c, rec->from)->data.data + rec->offset;
}

/* One side's records, in stream order, into v (grown as needed); returns how many. */
static size_t cut(struct tls_records *r, const struct tls_conn *c, int from, struct tls_record_ref **v, size_t *cap)
{
	const struct tcp_dir *d = stream_of(c, from);
	size_t n = 0;
	uint64_t at = 0;
	while (at < d->data.len) {
		long len = record_complete(d->data.data + at, (size_t)(d->data.len - at));
		if (len <= 0) {
			if (len == 0)
				snprintf(r->stop[from], sizeof(r->stop[from]), "the stream ends inside a record");
			else
				snprintf(r->stop[from], sizeof(r->stop[from]),
				         "the bytes at stream offset %" PRIu64 " are not a TLS record", at);
			r->stop_offset[from] = at;
			break;
		}
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xrealloc(*v, *cap * sizeof(**v));
		}
		struct tls_record_ref *rec = &(*v)[n++];
		memset(rec, 0, sizeof(*rec));
		rec->from = from;
		rec->offset = at;
		rec->length = (size_t)len;
		rec->first_packet = tcp_dir_packet_at(d, at);
		rec->packet = tcp_dir_packet_at(d, at + (uint64_t)len - 1);
		at += (uint64_t)len;
	}
	return n;
}

void tls_records_of(struct tls_records *r, const struct tls_conn *c)
{
	tls_records_free(r);
	struct tls_record_ref *side[2] = { NULL, NULL };
	size_t cap[2] = { 0, 0 }, n[2];
	for (int s = 0; s < 2; s++)
		n[s] = cut(r, c, s, &side[s], &cap[s]);
	r->v = xcalloc(n[0] + n[1] + 1, sizeof(*r->v));
	/* Merge by the packet that completed each record; one packet belongs to one side,
	 * so two records from different sides never tie. */
	size_t i = 0, j = 0;
	uint64_t sent[2] = { 0, 0 };
	while (i < n[0] || j < n[1]) {
		bool client = j == n[1] || (i < n[0] && side[0][i].packet < side[1][j].packet);
		struct tls_record_ref rec = client ? side[0][i++] : side[1][j++];
		sent[rec.from] = rec.offset + rec.length;
		rec.sent[0] = sent[0];
		rec.sent[1] = sent[1];
		r->v[r->n++] = rec;
	}
	free(side[0]);
	free(side[1]);
}
