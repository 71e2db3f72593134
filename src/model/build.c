/*
 * model/build.c — builds the timeline from the engine's event log (timeline_run).
 *
 * One pass over the events in the order they happened: each record becomes one
 * step per message it completes (handshake messages are reassembled across
 * records), encrypted records are decrypted by the proof module with keys it
 * re-derived itself, and each secret the library handed out is attached to the
 * step at which that end came to know it. At the end of each connection the
 * checks run over what was built (finish_connection), each a pass of its own;
 * the eavesdropper's experiment waits until something asks (model/eavesdrop.h).
 */
#include "model/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "model/early.h"
#include "model/failure.h"
#include "model/field_words.h"
#include "model/formula.h"
#include "model/mitm.h"
#include "model/narration.h"
#include "model/outcome.h"
#include "model/proof.h"
#include "model/proof13.h"
#include "model/reneg.h"
#include "model/proof_keylog.h"
#include "model/rsa_cke.h"
#include "model/sigcheck.h"
#include "model/verdict.h"
#include "wire/names.h"
#include "wire/reasm.h"
#include "wire/record.h"

struct dir {
	bool encrypting;         /* records from this side are protected */
	bool early;              /* TLS 1.3 0-RTT: the client's ClientHello offered early_data, so its
	                          * application_data records before the ServerHello are protected */
	struct reasm reasm;
	struct buf records;      /* records whose handshake bytes are still being reassembled */
	uint64_t records_end;    /* ... where the last of them ends in the sender's stream */
	bool records_encrypted;
};

struct builder {
	struct timeline *tl;
	const struct engine_run *run;
	struct dir dir[2];
	struct decode_ctx ctx;
	int phase;               /* highest phase so far */
	char *pending_fault;     /* fault sentences waiting for the next step */
	struct buf pending_sent; /* a rewritten message as its sender wrote it, for the next step */
	int connection;          /* the connection being built */
	int handshake;           /* ... and its handshake (2 and on: renegotiations, model/reneg.h) */
	bool keylog;             /* a capture's: its secrets come from the key log, held by neither end */
	const struct build_source *src;
	bool finished[2];        /* a capture's: each side's Finished of this handshake crossed */
	bool handshake_over[2];
	struct proof proof;
	/* Bytes faults changed: per side, those waiting for their record (offsets in it), then
	 * where they landed in the sender's stream; and where each side's first fatal alert ended. */
	struct { size_t off; uint8_t was; } fault_wait[2][4];
	size_t nfault_wait[2];
	struct fault_byte { enum side side; uint64_t pos; uint8_t was; } fault_at[16];
	size_t nfault_at;
	uint64_t alert_end[2];
	/* A man in the middle's two connections interleave: the other one's state waits here. */
	struct parked *parked;
};

/* What the builder keeps per connection (a man in the middle switches between two). */
struct parked {
	bool used;
	struct dir dir[2];
	struct decode_ctx ctx;
	int phase;
	bool handshake_over[2];
	struct proof proof;
	uint64_t alert_end[2];
};

/*
 * Which phase a handshake message belongs to (see timeline.h). TLS 1.2: RFC 5246 §7.3.
 * TLS 1.3: RFC 8446 §2, figure 1; a NewSessionTicket or KeyUpdate comes after the
 * handshake (§4.6). Anything else stays in the phase it crosses in.
 */
static int phase_of(const struct builder *b, enum side from, uint8_t hs_type)
{
	bool tls13 = b->ctx.version == 0x0304;
	switch (hs_type) {
	case 0: /* HelloRequest: the server asks for a renegotiation (RFC 5246 §7.4.1.1) */
	case 1: /* ClientHello */
	case 2: /* ServerHello, HelloRetryRequest */
		return PHASE_HELLO;
	case 8:  /* EncryptedExtensions: the server's remaining parameters (TLS 1.3) */
	case 13: /* CertificateRequest */
		return tls13 ? PHASE13_SERVER_PARAMS : PHASE_SERVER;
	case 12: /* ServerKeyExchange */
	case 14: /* ServerHelloDone */
		return PHASE_SERVER;
	case 11: /* Certificate */
	case 15: /* CertificateVerify */
		return tls13 ? PHASE13_AUTH : from == SIDE_SERVER ? PHASE_SERVER : PHASE_CLIENT;
	case 16: /* ClientKeyExchange */
		return PHASE_CLIENT;
	case 20: /* Finished */
		return tls13 ? PHASE13_AUTH : PHASE_FINISH;
	case 4: /* NewSessionTicket: in TLS 1.3 a post-handshake message */
		return tls13 ? PHASE_DATA : PHASE_FINISH;
	case 24: /* KeyUpdate (TLS 1.3 only) */
		return PHASE_DATA;
	}
	return b->phase;
}

static struct step *new_step(struct builder *b, enum side from, enum step_type type, const char *name,
                             int connection, const struct buf *records, uint64_t stream_end)
{
	struct timeline *tl = b->tl;
	if (tl->nsteps == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 32;
		tl->steps = xrealloc(tl->steps, tl->cap * sizeof(*tl->steps));
	}
	struct step *st = &tl->steps[tl->nsteps];
	memset(st, 0, sizeof(*st));
	st->stream_end = stream_end;
	st->index = (int)++tl->nsteps;
	st->connection = connection;
	st->handshake = b->handshake;
	st->from = from;
	st->type = type;
	snprintf(st->message, sizeof(st->message), "%s", name);
	fields_init(&st->fields);
	fields_init(&st->record_fields);
	buf_append(&st->record, records->data, records->len);
	st->fault_note = b->pending_fault;
	b->pending_fault = NULL;
	st->sent_plain = b->pending_sent; /* moved: the step owns it now */
	buf_init(&b->pending_sent);
	return st;
}

static void set_phase(struct builder *b, struct step *st, int phase)
{
	if (phase < b->phase && phase != PHASE_HELLO)
		phase = b->phase; /* never move backwards, except into a new hello */
	st->phase = phase;
	b->phase = phase;
}

static void next_handshake(struct builder *b);

static void on_secret(struct builder *b, const struct engine_event *ev, size_t at);

/* A capture has no state machine to say so: an end's handshake is over once both Finished crossed. */
static void capture_finished(struct builder *b, enum side from)
{
	if (!b->keylog)
		return;
	b->finished[from] = true;
	if (b->finished[0] && b->finished[1])
		b->handshake_over[0] = b->handshake_over[1] = true;
}

/*
 * A capture's renegotiation: its hellos crossed under the handshake before's keys, so the key
 * log line of the new handshake is found only now, by the client random its ClientHello carried,
 * and its master secret is shown with the ServerHello, as the first handshake's is before the
 * ChangeCipherSpec (model/from_capture.c).
 */
static void keylog_renegotiation(struct builder *b)
{
	size_t len = 0;
	const uint8_t *ms = b->keylog && b->src->master_for && b->proof.have_cr
	                            ? b->src->master_for(b->src->outcome_ctx, b->proof.client_random, &len)
	                            : NULL;
	if (!ms)
		return;
	struct engine_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.kind = ENGINE_EV_SECRET;
	ev.side = SIDE_CLIENT;
	ev.connection = b->connection;
	snprintf(ev.name, sizeof(ev.name), "master_secret");
	ev.data = (struct buf){ (uint8_t *)ms, len, len };
	on_secret(b, &ev, b->tl->nsteps);
}

static void handshake_step(struct builder *b, enum side from, const struct buf *msg, int conn,
                           const struct buf *records, uint64_t end, bool encrypted)
{
	if (msg->len && reneg_starts(&b->proof, from, msg->data[0], b->handshake_over[0] && b->handshake_over[1]))
		next_handshake(b);
	const char *name = decode_handshake_name(msg->data, msg->len);
	struct step *st = new_step(b, from, STEP_HANDSHAKE, name, conn, records, end);
	st->encrypted = encrypted;
	st->have_plain = true;
	buf_append(&st->plain, msg->data, msg->len);
	st->hs_type = msg->len ? msg->data[0] : 0;
	struct decode_info info;
	b->ctx.from_server = from == SIDE_SERVER;
	decode_handshake(&b->ctx, msg->data, msg->len, &st->fields, &info, &st->decode_error);
	if (st->hs_type == 1 && fields_find(&st->fields, FIELD_NONE, "early_data", true) != FIELD_NONE)
		b->dir[from].early = true; /* RFC 8446 §4.2.10 */
	if (st->hs_type == 2 && !st->decode_error.alert) {
		b->ctx.version = info.version;
		b->ctx.kx = decode_kx_of_suite(info.suite);
		/* TLS 1.3: everything after the ServerHello is encrypted (RFC 8446 §2). */
		if (info.version == 0x0304 && !info.is_hrr)
			b->dir[0].encrypting = b->dir[1].encrypting = true;
	}
	set_phase(b, st, phase_of(b, from, st->hs_type));
	proof_on_message(&b->proof, st);
	reneg_on_message(&b->proof, st);
	if (b->handshake > 1 && st->hs_type == 2)
		keylog_renegotiation(b);
	if (st->hs_type == 20)
		capture_finished(b, from);
}

static void record_step_body(struct builder *b, const struct engine_event *ev, const uint8_t *rec, size_t len,
                             enum side from, struct dir *d, uint64_t end);

/*
 * What went wrong at step i, which record event ev completed: the bytes faults changed
 * in its records, whether its tag verified under our keys, and whether it was already
 * on its way when the peer's fatal alert was sent (its sender had not read the alert).
 */
static void mark_step(struct builder *b, const struct engine_event *ev, size_t i)
{
	struct step *st = &b->tl->steps[i];
	enum side peer = side_peer(st->from);
	uint64_t first = b->tl->steps[i].stream_end - st->record.len;
	for (size_t k = 0; k < b->nfault_at && st->nfault < sizeof(st->fault_off) / sizeof(st->fault_off[0]); k++)
		if (b->fault_at[k].side == st->from && b->fault_at[k].pos >= first && b->fault_at[k].pos < b->tl->steps[i].stream_end) {
			st->fault_off[st->nfault] = (size_t)(b->fault_at[k].pos - first);
			st->fault_was[st->nfault++] = b->fault_at[k].was;
		}
	if (st->encrypted) {
		const struct proof_dir *pd = &b->proof.dir[st->from];
		bool keyed = b->proof.version == 0x0304 ? pd->hs_keyed || pd->app_active : pd->keyed;
		st->record_ok = st->have_plain ? AGREE_YES : keyed ? AGREE_NO : AGREE_UNCHECKED;
	}
	st->in_flight = b->alert_end[peer] && ev->consumed[peer] < b->alert_end[peer];
	if (st->type == STEP_ALERT && st->alert_level == 2 && !b->alert_end[st->from])
		b->alert_end[st->from] = b->tl->steps[i].stream_end;
}

static void record_step(struct builder *b, const struct engine_event *ev)
{
	const uint8_t *rec = engine_run_stream(b->run, ev->connection, ev->side)->data + ev->offset;
	size_t len = ev->length;
	enum side from = ev->side;
	struct dir *d = &b->dir[from];
	uint64_t end = ev->offset + len;

	size_t first_new = b->tl->nsteps;
	for (size_t i = 0; i < b->nfault_wait[from] && b->nfault_at < sizeof(b->fault_at) / sizeof(b->fault_at[0]); i++)
		b->fault_at[b->nfault_at++] = (struct fault_byte){ from, ev->offset + b->fault_wait[from][i].off,
		                                                         b->fault_wait[from][i].was };
	b->nfault_wait[from] = 0;
	record_step_body(b, ev, rec, len, from, d, end);
	/* The record layer of every step this record completed. */
	for (size_t i = first_new; i < b->tl->nsteps; i++) {
		struct step *st = &b->tl->steps[i];
		struct record_info ri;
		struct wire_error werr;
		proof_record_info(&b->proof, from, st->encrypted, st->encrypted && st->have_plain ? st->inner_type : -1, &ri);
		/* MAC-then-encrypt hides the MAC and padding: lay them out from our own decryption. */
		struct buf inner[4] = { 0 };
		struct record_cbc_inner parts[4];
		if (ri.layout == LAYOUT_CBC) {
			ri.ncbc = proof_cbc_inner(&b->proof, from, st->record.data, st->record.len, inner, parts, 4);
			ri.cbc = parts;
		}
		decode_records(st->record.data, st->record.len, &ri, &st->record_fields, &werr);
		for (size_t j = 0; j < 4; j++) {
			wipe(inner[j].data, inner[j].len);
			buf_free(&inner[j]);
		}
		mark_step(b, ev, i);
	}
}

static void record_step_body(struct builder *b, const struct engine_event *ev, const uint8_t *rec, size_t len,
                             enum side from, struct dir *d, uint64_t end)
{
	struct buf one = { (uint8_t *)rec, len, len };
	if (len < RECORD_HEADER_LEN || record_complete(rec, len) != (long)len) {
		struct step *st = new_step(b, from, STEP_UNKNOWN, "malformed record", ev->connection, &one, end);
		set_phase(b, st, b->phase);
		return;
	}
	struct record_header h = record_header_read(rec);
	/* TLS 1.2: everything after the sender's ChangeCipherSpec is protected. TLS 1.3: a
	 * protected record always says application_data outside (RFC 8446 §5.2); an end that
	 * fails before it has keys sends its alert in clear. A renegotiation's ChangeCipherSpec
	 * is protected too (under the handshake before's keys); a bare one is one byte. A
	 * capture's early data (TLS 1.3 0-RTT) is protected before this side's handshake keys. */
	bool encrypted = (d->encrypting && !(h.type == CT_CHANGE_CIPHER_SPEC && len == RECORD_HEADER_LEN + 1) &&
	                  !(b->ctx.version == 0x0304 && h.type != CT_APPLICATION_DATA)) ||
	                 (d->early && !d->encrypting && h.type == CT_APPLICATION_DATA);
	uint8_t type = h.type;
	struct buf plain = { 0 };
	bool have_plain = !encrypted;
	if (encrypted) {
		uint8_t inner = h.type;
		have_plain = proof_decrypt(&b->proof, from, rec, len, &plain, &inner) == 0;
		if (have_plain)
			type = inner;
	} else {
		buf_append(&plain, rec + RECORD_HEADER_LEN, len - RECORD_HEADER_LEN);
	}

	if (!have_plain) {
		/* Keys unknown or the record does not authenticate: show it as it is. */
		/* TLS 1.2's header tells the content type; TLS 1.3's outer type 23 hides it. */
		bool tls12 = b->ctx.version == 0x0303, hs = tls12 && h.type == CT_HANDSHAKE;
		bool data = tls12 && h.type == CT_APPLICATION_DATA, alert = h.type == CT_ALERT;
		struct step *st = new_step(b, from, alert ? STEP_ALERT : hs ? STEP_HANDSHAKE : data ? STEP_APPLICATION_DATA
		                                                                                   : STEP_UNKNOWN,
		                           hs ? "Finished (not decrypted)" : data ? "ApplicationData (not decrypted)"
		                           : alert && tls12 ? "Alert (not decrypted)" : "encrypted record",
		                           ev->connection, &one, end);
		st->encrypted = true;
		set_phase(b, st, hs ? PHASE_FINISH : data && b->handshake_over[from] ? PHASE_DATA : b->phase);
		if (hs)
			capture_finished(b, from);
		buf_free(&plain);
		return;
	}

	struct step *st = NULL;
	switch (type) {
	case CT_HANDSHAKE: {
		buf_append(&d->records, rec, len);
		d->records_end = end;
		d->records_encrypted = encrypted;
		reasm_feed(&d->reasm, plain.data, plain.len);
		struct buf msg = { 0 };
		int r;
		while ((r = reasm_next(&d->reasm, &msg)) == 1) {
			handshake_step(b, from, &msg, ev->connection, &d->records, end, encrypted);
			b->tl->steps[b->tl->nsteps - 1].inner_type = CT_HANDSHAKE;
		}
		buf_free(&msg);
		if (r < 0) {
			st = new_step(b, from, STEP_UNKNOWN, "oversized handshake message", ev->connection, &d->records, end);
			reasm_free(&d->reasm);
			reasm_init(&d->reasm);
			set_phase(b, st, b->phase);
		}
		if (!reasm_pending(&d->reasm))
			buf_clear(&d->records);
		break;
	}
	case CT_CHANGE_CIPHER_SPEC:
		st = new_step(b, from, STEP_CHANGE_CIPHER_SPEC, "ChangeCipherSpec", ev->connection, &one, end);
		decode_ccs(plain.data, plain.len, &st->fields, &st->decode_error);
		/* TLS 1.2: this side's next records use the new keys. TLS 1.3's CCS is a no-op for
		 * middleboxes (RFC 8446 §D.4), in the phase it crosses in. */
		if (b->ctx.version != 0x0304) {
			d->encrypting = true;
			reneg_on_ccs(&b->proof, from);
		}
		set_phase(b, st, b->ctx.version == 0x0304 ? b->phase : PHASE_FINISH);
		break;
	case CT_ALERT:
		st = new_step(b, from, STEP_ALERT, "Alert", ev->connection, &one, end);
		decode_alert(plain.data, plain.len, &st->fields, &st->decode_error);
		if (plain.len == 2) {
			st->alert_level = plain.data[0];
			st->alert_desc = plain.data[1];
			struct outcome *o = &b->tl->outcome;
			if (!o->alert_seen && (st->alert_level == 2 || st->alert_desc != 0)) {
				o->alert_seen = true;
				o->alert_from = from;
				o->alert_connection = ev->connection;
				o->alert_level = st->alert_level;
				o->alert_desc = st->alert_desc;
			}
		}
		set_phase(b, st, b->handshake_over[from] ? PHASE_DATA : b->phase);
		break;
	case CT_APPLICATION_DATA:
		st = new_step(b, from, STEP_APPLICATION_DATA, "ApplicationData", ev->connection, &one, end);
		decode_appdata(plain.data, plain.len, &st->fields, &st->decode_error);
		/* Data a side sends before its handshake is over (TLS 1.3 early or 0.5-RTT data)
		 * crosses in a handshake phase: a later message must not go back from PHASE_DATA. */
		set_phase(b, st, b->handshake_over[from] ? PHASE_DATA : b->phase);
		break;
	default:
		st = new_step(b, from, STEP_UNKNOWN, "unknown content type", ev->connection, &one, end);
		set_phase(b, st, b->phase);
		break;
	}
	if (st) {
		st->encrypted = encrypted;
		st->inner_type = type;
		st->have_plain = true;
		buf_append(&st->plain, plain.data, plain.len);
	}
	buf_free(&plain);
}

/* The step at which `side` had just sent or read what it had when the event happened. */
static size_t attribute(const struct builder *b, const struct engine_event *ev)
{
	size_t best = 0;
	for (size_t i = b->tl->nsteps; i-- > 0;) {
		const struct step *st = &b->tl->steps[i];
		/* its own records: what it had sent; the peer's: what it had read of them */
		uint64_t limit = st->from == ev->side ? ev->sent[ev->side] : ev->consumed[st->from];
		if (st->connection == ev->connection && b->tl->steps[i].stream_end <= limit) {
			best = i + 1;
			break;
		}
	}
	return best;
}

/* Does `side` send another record in the same connection after event i? */
static bool next_record_of(const struct engine_run *run, size_t i, enum side side)
{
	for (size_t j = i + 1; j < run->nev && run->ev[j].connection == run->ev[i].connection; j++)
		if (run->ev[j].kind == ENGINE_EV_RECORD && run->ev[j].side == side)
			return true;
	return false;
}

/* `at`: the step to show it with, or 0 for the one the event's byte counts say. */
static void on_secret(struct builder *b, const struct engine_event *ev, size_t at)
{
	/* mbed TLS hands out no secret before its ClientHello is on the wire, so there
	 * is always a step; one seen before its end's first record goes to step 1. */
	if (!at)
		at = attribute(b, ev);
	if (b->tl->nsteps == 0)
		return;
	if (!at)
		at = b->tl->nsteps; /* nothing of this connection crossed yet: the latest step */
	/* An end's (EC)DHE private value is no value of the run to show, only an input of
	 * the recipe that recomputes the shared secret (model/formula.c). */
	if (!strcmp(ev->name, "ephemeral_private_key")) {
		proof_on_ephemeral(&b->proof, ev->side, ev->data.data, ev->data.len);
		return;
	}
	struct step *st = &b->tl->steps[at - 1];
	unsigned holder = ev->side == SIDE_CLIENT ? HOLDER_CLIENT : HOLDER_SERVER;
	/* A capture's secrets are its key log's; a premaster secret, which no key log gives, is the
	 * ClientKeyExchange decrypted with --server-key (model/from_capture.c): both ends held it. */
	if (b->keylog)
		holder = strcmp(ev->name, "premaster_secret") ? HOLDER_KEYLOG : HOLDER_CLIENT | HOLDER_SERVER;
	struct secret *s = step_add_secret(st, ev->name, holder, ev->data.data, ev->data.len);
	proof_on_secret(&b->proof, ev->side, s, ev->has_randoms ? ev->client_random : NULL,
	                ev->has_randoms ? ev->server_random : NULL);
}

static void add_fault(char **note, const char *text)
{
	size_t old = *note ? strlen(*note) : 0, n = strlen(text);
	*note = xrealloc(*note, old + n + 3);
	if (old) {
		memcpy(*note + old, "; ", 2);
		old += 2;
	}
	memcpy(*note + old, text, n + 1);
}

/*
 * The checks of one connection, passes over what was built, in this order: the
 * running transcript hashes, the TLS 1.3 key schedule (which the other checks
 * read), the formulas, the signatures, and last the verdicts on the randoms, the
 * premaster secrets and the keys. The chain walk (model/chainwalk.h) and the (EC)DH
 * recipes (model/dh_recipe.h) run later, when something shows them.
 */
static void finish_connection(struct proof *p)
{
	proof_hashes(p);
	proof13_binder(p); /* whether or not a ServerHello followed */
	if (p->version == 0x0304)
		proof13_finish(p);
	formula_finish(p);
	sigcheck_finish(p);
	proof_verdicts(p);
	proof_keylog_verdicts(p); /* a capture's: after the records and Finished are judged */
}

/*
 * The records of a handshake message that never completed (its connection ended first, or the
 * bytes were damaged): a step of their own, with the message's bytes so far, never dropped.
 */
static void flush_pending(struct builder *b)
{
	for (int s = 0; s < 2; s++) {
		struct dir *d = &b->dir[s];
		if (!d->records.len)
			continue;
		struct step *st = new_step(b, (enum side)s, STEP_UNKNOWN, "incomplete handshake message", b->connection,
		                           &d->records, d->records_end);
		st->encrypted = d->records_encrypted;
		st->have_plain = true;
		st->inner_type = CT_HANDSHAKE;
		buf_append(&st->plain, d->reasm.pending.data, d->reasm.pending.len);
		set_phase(b, st, b->phase);
		buf_clear(&d->records);
		reasm_free(&d->reasm);
		reasm_init(&d->reasm);
	}
}

/* A second connection (resumption): everything per connection starts afresh. */
static void next_connection(struct builder *b, int connection)
{
	flush_pending(b);
	finish_connection(&b->proof);
	struct proof first = b->proof; /* moved: its transcript is freed with it below */
	proof_init(&b->proof, b->tl, connection);
	b->proof.early = first.early;
	b->proof.keylog = first.keylog;
	if (first.have_master)
		proof_resumes(&b->proof, first.master_ours);
	proof_resumes13(&b->proof, &first);
	proof_free(&first);
	for (int i = 0; i < 2; i++) {
		reasm_free(&b->dir[i].reasm);
		reasm_init(&b->dir[i].reasm);
		buf_clear(&b->dir[i].records);
		b->dir[i].encrypting = false;
		b->dir[i].early = false;
		b->handshake_over[i] = false;
		b->finished[i] = false;
	}
	memset(&b->ctx, 0, sizeof(b->ctx));
	b->phase = PHASE_HELLO;
	b->connection = connection;
	b->handshake = 1;
}

/*
 * A renegotiation begins (TLS 1.2): the handshake before is checked as a whole, as a
 * connection is, and the new one gets a proof of its own that starts under the
 * record keys in use (model/reneg.h). The pipe and the reassembly go on.
 */
static void next_handshake(struct builder *b)
{
	finish_connection(&b->proof);
	struct proof before = b->proof; /* moved: freed below */
	proof_init(&b->proof, b->tl, b->connection);
	b->proof.handshake = ++b->handshake;
	b->proof.early = before.early;
	b->proof.keylog = before.keylog;
	reneg_carry(&b->proof, &before);
	proof_free(&before);
	b->handshake_over[0] = b->handshake_over[1] = false;
	b->finished[0] = b->finished[1] = false;
	b->phase = PHASE_HELLO;
}

/*
 * A man in the middle: connection 1 (client <-> attacker) and 2 (attacker <-> server)
 * interleave, each with its own proof and record state. The current one is parked
 * and the other one taken up (begun afresh the first time).
 */
static void switch_connection(struct builder *b, int connection)
{
	struct parked *now = &b->parked[b->connection - 1], *next = &b->parked[connection - 1];
	now->used = true;
	memcpy(now->dir, b->dir, sizeof(b->dir));
	now->ctx = b->ctx;
	now->phase = b->phase;
	memcpy(now->handshake_over, b->handshake_over, sizeof(b->handshake_over));
	now->proof = b->proof;
	memcpy(now->alert_end, b->alert_end, sizeof(b->alert_end));
	if (next->used) {
		memcpy(b->dir, next->dir, sizeof(b->dir));
		b->ctx = next->ctx;
		b->phase = next->phase;
		memcpy(b->handshake_over, next->handshake_over, sizeof(b->handshake_over));
		b->proof = next->proof;
		memcpy(b->alert_end, next->alert_end, sizeof(b->alert_end));
		next->used = false;
	} else {
		proof_init(&b->proof, b->tl, connection);
		for (int i = 0; i < 2; i++) {
			memset(&b->dir[i], 0, sizeof(b->dir[i]));
			reasm_init(&b->dir[i].reasm);
			b->handshake_over[i] = false;
			b->alert_end[i] = 0;
		}
		memset(&b->ctx, 0, sizeof(b->ctx));
		b->phase = PHASE_HELLO;
	}
	b->connection = connection;
}

/* The end of a man in the middle's run: the parked connection's checks, then its state freed. */
static void finish_parked(struct builder *b)
{
	for (int c = 0; b->parked && c < 2; c++) {
		struct parked *p = &b->parked[c];
		if (!p->used)
			continue;
		finish_connection(&p->proof);
		proof_free(&p->proof);
		for (int i = 0; i < 2; i++) {
			reasm_free(&p->dir[i].reasm);
			buf_free(&p->dir[i].records);
		}
	}
	free(b->parked);
	b->parked = NULL;
}

static void trace_line(struct builder *b, const struct engine_event *ev)
{
	struct timeline *tl = b->tl;
	tl->trace = xrealloc(tl->trace, (tl->ntrace + 1) * sizeof(*tl->trace));
	struct trace_line *t = &tl->trace[tl->ntrace++];
	t->side = ev->side;
	t->step = (int)tl->nsteps;
	snprintf(t->text, sizeof(t->text), "%s -> %s", engine_state_name(ev->state_from),
	         engine_state_name(ev->state_to));
	if (!strcmp(engine_state_name(ev->state_to), "HandshakeOver"))
		b->handshake_over[ev->side] = true;
}

void timeline_build(struct timeline *tl, const struct build_source *src)
{
	struct engine_run *rp = src->run;
	struct builder b;
	memset(&b, 0, sizeof(b));
	b.tl = tl;
	b.run = rp;
	b.keylog = src->keylog;
	b.src = src;
	b.phase = PHASE_HELLO;
	b.connection = 1;
	b.handshake = 1;
	proof_init(&b.proof, tl, 1);
	b.proof.early = src->early;
	b.proof.keylog = src->keylog;
	b.proof.early_suite = src->early_suite;
	for (int i = 0; i < 2; i++)
		reasm_init(&b.dir[i].reasm);
	if (rp->mitm)
		b.parked = xcalloc(2, sizeof(*b.parked));
	size_t deferred[8], ndeferred = 0;
	for (size_t i = 0; i < rp->nev; i++) {
		const struct engine_event *ev = &rp->ev[i];
		if (ev->connection != b.connection && b.parked)
			switch_connection(&b, ev->connection);
		else if (ev->connection != b.connection)
			next_connection(&b, ev->connection);
		switch (ev->kind) {
		case ENGINE_EV_RECORD:
			record_step(&b, ev);
			if (ev->side == SIDE_SERVER) {
				for (size_t k = 0; k < ndeferred; k++)
					on_secret(&b, &rp->ev[deferred[k]], tl->nsteps);
				ndeferred = 0;
			}
			break;
		case ENGINE_EV_SECRET:
			/*
			 * A TLS 1.3 server derives its traffic secrets from a transcript that ends with
			 * a message of its own, as it writes that message and before the record is on
			 * the wire: the handshake secrets through its ServerHello, the application
			 * secrets through its Finished (RFC 8446 §7.1). Show them with that message,
			 * the server's next record, where the formula's inputs are all on screen.
			 */
			if (!b.keylog && ev->side == SIDE_SERVER && strstr(ev->name, "_traffic_secret") &&
			    ndeferred < sizeof(deferred) / sizeof(deferred[0]) && next_record_of(rp, i, SIDE_SERVER)) {
				deferred[ndeferred++] = i;
				break;
			}
			on_secret(&b, ev, 0);
			break;
		case ENGINE_EV_STATE:
			trace_line(&b, ev);
			break;
		case ENGINE_EV_ERROR:
			break;
		case ENGINE_EV_FAULT:
			add_fault(&b.pending_fault, (const char *)ev->data.data);
			if (ev->as_sent.len)
				buf_set(&b.pending_sent, ev->as_sent.data, ev->as_sent.len);
			for (size_t k = 0; k < ev->nfault && b.nfault_wait[ev->side] < 4; k++, b.nfault_wait[ev->side]++) {
				b.fault_wait[ev->side][b.nfault_wait[ev->side]].off = ev->fault_off[k];
				b.fault_wait[ev->side][b.nfault_wait[ev->side]].was = ev->fault_was[k];
			}
			break;
		}
	}
	flush_pending(&b);
	tl->outcome.fault_note = b.pending_fault;
	/* What was negotiated is what the ServerHello on the wire says: a client that
	 * failed before one (or refused the one it got) still reports its own maximum. */
	tl->tls_version = b.proof.version;
	tl->suite_id = b.proof.suite;
	const char *sn = tl->suite_id ? engine_suite_name(tl->suite_id) : NULL;
	snprintf(tl->suite_name, sizeof(tl->suite_name), "%s", sn ? sn : "");
	snprintf(tl->library_version, sizeof(tl->library_version), "%s", rp->library_version);
	if (src->outcome)
		src->outcome(tl, src->outcome_ctx);
	else
		outcome_fill(tl, rp);
	finish_connection(&b.proof);
	finish_parked(&b);
	if (!src->keylog) { /* the ends' own views: a capture has neither */
		rsa_cke_check(tl, &rp->client_draws);
		outcome_delivered(tl, rp);
		mitm_outcome(tl, rp);
	}
	for (size_t i = 0; i < tl->nsteps; i++) /* the version is known now: each field's words fit it */
		field_words_apply(tl, &tl->steps[i]);
	failure_build(tl);
	mitm_failure_words(tl);
	if (!tl->server_key)
		tl->server_key = engine_run_take_server_key(rp);
	narration_expand(tl); /* last: the words quote the finished run */
	proof_free(&b.proof);
	for (int i = 0; i < 2; i++) {
		reasm_free(&b.dir[i].reasm);
		buf_free(&b.dir[i].records);
	}
	buf_free(&b.pending_sent);
}

int timeline_run(const struct scenario *sc, const struct run_options *o, struct timeline *tl,
                 char *err, size_t errlen)
{
	struct engine_run run;
	engine_run_init(&run);
	timeline_init(tl);
	tl->sc = sc;
	tl->seed = o->seed;
	/* The costliest checks start in the background as their inputs cross (model/early.h). */
	struct early *early = sc->has_attacker ? NULL : early_new(); /* it follows one connection at a time */
	struct engine_options eo = { sc, o->assets_dir, o->seed, false, early ? early_observe : NULL, early };
	int rc = engine_run(&eo, &run, err, errlen);
	if (rc) {
		early_free(early);
		engine_run_free(&run);
		return rc == ENGINE_ERR_INPUT ? TIMELINE_ERR_INPUT : TIMELINE_ERR_LIBRARY;
	}
	tl->assets_dir = xstrdup(o->assets_dir ? o->assets_dir : "."); /* owned from here: timeline_free frees it */
	struct build_source src = { &run, early, false, NULL, NULL, 0, NULL };
	timeline_build(tl, &src);
	tl->early_hits = early_hits(early);
	early_free(early);
	engine_run_free(&run);
	return 0;
}
