/* engine/fault.c — see fault.h. */
#include "engine/fault.h"

#include <stdio.h>
#include <string.h>

#include "wire/decode.h"
#include "util/words.h"
#include "wire/record.h"

void fault_init(struct fault_state *f, const struct scenario *sc, fault_report_fn report, void *arg)
{
	memset(f, 0, sizeof(*f));
	f->sc = sc;
	f->report = report;
	f->arg = arg;
}

void fault_new_connection(struct fault_state *f)
{
	f->ccs_seen[0] = f->ccs_seen[1] = false;
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

enum pipe_verdict fault_filter(void *arg, enum side from, unsigned index, struct buf *rec)
{
	struct fault_state *f = arg;
	const char *what = carried(f, from, rec);
	enum pipe_verdict v = PIPE_PASS;
	bool is_ccs = rec->len >= 1 && rec->data[0] == CT_CHANGE_CIPHER_SPEC;
	for (size_t i = 0; i < f->sc->nfaults; i++) {
		const struct fault *x = &f->sc->faults[i];
		if (f->applied[i] || x->from != from)
			continue;
		if (x->message[0] ? strcmp(x->message, what) != 0 : x->record != index)
			continue;
		f->applied[i] = true;
		size_t body = rec->len >= RECORD_HEADER_LEN ? rec->len - RECORD_HEADER_LEN : 0;
		uint8_t *b = rec->data + RECORD_HEADER_LEN;
		char where[96], text[240];
		struct fault_change ch[FAULT_MAX_CHANGES];
		size_t nch = 0;
		snprintf(where, sizeof(where), "the %s's %s (its record %u)", side_name(from), what, index);
		if ((x->action == FAULT_FLIP || x->action == FAULT_SET || x->action == FAULT_TRUNCATE) && x->offset >= body) {
			snprintf(text, sizeof(text), "fault did not apply: %s has %zu %s after its header, none at offset %zu",
			         where, body, bytes_word(body), x->offset);
			f->report(f->arg, from, text, NULL, 0);
			continue;
		}
		switch (x->action) {
		case FAULT_FLIP:
			ch[nch++] = (struct fault_change){ RECORD_HEADER_LEN + x->offset, b[x->offset],
			                                   (uint8_t)(b[x->offset] ^ (1u << x->bit)) };
			b[x->offset] ^= (uint8_t)(1u << x->bit);
			snprintf(text, sizeof(text), "fault: flipped bit %u of byte %zu after the header of %s", x->bit, x->offset,
			         where);
			break;
		case FAULT_SET:
			if (b[x->offset] != x->value)
				ch[nch++] = (struct fault_change){ RECORD_HEADER_LEN + x->offset, b[x->offset], x->value };
			b[x->offset] = x->value;
			snprintf(text, sizeof(text), "fault: set byte %zu after the header of %s to 0x%02x", x->offset, where,
			         x->value);
			break;
		case FAULT_TRUNCATE:
			/* The bytes cut off are gone; the header's length (bytes 3 and 4) changes to match. */
			for (size_t k = 3; k <= 4; k++) {
				uint8_t now = (uint8_t)(k == 3 ? x->offset >> 8 : x->offset);
				if (rec->data[k] != now)
					ch[nch++] = (struct fault_change){ k, rec->data[k], now };
			}
			rec->len = RECORD_HEADER_LEN + x->offset;
			rec->data[3] = (uint8_t)(x->offset >> 8);
			rec->data[4] = (uint8_t)x->offset;
			snprintf(text, sizeof(text), "fault: cut %s to %zu of its %zu %s after the header", where, x->offset,
			         body, bytes_word(body));
			break;
		case FAULT_DROP:
			snprintf(text, sizeof(text), "fault: dropped %s: it never arrives", where);
			v = PIPE_DROP;
			break;
		case FAULT_DUPLICATE:
			snprintf(text, sizeof(text), "fault: %s arrives twice", where);
			v = PIPE_DUPLICATE;
			break;
		case FAULT_REORDER:
			snprintf(text, sizeof(text), "fault: %s is held back and arrives after the sender's next record", where);
			v = PIPE_HOLD;
			break;
		}
		f->report(f->arg, from, text, ch, nch);
	}
	if (is_ccs)
		f->ccs_seen[from] = true;
	return v;
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
		f->report(f->arg, x->from, text, NULL, 0);
	}
}
