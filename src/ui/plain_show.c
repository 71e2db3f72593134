/*
 * ui/plain_show.c — what --plain prints on request: the keys (k), the fields (f),
 * the bytes (x) and the eavesdropper (e); and the line writer every part of the
 * plain mode prints with. See plain_session.h.
 */
#include "ui/plain_session.h"

#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/mitm.h"
#include "util/hex.h"

/* Columns a run of UTF-8 takes: one per code point (tlsstep's text has no wide glyphs). */
static int cols(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Writes n bytes of data text; control characters (an escape sequence in a file) become '?'. */
static void put(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		fputc(c < 0x20 || c == 0x7f ? '?' : c, out);
	}
}

void plain_wrap(struct plain *p, const char *first, const char *rest, const char *text)
{
	const char *ind = first, *s = text;
	int col = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\n') {
			fputc('\n', p->out);
			col = 0;
			ind = rest;
			s++;
			continue;
		}
		if (!*s)
			break;
		size_t n = strcspn(s, " \t\n");
		int w = cols(s, n);
		if (col && col + 1 + w > p->width) {
			fputc('\n', p->out);
			col = 0;
			ind = rest;
		}
		if (!col) {
			put(p->out, ind, strlen(ind));
			col = cols(ind, strlen(ind));
		} else {
			fputc(' ', p->out);
			col++;
		}
		put(p->out, s, n);
		col += w;
		s += n;
	}
	if (col)
		fputc('\n', p->out);
}

void plain_say(struct plain *p, const char *text)
{
	plain_wrap(p, "", "", text);
}

const struct step *plain_current(const struct plain *p)
{
	return p->cur ? &p->tl->steps[p->cur - 1] : NULL;
}

/* The same rule as the terminal view's (ui/draw.c view_hidden). */
bool plain_hidden(const struct plain *p, unsigned pane, char *why, size_t cap)
{
	return explain_pane_hidden(p->tl, p->cur, pane, why, cap);
}

/* "the client, the server and the wire" (a man in the middle's attacker by its name, model/mitm.h) */
static void holder_words(const struct timeline *tl, int connection, unsigned h, char *buf, size_t cap)
{
	const char *w[3];
	int n = 0;
	if (h & HOLDER_CLIENT)
		w[n++] = timeline_party(tl, connection, SIDE_CLIENT);
	if (h & HOLDER_SERVER)
		w[n++] = timeline_party(tl, connection, SIDE_SERVER);
	if (h & HOLDER_WIRE)
		w[n++] = "wire";
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, cap - len, "%sthe %s", i == 0 ? "" : i == n - 1 ? " and " : ", ", w[i]);
	}
	if (!n)
		snprintf(buf, cap, "nobody yet");
}

static const char *agree_words(enum agreement a)
{
	return a == AGREE_YES ? "verified" : a == AGREE_NO ? "NOT verified" : "not checked";
}

static bool same_secret(const struct secret *a, const struct secret *b)
{
	return !strcmp(a->name, b->name) && a->value.len == b->value.len &&
	       !memcmp(a->value.data, b->value.data, a->value.len);
}

/* What to say of a secret the model gives no formula for (randoms and the premaster secret). */
static const char *underived(const struct timeline *tl, const struct secret *s)
{
	size_t n = strlen(s->name);
	if (n > 7 && !strcmp(s->name + n - 7, "_random"))
		return tl->tls_version == TLS_V13 ? "fresh, drawn at random by its sender"
		                                  : "fresh from its sender: random bytes (in TLS 1.2 the first 4 may be the time)";
	return "by the key exchange (its step tells how); tlsstep writes no formula for it";
}

/*
 * k: each secret known at or before the current step, once: a secret that comes
 * to more holders at later steps (same name, same bytes) is told with all of them.
 */
void plain_show_keys(struct plain *p)
{
	const struct timeline *tl = p->tl;
	char why[40], text[4096];
	if (plain_hidden(p, PANE_KEYS, why, sizeof(why))) {
		snprintf(text, sizeof(text), "The lesson hides the keys %s: step on.", why);
		plain_say(p, text);
		return;
	}
	fputc('\n', p->out);
	snprintf(text, sizeof(text), "Secrets known after step %zu:", p->cur);
	plain_say(p, text);
	size_t told = 0;
	for (size_t i = 0; i < p->cur; i++) {
		const struct step *st = &tl->steps[i];
		for (size_t j = 0; j < st->nsecrets; j++) {
			const struct secret *s = &st->secrets[j];
			bool before = false;
			for (size_t a = 0; a <= i && !before; a++)
				for (size_t b = 0; b < (a == i ? j : tl->steps[a].nsecrets) && !before; b++)
					before = same_secret(&tl->steps[a].secrets[b], s);
			if (before)
				continue;
			unsigned holders = 0;
			enum agreement agrees = AGREE_UNCHECKED;
			const char *note = NULL;
			for (size_t a = i; a < p->cur; a++)
				for (size_t b = 0; b < tl->steps[a].nsecrets; b++) {
					const struct secret *t = &tl->steps[a].secrets[b];
					if (!same_secret(t, s))
						continue;
					holders |= t->holders;
					/* a disagreement anywhere is the one to tell */
					if (t->agrees == AGREE_NO || (t->agrees == AGREE_YES && agrees == AGREE_UNCHECKED))
						agrees = t->agrees;
					if (!note && t->check_note)
						note = t->check_note;
				}
			char h[80];
			holder_words(tl, st->connection, holders, h, sizeof(h));
			fputc('\n', p->out);
			snprintf(text, sizeof(text), "%s, from step %d (%s): known to %s; %s.", s->name, st->index, st->message,
			         h, agree_words(agrees));
			plain_say(p, text);
			char *hx = hex_string(s->value.data, s->value.len, '\0');
			snprintf(text, sizeof(text), "value (%zu bytes): %s", s->value.len, hx ? hx : "(out of memory)");
			free(hx);
			plain_wrap(p, "  ", "    ", text);
			snprintf(text, sizeof(text), "derived: %s", s->derived_as ? s->derived_as : underived(tl, s));
			plain_wrap(p, "  ", "    ", text);
			if (note) {
				snprintf(text, sizeof(text), "check: %s", note);
				plain_wrap(p, "  ", "    ", text);
			}
			told++;
		}
	}
	if (!told)
		plain_say(p, "Nothing is known yet: no message has crossed.");
}

void plain_show_recipes(struct plain *p)
{
	const struct timeline *tl = p->tl;
	char why[40], text[200];
	if (plain_hidden(p, PANE_KEYS, why, sizeof(why))) {
		snprintf(text, sizeof(text), "The lesson hides the keys %s: step on.", why);
		plain_say(p, text);
		return;
	}
	size_t told = 0;
	for (size_t i = 0; i < p->cur; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++) {
			const struct secret *s = &tl->steps[i].secrets[j];
			bool before = !s->recipe;
			/* each end's copy of a value has the same recipe, or one of its own (its own private key) */
			for (size_t a = 0; a <= i && !before; a++)
				for (size_t b = 0; b < (a == i ? j : tl->steps[a].nsecrets) && !before; b++)
					before = tl->steps[a].secrets[b].recipe && !strcmp(tl->steps[a].secrets[b].recipe, s->recipe);
			if (before)
				continue;
			fputc('\n', p->out);
			snprintf(text, sizeof(text), "Recipe for %s, from step %d; every line it prints is the value:", s->name,
			         tl->steps[i].index);
			plain_say(p, text);
			fputs(s->recipe, p->out);
			told++;
		}
	if (!told)
		plain_say(p, "No recipe yet: no secret is known.");
}

static void fields_tree(struct plain *p, const struct fields *fs, int parent, int depth)
{
	char ind[40], ind2[44], text[8192];
	snprintf(ind, sizeof(ind), "%*s", depth * 2 > 30 ? 30 : depth * 2, "");
	snprintf(ind2, sizeof(ind2), "%s    ", ind);
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling) {
		const struct field *f = &fs->v[i];
		const char *v = f->kind == FIELD_BYTES && !f->value[0] ? "(empty)" : f->value;
		snprintf(text, sizeof(text), "%s:%s%s", f->name, v[0] ? " " : "", v);
		plain_wrap(p, ind, ind2, text);
		if (f->explain && f->explain[0]) {
			snprintf(text, sizeof(text), "(%s)", f->explain);
			plain_wrap(p, ind2, ind2, text);
		}
		fields_tree(p, fs, i, depth + 1);
	}
}

/* f: the decoded fields of the current message, every level, values whole. */
void plain_show_fields(struct plain *p)
{
	const struct step *st = plain_current(p);
	if (!st) {
		plain_say(p, "No message has crossed yet: Enter lets the first one cross.");
		return;
	}
	char text[400];
	fputc('\n', p->out);
	const struct fields *fs = st->fields.n ? &st->fields : &st->record_fields;
	snprintf(text, sizeof(text), "Fields of step %d, %s%s:", st->index, st->message,
	         fs == &st->fields ? "" : " (its record: tlsstep could not read the message inside)");
	plain_say(p, text);
	fields_tree(p, fs, FIELD_NONE, 1);
	if (!fs->n)
		plain_say(p, "  none decoded.");
	if (st->decode_error.alert) {
		snprintf(text, sizeof(text), "Decoding stopped at byte %zu: %s (the alert it calls for: %d).",
		         st->decode_error.offset, st->decode_error.text, st->decode_error.alert);
		plain_say(p, text);
	}
}

static void hex_dump(struct plain *p, const struct buf *b)
{
	for (size_t off = 0; off < b->len; off += 16) {
		fprintf(p->out, "%04zx ", off);
		for (size_t i = off; i < off + 16 && i < b->len; i++)
			fprintf(p->out, " %02x", b->data[i]);
		fputc('\n', p->out);
	}
}

/* x: the message's bytes (decrypted where it was encrypted), and then what crossed the pipe. */
void plain_show_bytes(struct plain *p)
{
	const struct step *st = plain_current(p);
	char why[40], text[400];
	if (!st) {
		plain_say(p, "No message has crossed yet: Enter lets the first one cross.");
		return;
	}
	if (plain_hidden(p, PANE_HEX, why, sizeof(why))) {
		snprintf(text, sizeof(text), "The lesson hides the bytes %s: step on.", why);
		plain_say(p, text);
		return;
	}
	fputc('\n', p->out);
	if (st->have_plain) {
		snprintf(text, sizeof(text), "Bytes of step %d, %s: the message, %zu byte%s%s:", st->index, st->message,
		         st->plain.len, st->plain.len == 1 ? "" : "s",
		         st->encrypted ? ", as tlsstep decrypted it" : "");
		plain_say(p, text);
		hex_dump(p, &st->plain);
	}
	if (st->encrypted || !st->have_plain) {
		snprintf(text, sizeof(text), "%s, %zu byte%s%s:", st->have_plain ? "The record as it crossed the pipe"
		                                                                 : "tlsstep could not read the message; "
		                                                                   "the record as it crossed the pipe",
		         st->record.len, st->record.len == 1 ? "" : "s", st->encrypted ? ", encrypted" : "");
		plain_say(p, text);
		hex_dump(p, &st->record);
	}
}

/* e: what a passive eavesdropper has, now and if the server's key is stolen later. */
void plain_show_eaves(struct plain *p)
{
	char why[40], text[200];
	if (plain_hidden(p, PANE_EAVES, why, sizeof(why))) {
		snprintf(text, sizeof(text), "The lesson hides the eavesdropper %s: step on.", why);
		plain_say(p, text);
		return;
	}
	fputc('\n', p->out);
	plain_say(p, timeline_wire_words(p->tl));
	plain_say(p, "Who records everything and later steals the server's private key:");
	plain_wrap(p, "  ", "    ", p->tl->outcome.eavesdrop ? p->tl->outcome.eavesdrop : "No connection got far enough.");
}

