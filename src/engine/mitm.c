/* engine/mitm.c — see mitm.h. */
#include "engine/mitm.h"

#include <string.h>

/*
 * A man in the middle (scenario.h, has_attacker). Two more ends: end[2], an mbed TLS
 * server with the attacker's certificate facing the client on the first pipe, and
 * end[3], an mbed TLS client facing the server on a second pipe (connection 2). Each
 * takes the settings of the end it stands in for (the server's versions and suites
 * to the client, the client's to the server) and verifies nothing. The attacker opens
 * its connection to the server once the client has accepted its handshake, as a
 * proxy that waits for a client to talk to does; it relays the request it decrypted
 * (changed as the scenario says) and the answer.
 */
void mitm_setup(struct engine *e, const struct scenario *sc, struct endpoint_spec spec[2])
{
	e->mitm = true;
	e->run->mitm = true;
	e->nends = 4;
	/* Shallow copies: the strings stay the scenario's. */
	spec[SIDE_SERVER] = sc->server;
	spec[SIDE_SERVER].cert = sc->attacker.cert;
	spec[SIDE_SERVER].key = sc->attacker.key;
	spec[SIDE_SERVER].file = sc->attacker.file;
	spec[SIDE_SERVER].cert_line = sc->attacker.cert_line;
	spec[SIDE_SERVER].key_line = sc->attacker.key_line;
	spec[SIDE_SERVER].chain = spec[SIDE_SERVER].ca = spec[SIDE_SERVER].crl = NULL;
	memset(spec[SIDE_SERVER].names, 0, sizeof(spec[SIDE_SERVER].names));
	spec[SIDE_CLIENT] = sc->client;
	spec[SIDE_CLIENT].cert = spec[SIDE_CLIENT].key = spec[SIDE_CLIENT].ca = NULL;
	spec[SIDE_CLIENT].chain = spec[SIDE_CLIENT].crl = NULL;
	struct end *as = &e->end[2], *ac = &e->end[3], *server = &e->end[SIDE_SERVER];
	as->spec = &spec[SIDE_SERVER];
	as->label = "attacker (as the server)";
	as->partner = ac;
	as->attacker = ac->attacker = true;
	ac->spec = &spec[SIDE_CLIENT];
	ac->label = "attacker (as the client)";
	ac->partner = as;
	ac->pipe = server->pipe = &e->pipe2;
	ac->connection = server->connection = 2;
	server->partner = ac;
}

/* After program(): the attacker's ends and the server in the order a relay needs. */
void mitm_programs(struct engine *e, const struct scenario *sc)
{
	struct end *as = &e->end[2], *ac = &e->end[3], *server = &e->end[SIDE_SERVER];
	size_t request = sc->client_data ? strlen(sc->client_data) : 0;
	size_t answer = sc->server_data ? strlen(sc->server_data) : 0;
	int n = 0;
	as->program[n++] = OP_HANDSHAKE;
	if (request)
		as->program[n++] = OP_READ;
	if (answer)
		as->program[n++] = OP_RELAY;
	as->program[n++] = OP_READ_CLOSE;
	as->program[n++] = OP_CLOSE;
	as->program[n] = OP_END;
	as->in_expect = request;
	as->out_len = answer;
	n = 0;
	ac->program[n++] = OP_OPEN;
	ac->program[n++] = OP_HANDSHAKE;
	if (request)
		ac->program[n++] = OP_RELAY;
	if (answer)
		ac->program[n++] = OP_READ;
	ac->program[n++] = OP_CLOSE;
	ac->program[n++] = OP_READ_CLOSE;
	ac->program[n] = OP_END;
	ac->in_expect = answer;
	ac->out_len = request;
	memmove(server->program + 1, server->program, sizeof(server->program) - sizeof(server->program[0]));
	server->program[0] = OP_ACCEPT;
}

static bool end_over(const struct end *x)
{
	return x->out->error || x->program[x->pc] == OP_END;
}

/* Jumps to the end's close_notify (its other end is gone: nothing more to relay). */
static void to_close(struct end *x)
{
	while (x->program[x->pc] != OP_CLOSE && x->program[x->pc] != OP_END)
		x->pc++;
}

/* OP_OPEN, OP_ACCEPT, OP_RELAY: 1 if it got anywhere, 0 if it waits. */
int mitm_drive(struct engine *e, struct end *x)
{
	struct end *p = x->partner;
	switch (x->program[x->pc]) {
	case OP_OPEN: /* connect to the server once the client's handshake with us is over */
		if (p->out->handshake_done) {
			x->pc++;
			return 1;
		}
		if (end_over(p)) {
			x->never_opened = x->out->never_connected = true;
			while (x->program[x->pc] != OP_END)
				x->pc++;
			return 1;
		}
		return 0;
	case OP_ACCEPT:
		if (pipe_waiting(x->pipe, x->side)) {
			x->pc++;
			return 1;
		}
		if (p->never_opened) {
			x->never_opened = x->out->never_connected = true;
			while (x->program[x->pc] != OP_END)
				x->pc++;
			return 1;
		}
		return 0;
	default: { /* OP_RELAY: once the other end has read it all, it is this end's to write */
		const struct buf *got = &p->out->received;
		if (got->len < x->out_len) {
			if (!end_over(p))
				return 0;
			to_close(x);
			return 1;
		}
		buf_clear(&x->relay);
		buf_append(&x->relay, got->data, x->out_len);
		if (x->side == SIDE_CLIENT && e->replace_from) {
			size_t n = strlen(e->replace_from);
			for (size_t i = 0; i + n <= x->relay.len; i++)
				if (!memcmp(x->relay.data + i, e->replace_from, n)) {
					memcpy(x->relay.data + i, e->replace_to, n);
					break;
				}
		}
		x->out_data = (const char *)x->relay.data;
		x->out_done = 0;
		x->program[x->pc] = OP_WRITE;
		return 1;
	}
	}
}
