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
	}
}

static void deliver(struct pipe *p, enum side from, const uint8_t *rec, size_t n)
{
	struct pipe_dir *d = &p->dir[from];
	if (p->tap)
		p->tap(p->tap_arg, from, rec, n);
	buf_append(&d->queue, rec, n);
	d->sent += n;
	d->records++;
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

size_t pipe_recv(struct pipe *p, enum side to, uint8_t *out, size_t cap)
{
	struct pipe_dir *d = &p->dir[side_peer(to)];
	size_t n = d->queue.len < cap ? d->queue.len : cap;
	if (!n)
		return 0;
	memcpy(out, d->queue.data, n);
	buf_consume(&d->queue, n);
	d->consumed += n;
	return n;
}

size_t pipe_waiting(const struct pipe *p, enum side to)
{
	return p->dir[side_peer(to)].queue.len;
}

uint64_t pipe_traffic(const struct pipe *p)
{
	return p->dir[0].sent + p->dir[1].sent + p->dir[0].consumed + p->dir[1].consumed;
}
