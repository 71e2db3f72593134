/* export/json.c — see json.h. */
#include "export/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "export/escape.h"
#include "model/explain.h"
#include "model/failure.h"
#include "util/hex.h"
#include "wire/names.h"

/*
 * Every string goes through here. jansson refuses text that is not valid UTF-8 (json_string gives NULL,
 * and json_object_set_new with NULL drops the key without a word), and a title or a host name set by a
 * fault can be anything: such bytes are written as the four characters \xNN (export/escape.h), so every
 * key of design.md §5 is always there. NULL text is JSON null.
 */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	if (escape_utf8_valid(s))
		return json_string(s);
	char *e = escape_utf8(s);
	json_t *j = e ? json_string(e) : NULL;
	free(e);
	return j ? j : json_null();
}

static json_t *hex_spaced(const struct buf *b)
{
	char *s = hex_string(b->data, b->len, ' ');
	json_t *j = jstr(s);
	free(s);
	return j;
}

static json_t *hex_plain(const uint8_t *p, size_t n)
{
	char *s = hex_string(p, n, '\0');
	json_t *j = jstr(s);
	free(s);
	return j;
}

static json_t *fields(const struct fields *fs, int parent)
{
	json_t *arr = json_array();
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling) {
		const struct field *f = &fs->v[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", jstr(f->name));
		json_object_set_new(o, "value", jstr(f->value));
		json_object_set_new(o, "kind", jstr(f->kind == FIELD_BYTES ? "bytes" : f->kind == FIELD_GROUP ? "group" : "text"));
		json_object_set_new(o, "explanation", jstr(f->explain));
		json_object_set_new(o, "offset", json_integer((json_int_t)f->offset));
		json_object_set_new(o, "length", json_integer((json_int_t)f->length));
		json_object_set_new(o, "children", fields(fs, i));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *holders(unsigned h)
{
	json_t *a = json_array();
	if (h & HOLDER_CLIENT)
		json_array_append_new(a, jstr("client"));
	if (h & HOLDER_SERVER)
		json_array_append_new(a, jstr("server"));
	if (h & HOLDER_WIRE)
		json_array_append_new(a, jstr("wire"));
	return a;
}

static json_t *secret(const struct secret *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", jstr(s->name));
	json_object_set_new(o, "holders", holders(s->holders));
	json_object_set_new(o, "hex", hex_plain(s->value.data, s->value.len));
	json_object_set_new(o, "derived_as", s->derived_as ? jstr(s->derived_as) : json_null());
	json_object_set_new(o, "agrees", s->agrees == AGREE_UNCHECKED ? json_null() : json_boolean(s->agrees == AGREE_YES));
	json_object_set_new(o, "check", s->check_note ? jstr(s->check_note) : json_null());
	json_object_set_new(o, "recipe", s->recipe ? jstr(s->recipe) : json_null());
	return o;
}

static json_t *checkpoint(const struct lesson_step *ls)
{
	json_t *c = json_object();
	json_object_set_new(c, "question", jstr(ls->ask));
	json_t *ch = json_array();
	for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i]; i++)
		json_array_append_new(ch, jstr(ls->choices[i]));
	json_object_set_new(c, "choices", ch);
	/* The answer as its text (a script can find it in choices either way) and
	 * its 1-based number as the lesson file gives it. */
	json_object_set_new(c, "answer", jstr(ls->choices[ls->answer - 1]));
	json_object_set_new(c, "answer_number", json_integer(ls->answer));
	json_object_set_new(c, "explanation", ls->explain ? jstr(ls->explain) : json_null());
	return c;
}

static json_t *step(const struct timeline *tl, const struct step *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "index", json_integer(st->index));
	json_object_set_new(o, "connection", json_integer(st->connection));
	json_object_set_new(o, "phase", json_integer(st->phase));
	json_object_set_new(o, "phase_name", jstr(timeline_phase_title(tl, st->phase)));
	json_object_set_new(o, "phase_numbered", json_boolean(timeline_phase_numbered(st->phase)));
	json_object_set_new(o, "from", jstr(side_name(st->from)));
	json_object_set_new(o, "to", jstr(side_name(side_peer(st->from))));
	/* design.md §5: one of four types. A record tlsstep could not decrypt is typed by its
	 * content type on the wire (in TLS 1.3 that is the outer application_data, 23). */
	const char *type = timeline_step_type_name(st->type);
	if (st->type == STEP_UNKNOWN && st->record.len >= 1 && names_content_type(st->record.data[0]))
		type = names_content_type(st->record.data[0]);
	json_object_set_new(o, "type", jstr(type));
	json_object_set_new(o, "message", jstr(st->message));
	/* TLS 1.3 keeps ChangeCipherSpec only for middleboxes (RFC 8446 §D.4). */
	if (st->type == STEP_CHANGE_CIPHER_SPEC)
		json_object_set_new(o, "middlebox_compatibility", json_boolean(step_is_compat_ccs(tl, st)));
	json_object_set_new(o, "encrypted", json_boolean(st->encrypted));
	json_object_set_new(o, "record_hex", hex_spaced(&st->record));
	json_object_set_new(o, "message_hex", st->have_plain ? hex_spaced(&st->plain) : json_null());
	json_object_set_new(o, "fields", fields(&st->fields, FIELD_NONE));
	json_object_set_new(o, "record_fields", fields(&st->record_fields, FIELD_NONE));
	if (st->decode_error.alert) {
		json_t *e = json_object();
		const char *a = names_alert((uint8_t)st->decode_error.alert);
		json_object_set_new(e, "alert", jstr(a ? a : "unknown"));
		json_object_set_new(e, "offset", json_integer((json_int_t)st->decode_error.offset));
		json_object_set_new(e, "text", jstr(st->decode_error.text));
		json_object_set_new(o, "decode_error", e);
	}
	if (st->fault_note)
		json_object_set_new(o, "fault", jstr(st->fault_note));
	if (st->nfault) {
		/* Each byte a fault changed: offset into record_hex's bytes, before and after. */
		json_t *fb = json_array();
		for (size_t k = 0; k < st->nfault; k++) {
			json_t *x = json_object();
			json_object_set_new(x, "offset", json_integer((json_int_t)st->fault_off[k]));
			json_object_set_new(x, "was", hex_plain(&st->fault_was[k], 1));
			json_object_set_new(x, "now", hex_plain(&st->record.data[st->fault_off[k]], 1));
			json_array_append_new(fb, x);
		}
		json_object_set_new(o, "fault_bytes", fb);
	}
	if (st->in_flight)
		json_object_set_new(o, "in_flight", json_true());
	const char *failed_what = NULL;
	int failed = step_failed_field(st, &failed_what);
	if (failed_what) {
		json_t *fc = json_object();
		json_object_set_new(fc, "what", jstr(failed_what));
		json_object_set_new(fc, "field", failed == FIELD_NONE ? json_null() : jstr(step_failed_tree(st)->v[failed].name));
		json_object_set_new(fc, "in", jstr(step_failed_tree(st) == &st->record_fields ? "record_fields" : "fields"));
		json_object_set_new(o, "failed_check", fc);
	}
	if (st->signature_note) {
		json_t *sg = json_object();
		json_object_set_new(sg, "signed_hex", hex_plain(st->signed_content.data, st->signed_content.len));
		json_object_set_new(sg, "verified", st->signature_ok == AGREE_UNCHECKED ? json_null()
		                                                                         : json_boolean(st->signature_ok == AGREE_YES));
		json_object_set_new(sg, "check", jstr(st->signature_note));
		json_object_set_new(o, "signature", sg);
	}
	json_object_set_new(o, "transcript_hash",
	                    st->transcript_hash_len ? hex_plain(st->transcript_hash, st->transcript_hash_len) : json_null());
	json_t *ss = json_array();
	for (size_t i = 0; i < st->nsecrets; i++)
		json_array_append_new(ss, secret(&st->secrets[i]));
	json_object_set_new(o, "secrets", ss);
	if (tl->sc->lesson.title) {
		const struct lesson_step *ls = explain_lesson_step(tl, st);
		json_object_set_new(o, "narration", jstr(explain_narration(tl, st)));
		if (ls && ls->ask)
			json_object_set_new(o, "checkpoint", checkpoint(ls));
	}
	return o;
}

static json_t *end_error(const struct end_outcome *e)
{
	return e->failed ? jstr(e->error_text) : json_null();
}

static json_t *outcome(const struct timeline *tl)
{
	const struct outcome *oc = &tl->outcome;
	json_t *o = json_object();
	json_object_set_new(o, "ok", json_boolean(oc->ok));
	json_object_set_new(o, "expected", json_boolean(oc->expected));
	json_object_set_new(o, "detected_by", oc->detected ? jstr(side_name(oc->detected_by)) : json_null());
	json_object_set_new(o, "client_error", end_error(&oc->end[SIDE_CLIENT]));
	json_object_set_new(o, "server_error", end_error(&oc->end[SIDE_SERVER]));
	for (int i = 0; i < 2; i++) {
		const struct end_outcome *e = &oc->end[i];
		char key[32];
		snprintf(key, sizeof(key), "%s_error_code", side_name((enum side)i));
		json_object_set_new(o, key, e->failed ? json_integer(e->error) : json_null());
		snprintf(key, sizeof(key), "%s_verify_flags", side_name((enum side)i));
		json_object_set_new(o, key, json_integer(e->verify_flags));
		if (e->verify_flags) {
			snprintf(key, sizeof(key), "%s_verify", side_name((enum side)i));
			json_object_set_new(o, key, jstr(e->verify_text));
		}
	}
	if (oc->alert_seen) {
		json_t *a = json_object();
		const char *d = names_alert(oc->alert_desc), *l = names_alert_level(oc->alert_level);
		json_object_set_new(a, "from", jstr(side_name(oc->alert_from)));
		json_object_set_new(a, "level", jstr(l ? l : "unknown"));
		json_object_set_new(a, "description", jstr(d ? d : "unknown"));
		json_object_set_new(a, "code", json_integer(oc->alert_desc));
		json_object_set_new(o, "alert", a);
	} else {
		json_object_set_new(o, "alert", json_null());
	}
	json_object_set_new(o, "stalled", json_boolean(oc->stalled));
	json_object_set_new(o, "summary", jstr(oc->summary));
	json_object_set_new(o, "explanation", explain_failure(tl) ? jstr(explain_failure(tl)) : json_null());
	if (oc->fault_note)
		json_object_set_new(o, "fault", jstr(oc->fault_note));
	json_object_set_new(o, "decrypted_data_agrees", oc->plaintext_agrees == AGREE_UNCHECKED
	                                                    ? json_null() : json_boolean(oc->plaintext_agrees == AGREE_YES));
	json_object_set_new(o, "eavesdropper", oc->eavesdrop ? jstr(oc->eavesdrop) : json_null());
	return o;
}

/* The last value of every secret, by name (design.md §5 "secrets"). */
static json_t *final_secrets(const struct timeline *tl)
{
	json_t *o = json_object();
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++) {
			const struct secret *s = &tl->steps[i].secrets[j];
			json_object_set_new(o, s->name, hex_plain(s->value.data, s->value.len));
		}
	return o;
}

int json_write(FILE *out, const struct timeline *tl)
{
	json_t *root = json_object();
	const char *v = tl->tls_version == 0x0303 ? "1.2" : tl->tls_version == 0x0304 ? "1.3" : NULL;
	json_object_set_new(root, "tool", jstr("tlsstep"));
	json_object_set_new(root, "version", jstr(TLSSTEP_VERSION));
	json_object_set_new(root, "library", jstr(tl->library_version));
	json_object_set_new(root, "scenario", jstr(tl->sc->name));
	json_object_set_new(root, "title", jstr(tl->sc->title));
	/* jansson's integers are int64_t, and a seed is any uint64_t (--seed random draws one
	 * at or above 2^63 half the time): below 2^63 "seed" is a number as design.md §5 shows
	 * it, above it the same digits as a string, since a number there would be written
	 * negative, or read by jansson and many others as a rounded double. seed_text always
	 * has the digits, exactly what --seed takes to replay the run. */
	char seed_text[24];
	snprintf(seed_text, sizeof(seed_text), "%llu", (unsigned long long)tl->seed);
	json_object_set_new(root, "seed", tl->seed <= (uint64_t)INT64_MAX ? json_integer((json_int_t)tl->seed)
	                                                                 : json_string(seed_text));
	json_object_set_new(root, "seed_text", json_string(seed_text));
	json_object_set_new(root, "simulation_time", json_integer((json_int_t)tl->sc->sim_time));
	json_object_set_new(root, "tls_version", v ? jstr(v) : json_null());
	if (tl->suite_id) {
		json_t *cs = json_object();
		json_object_set_new(cs, "name", jstr(tl->suite_name));
		json_object_set_new(cs, "id", json_integer(tl->suite_id));
		const struct suite_info *si = names_suite(tl->suite_id);
		if (si)
			json_object_set_new(cs, "iana_name", jstr(si->name));
		json_object_set_new(root, "cipher_suite", cs);
	} else {
		json_object_set_new(root, "cipher_suite", json_null());
	}
	json_object_set_new(root, "outcome", outcome(tl));
	const struct lesson *l = &tl->sc->lesson;
	if (l->title) {
		json_t *lj = json_object();
		json_object_set_new(lj, "title", jstr(l->title));
		json_object_set_new(lj, "intro", l->intro ? jstr(l->intro) : json_null());
		json_object_set_new(lj, "summary", l->summary ? jstr(l->summary) : json_null());
		json_t *tr = json_array();
		for (int i = 0; i < LESSON_MAX_TRIES && l->tries[i]; i++)
			json_array_append_new(tr, jstr(l->tries[i]));
		json_object_set_new(lj, "try", tr);
		json_object_set_new(root, "lesson", lj);
	}
	json_t *steps = json_array();
	for (size_t i = 0; i < tl->nsteps; i++)
		json_array_append_new(steps, step(tl, &tl->steps[i]));
	json_object_set_new(root, "steps", steps);
	json_object_set_new(root, "secrets", final_secrets(tl));
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return rc || ferror(out) ? -1 : 0;
}
