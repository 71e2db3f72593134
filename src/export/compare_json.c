/* export/compare_json.c — see compare_json.h. */
#include "export/compare_json.h"

#include <stdbool.h>
#include <string.h>

#include "export/json.h"
#include "export/jsonw.h"

static void ops(struct jsonw *w, const char *key, const struct pk_ops *o)
{
	jsonw_object(w, key);
	jsonw_int(w, "sign", o->sign);
	jsonw_int(w, "verify", o->verify);
	jsonw_int(w, "encrypt", o->encrypt);
	jsonw_int(w, "decrypt", o->decrypt);
	jsonw_int(w, "key_agreement", o->agree);
	jsonw_object_end(w);
}

/* Whether an earlier step of tl than step i already has a secret called name. */
static bool named_before(const struct timeline *tl, size_t i, size_t k, const char *name)
{
	for (size_t j = 0; j <= i; j++)
		for (size_t m = 0; m < (j < i ? tl->steps[j].nsecrets : k); m++)
			if (!strcmp(tl->steps[j].secrets[m].name, name))
				return true;
	return false;
}

static void run_summary(struct jsonw *w, const char *key, const struct comparison *c, int s)
{
	const struct run_summary *m = &c->sum[s];
	const struct timeline *tl = c->run[s];
	jsonw_object(w, key);
	jsonw_array(w, "round_trips");
	for (int k = 0; k < m->connections && k < SUMMARY_MAX_CONN; k++)
		if (m->round_trips[k] < 0)
			jsonw_null(w, NULL);
		else
			jsonw_int(w, NULL, m->round_trips[k]);
	jsonw_array_end(w);
	jsonw_array(w, "bytes_per_phase");
	for (int p = 1; p <= PHASE_DATA; p++)
		if (m->bytes_phase[p]) {
			jsonw_object(w, NULL);
			jsonw_int(w, "phase", p);
			jsonw_string(w, "phase_name", timeline_phase_title(tl, p));
			jsonw_int(w, "bytes", (long long)m->bytes_phase[p]);
			jsonw_object_end(w);
		}
	jsonw_array_end(w);
	jsonw_int(w, "bytes_handshake", (long long)m->bytes_handshake);
	jsonw_int(w, "bytes_total", (long long)m->bytes_total);
	jsonw_object(w, "public_key_operations");
	ops(w, "client", &m->ops[SIDE_CLIENT]);
	ops(w, "server", &m->ops[SIDE_SERVER]);
	jsonw_object_end(w);
	jsonw_bool(w, "forward_secrecy", m->forward_secret);
	jsonw_int(w, "handshake_messages_in_clear", m->clear_messages);
	jsonw_int(w, "handshake_messages_encrypted", m->encrypted_messages);
	jsonw_string(w, "eavesdropper", m->eavesdrop);
	/* The secrets this run has and the other never does, each named once. */
	jsonw_array(w, "secrets_only_here");
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t k = 0; k < tl->steps[i].nsecrets; k++) {
			const char *name = tl->steps[i].secrets[k].name;
			if (!named_before(tl, i, k, name) && !timeline_secret(c->run[!s], name, 0))
				jsonw_string(w, NULL, name);
		}
	jsonw_array_end(w);
	jsonw_object_end(w);
}

static const char *kind_name(enum diff_kind k)
{
	return k == DIFF_CHANGED ? "changed" : k == DIFF_ONLY_A ? "only_a" : "only_b";
}

static const char *cause_name(enum diff_cause c)
{
	static const char *const names[] = { "settings", "random", "key_share", "signature", "secret", "session",
		                             "ciphertext" };
	return names[c];
}

static void index_or_null(struct jsonw *w, int i)
{
	if (i < 0)
		jsonw_null(w, NULL);
	else
		jsonw_int(w, NULL, i + 1);
}

static void field_value(struct jsonw *w, const char *key, const struct fields *f, int i)
{
	if (i == FIELD_NONE)
		jsonw_null(w, key);
	else
		jsonw_string(w, key, f->v[i].value);
}

int compare_json_write(FILE *out, const struct comparison *c)
{
	struct jsonw jw, *w = &jw;
	jsonw_init(w, out);
	jsonw_object(w, NULL);
	jsonw_object(w, "compare");
	json_run(w, "a", c->run[0]);
	json_run(w, "b", c->run[1]);
	jsonw_array(w, "rows");
	size_t paired = 0, only_a = 0, only_b = 0;
	for (size_t r = 0; r < c->al.n; r++) {
		const struct align_row *row = &c->al.rows[r];
		jsonw_array(w, NULL);
		index_or_null(w, row->a);
		index_or_null(w, row->b);
		jsonw_array_end(w);
		if (row->a >= 0 && row->b >= 0)
			paired++;
		else if (row->a >= 0)
			only_a++;
		else
			only_b++;
	}
	jsonw_array_end(w);
	jsonw_object(w, "summary");
	run_summary(w, "a", c, 0);
	run_summary(w, "b", c, 1);
	jsonw_int(w, "rows_paired", (long long)paired);
	jsonw_int(w, "rows_only_a", (long long)only_a);
	jsonw_int(w, "rows_only_b", (long long)only_b);
	jsonw_object_end(w);
	jsonw_array(w, "differences");
	for (size_t r = 0; r < c->al.n; r++) {
		const struct step *sa = comparison_step(c, r, 0), *sb = comparison_step(c, r, 1);
		for (size_t k = 0; sa && sb && k < c->diff[r].n; k++) {
			const struct field_diff *x = &c->diff[r].v[k];
			jsonw_object(w, NULL);
			jsonw_int(w, "row", (long long)r + 1);
			jsonw_string(w, "path", x->path);
			jsonw_string(w, "layer", x->record ? "record" : "message");
			jsonw_string(w, "kind", kind_name(x->kind));
			jsonw_string(w, "cause", cause_name(x->cause));
			field_value(w, "a", x->record ? &sa->record_fields : &sa->fields, x->fa);
			field_value(w, "b", x->record ? &sb->record_fields : &sb->fields, x->fb);
			jsonw_object_end(w);
		}
	}
	jsonw_array_end(w);
	jsonw_array(w, "only");
	for (size_t r = 0; r < c->al.n; r++) {
		const struct align_row *row = &c->al.rows[r];
		if (row->a >= 0 && row->b >= 0)
			continue;
		char why[900];
		comparison_reason(c, r, why, sizeof(why));
		jsonw_object(w, NULL);
		jsonw_int(w, "row", (long long)r + 1);
		jsonw_string(w, "run", row->a >= 0 ? "a" : "b");
		jsonw_string(w, "reason", why);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	if (comparison_has_words(c)) { /* a two-run lesson's [row N] words, expanded as shown */
		jsonw_array(w, "lesson_rows");
		for (size_t r = 0; r < c->al.n; r++) {
			const struct lesson_step *ls = comparison_words(c, r);
			if (!ls)
				continue;
			jsonw_object(w, NULL);
			jsonw_int(w, "row", (long long)r + 1);
			jsonw_string(w, "narration", ls->say);
			if (ls->ask)
				json_checkpoint(w, ls);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
	jsonw_object_end(w);
	return jsonw_finish(w);
}
