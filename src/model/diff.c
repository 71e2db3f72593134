/* model/diff.c — see diff.h. */
#include "model/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "wire/names.h"

void step_diff_init(struct step_diff *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
}

void step_diff_free(struct step_diff *d)
{
	free(d->v);
	step_diff_init(d);
}

/* The names of the fields each run draws or computes afresh, by cause. */
static const struct {
	const char *name;
	enum diff_cause cause;
} fresh[] = {
	{ "random", CAUSE_RANDOM },          { "random_bytes", CAUSE_RANDOM },
	{ "gmt_unix_time", CAUSE_RANDOM },   { "key_exchange", CAUSE_KEY_SHARE },
	{ "public", CAUSE_KEY_SHARE },       { "ecdh_Yc", CAUSE_KEY_SHARE },
	{ "ecdh_Ys", CAUSE_KEY_SHARE },      { "dh_Ys", CAUSE_KEY_SHARE },
	{ "dh_Yc", CAUSE_KEY_SHARE },        { "signature", CAUSE_SIGNATURE },
	{ "verify_data", CAUSE_SECRET },     { "binder", CAUSE_SECRET },
	{ "encrypted_premaster_secret", CAUSE_SECRET },
	{ "session_id", CAUSE_SESSION },     { "ticket", CAUSE_SESSION },
	{ "ticket_nonce", CAUSE_SESSION },   { "ticket_age_add", CAUSE_SESSION },
	{ "obfuscated_ticket_age", CAUSE_SESSION }, { "identity", CAUSE_SESSION },
};

/* The record layer's own (export: "encrypted under the run's keys"); a message's "mac" is a suite's part. */
static const char *const sealed[] = { "ciphertext", "encrypted_record", "tag", "mac", "iv", "explicit_nonce",
	                              "nonce_explicit", "fragment" };

static bool named(const char *want, const char *name, size_t n)
{
	return strlen(want) == n && !strncmp(want, name, n);
}

enum diff_cause diff_cause_of(const char *name, bool record)
{
	size_t n = strcspn(name, "#");
	for (size_t i = 0; record && i < sizeof(sealed) / sizeof(sealed[0]); i++)
		if (named(sealed[i], name, n))
			return CAUSE_CIPHERTEXT;
	for (size_t i = 0; i < sizeof(fresh) / sizeof(fresh[0]); i++)
		if (named(fresh[i].name, name, n))
			return fresh[i].cause;
	return CAUSE_SETTINGS;
}

const char *diff_cause_words(enum diff_cause c)
{
	switch (c) {
	case CAUSE_RANDOM: return "a random drawn afresh each run";
	case CAUSE_KEY_SHARE: return "an ephemeral public key, fresh each run";
	case CAUSE_SIGNATURE: return "a signature over fresh values";
	case CAUSE_SECRET: return "computed from the run's secrets";
	case CAUSE_SESSION: return "a session id or ticket, chosen afresh";
	case CAUSE_CIPHERTEXT: return "encrypted under the run's keys";
	case CAUSE_SETTINGS: break;
	}
	return "the runs' settings differ";
}

/* The k-th (0-based) child of parent named like child c of the other tree, or FIELD_NONE. */
static int nth_named(const struct fields *f, int parent, const char *name, int k)
{
	for (int i = fields_first(f, parent); i != FIELD_NONE; i = f->v[i].next_sibling)
		if (!strcmp(f->v[i].name, name) && k-- == 0)
			return i;
	return FIELD_NONE;
}

/* How many earlier siblings of field i share its name: "name#k" tells repeated fields apart. */
static int ordinal(const struct fields *f, int parent, int i)
{
	int k = 0;
	for (int j = fields_first(f, parent); j != FIELD_NONE && j != i; j = f->v[j].next_sibling)
		k += !strcmp(f->v[j].name, f->v[i].name);
	return k;
}

static void add(struct step_diff *d, enum diff_kind kind, bool record, int fa, int fb, const char *prefix,
                const char *name, int k, bool implied)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	struct field_diff *x = &d->v[d->n++];
	x->kind = kind;
	x->record = record;
	x->fa = fa;
	x->fb = fb;
	if (k)
		snprintf(x->path, sizeof(x->path), "%s%s%s#%d", prefix, *prefix ? "/" : "", name, k + 1);
	else
		snprintf(x->path, sizeof(x->path), "%s%s%s", prefix, *prefix ? "/" : "", name);
	x->cause = kind == DIFF_CHANGED ? diff_cause_of(name, record) : CAUSE_SETTINGS;
	x->implied = implied;
}

static void walk(const struct fields *a, int pa, const struct fields *b, int pb, bool record, const char *prefix,
                 bool implied, struct step_diff *d);

static void child_path(const char *prefix, const char *name, int k, char *out, size_t cap)
{
	if (k)
		snprintf(out, cap, "%s%s%s#%d", prefix, *prefix ? "/" : "", name, k + 1);
	else
		snprintf(out, cap, "%s%s%s", prefix, *prefix ? "/" : "", name);
}

/* Whether the children of p are a list of named codes: all text, all one name (cipher_suite,
 * named_group, signature_scheme ...), n set to their count. Such a list is compared as a set: what one side offers
 * and the other does not, and whether the shared ones come in another order. */
static bool code_list(const struct fields *f, int p, const char **name, int *n)
{
	*n = 0;
	for (int i = fields_first(f, p); i != FIELD_NONE; i = f->v[i].next_sibling, (*n)++)
		if (f->v[i].kind != FIELD_TEXT || (*name && strcmp(*name, f->v[i].name)))
			return false;
		else
			*name = f->v[i].name;
	return *n > 0;
}

/* The first child of p in f with this value not yet taken, or FIELD_NONE. */
static int same_value(const struct fields *f, int p, const char *value, const bool *taken)
{
	for (int i = fields_first(f, p); i != FIELD_NONE; i = f->v[i].next_sibling)
		if (!taken[i] && !strcmp(f->v[i].value, value))
			return i;
	return FIELD_NONE;
}

static void walk_list(const struct fields *a, int pa, const struct fields *b, int pb, bool record, const char *prefix,
                      bool implied, struct step_diff *d)
{
	bool *taken = xcalloc(b->n + 1, sizeof(*taken));
	int last = -1, k = 0;
	bool reordered = false;
	for (int i = fields_first(a, pa); i != FIELD_NONE; i = a->v[i].next_sibling, k++) {
		int j = same_value(b, pb, a->v[i].value, taken);
		if (j == FIELD_NONE) {
			add(d, DIFF_ONLY_A, record, i, FIELD_NONE, prefix, a->v[i].name, k, implied);
			continue;
		}
		taken[j] = true;
		reordered = reordered || j < last;
		last = j;
		char path[160];
		child_path(prefix, a->v[i].name, k, path, sizeof(path));
		walk(a, i, b, j, record, path, implied, d);
	}
	k = 0;
	for (int j = fields_first(b, pb); j != FIELD_NONE; j = b->v[j].next_sibling, k++)
		if (!taken[j])
			add(d, DIFF_ONLY_B, record, FIELD_NONE, j, prefix, b->v[j].name, k, implied);
	if (reordered && pa != FIELD_NONE) /* preference order matters (the server may pick the first it shares) */
		add(d, DIFF_CHANGED, record, pa, pb, prefix, "(the same ones in another order)", 0, implied);
	free(taken);
}

/* The children of pa (in a) and pb (in b), matched by name and rank among their namesakes. */
static void walk(const struct fields *a, int pa, const struct fields *b, int pb, bool record, const char *prefix,
                 bool implied, struct step_diff *d)
{
	const char *la = NULL, *lb = NULL;
	int na, nb; /* one entry each: that one changed, place by place */
	if (code_list(a, pa, &la, &na) && code_list(b, pb, &lb, &nb) && !strcmp(la, lb) && (na > 1 || nb > 1)) {
		walk_list(a, pa, b, pb, record, prefix, implied, d);
		return;
	}
	for (int i = fields_first(a, pa); i != FIELD_NONE; i = a->v[i].next_sibling) {
		const struct field *fa = &a->v[i];
		int k = ordinal(a, pa, i);
		int j = nth_named(b, pb, fa->name, k);
		if (j == FIELD_NONE) {
			add(d, DIFF_ONLY_A, record, i, FIELD_NONE, prefix, fa->name, k, implied);
			continue;
		}
		const struct field *fb = &b->v[j];
		size_t at = d->n;
		bool changed = fa->kind != fb->kind || strcmp(fa->value, fb->value);
		if (changed)
			add(d, DIFF_CHANGED, record, i, j, prefix, fa->name, k, implied);
		char path[160];
		child_path(prefix, fa->name, k, path, sizeof(path));
		walk(a, i, b, j, record, path, implied || (changed && fa->kind != FIELD_GROUP), d);
		/* A group whose summary differs only because of what differs below takes its
		 * children's cause ("2 key shares" stays; a group's hex prefix follows its bytes). */
		if (at < d->n && d->v[at].fa == i && d->v[at].cause == CAUSE_SETTINGS && fa->kind == FIELD_GROUP &&
		    at + 1 < d->n) {
			enum diff_cause c = d->v[at + 1].cause;
			bool same = true;
			for (size_t x = at + 1; x < d->n; x++)
				same = same && d->v[x].cause == c;
			if (same)
				d->v[at].cause = c;
		}
	}
	for (int j = fields_first(b, pb); j != FIELD_NONE; j = b->v[j].next_sibling) {
		int k = ordinal(b, pb, j);
		if (nth_named(a, pa, b->v[j].name, k) == FIELD_NONE)
			add(d, DIFF_ONLY_B, record, FIELD_NONE, j, prefix, b->v[j].name, k, implied);
	}
}

void diff_fields(const struct fields *a, const struct fields *b, bool record, struct step_diff *d)
{
	walk(a, FIELD_NONE, b, FIELD_NONE, record, "", false, d);
}

void diff_steps(const struct step *a, const struct step *b, struct step_diff *d)
{
	diff_fields(&a->fields, &b->fields, false, d);
	size_t from = d->n;
	diff_fields(&a->record_fields, &b->record_fields, true, d);
	/* A record sent in clear carries the message itself: its fragment differs where the
	 * message's fields do, which are told above (and "in clear" against "protected" says
	 * the rest). Two encrypted fragments differ as ciphertext does. */
	if (a->encrypted && b->encrypted)
		return;
	size_t keep = from;
	for (size_t k = from; k < d->n; k++) {
		const char *last = strrchr(d->v[k].path, '/');
		last = last ? last + 1 : d->v[k].path;
		if (d->v[k].kind != DIFF_CHANGED || strncmp(last, "fragment", 8))
			d->v[keep++] = d->v[k];
	}
	d->n = keep;
}

bool diff_marks(const struct step_diff *d, bool a_side, int i)
{
	for (size_t k = 0; k < d->n; k++)
		if (!d->v[k].record && (a_side ? d->v[k].fa : d->v[k].fb) == i)
			return true;
	return false;
}

/* The message's name without a note: "Finished (not decrypted)" is a Finished. */
static void bare(const struct step *st, char *out, size_t cap)
{
	const char *paren = strstr(st->message, " (");
	int len = paren ? (int)(paren - st->message) : (int)strlen(st->message);
	snprintf(out, cap, "%.*s", len, st->message);
}

static bool v13(const struct timeline *tl)
{
	return tl->tls_version == TLS_V13;
}

static const char *kx(const struct timeline *tl)
{
	const struct suite_info *s = names_suite(tl->suite_id);
	return s && s->kx ? s->kx : "";
}

/* Whether connection c of the run resumes the session of connection 1. */
static bool resumed(const struct timeline *tl, int c)
{
	return c > 1 && tl->sc && tl->sc->resume != RESUME_NONE;
}

static int connections(const struct timeline *tl)
{
	return tl->nsteps ? tl->steps[tl->nsteps - 1].connection : 0;
}

static const char *resume_words(const struct timeline *tl)
{
	if (!tl->sc || tl->sc->resume == RESUME_NONE)
		return "no resumption";
	if (tl->sc->resume == RESUME_SESSION_ID)
		return "by session id";
	return v13(tl) ? "with a pre-shared key from a ticket" : "with a session ticket";
}

/* Whether the other run sends a message of the same name from the same side in this connection. */
static bool sends(const struct timeline *tl, int connection, enum side from, const char *name)
{
	char m[48];
	for (size_t i = 0; i < tl->nsteps; i++) {
		bare(&tl->steps[i], m, sizeof(m));
		if (tl->steps[i].connection == connection && tl->steps[i].from == from && !strcmp(m, name))
			return true;
	}
	return false;
}

/* "an Alert", "a Finished". */
static const char *article(const char *word)
{
	return strchr("AEIOU", word[0]) && word[0] ? "an" : "a";
}

static const char *suite(const struct timeline *tl)
{
	const char *s = timeline_suite_iana(tl);
	return *s ? s : "no suite agreed";
}

void diff_only_reason(const struct timeline *has, const char *hn, const struct timeline *lacks, const char *ln,
                      size_t i, bool lacks_ended, char *out, size_t cap)
{
	const struct step *st = &has->steps[i];
	char m[48];
	bare(st, m, sizeof(m));
	const char *who = side_name(st->from);
	bool server = st->from == SIDE_SERVER;
	bool auth_a = has->sc && has->sc->client_auth != CLIENT_AUTH_NONE;
	bool auth_b = lacks->sc && lacks->sc->client_auth != CLIENT_AUTH_NONE;
	if (lacks_ended && !lacks->outcome.ok) {
		snprintf(out, cap, "%s had stopped by then: %s", ln, lacks->outcome.summary);
	} else if (st->connection > connections(lacks)) {
		snprintf(out, cap, "%s resumes the session in connection %d (%s); %s makes %d connection%s", hn,
		         st->connection, resume_words(has), ln, connections(lacks), connections(lacks) == 1 ? "" : "s");
	} else if (step_is_compat_ccs(has, st)) {
		snprintf(out, cap, "a TLS 1.3 ChangeCipherSpec only for middleboxes (RFC 8446 D.4): it changes nothing%s",
		         v13(lacks) ? "; in the other run it falls in another place" : "; TLS 1.2's switches to encryption");
	} else if (!strcmp(m, "HelloRetryRequest") || (!strcmp(m, "ClientHello") && sends(has, st->connection,
	                                                                                   SIDE_SERVER, "HelloRetryRequest"))) {
		const char *g = has->sc && has->sc->server.groups[0] ? names_group(has->sc->server.groups[0]) : NULL;
		snprintf(out, cap, "%s's server asks for another key share (HelloRetryRequest): the client's first "
		         "ClientHello had no key share for a group the server takes%s%s%s, so the hellos go round once more",
		         hn, g ? " (it prefers " : "", g ? g : "", g ? ")" : "");
	} else if (st->type == STEP_ALERT && st->alert_level == 2) {
		const char *d = names_alert(st->alert_desc);
		snprintf(out, cap, "%s's %s gives up with the fatal alert %s: %s", hn, who, d ? d : "(unknown)",
		         has->outcome.summary);
	} else if (sends(lacks, st->connection, st->from, m)) {
		snprintf(out, cap, "%s's %s sends %s %s too, in another order: side by side the rows would cross", ln, who,
		         article(m), m);
	} else if (!strcmp(m, "ServerKeyExchange")) {
		if (v13(lacks))
			snprintf(out, cap, "TLS 1.3 (%s) has no ServerKeyExchange: the server's key share rides in its "
			         "ServerHello and its signature in CertificateVerify", ln);
		else if (resumed(lacks, st->connection))
			snprintf(out, cap, "%s's connection %d resumes a session (%s): no new key exchange", ln,
			         st->connection, resume_words(lacks));
		else
			snprintf(out, cap, "%s's key exchange is %s (%s): the client encrypts the premaster secret to the "
			         "certificate's key, so the server sends no key of its own", ln, kx(lacks), suite(lacks));
	} else if (!strcmp(m, "ClientKeyExchange")) {
		if (v13(lacks))
			snprintf(out, cap, "TLS 1.3 (%s) has no ClientKeyExchange: the client's key share went in its ClientHello",
			         ln);
		else
			snprintf(out, cap, "%s's connection %d resumes a session (%s): no new key exchange", ln,
			         st->connection, resume_words(lacks));
	} else if (!strcmp(m, "ServerHelloDone")) {
		snprintf(out, cap, "TLS 1.3 (%s) has no ServerHelloDone: the server's Finished ends its flight", ln);
	} else if (!strcmp(m, "EncryptedExtensions")) {
		snprintf(out, cap, "only TLS 1.3 sends EncryptedExtensions, the extensions the key exchange does not need, "
		         "already encrypted; %s (%s) puts them in its ServerHello, in clear", ln,
		         v13(lacks) ? "TLS 1.3" : "TLS 1.2");
	} else if ((!strcmp(m, "CertificateRequest") || (!server && (!strcmp(m, "Certificate") ||
	                                                            !strcmp(m, "CertificateVerify")))) &&
	           auth_a != auth_b) {
		snprintf(out, cap, "%s's server asks the client for a certificate (client authentication); %s's does not",
		         auth_a ? hn : ln, auth_a ? ln : hn);
	} else if (resumed(lacks, st->connection) && (!strcmp(m, "Certificate") || !strcmp(m, "CertificateVerify") ||
	                                             !strcmp(m, "CertificateRequest"))) {
		snprintf(out, cap, "%s's connection %d resumes a session (%s): the secret of connection 1 proves who is "
		         "who, no certificate is sent", ln, st->connection, resume_words(lacks));
	} else if (!strcmp(m, "CertificateVerify") && server && !v13(lacks)) {
		snprintf(out, cap, "a TLS 1.3 server signs the handshake so far in CertificateVerify; in %s (TLS 1.2, %s) "
		         "%s", ln, kx(lacks), strcmp(kx(lacks), "RSA") ? "it signs its key in ServerKeyExchange"
		                                                       : "it signs nothing: decrypting proves the key");
	} else if (!strcmp(m, "ChangeCipherSpec") && v13(lacks)) {
		snprintf(out, cap, "TLS 1.3 (%s) has no ChangeCipherSpec that does anything: encryption starts right "
		         "after ServerHello", ln);
	} else if (!strcmp(m, "NewSessionTicket")) {
		snprintf(out, cap, "%s's server issues a ticket to resume with (resumption %s); %s's (%s) does not", hn,
		         resume_words(has), ln, resume_words(lacks));
	} else if (lacks_ended) {
		snprintf(out, cap, "%s's run was over by then: %s", ln, lacks->outcome.summary);
	} else {
		snprintf(out, cap, "only %s's %s (%s, %s) sends %s %s here", hn, who,
		         names_version(has->tls_version) ? names_version(has->tls_version) : "no version", suite(has),
		         article(m), m);
	}
}

size_t diff_secrets_only(const struct timeline *has, const struct timeline *lacks, char *out, size_t cap)
{
	size_t n = 0, used = 0;
	if (cap)
		out[0] = '\0';
	for (size_t i = 0; i < has->nsteps; i++)
		for (size_t k = 0; k < has->steps[i].nsecrets; k++) {
			const char *name = has->steps[i].secrets[k].name;
			if (timeline_secret(lacks, name, 0))
				continue; /* in both */
			bool seen = false; /* told already: a secret may become known again at a later step */
			for (size_t j = 0; j <= i && !seen; j++)
				for (size_t q = 0; q < (j == i ? k : has->steps[j].nsecrets) && !seen; q++)
					seen = !strcmp(has->steps[j].secrets[q].name, name);
			if (seen)
				continue;
			int w = snprintf(out + used, cap > used ? cap - used : 0, "%s%s", n ? ", " : "", name);
			if (w > 0 && used + (size_t)w < cap)
				used += (size_t)w;
			n++;
		}
	return n;
}
