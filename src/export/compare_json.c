/* export/compare_json.c — see compare_json.h. */
#include "export/compare_json.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export/escape.h"
#include "export/json.h"

/* Text from files and the wire made valid UTF-8 first (jansson refuses the rest and would drop
 * the key): the rule export/json.c follows for a run. NULL is null. */
static json_t *str(const char *s)
{
	if (!s)
		return json_null();
	char *e = escape_utf8_valid(s) ? NULL : escape_utf8(s);
	json_t *j = json_string(e ? e : s);
	free(e);
	return j ? j : json_null();
}

static json_t *ops(const struct pk_ops *o)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "sign", o->sign, "verify", o->verify, "encrypt", o->encrypt,
	                 "decrypt", o->decrypt, "key_agreement", o->agree);
}

static json_t *run_summary(const struct comparison *c, int s)
{
	const struct run_summary *m = &c->sum[s];
	const struct timeline *tl = c->run[s];
	json_t *o = json_object(), *rtt = json_array(), *phases = json_array(), *only = json_array();
	for (int k = 0; k < m->connections && k < SUMMARY_MAX_CONN; k++)
		json_array_append_new(rtt, m->round_trips[k] < 0 ? json_null() : json_integer(m->round_trips[k]));
	for (int p = 1; p <= PHASE_DATA; p++)
		if (m->bytes_phase[p])
			json_array_append_new(phases, json_pack("{s:i, s:o, s:I}", "phase", p, "phase_name",
			                                        str(timeline_phase_title(tl, p)), "bytes",
			                                        (json_int_t)m->bytes_phase[p]));
	/* The secrets this run has and the other never does, each named once. */
	for (size_t i = 0; i < tl->nsteps; i++)
		for (size_t k = 0; k < tl->steps[i].nsecrets; k++) {
			const char *name = tl->steps[i].secrets[k].name;
			bool dup = false;
			for (size_t j = 0; j < json_array_size(only) && !dup; j++)
				dup = !strcmp(json_string_value(json_array_get(only, j)), name);
			if (!dup && !timeline_secret(c->run[!s], name, 0))
				json_array_append_new(only, str(name));
		}
	json_object_set_new(o, "round_trips", rtt);
	json_object_set_new(o, "bytes_per_phase", phases);
	json_object_set_new(o, "bytes_handshake", json_integer((json_int_t)m->bytes_handshake));
	json_object_set_new(o, "bytes_total", json_integer((json_int_t)m->bytes_total));
	json_object_set_new(o, "public_key_operations",
	                    json_pack("{s:o, s:o}", "client", ops(&m->ops[SIDE_CLIENT]), "server", ops(&m->ops[SIDE_SERVER])));
	json_object_set_new(o, "forward_secrecy", json_boolean(m->forward_secret));
	json_object_set_new(o, "handshake_messages_in_clear", json_integer(m->clear_messages));
	json_object_set_new(o, "handshake_messages_encrypted", json_integer(m->encrypted_messages));
	json_object_set_new(o, "eavesdropper", str(m->eavesdrop));
	json_object_set_new(o, "secrets_only_here", only);
	return o;
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

static json_t *index_or_null(int i)
{
	return i < 0 ? json_null() : json_integer(i + 1);
}

/* Everything but the two runs. */
static json_t *rest(const struct comparison *c)
{
	json_t *rows = json_array(), *diffs = json_array(), *only = json_array();
	size_t paired = 0, only_a = 0, only_b = 0;
	for (size_t r = 0; r < c->al.n; r++) {
		const struct align_row *row = &c->al.rows[r];
		json_array_append_new(rows, json_pack("[o, o]", index_or_null(row->a), index_or_null(row->b)));
		if (row->a >= 0 && row->b >= 0) {
			paired++;
			const struct step *sa = comparison_step(c, r, 0), *sb = comparison_step(c, r, 1);
			for (size_t k = 0; k < c->diff[r].n; k++) {
				const struct field_diff *x = &c->diff[r].v[k];
				const struct fields *fa = x->record ? &sa->record_fields : &sa->fields;
				const struct fields *fb = x->record ? &sb->record_fields : &sb->fields;
				json_array_append_new(diffs, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "row", (json_int_t)r + 1,
				        "path", str(x->path), "layer", str(x->record ? "record" : "message"), "kind",
				        str(kind_name(x->kind)), "cause", str(cause_name(x->cause)), "a",
				        x->fa == FIELD_NONE ? json_null() : str(fa->v[x->fa].value), "b",
				        x->fb == FIELD_NONE ? json_null() : str(fb->v[x->fb].value)));
			}
		} else {
			char why[900];
			comparison_reason(c, r, why, sizeof(why));
			json_array_append_new(only, json_pack("{s:I, s:s, s:o}", "row", (json_int_t)r + 1, "run",
			                                      row->a >= 0 ? "a" : "b", "reason", str(why)));
			if (row->a >= 0)
				only_a++;
			else
				only_b++;
		}
	}
	json_t *summary = json_pack("{s:o, s:o, s:I, s:I, s:I}", "a", run_summary(c, 0), "b", run_summary(c, 1), "rows_paired",
	                            (json_int_t)paired, "rows_only_a", (json_int_t)only_a, "rows_only_b", (json_int_t)only_b);
	return json_pack("{s:o, s:o, s:o, s:o}", "rows", rows, "summary", summary, "differences", diffs, "only", only);
}

/* A run as json_write gives it, as text (without its last newline). */
static char *run_text(const struct timeline *tl)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	int rc = json_write(m, tl);
	if (fclose(m) || rc) {
		free(text);
		return NULL;
	}
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = '\0';
	return text;
}

int compare_json_write(FILE *out, const struct comparison *c)
{
	int rc = -1;
	char *a = run_text(c->run[0]), *b = run_text(c->run[1]), *r = NULL;
	json_t *j = rest(c);
	if (!a || !b || !j || !(r = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
		goto out;
	/* The rest's object opens with "{" and its members follow: the runs go in before them. */
	if (fprintf(out, "{\"compare\": {\"a\": %s,\n\"b\": %s,\n%s}\n", a, b, r + 1) < 0 || ferror(out))
		goto out;
	rc = 0;
out:
	free(a);
	free(b);
	free(r);
	json_decref(j);
	return rc;
}
