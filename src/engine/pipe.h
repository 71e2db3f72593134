/*
 * engine/pipe.h — the memory pipe between the two ends, with a record tap.
 *
 * Each side's send callback appends to its direction's staging buffer. Bytes
 * move on to the receiver only as complete records, and each complete record is
 * reported to the tap first (so the timeline sees every record exactly as it
 * crossed). Staging to record boundaries changes nothing a receiver could see:
 * a receiver can act on no partial record anyway. A header whose length no
 * record may have is passed through at once, so a malformed stream reaches the
 * receiver (which rejects it) instead of stalling here.
 */
#ifndef TLSSTEP_ENGINE_PIPE_H
#define TLSSTEP_ENGINE_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"
#include "util/buf.h"

/* Called once per record (or per malformed run of bytes) as it is delivered. */
typedef void (*pipe_tap_fn)(void *arg, enum side from, const uint8_t *rec, size_t len);

/* What the filter decides for a complete record before it is delivered. */
enum pipe_verdict {
	PIPE_PASS,        /* deliver (the filter may have changed the bytes) */
	PIPE_DROP,        /* never deliver */
	PIPE_DUPLICATE,   /* deliver twice */
	PIPE_HOLD,        /* deliver after the sender's next record (or when the run would stall) */
};

/*
 * Sees every complete record before it crosses; may rewrite `rec` (length
 * included). `index` is the sender's record number, 1-based.
 */
typedef enum pipe_verdict (*pipe_filter_fn)(void *arg, enum side from, unsigned index, struct buf *rec);

struct pipe_dir {
	struct buf staging;   /* sent, not yet a complete record */
	struct buf queue;     /* complete records waiting for the receiver: queue.data[head..len) */
	size_t head;          /* where the receiver reads next in queue (the bytes before it are read) */
	uint64_t moved;       /* bytes moved to the front of queue so far (linear in the data: test_engine) */
	uint64_t sent;        /* bytes delivered to the queue so far */
	uint64_t consumed;    /* bytes the receiver has read (or pipe_reset discarded unread) so far */
	uint64_t records;     /* complete records seen from the sender */
	struct buf held;      /* a record held back by PIPE_HOLD */
	bool releasing;       /* the tap is seeing the held record as it is let go */
};

/* What pipe_reset found and discarded in one direction. */
struct pipe_leftover {
	size_t unread;            /* delivered bytes the receiver never read */
	unsigned unread_records;  /* how many records (or malformed runs) they were */
	size_t partial;           /* bytes of a record the sender never completed */
	size_t held;              /* the length of a record held back by PIPE_HOLD, never delivered */
};

struct pipe {
	struct pipe_dir dir[2];   /* dir[s]: bytes sent by side s */
	pipe_tap_fn tap;
	void *tap_arg;
	pipe_filter_fn filter;
	void *filter_arg;
};

void pipe_init(struct pipe *p, pipe_tap_fn tap, void *tap_arg);
void pipe_free(struct pipe *p);

/* Side `from` sends n bytes. Always accepts all of them. */
void pipe_send(struct pipe *p, enum side from, const uint8_t *data, size_t n);

/* Side `to` reads at most cap bytes of what its peer sent; returns how many (0: none waiting). */
size_t pipe_recv(struct pipe *p, enum side to, uint8_t *out, size_t cap);

/* Every byte delivered or read so far, both ways: it grows whenever either end gets anywhere. */
uint64_t pipe_traffic(const struct pipe *p);

/* Installs a filter (NULL for none). */
void pipe_set_filter(struct pipe *p, pipe_filter_fn filter, void *arg);

/* Delivers records held back by PIPE_HOLD; returns true if there were any. */
bool pipe_release_held(struct pipe *p);

/*
 * A new connection begins on an empty pipe, as a new TCP connection does: everything
 * still in it (unread records, a partial record, a held record) is discarded, and
 * what each sender lost is written to out[sender]. Discarded unread bytes count as
 * consumed, so `sent` and `consumed` stay comparable positions across connections;
 * the record counts go on (a fault's `record N` counts over the whole run).
 */
void pipe_reset(struct pipe *p, struct pipe_leftover out[2]);

/* Bytes waiting for side `to` to read. */
size_t pipe_waiting(const struct pipe *p, enum side to);

#endif
