/*
 * export/json.c — see json.h.
 *
 * The JSON is streamed (export/jsonw): each member is written where it is met, in
 * the order of the calls below, and nothing of the run is held in a second form.
 * Adding a member is one line at the place it should appear, e.g. a secret's
 * recipe after its check:
 *
 *     jsonw_string(w, "recipe", s->recipe);    (NULL is written as null)
 *
 * and jsonw_int, jsonw_bool, jsonw_null, jsonw_hex for the other kinds;
 * jsonw_object/jsonw_array open a container (give it a key inside an object, NULL
 * inside an array) and jsonw_object_end/jsonw_array_end close it. A member that is
 * present only sometimes is an `if` around its line. design.md §5's names are a
 * contract: add members, never rename one.
 */
#include "export/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "export/jsonw.h"
#include "model/explain.h"
#include "model/failure.h"
#include "model/mitm.h"
#include "model/narration.h"
#include "util/buf.h"
#include "wire/names.h"

/* A checked value: true or false, or null while unchecked. */
static void agreement(struct jsonw *w, const char *key, enum agreement a)
{
	if (a == AGREE_UNCHECKED)
		jsonw_null(w, key);
	else
		jsonw_bool(w, key, a == AGREE_YES);
}

static void fields(struct jsonw *w, const char *key, const struct fields *fs, int parent)
{
	jsonw_array(w, key);
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling) {
		const struct field *f = &fs->v[i];
		jsonw_object(w, NULL);
		jsonw_string(w, "name", f->name);
		jsonw_string(w, "value", f->value);
		jsonw_string(w, "kind", f->kind == FIELD_BYTES ? "bytes" : f->kind == FIELD_GROUP ? "group" : "text");
		jsonw_string(w, "explanation", f->explain);
		jsonw_int(w, "offset", (long long)f->offset);
		jsonw_int(w, "length", (long long)f->length);
		fields(w, "children", fs, i);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
}

static void holders(struct jsonw *w, const struct timeline *tl, const struct step *st, unsigned h)
{
	jsonw_array(w, "holders");
	if (h & HOLDER_CLIENT)
		jsonw_string(w, NULL, timeline_party(tl, st->connection, SIDE_CLIENT));
	if (h & HOLDER_SERVER)
		jsonw_string(w, NULL, timeline_party(tl, st->connection, SIDE_SERVER));
	if (h & HOLDER_WIRE)
		jsonw_string(w, NULL, "wire");
	if (h & HOLDER_KEYLOG) /* a capture's key log: handed to tlsstep by neither end */
		jsonw_string(w, NULL, "key log");
	jsonw_array_end(w);
}

static void secret(struct jsonw *w, const struct timeline *tl, const struct step *st, const struct secret *s)
{
	jsonw_object(w, NULL);
	jsonw_string(w, "name", s->name);
	holders(w, tl, st, s->holders);
	jsonw_hex(w, "hex", s->value.data, s->value.len, '\0');
	jsonw_string(w, "derived_as", s->derived_as);
	agreement(w, "agrees", s->agrees);
	jsonw_string(w, "check", s->check_note);
	jsonw_string(w, "recipe", s->recipe);
	jsonw_object_end(w);
}

void json_checkpoint(struct jsonw *w, const struct lesson_step *ls)
{
	jsonw_object(w, "checkpoint");
	jsonw_string(w, "question", ls->ask);
	jsonw_array(w, "choices");
	for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i]; i++)
		jsonw_string(w, NULL, ls->choices[i]);
	jsonw_array_end(w);
	/* The answer as its text (a script can find it in choices either way) and
	 * its 1-based number as the lesson file gives it. */
	if (ls->answer_from) { /* a value checkpoint: typed, its answer the run's value (model/narration.h) */
		char kind[16];
		jsonw_string(w, "ask_value", narration_ask_value(ls, kind, sizeof(kind)));
		jsonw_string(w, "answer", ls->answer_value); /* null when the run has no such value */
	} else {
		jsonw_string(w, "answer", ls->choices[ls->answer - 1]);
		jsonw_int(w, "answer_number", ls->answer);
	}
	jsonw_string(w, "explanation", ls->explain);
	jsonw_object_end(w);
}

static void step(struct jsonw *w, const struct timeline *tl, const struct step *st)
{
	jsonw_object(w, NULL);
	jsonw_int(w, "index", st->index);
	jsonw_int(w, "connection", st->connection);
	jsonw_int(w, "handshake", st->handshake); /* 2 and on: a renegotiation inside the connection */
	jsonw_int(w, "phase", st->phase);
	jsonw_string(w, "phase_name", timeline_phase_title(tl, st->phase));
	jsonw_bool(w, "phase_numbered", timeline_phase_numbered(st->phase));
	jsonw_string(w, "from", step_from_party(tl, st)); /* "attacker" in a man in the middle's run */
	jsonw_string(w, "to", step_to_party(tl, st));
	/* design.md §5: one of four types. A record tlsstep could not decrypt is typed by its
	 * content type on the wire (in TLS 1.3 that is the outer application_data, 23). */
	const char *type = timeline_step_type_name(st->type);
	if (st->type == STEP_UNKNOWN && st->record.len >= 1 && names_content_type(st->record.data[0]))
		type = names_content_type(st->record.data[0]);
	jsonw_string(w, "type", type);
	jsonw_string(w, "message", st->message);
	/* TLS 1.3 keeps ChangeCipherSpec only for middleboxes (RFC 8446 §D.4). */
	if (st->type == STEP_CHANGE_CIPHER_SPEC)
		jsonw_bool(w, "middlebox_compatibility", step_is_compat_ccs(tl, st));
	jsonw_bool(w, "encrypted", st->encrypted);
	jsonw_hex(w, "record_hex", st->record.data, st->record.len, ' ');
	if (st->have_plain)
		jsonw_hex(w, "message_hex", st->plain.data, st->plain.len, ' ');
	else
		jsonw_null(w, "message_hex");
	fields(w, "fields", &st->fields, FIELD_NONE);
	fields(w, "record_fields", &st->record_fields, FIELD_NONE);
	if (st->decode_error.alert) {
		const char *a = names_alert((uint8_t)st->decode_error.alert);
		jsonw_object(w, "decode_error");
		jsonw_string(w, "alert", a ? a : "unknown");
		jsonw_int(w, "offset", (long long)st->decode_error.offset);
		jsonw_string(w, "text", st->decode_error.text);
		jsonw_object_end(w);
	}
	if (st->fault_note)
		jsonw_string(w, "fault", st->fault_note);
	if (st->sent_plain.len) /* a rewrite: the message as its sender wrote it and hashed it (it never crossed) */
		jsonw_hex(w, "message_as_sent_hex", st->sent_plain.data, st->sent_plain.len, ' ');
	if (st->nfault) {
		/* Each byte a fault changed: offset into record_hex's bytes, before and after. */
		jsonw_array(w, "fault_bytes");
		for (size_t k = 0; k < st->nfault; k++) {
			jsonw_object(w, NULL);
			jsonw_int(w, "offset", (long long)st->fault_off[k]);
			jsonw_hex(w, "was", &st->fault_was[k], 1, '\0');
			jsonw_hex(w, "now", &st->record.data[st->fault_off[k]], 1, '\0');
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	if (st->in_flight)
		jsonw_bool(w, "in_flight", true);
	const char *failed_what = NULL;
	int failed = step_failed_field(st, &failed_what);
	if (failed_what) {
		jsonw_object(w, "failed_check");
		jsonw_string(w, "what", failed_what);
		jsonw_string(w, "field", failed == FIELD_NONE ? NULL : step_failed_tree(st)->v[failed].name);
		jsonw_string(w, "in", step_failed_tree(st) == &st->record_fields ? "record_fields" : "fields");
		jsonw_object_end(w);
	}
	if (st->signature_note) {
		jsonw_object(w, "signature");
		jsonw_hex(w, "signed_hex", st->signed_content.data, st->signed_content.len, '\0');
		agreement(w, "verified", st->signature_ok);
		jsonw_string(w, "check", st->signature_note);
		jsonw_object_end(w);
	}
	if (st->transcript_hash_len)
		jsonw_hex(w, "transcript_hash", st->transcript_hash, st->transcript_hash_len, '\0');
	else
		jsonw_null(w, "transcript_hash");
	jsonw_array(w, "secrets");
	for (size_t i = 0; i < st->nsecrets; i++)
		secret(w, tl, st, &st->secrets[i]);
	jsonw_array_end(w);
	if (tl->sc->lesson.title) {
		const struct lesson_step *ls = explain_lesson_step(tl, st);
		jsonw_string(w, "narration", explain_narration(tl, st));
		if (ls && ls->ask)
			json_checkpoint(w, ls);
	}
	jsonw_object_end(w);
}

static void mitm_end(struct jsonw *w, const char *key, const struct end_outcome *e)
{
	jsonw_object(w, key);
	jsonw_bool(w, "connected", !e->never_connected);
	jsonw_bool(w, "handshake_done", e->handshake_done);
	jsonw_bool(w, "finished", e->finished);
	jsonw_string(w, "error", e->failed ? e->error_text : NULL);
	if (e->failed)
		jsonw_int(w, "error_code", e->error);
	else
		jsonw_null(w, "error_code");
	jsonw_object_end(w);
}

/* A man in the middle's two ends (model/mitm.h) and what it read, in words. */
static void mitm_json(struct jsonw *w, const struct outcome *oc)
{
	jsonw_object(w, "attacker");
	mitm_end(w, "as_server", &oc->attacker[SIDE_SERVER]);
	mitm_end(w, "as_client", &oc->attacker[SIDE_CLIENT]);
	jsonw_string(w, "read", oc->attacker_read);
	jsonw_object_end(w);
	jsonw_bool(w, "server_connected", !oc->end[SIDE_SERVER].never_connected);
}

static void outcome(struct jsonw *w, const struct timeline *tl)
{
	const struct outcome *oc = &tl->outcome;
	jsonw_object(w, "outcome");
	jsonw_bool(w, "ok", oc->ok);
	jsonw_bool(w, "expected", oc->expected);
	jsonw_string(w, "detected_by", oc->detected ? side_name(oc->detected_by) : NULL);
	const struct end_outcome *ce = &oc->end[SIDE_CLIENT], *se = &oc->end[SIDE_SERVER];
	jsonw_string(w, "client_error", ce->failed ? ce->error_text : NULL);
	jsonw_string(w, "server_error", se->failed ? se->error_text : NULL);
	for (int i = 0; i < 2; i++) {
		const struct end_outcome *e = &oc->end[i];
		char key[32];
		snprintf(key, sizeof(key), "%s_error_code", side_name((enum side)i));
		if (e->failed)
			jsonw_int(w, key, e->error);
		else
			jsonw_null(w, key);
		snprintf(key, sizeof(key), "%s_verify_flags", side_name((enum side)i));
		jsonw_int(w, key, e->verify_flags);
		if (e->verify_flags) {
			snprintf(key, sizeof(key), "%s_verify", side_name((enum side)i));
			jsonw_string(w, key, e->verify_text);
		}
	}
	if (oc->alert_seen) {
		const char *d = names_alert(oc->alert_desc), *l = names_alert_level(oc->alert_level);
		jsonw_object(w, "alert");
		jsonw_string(w, "from", timeline_party(tl, oc->alert_connection, oc->alert_from));
		if (oc->mitm)
			jsonw_int(w, "connection", oc->alert_connection);
		jsonw_string(w, "level", l ? l : "unknown");
		jsonw_string(w, "description", d ? d : "unknown");
		jsonw_int(w, "code", oc->alert_desc);
		jsonw_object_end(w);
	} else {
		jsonw_null(w, "alert");
	}
	jsonw_bool(w, "stalled", oc->stalled);
	jsonw_string(w, "summary", oc->summary);
	jsonw_string(w, "explanation", explain_failure(tl));
	if (oc->fault_note)
		jsonw_string(w, "fault", oc->fault_note);
	agreement(w, "decrypted_data_agrees", oc->plaintext_agrees);
	jsonw_string(w, "eavesdropper", oc->eavesdrop);
	if (oc->mitm)
		mitm_json(w, oc);
	jsonw_object_end(w);
}

/*
 * The last value of every secret, by name (design.md §5 "secrets"), each name once,
 * where it first appears: what the jansson object this replaces gave (a name set
 * again kept its place and took the new value). The cost is secrets x names, and
 * the names are a fixed few.
 */
static void final_secrets(struct jsonw *w, const struct timeline *tl)
{
	size_t total = 0, n = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		total += tl->steps[i].nsecrets;
	const struct secret **last = xmalloc((total ? total : 1) * sizeof(*last));
	jsonw_object(w, "secrets");
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++) {
			const struct secret *s = &tl->steps[i].secrets[j];
			size_t k = 0;
			while (k < n && strcmp(last[k]->name, s->name))
				k++;
			last[k] = s;
			n += k == n;
		}
	for (size_t k = 0; k < n; k++)
		jsonw_hex(w, last[k]->name, last[k]->value.data, last[k]->value.len, '\0');
	jsonw_object_end(w);
	free(last);
}

void json_run(struct jsonw *w, const char *key, const struct timeline *tl)
{
	jsonw_object(w, key);
	const char *v = tl->tls_version == 0x0303 ? "1.2" : tl->tls_version == 0x0304 ? "1.3" : NULL;
	jsonw_string(w, "tool", "tlsstep");
	jsonw_string(w, "version", TLSSTEP_VERSION);
	jsonw_string(w, "library", tl->library_version);
	jsonw_string(w, "scenario", tl->sc->name);
	jsonw_string(w, "title", tl->sc->title);
	if (tl->capture.file) { /* read from a capture (model/from_capture.h) */
		const struct timeline_capture *c = &tl->capture;
		jsonw_object(w, "capture");
		jsonw_string(w, "file", c->file);
		jsonw_int(w, "connection", c->connection);
		jsonw_string(w, "client", c->client);
		jsonw_string(w, "server", c->server);
		jsonw_string(w, "sni", c->sni);
		jsonw_string(w, "keylog", c->keylog);
		jsonw_string(w, "keys", c->keys_note);
		jsonw_string(w, "reveals", c->reveals);
		jsonw_array(w, "not_in_keylog");
		for (size_t i = 0; c->not_in_keylog && c->not_in_keylog[i]; i++)
			jsonw_string(w, NULL, c->not_in_keylog[i]);
		jsonw_array_end(w);
		jsonw_object_end(w);
	}
	/* A seed is any uint64_t (--seed random draws one at or above 2^63 half the time):
	 * below 2^63 "seed" is a number as design.md §5 shows it, above it the same digits
	 * as a string, since a number there would be read by jansson and many others as a
	 * negative or a rounded double. seed_text always has the digits, exactly what
	 * --seed takes to replay the run. */
	char seed_text[24];
	snprintf(seed_text, sizeof(seed_text), "%llu", (unsigned long long)tl->seed);
	if (tl->seed <= (uint64_t)INT64_MAX)
		jsonw_int(w, "seed", (long long)tl->seed);
	else
		jsonw_string(w, "seed", seed_text);
	jsonw_string(w, "seed_text", seed_text);
	jsonw_int(w, "simulation_time", (long long)tl->sc->sim_time);
	jsonw_string(w, "tls_version", v);
	if (tl->suite_id) {
		const struct suite_info *si = names_suite(tl->suite_id);
		jsonw_object(w, "cipher_suite");
		jsonw_string(w, "name", tl->suite_name);
		jsonw_int(w, "id", tl->suite_id);
		if (si)
			jsonw_string(w, "iana_name", si->name);
		jsonw_object_end(w);
	} else {
		jsonw_null(w, "cipher_suite");
	}
	outcome(w, tl);
	const struct lesson *l = &tl->sc->lesson;
	if (l->title) {
		jsonw_object(w, "lesson");
		jsonw_string(w, "title", l->title);
		jsonw_string(w, "intro", l->intro);
		jsonw_string(w, "summary", l->summary);
		jsonw_array(w, "try");
		for (int i = 0; i < LESSON_MAX_TRIES && l->tries[i]; i++)
			jsonw_string(w, NULL, l->tries[i]);
		jsonw_array_end(w);
		jsonw_object_end(w);
	}
	jsonw_array(w, "steps");
	for (size_t i = 0; i < tl->nsteps; i++)
		step(w, tl, &tl->steps[i]);
	jsonw_array_end(w);
	final_secrets(w, tl);
	jsonw_object_end(w);
}

int json_write(FILE *out, const struct timeline *tl)
{
	struct jsonw w;
	jsonw_init(&w, out);
	json_run(&w, NULL, tl);
	return jsonw_finish(&w);
}
