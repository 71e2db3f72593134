/* model/mitm.c — see mitm.h. */
#include "model/mitm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/words.h"

bool timeline_mitm(const struct timeline *tl)
{
	return tl->sc && tl->sc->has_attacker;
}

const char *timeline_party(const struct timeline *tl, int connection, enum side role)
{
	if (!timeline_mitm(tl))
		return side_name(role);
	/* Connection 1: the attacker is the server; connection 2: it is the client. */
	if ((connection == 1) == (role == SIDE_SERVER))
		return "attacker";
	return side_name(role);
}

const char *step_from_party(const struct timeline *tl, const struct step *st)
{
	return timeline_party(tl, st->connection, st->from);
}

const char *step_to_party(const struct timeline *tl, const struct step *st)
{
	return timeline_party(tl, st->connection, side_peer(st->from));
}

const char *mitm_connection_words(const struct timeline *tl, int connection)
{
	if (!timeline_mitm(tl))
		return NULL;
	return connection == 1 ? "client <-> attacker" : "attacker <-> server";
}

static void end_from(struct end_outcome *e, const struct engine_side *s)
{
	e->failed = s->error != 0;
	e->error = s->error;
	snprintf(e->error_text, sizeof(e->error_text), "%s", s->error_text);
	e->verify_flags = s->verify_flags;
	snprintf(e->verify_text, sizeof(e->verify_text), "%s", s->verify_text);
	e->cert_not_server = s->cert_not_server;
	e->handshake_done = s->handshake_done;
	e->finished = s->finished;
	e->never_connected = s->never_connected;
}

static bool same_bytes(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* The application data the sender of this role decrypted in connection c, by our keys. */
static void decrypted(const struct timeline *tl, int c, enum side from, struct buf *out)
{
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->connection == c && st->from == from && st->type == STEP_APPLICATION_DATA && st->have_plain)
			buf_append(out, st->plain.data, st->plain.len);
	}
}

/* Bytes as one line of text: \r and \n spelled, anything unprintable a dot. */
static size_t quote(char *out, size_t cap, const struct buf *b)
{
	size_t o = 0;
	for (size_t k = 0; k < b->len && o + 4 < cap; k++) {
		uint8_t c = b->data[k];
		if (c == '\r' || c == '\n')
			o += (size_t)snprintf(out + o, cap - o, "\\%c", c == '\r' ? 'r' : 'n');
		else
			out[o++] = c >= 0x20 && c < 0x7f ? (char)c : '.';
	}
	out[o] = '\0';
	return o;
}

static void read_words(struct timeline *tl, const struct buf got[2][2])
{
	const struct scenario *sc = tl->sc;
	char a[300], b[300], text[1400];
	size_t o = 0;
	if (!got[0][SIDE_CLIENT].len && !got[0][SIDE_SERVER].len) {
		snprintf(text, sizeof(text), "the attacker read no application data: %s",
		         tl->outcome.end[SIDE_CLIENT].failed ? "the client stopped the handshake before it sent any"
		                                             : "none crossed");
		timeline_set_text(&tl->outcome.attacker_read, "%s", text);
		return;
	}
	quote(a, sizeof(a), &got[0][SIDE_CLIENT]);
	o += (size_t)snprintf(text + o, sizeof(text) - o, "the attacker decrypted the client's %zu %s with its own keys "
	                      "of connection 1: \"%s\"", got[0][SIDE_CLIENT].len, bytes_word(got[0][SIDE_CLIENT].len), a);
	if (got[1][SIDE_CLIENT].len) {
		bool same = same_bytes(&got[0][SIDE_CLIENT], &got[1][SIDE_CLIENT]);
		quote(b, sizeof(b), &got[1][SIDE_CLIENT]);
		if (same)
			o += (size_t)snprintf(text + o, sizeof(text) - o, "\nit sent the same bytes on to the server in "
			                      "connection 2");
		else
			o += (size_t)snprintf(text + o, sizeof(text) - o, "\nit changed \"%s\" into \"%s\" and sent the server, "
			                      "in connection 2: \"%s\"", sc->replace_from ? sc->replace_from : "?",
			                      sc->replace_to ? sc->replace_to : "?", b);
	}
	if (got[1][SIDE_SERVER].len && o < sizeof(text)) {
		quote(b, sizeof(b), &got[1][SIDE_SERVER]);
		o += (size_t)snprintf(text + o, sizeof(text) - o, "\nit decrypted the server's %zu-byte answer: \"%s\"",
		                      got[1][SIDE_SERVER].len, b);
	}
	if (got[0][SIDE_SERVER].len && o < sizeof(text))
		snprintf(text + o, sizeof(text) - o, "\nand passed %s on to the client in connection 1; neither end can "
		         "tell: each finished a handshake, with the attacker",
		         same_bytes(&got[0][SIDE_SERVER], &got[1][SIDE_SERVER]) ? "the same bytes" : "other bytes");
	timeline_set_text(&tl->outcome.attacker_read, "%s", text);
}

void mitm_outcome(struct timeline *tl, const struct engine_run *run)
{
	if (!timeline_mitm(tl) || !run->mitm)
		return;
	struct outcome *o = &tl->outcome;
	o->mitm = true;
	for (int r = 0; r < 2; r++)
		end_from(&o->attacker[r], &run->attacker[r]);
	o->end[SIDE_SERVER].never_connected = run->side[SIDE_SERVER].never_connected;
	/* Each sender's records against what the library at the other end of its pipe read. */
	const struct engine_side *reader[2][2] = {
		{ &run->attacker[SIDE_SERVER], &run->side[SIDE_CLIENT] },  /* connection 1: sent by client, by attacker */
		{ &run->side[SIDE_SERVER], &run->attacker[SIDE_CLIENT] },  /* connection 2: sent by attacker, by server */
	};
	struct buf got[2][2] = { { { 0 } } };
	bool any = false, same = true;
	for (int c = 0; c < 2; c++)
		for (int from = 0; from < 2; from++) {
			decrypted(tl, c + 1, (enum side)from, &got[c][from]);
			const struct engine_side *to = reader[c][from];
			const struct buf *lib = &to->received;
			if (to->error && lib->len <= got[c][from].len) {
				if (lib->len) {
					any = true;
					same = same && !memcmp(got[c][from].data, lib->data, lib->len);
				}
			} else if (got[c][from].len || lib->len) {
				any = true;
				same = same && same_bytes(&got[c][from], lib);
			}
		}
	o->plaintext_agrees = !any ? AGREE_UNCHECKED : same ? AGREE_YES : AGREE_NO;
	bool all = o->ok && o->attacker[0].finished && o->attacker[1].finished && !o->attacker[0].failed &&
	           !o->attacker[1].failed;
	if (all)
		snprintf(o->summary, sizeof(o->summary), "both handshakes complete (client <-> attacker, attacker <-> "
		         "server), the application data relayed through the attacker, every end closed");
	else if (o->end[SIDE_SERVER].never_connected && strlen(o->summary) + 60 < sizeof(o->summary))
		snprintf(o->summary + strlen(o->summary), sizeof(o->summary) - strlen(o->summary),
		         "; the attacker never opened its connection to the server");
	read_words(tl, (const struct buf(*)[2])got);
	for (int c = 0; c < 2; c++)
		for (int from = 0; from < 2; from++)
			buf_free(&got[c][from]);
}

/* The signature checks of connection 1 name the certificate the attacker showed in the server's place. */
static void signature_words(struct timeline *tl)
{
	static const char was[] = "the server's certificate";
	for (size_t i = 0; i < tl->nsteps; i++) {
		struct step *st = &tl->steps[i];
		char *at = st->connection == 1 && st->signature_note ? strstr(st->signature_note, was) : NULL;
		if (!at)
			continue;
		char *old = st->signature_note;
		st->signature_note = NULL;
		timeline_set_text(&st->signature_note, "%.*sthe attacker's certificate (shown in the server's place)%s",
		                  (int)(at - old), old, at + strlen(was));
		free(old);
	}
}

void mitm_failure_words(struct timeline *tl)
{
	if (tl->outcome.mitm)
		signature_words(tl);
	if (!tl->outcome.mitm || !tl->failure)
		return;
	/* failure.c speaks of a connection's two roles; here the server of connection 1 is the attacker. */
	char *old = tl->failure;
	tl->failure = NULL;
	timeline_set_text(&tl->failure, "In connection 1 the attacker answers in the server's place, so \"the server\" "
	                  "below is the attacker. %s", old);
	free(old);
}
