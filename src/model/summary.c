/* model/summary.c — see summary.h. */
#include "model/summary.h"

#include <stdio.h>
#include <string.h>

#include "wire/names.h"

/* How many certificates a Certificate message carries (its certificate[i] fields). */
static int chain_length(const struct step *st)
{
	int n = 0;
	for (size_t i = 0; i < st->fields.n; i++)
		n += !strncmp(st->fields.v[i].name, "certificate[", 12);
	return n;
}

static bool is(const struct step *st, const char *m)
{
	return st->type == STEP_HANDSHAKE && !strcmp(st->message, m);
}

/* Whether this run's connection uses a key share: (EC)DHE in TLS 1.2, key_share in TLS 1.3. */
static bool hello_has_key_share(const struct step *st)
{
	return fields_find(&st->fields, FIELD_NONE, "key_share", true) != FIELD_NONE;
}

static void count_ops(const struct timeline *tl, struct run_summary *s)
{
	const struct suite_info *suite = names_suite(tl->suite_id);
	bool rsa_kx = suite && suite->kx && !strcmp(suite->kx, "RSA");
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		struct pk_ops *me = &s->ops[st->from], *peer = &s->ops[side_peer(st->from)];
		if (is(st, "ServerKeyExchange") || is(st, "CertificateVerify")) {
			me->sign++;
			peer->verify++;
		} else if (is(st, "Certificate")) {
			peer->verify += chain_length(st); /* each certificate's signature, up to the trusted CA */
		} else if (is(st, "ClientKeyExchange")) {
			if (rsa_kx) {
				s->ops[SIDE_CLIENT].encrypt++;
				s->ops[SIDE_SERVER].decrypt++;
			} else {
				s->ops[SIDE_CLIENT].agree++;
				s->ops[SIDE_SERVER].agree++;
			}
		} else if (is(st, "ServerHello") && tl->tls_version == TLS_V13 && hello_has_key_share(st)) {
			s->ops[SIDE_CLIENT].agree++;
			s->ops[SIDE_SERVER].agree++;
		}
	}
}

/* Round trips of connection c: each time the client's flight is answered by the server,
 * until the client sends application data. */
static int round_trips(const struct timeline *tl, int c)
{
	int rtt = 0;
	bool client_spoke = false;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection != c)
			continue;
		if (st->from == SIDE_CLIENT) {
			if (st->type == STEP_APPLICATION_DATA)
				return rtt;
			client_spoke = true;
		} else if (client_spoke) {
			rtt++;
			client_spoke = false;
		}
	}
	return -1;
}

void summary_compute(const struct timeline *tl, struct run_summary *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection > s->connections)
			s->connections = st->connection;
		if (st->phase >= 1 && st->phase <= PHASE_DATA)
			s->bytes_phase[st->phase] += st->record.len;
		if (st->phase != PHASE_DATA)
			s->bytes_handshake += st->record.len;
		s->bytes_total += st->record.len;
		if (st->type == STEP_HANDSHAKE) {
			if (st->encrypted)
				s->encrypted_messages++;
			else
				s->clear_messages++;
		}
	}
	for (int c = 1; c <= s->connections && c <= SUMMARY_MAX_CONN; c++)
		s->round_trips[c - 1] = round_trips(tl, c);
	count_ops(tl, s);
	const struct suite_info *suite = names_suite(tl->suite_id);
	s->forward_secret = suite && names_suite_forward_secret(suite);
	s->eavesdrop = tl->outcome.eavesdrop;
}

const char *summary_round_trips(const struct run_summary *s, char *out, size_t cap)
{
	size_t o = 0;
	out[0] = '\0';
	for (int c = 0; c < s->connections && c < SUMMARY_MAX_CONN; c++) {
		char one[48];
		if (s->round_trips[c] < 0)
			snprintf(one, sizeof(one), "never (no application data)");
		else
			snprintf(one, sizeof(one), "%d RTT", s->round_trips[c]);
		int w = c ? snprintf(out + o, cap - o, "; connection %d: %s", c + 1, one)
		          : snprintf(out + o, cap - o, "%s", one);
		if (w > 0 && o + (size_t)w < cap)
			o += (size_t)w;
	}
	if (!s->connections)
		snprintf(out, cap, "never (no step)");
	return out;
}

const char *summary_ops(const struct pk_ops *p, char *out, size_t cap)
{
	const char *names[5] = { "sign", "verify", "encrypt", "decrypt", "agree" };
	int v[5] = { p->sign, p->verify, p->encrypt, p->decrypt, p->agree };
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < 5; i++)
		if (v[i]) {
			int w = snprintf(out + o, cap - o, "%s%s %d", o ? ", " : "", names[i], v[i]);
			if (w > 0 && o + (size_t)w < cap)
				o += (size_t)w;
		}
	if (!o)
		snprintf(out, cap, "none");
	return out;
}
