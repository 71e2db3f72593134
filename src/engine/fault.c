/* engine/fault.c — see fault.h. */
#include "engine/fault.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "wire/decode.h"
#include "wire/names.h"
#include "util/words.h"
#include "wire/record.h"
#include "wire/rewrite.h"

void fault_init(struct fault_state *f, const struct scenario *sc, fault_report_fn report, void *arg)
{
	memset(f, 0, sizeof(*f));
	f->sc = sc;
	f->report = report;
	f->arg = arg;
}

void fault_new_connection(struct fault_state *f)
{
	for (int s = 0; s < 2; s++) {
		f->ccs_seen[s] = false;
		f->holding[s] = false;
		f->held_nch[s] = 0;
	}
}

/* What a record carries, as the fault's `message` names it. */
static const char *carried(struct fault_state *f, enum side from, const struct buf *rec)
{
	if (rec->len < RECORD_HEADER_LEN)
		return "";
	switch (rec->data[0]) {
	case CT_CHANGE_CIPHER_SPEC:
		return "ChangeCipherSpec";
	case CT_ALERT:
		return "Alert";
	case CT_APPLICATION_DATA:
		return "ApplicationData";
	case CT_HANDSHAKE:
		if (f->ccs_seen[from])
			return "Finished"; /* TLS 1.2: the one handshake message after ChangeCipherSpec */
		return decode_handshake_name(rec->data + RECORD_HEADER_LEN, rec->len - RECORD_HEADER_LEN);
	}
	return "";
}

/* One note for one record: the first clause says "fault: ...", each later one "; then ...". */
struct note {
	char text[640];
	size_t len;
	size_t nclauses;
};

static void clause(struct note *n, bool applied, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void clause(struct note *n, bool applied, int line, const char *fmt, ...)
{
	char part[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(part, sizeof(part), fmt, ap);
	va_end(ap);
	int w;
	if (!n->nclauses)
		w = snprintf(n->text + n->len, sizeof(n->text) - n->len, "%s%s", applied ? "fault: " : "fault did not apply: ",
		             part);
	else if (applied)
		w = snprintf(n->text + n->len, sizeof(n->text) - n->len, "; then %s", part);
	else
		w = snprintf(n->text + n->len, sizeof(n->text) - n->len, "; the fault on scenario line %d did not apply: %s",
		             line, part);
	if (w > 0)
		n->len = n->len + (size_t)w < sizeof(n->text) ? n->len + (size_t)w : sizeof(n->text) - 1;
	n->nclauses++;
}

/* One byte changes: a byte changed before keeps its first value; one back at it is no change. */
static void change(struct fault_change *ch, size_t *nch, size_t off, uint8_t was, uint8_t now)
{
	for (size_t k = 0; k < *nch; k++) {
		if (ch[k].offset != off)
			continue;
		ch[k].now = now;
		if (ch[k].now == ch[k].was)
			ch[k] = ch[--*nch];
		return;
	}
	if (was != now && *nch < FAULT_MAX_CHANGES)
		ch[(*nch)++] = (struct fault_change){ off, was, now };
}

/* A rewrite's new value in words: "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS 1.2". */
static const char *codes_text(const struct fault *x, char *text, size_t cap)
{
	size_t len = 0;
	text[0] = '\0';
	for (size_t i = 0; i < x->ncodes && len < cap; i++) {
		const struct suite_info *s = names_suite(x->codes[i]);
		const char *name = !strcmp(x->field, "cipher_suites") || !strcmp(x->field, "cipher_suite") ? (s ? s->name : NULL)
		                   : !strcmp(x->field, "supported_versions") ? names_version(x->codes[i])
		                   : !strcmp(x->field, "supported_groups")   ? names_group(x->codes[i])
		                                                             : names_sigscheme(x->codes[i]);
		int w = name ? snprintf(text + len, cap - len, "%s%s", i ? ", " : "", name)
		             : snprintf(text + len, cap - len, "%s0x%04x", i ? ", " : "", x->codes[i]);
		if (w > 0)
			len += (size_t)w;
	}
	return text;
}

static const char *const fate[] = {
	[PIPE_DROP] = "the record was dropped already",
	[PIPE_DUPLICATE] = "the record arrives twice already",
	[PIPE_HOLD] = "the record is held back already",
};

enum pipe_verdict fault_filter(void *arg, enum side from, unsigned index, struct buf *rec)
{
	struct fault_state *f = arg;
	const char *what = carried(f, from, rec);
	enum pipe_verdict v = PIPE_PASS;
	bool is_ccs = rec->len >= 1 && rec->data[0] == CT_CHANGE_CIPHER_SPEC;
	struct note n = { .len = 0 };
	struct fault_change ch[FAULT_MAX_CHANGES];
	size_t nch = 0;
	bool edited = false; /* a flip, set or cut was applied */
	bool rewritten = false; /* a rewrite moved bytes: changes are told in words, not byte by byte */
	struct buf sent;        /* the first message as the sender wrote it, before the first rewrite */
	buf_init(&sent);
	char where[96];
	snprintf(where, sizeof(where), "the %s's %s (its record %u)", side_name(from), what, index);
	for (size_t i = 0; i < f->sc->nfaults; i++) {
		const struct fault *x = &f->sc->faults[i];
		if (f->applied[i] || x->from != from)
			continue;
		if (x->message[0] ? strcmp(x->message, what) != 0 : x->record != index)
			continue;
		f->applied[i] = true;
		size_t body = rec->len >= RECORD_HEADER_LEN ? rec->len - RECORD_HEADER_LEN : 0;
		uint8_t *b = rec->data + RECORD_HEADER_LEN;
		size_t mlen = body >= 4 ? 4 + ((size_t)b[1] << 16 | (size_t)b[2] << 8 | b[3]) : 0;
		if (!n.nclauses && body >= 4 && rec->data[0] == CT_HANDSHAKE && mlen <= body)
			buf_set(&sent, b, mlen); /* as the sender wrote it, before this record's first fault */
		bool edit = x->action == FAULT_FLIP || x->action == FAULT_SET || x->action == FAULT_TRUNCATE ||
		            x->action == FAULT_REWRITE;
		if (v == PIPE_DROP || (v != PIPE_PASS && !edit)) {
			clause(&n, false, x->line, "%s", fate[v]);
			continue;
		}
		if (edit && x->offset >= body) {
			clause(&n, false, x->line, "%s has %zu %s after its header, none at offset %zu", where, body,
			       bytes_word(body), x->offset);
			continue;
		}
		switch (x->action) {
		case FAULT_FLIP:
			change(ch, &nch, RECORD_HEADER_LEN + x->offset, b[x->offset], (uint8_t)(b[x->offset] ^ (1u << x->bit)));
			b[x->offset] ^= (uint8_t)(1u << x->bit);
			clause(&n, true, x->line, "flipped bit %u of byte %zu after the header of %s", x->bit, x->offset, where);
			edited = true;
			break;
		case FAULT_SET:
			if (b[x->offset] == x->value) {
				clause(&n, true, x->line, "set byte %zu after the header of %s to 0x%02x, the value it already had: "
				       "nothing changed", x->offset, where, x->value);
				break;
			}
			change(ch, &nch, RECORD_HEADER_LEN + x->offset, b[x->offset], x->value);
			b[x->offset] = x->value;
			clause(&n, true, x->line, "set byte %zu after the header of %s to 0x%02x", x->offset, where, x->value);
			edited = true;
			break;
		case FAULT_TRUNCATE:
			/* The bytes cut off are gone (and so are changes in them); the header's length
			 * (bytes 3 and 4) changes to match. */
			for (size_t k = nch; k-- > 0;)
				if (ch[k].offset >= RECORD_HEADER_LEN + x->offset)
					ch[k] = ch[--nch];
			change(ch, &nch, 3, rec->data[3], (uint8_t)(x->offset >> 8));
			change(ch, &nch, 4, rec->data[4], (uint8_t)x->offset);
			rec->len = RECORD_HEADER_LEN + x->offset;
			rec->data[3] = (uint8_t)(x->offset >> 8);
			rec->data[4] = (uint8_t)x->offset;
			clause(&n, true, x->line, "cut %s to %zu of its %zu %s after the header", where, x->offset, body,
			       bytes_word(body));
			edited = true;
			break;
		case FAULT_REWRITE: {
			char done[300], value[200];
			const struct rewrite_field *rf = rewrite_field_find(x->message, x->field, NULL, 0);
			if (!rf || rewrite_apply(rec, from == SIDE_SERVER, rf, x->codes, x->ncodes, done, sizeof(done))) {
				clause(&n, false, x->line, "could not rewrite %s of %s: %s", x->field, where, rf ? done : "no such field");
				break;
			}
			/* Every byte after the field moved: a list of changed bytes would mean nothing. */
			nch = 0;
			rewritten = true;
			clause(&n, true, x->line, "rewrote %s of %s to %s: %s", x->field, where, codes_text(x, value, sizeof(value)), done);
			edited = true;
			break;
		}
		case FAULT_DROP:
			clause(&n, true, x->line, edited ? "dropped it: it never arrives, changed or not"
			                                 : "dropped %s: it never arrives", where);
			v = PIPE_DROP;
			nch = 0; /* nothing crosses, so no byte of what crossed differs */
			break;
		case FAULT_DUPLICATE:
			clause(&n, true, x->line, "%s arrives twice", where);
			v = PIPE_DUPLICATE;
			break;
		case FAULT_REORDER:
			if (f->holding[from]) {
				clause(&n, false, x->line, "the %s's earlier record is still held back, and one is held at a time",
				       side_name(from));
				break;
			}
			clause(&n, true, x->line, "%s is held back and arrives after the sender's next record", where);
			v = PIPE_HOLD;
			break;
		}
	}
	if (edited && !nch && !rewritten && v != PIPE_DROP)
		clause(&n, true, 0, "the record crosses as it was: together these faults changed no byte");
	if (v == PIPE_HOLD) {
		/* Its changed bytes are told when it crosses, after the sender's next record. */
		f->holding[from] = true;
		memcpy(f->held_ch[from], ch, nch * sizeof(ch[0]));
		f->held_nch[from] = nch;
		nch = 0;
	}
	if (n.nclauses)
		f->report(f->arg, from, n.text, ch, nch, rewritten && v != PIPE_DROP ? sent.data : NULL,
		          rewritten && v != PIPE_DROP ? sent.len : 0);
	buf_free(&sent);
	if (is_ccs)
		f->ccs_seen[from] = true;
	return v;
}

void fault_released(struct fault_state *f, enum side from)
{
	if (!f->holding[from])
		return;
	f->holding[from] = false;
	if (f->held_nch[from]) {
		char text[160];
		snprintf(text, sizeof(text), "the %s's record held back by the reorder fault crosses now, with the bytes "
		         "the faults changed in it", side_name(from));
		f->report(f->arg, from, text, f->held_ch[from], f->held_nch[from], NULL, 0);
	}
	f->held_nch[from] = 0;
}

void fault_verify_data(struct fault_state *f, enum side side, uint8_t *vd, size_t len)
{
	struct note n = { .len = 0 };
	for (size_t i = 0; i < f->sc->nfaults; i++) {
		const struct fault *x = &f->sc->faults[i];
		if (f->applied[i] || x->from != side || strcmp(x->message, FAULT_RENEG_INFO) != 0)
			continue;
		f->applied[i] = true;
		if (x->offset >= len) {
			clause(&n, false, x->line, "the %s quotes %zu bytes of verify_data, none at offset %zu", side_name(side),
			       len, x->offset);
			continue;
		}
		uint8_t was = vd[x->offset];
		vd[x->offset] = x->action == FAULT_FLIP ? (uint8_t)(was ^ (1u << x->bit)) : x->value;
		clause(&n, true, x->line, "changed the %s's memory of the first handshake's verify_data: byte %zu of what it "
		       "quotes in renegotiation_info, 0x%02x -> 0x%02x (the record is encrypted: no one on the wire could "
		       "change it)", side_name(side), x->offset, was, vd[x->offset]);
	}
	if (n.nclauses)
		f->report(f->arg, side, n.text, NULL, 0, NULL, 0);
}

void fault_finish(struct fault_state *f)
{
	for (size_t i = 0; i < f->sc->nfaults; i++) {
		const struct fault *x = &f->sc->faults[i];
		if (f->applied[i])
			continue;
		char text[200];
		if (x->message[0])
			snprintf(text, sizeof(text), "fault (scenario line %d) found nothing to hit: the %s sent no %s",
			         x->line, side_name(x->from), x->message);
		else
			snprintf(text, sizeof(text), "fault (scenario line %d) found nothing to hit: the %s sent fewer than %u "
			         "records", x->line, side_name(x->from), x->record);
		f->report(f->arg, x->from, text, NULL, 0, NULL, 0);
	}
}
