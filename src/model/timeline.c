/*
 * model/timeline.c — the timeline's data: freeing it, the words of phases and step
 * types, finding a secret, and the two writers the model's passes share (adding a
 * secret to a step, setting a note). Built by model/build.c.
 */
#include "model/timeline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/pk.h>

#include "model/chainwalk.h"
#include "model/dh_recipe.h"
#include "model/eavesdrop.h"
#include "model/narration.h"
#include "wire/names.h"
#include "wire/record.h"

void timeline_init(struct timeline *tl)
{
	memset(tl, 0, sizeof(*tl));
}

static void secret_free(struct secret *s)
{
	buf_free(&s->value);
	free(s->derived_as);
	free(s->check_note);
	free(s->recipe);
}

void timeline_free(struct timeline *tl)
{
	for (size_t i = 0; i < tl->nsteps; i++) {
		struct step *st = &tl->steps[i];
		buf_free(&st->record);
		buf_free(&st->plain);
		buf_free(&st->sent_plain);
		fields_free(&st->fields);
		fields_free(&st->record_fields);
		for (size_t j = 0; j < st->nsecrets; j++)
			secret_free(&st->secrets[j]);
		free(st->secrets);
		free(st->fault_note);
		free(st->signature_note);
		buf_free(&st->signed_content);
	}
	free(tl->outcome.fault_note);
	free(tl->outcome.eavesdrop);
	free(tl->outcome.attacker_read);
	free(tl->failure);
	free(tl->steps);
	free(tl->trace);
	if (tl->server_key) {
		mbedtls_pk_free(tl->server_key);
		free(tl->server_key);
	}
	narration_free(tl);
	dh_recipe_free(tl);
	free(tl->assets_dir);
	free(tl->capture.file);
	free(tl->capture.keylog);
	free(tl->capture.sni);
	free(tl->capture.keys_note);
	free(tl->capture.reveals);
	free(tl->capture.server_key_note);
	timeline_init(tl);
}

void timeline_ensure_all(struct timeline *tl)
{
	eavesdrop_ensure(tl, 0);
	chainwalk_ensure(tl, 0);
	dh_recipe_ensure(tl);
}

const char *timeline_intro_words(const struct timeline *tl)
{
	if (tl->capture.file)
		return "A connection read from a capture, made by whatever TLS stacks were at its two ends; every check "
		       "is tlsstep's own.";
	return "Two real mbed TLS ends, joined by a memory pipe, are about to shake hands.";
}

const char *timeline_wire_words(const struct timeline *tl)
{
	if (tl->capture.reveals)
		return tl->capture.reveals;
	return "On the wire an eavesdropper sees the hellos, both randoms, the certificates (TLS 1.2), the key exchange "
	       "public values, and the length of every encrypted record.";
}

/* The words of a phase: TLS 1.2's four (RFC 5246 §7.3) or TLS 1.3's three (RFC 8446 §2). */
static const char *phase_words(bool tls13, int phase)
{
	static const char *const v12[] = { "Hello", "Server authentication and key exchange",
	                                   "Client authentication and key exchange", "Change cipher spec and Finished" };
	static const char *const v13[] = { "Key exchange", "Server parameters", "Authentication" };
	if (phase == PHASE_DATA)
		return "After the handshake";
	if (tls13)
		return phase >= 1 && phase <= PHASE13_AUTH ? v13[phase - 1] : "?";
	return phase >= 1 && phase <= PHASE_FINISH ? v12[phase - 1] : "?";
}

/* The version the phases are named for: the one agreed; with none (no ServerHello), TLS 1.3
 * when the client offered nothing else. */
static bool named_tls13(const struct timeline *tl)
{
	if (tl->tls_version)
		return tl->tls_version == TLS_V13;
	return tl->sc && tl->sc->client.min_version == TLS_V13;
}

const char *timeline_suite_iana(const struct timeline *tl)
{
	const struct suite_info *si = tl->suite_id ? names_suite(tl->suite_id) : NULL;
	return si ? si->name : tl->suite_name;
}

const char *timeline_phase_title(const struct timeline *tl, int phase)
{
	return phase_words(named_tls13(tl), phase);
}

bool timeline_has_phase(const struct timeline *tl, int phase)
{
	return phase == PHASE_DATA || (phase >= 1 && phase <= (named_tls13(tl) ? PHASE13_AUTH : PHASE_FINISH));
}

bool timeline_phase_numbered(int phase)
{
	return phase >= PHASE_HELLO && phase < PHASE_DATA;
}

bool step_is_compat_ccs(const struct timeline *tl, const struct step *st)
{
	return st->type == STEP_CHANGE_CIPHER_SPEC && named_tls13(tl);
}

const char *timeline_phase_name(int phase)
{
	return phase_words(false, phase);
}

const char *timeline_step_type_name(enum step_type t)
{
	switch (t) {
	case STEP_HANDSHAKE: return "handshake";
	case STEP_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
	case STEP_ALERT: return "alert";
	case STEP_APPLICATION_DATA: return "application_data";
	case STEP_UNKNOWN: return "unknown";
	}
	return "unknown";
}

const struct secret *timeline_secret(const struct timeline *tl, const char *name, size_t upto)
{
	const struct secret *found = NULL;
	size_t n = upto && upto < tl->nsteps ? upto : tl->nsteps;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++)
			if (!strcmp(tl->steps[i].secrets[j].name, name))
				found = &tl->steps[i].secrets[j];
	return found;
}

void timeline_set_text(char **dst, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	size_t cap = (size_t)(n < 0 ? 0 : n) + 1;
	free(*dst);
	*dst = xmalloc(cap);
	va_start(ap, fmt);
	vsnprintf(*dst, cap, fmt, ap);
	va_end(ap);
}

struct secret *step_add_secret(struct step *st, const char *name, unsigned holders,
                               const uint8_t *p, size_t n)
{
	st->secrets = xrealloc(st->secrets, (st->nsecrets + 1) * sizeof(*st->secrets));
	struct secret *s = &st->secrets[st->nsecrets++];
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->holders = holders;
	buf_append(&s->value, p, n);
	return s;
}

void step_record_words(const struct step *st, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t at = 0; at < st->record.len; n++) {
		long len = record_complete(st->record.data + at, st->record.len - at);
		if (len <= 0)
			break; /* bytes that are no record: counted as one */
		at += (size_t)len;
	}
	if (n <= 1)
		snprintf(out, cap, "%zu-byte record", st->record.len);
	else
		snprintf(out, cap, "%zu records, %zu bytes", n, st->record.len);
}
