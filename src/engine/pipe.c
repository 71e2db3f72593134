/* engine/pipe.c — see pipe.h. */
#include "engine/pipe.h"

#include <string.h>

#include "wire/record.h"

void pipe_init(struct pipe *p, pipe_tap_fn tap, void *tap_arg)
{
	memset(p, 0, sizeof(*p));
	p->tap = tap;
	p->tap_arg = tap_arg;
}

void pipe_free(struct pipe *p)
{
	for (int s = 0; s < 2; s++) {
		buf_free(&p->dir[s].staging);
		buf_free(&p->dir[s].queue);
		buf_free(&p->dir[s].held);
	}
}

void pipe_set_filter(struct pipe *p, pipe_filter_fn filter, void *arg)
{
	p->filter = filter;
	p->filter_arg = arg;
}

/* The record crosses: the tap sees exactly what the receiver will read. */
static void put(struct pipe *p, enum side from, const uint8_t *rec, size_t n)
{
	struct pipe_dir *d = &p->dir[from];
	if (p->tap)
		p->tap(p->tap_arg, from, rec, n);
	buf_append(&d->queue, rec, n);
	d->sent += n;
}

static void release(struct pipe *p, enum side from)
{
	struct pipe_dir *d = &p->dir[from];
	if (!d->held.len)
		return;
	struct buf h = d->held;
	buf_init(&d->held);
	d->releasing = true;
	put(p, from, h.data, h.len);
	d->releasing = false;
	buf_free(&h);
}

bool pipe_release_held(struct pipe *p)
{
	bool any = p->dir[0].held.len || p->dir[1].held.len;
	release(p, SIDE_CLIENT);
	release(p, SIDE_SERVER);
	return any;
}

static void deliver(struct pipe *p, enum side from, const uint8_t *rec, size_t n)
{
	struct pipe_dir *d = &p->dir[from];
	d->records++;
	if (!p->filter) {
		put(p, from, rec, n);
		return;
	}
	struct buf r = { 0 };
	buf_append(&r, rec, n);
	switch (p->filter(p->filter_arg, from, (unsigned)d->records, &r)) {
	case PIPE_PASS:
		put(p, from, r.data, r.len);
		release(p, from);
		break;
	case PIPE_DROP:
		break;
	case PIPE_DUPLICATE:
		put(p, from, r.data, r.len);
		put(p, from, r.data, r.len);
		release(p, from);
		break;
	case PIPE_HOLD:
		release(p, from);
		buf_append(&d->held, r.data, r.len);
		break;
	}
	buf_free(&r);
}

void pipe_send(struct pipe *p, enum side from, const uint8_t *data, size_t n)
{
	struct pipe_dir *d = &p->dir[from];
	buf_append(&d->staging, data, n);
	for (;;) {
		long r = record_complete(d->staging.data, d->staging.len);
		if (r == 0)
			break;
		size_t take = r < 0 ? d->staging.len : (size_t)r;
		deliver(p, from, d->staging.data, take);
		buf_consume(&d->staging, take);
	}
}

/*
 * A read moves the head only. Moving what is left to the front on every read (as
 * buf_consume does) costs the whole queue per read: a megabyte queued before the peer
 * reads was moved again for each of its records. What is left is moved only once the
 * read part is at least as long, so every byte is moved at most as often as a byte is
 * read: linear in the data.
 */
size_t pipe_recv(struct pipe *p, enum side to, uint8_t *out, size_t cap)
{
	struct pipe_dir *d = &p->dir[side_peer(to)];
	size_t left = d->queue.len - d->head;
	size_t n = left < cap ? left : cap;
	if (!n)
		return 0;
	memcpy(out, d->queue.data + d->head, n);
	d->head += n;
	left -= n;
	if (!left) {
		d->queue.len = 0;
		d->head = 0;
	} else if (d->head >= left) {
		memmove(d->queue.data, d->queue.data + d->head, left);
		d->queue.len = left;
		d->head = 0;
		d->moved += left;
	}
	d->consumed += n;
	return n;
}

size_t pipe_waiting(const struct pipe *p, enum side to)
{
	const struct pipe_dir *d = &p->dir[side_peer(to)];
	return d->queue.len - d->head;
}

uint64_t pipe_traffic(const struct pipe *p)
{
	return p->dir[0].sent + p->dir[1].sent + p->dir[0].consumed + p->dir[1].consumed;
}

void pipe_reset(struct pipe *p, struct pipe_leftover out[2])
{
	for (int s = 0; s < 2; s++) {
		struct pipe_dir *d = &p->dir[s];
		struct pipe_leftover *l = &out[s];
		memset(l, 0, sizeof(*l));
		/* The queue holds whole records as they were delivered (a malformed run as one). */
		size_t unread = d->queue.len - d->head;
		const uint8_t *q = d->queue.data + d->head;
		for (size_t at = 0; at < unread; l->unread_records++) {
			long r = record_complete(q + at, unread - at);
			at += r > 0 ? (size_t)r : unread - at;
		}
		l->unread = unread;
		l->partial = d->staging.len;
		l->held = d->held.len;
		d->consumed += unread;
		buf_clear(&d->queue);
		d->head = 0;
		buf_clear(&d->staging);
		buf_clear(&d->held);
	}
}
