/* lesson/scenario_file.c — see scenario_file.h. */
#include "lesson/scenario_file.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lesson/lists.h"
#include "lesson/placeholder.h"
#include "util/textfile.h"
#include "lesson/values.h"
#include "util/buf.h"
#include "wire/names.h"

/* inih reads lines into a buffer of INI_MAX_LINE bytes, its NUL included. */
_Static_assert(SCENARIO_FILE_MAX_LINE == INI_MAX_LINE - 1, "the stated line limit is inih's");

enum section { SEC_NONE, SEC_SCENARIO, SEC_CLIENT, SEC_SERVER, SEC_EXPECT, SEC_FAULTS, SEC_LESSON, SEC_STEP, SEC_ROW,
              SEC_ATTACKER };

/* libinih reads through our line reader, which counts lines: every error gets its line. */
struct stream {
	const char *text;
	size_t pos;
	int line;
	bool indented;      /* the line just read starts with white space: a continuation */
	bool too_long;
	size_t long_len;    /* the length of the line that was too long */
	bool bad_utf8;      /* the line just read is not UTF-8 */
	bool bad_section;   /* a [section] line names no section we know */
	char section[32];
};

#define MAX_SEEN 64

struct ctx {
	const char *file;
	const char *dir;    /* directory of the file, for relative credential paths */
	struct scenario *sc;
	struct stream *in;
	char *err;
	size_t errlen;
	bool failed;
	int fail_line;
	char seen[MAX_SEEN][48];
	int seen_line[MAX_SEEN];
	int nseen;
	char last_key[48];
	struct value_text text;    /* the prose value continuation lines are growing */
	int nsuites[2];            /* [client]/[server] suites so far, for continuation lines */
	bool tries;                /* the line being read is a try line's */
	int reneg_line;            /* where renegotiate = was set, for check_whole */
	bool run_b;                /* the line just scanned quotes run B ({b ...}) */
	bool row;                  /* the line being read is in a [row N] */
};

static int fail(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct ctx *c, const char *fmt, ...)
{
	if (!c->failed) {
		int n = snprintf(c->err, c->errlen, "%s:%d: ", c->file, c->in->line);
		va_list ap;
		va_start(ap, fmt);
		if (n >= 0 && (size_t)n < c->errlen)
			vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
		va_end(ap);
		c->failed = true;
		c->fail_line = c->in->line;
	}
	return 0; /* tells inih to report an error */
}

static enum section section_of(const char *s)
{
	if (!strcmp(s, "scenario"))
		return SEC_SCENARIO;
	if (!strcmp(s, "client"))
		return SEC_CLIENT;
	if (!strcmp(s, "server"))
		return SEC_SERVER;
	if (!strcmp(s, "expect"))
		return SEC_EXPECT;
	if (!strcmp(s, "faults"))
		return SEC_FAULTS;
	if (!strcmp(s, "attacker"))
		return SEC_ATTACKER;
	if (!strcmp(s, "lesson"))
		return SEC_LESSON;
	int n;
	return value_step_section(s, &n) ? SEC_STEP : value_row_section(s, &n) ? SEC_ROW : SEC_NONE;
}

static char *reader(char *str, int num, void *p)
{
	struct stream *s = p;
	if (s->too_long || !s->text[s->pos])
		return NULL;
	const char *start = s->text + s->pos;
	if (s->line == 0 && !strncmp(start, "\xef\xbb\xbf", 3)) /* strncmp: the text may be shorter */
		start += 3, s->pos += 3; /* a UTF-8 byte order mark, as some editors write */
	const char *nl = strchr(start, '\n');
	size_t len = nl ? (size_t)(nl - start) + 1 : strlen(start);
	size_t text_len = nl ? len - 1 : len; /* the line without its end (\n or \r\n) */
	if (text_len && start[text_len - 1] == '\r')
		text_len--;
	s->line++;
	if (text_len >= (size_t)num) { /* inih's buffer holds num - 1 characters and the NUL */
		s->too_long = true;
		s->long_len = text_len;
		return NULL;
	}
	if (!value_utf8(start, text_len)) {
		s->bad_utf8 = true;
		return NULL;
	}
	memcpy(str, start, text_len);
	str[text_len] = '\0';
	s->pos += len;
	s->indented = text_len && (start[0] == ' ' || start[0] == '\t');
	/* inih calls no handler for a section without keys: check every header here. */
	const char *h = str;
	while (*h == ' ' || *h == '\t')
		h++;
	if (*h == '[') {
		const char *end = strchr(h, ']');
		size_t n = end ? (size_t)(end - h - 1) : 0;
		snprintf(s->section, sizeof(s->section), "%.*s", (int)(n < sizeof(s->section) ? n : sizeof(s->section) - 1),
		         h + 1);
		if (end && section_of(s->section) == SEC_NONE) {
			s->bad_section = true;
			return NULL;
		}
	}
	return str;
}

static int versions(struct ctx *c, const char *v, struct endpoint_spec *e)
{
	char why[400];
	if (value_versions(v, &e->min_version, &e->max_version, why, sizeof(why)))
		return fail(c, "%s", why);
	return 1;
}

static int date(struct ctx *c, const char *v)
{
	char why[300];
	if (value_date(v, &c->sc->sim_time, why, sizeof(why)))
		return fail(c, "%s", why);
	return 1;
}

/* Application data may say \r, \n, \t and \\. */
static char *unescape(const char *v)
{
	char *o = xmalloc(strlen(v) + 1), *w = o;
	for (const char *p = v; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			*w++ = *p == 'r' ? '\r' : *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return o;
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* A credential: "none", a bundled name, or a path (relative to the scenario file). */
static void credential(struct ctx *c, char **dst, const char *v)
{
	free(*dst);
	*dst = NULL;
	if (!strcmp(v, "none"))
		return;
	if (strchr(v, '/') && v[0] != '/' && c->dir) {
		size_t n = strlen(c->dir) + strlen(v) + 2;
		*dst = xmalloc(n);
		snprintf(*dst, n, "%s/%s", c->dir, v);
	} else {
		*dst = xstrdup(v);
	}
}

static int alert_code(const char *v)
{
	uint64_t n;
	if (value_number(v, 255, &n))
		return (int)n;
	for (int i = 0; i < 256; i++)
		if (names_alert((uint8_t)i) && !strcmp(names_alert((uint8_t)i), v))
			return i;
	return -1;
}

/* suites = ...; `count` suites are already there when a continuation line adds more. */
static int suites(struct ctx *c, const char *v, struct endpoint_spec *e, int *count)
{
	char why[400];
	return lists_suites(v, e->suites, count, why, sizeof(why)) ? fail(c, "%s", why) : 1;
}

static int code_list(struct ctx *c, const char *key, const char *v, uint16_t *out, size_t cap,
                     uint16_t (*lookup)(const char *), const char *examples)
{
	char why[400];
	return lists_codes(key, v, out, cap, lookup, examples, why, sizeof(why)) ? fail(c, "%s", why) : 1;
}

static int alpn(struct ctx *c, const char *v, struct endpoint_spec *e)
{
	char why[200];
	return lists_alpn(v, e->alpn, why, sizeof(why)) ? fail(c, "%s", why) : 1;
}

static int tristate(struct ctx *c, const char *key, const char *v, enum tristate *out)
{
	if (!strcmp(v, "on"))
		*out = TRI_ON;
	else if (!strcmp(v, "off"))
		*out = TRI_OFF;
	else if (!strcmp(v, "default"))
		*out = TRI_DEFAULT;
	else
		return fail(c, "%s = %s; expected on, off or default", key, v);
	return 1;
}

/* (resume_)kex_modes = psk_ke, psk_dhe_ke, ephemeral (any of them, comma-separated), all or default. */
static int kex_modes(struct ctx *c, const char *key, const char *v, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } mode[] = {
		{ "psk_ke", SPEC_KEX_PSK }, { "psk_dhe_ke", SPEC_KEX_PSK_EPHEMERAL }, { "ephemeral", SPEC_KEX_EPHEMERAL },
		{ "all", SPEC_KEX_PSK | SPEC_KEX_PSK_EPHEMERAL | SPEC_KEX_EPHEMERAL }, { "default", 0 },
	};
	unsigned bits = 0;
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, ", ");
		size_t i = 0;
		while (i < sizeof(mode) / sizeof(mode[0]) && (strlen(mode[i].name) != n || strncmp(p, mode[i].name, n)))
			i++;
		if (i == sizeof(mode) / sizeof(mode[0]) || (mode[i].bit == 0 && (bits || p != v || p[n])))
			return fail(c, "%s = %s; expected psk_ke, psk_dhe_ke or ephemeral (comma-separated), all or default", key,
			            v);
		bits |= mode[i].bit;
		p += n;
		p += strspn(p, ", ");
	}
	*out = bits;
	return 1;
}

/* fault = SIDE TARGET ACTION: see value_fault; rewrite = SIDE MESSAGE FIELD VALUE: see value_rewrite. */
static int fault(struct ctx *c, const char *key, const char *v)
{
	struct scenario *sc = c->sc;
	char why[400];
	if (sc->nfaults == SPEC_MAX_FAULTS)
		return fail(c, "more than %d faults; expected at most %d", SPEC_MAX_FAULTS, SPEC_MAX_FAULTS);
	if ((key[0] == 'r' ? value_rewrite : value_fault)(v, c->in->line, &sc->faults[sc->nfaults], why, sizeof(why)))
		return fail(c, "%s", why);
	sc->nfaults++;
	return 1;
}

static int endpoint(struct ctx *c, struct endpoint_spec *e, const char *key, const char *v)
{
	if (!strcmp(key, "versions"))
		return versions(c, v, e);
	if (!strcmp(key, "suites")) {
		int *count = &c->nsuites[e == &c->sc->server];
		*count = 0;
		return suites(c, v, e, count);
	}
	e->file = c->sc->file;
	if (!strcmp(key, "cert"))
		return e->cert_line = c->in->line, credential(c, &e->cert, v), 1;
	if (!strcmp(key, "key"))
		return e->key_line = c->in->line, credential(c, &e->key, v), 1;
	if (!strcmp(key, "ca"))
		return e->ca_line = c->in->line, credential(c, &e->ca, v), 1;
	if (!strcmp(key, "chain"))
		return e->chain_line = c->in->line, credential(c, &e->chain, v), 1;
	if (!strcmp(key, "crl"))
		return e->crl_line = c->in->line, credential(c, &e->crl, v), 1;
	if (!strcmp(key, "names")) {
		char why[200];
		if (e != &c->sc->server)
			return fail(c, "names is a server's (the host names it serves); the client's name is [scenario] hostname");
		return lists_names(v, e->names, why, sizeof(why)) ? fail(c, "%s", why) : 1;
	}
	if (!strcmp(key, "groups"))
		return code_list(c, key, v, e->groups, SPEC_MAX_GROUPS, names_group_by_name, "x25519, secp256r1, ffdhe2048");
	if (!strcmp(key, "sig_algs"))
		return code_list(c, key, v, e->sig_algs, SPEC_MAX_GROUPS, names_sigscheme_by_name,
		                 "rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256, rsa_pkcs1_sha256");
	if (!strcmp(key, "alpn"))
		return alpn(c, v, e);
	if (!strcmp(key, "ems"))
		return tristate(c, key, v, &e->ems);
	if (!strcmp(key, "etm"))
		return tristate(c, key, v, &e->etm);
	if (!strcmp(key, "kex_modes"))
		return kex_modes(c, key, v, &e->kex_modes);
	if (!strcmp(key, "resume_kex_modes"))
		return kex_modes(c, key, v, &e->resume_kex_modes);
	return fail(c, "unknown key '%s'; expected versions, suites, groups, sig_algs, alpn, ems, etm, kex_modes, "
	            "resume_kex_modes, cert, key, ca, chain, crl or names", key);
}

/* [attacker]: the man in the middle's certificate and key, and what it changes in the request it relays. */
static int attacker_key(struct ctx *c, const char *key, const char *v)
{
	struct scenario *sc = c->sc;
	sc->has_attacker = true;
	if (!sc->attacker_line)
		sc->attacker_line = c->in->line;
	if (!strcmp(key, "cert") || !strcmp(key, "key"))
		return endpoint(c, &sc->attacker, key, v);
	if (!strcmp(key, "replace")) {
		const char *arrow = strstr(v, " => ");
		if (!arrow)
			return fail(c, "replace = %s; expected replace = TEXT => TEXT (what the attacker changes in the client's "
			            "request before it relays it)", v);
		char *from = xmalloc((size_t)(arrow - v) + 1);
		memcpy(from, v, (size_t)(arrow - v));
		from[arrow - v] = '\0';
		char *a = unescape(from), *b = unescape(arrow + 4);
		free(from);
		if (!*a || strlen(a) != strlen(b)) {
			int ok = *a != '\0';
			size_t la = strlen(a), lb = strlen(b);
			free(a);
			free(b);
			if (!ok)
				return fail(c, "replace = %s; expected some text before =>", v);
			return fail(c, "replace = %s: %zu bytes become %zu; expected as many bytes on each side of => (the "
			            "server reads as many bytes as the client wrote)", v, la, lb);
		}
		free(sc->replace_from);
		free(sc->replace_to);
		sc->replace_from = a;
		sc->replace_to = b;
		sc->replace_line = c->in->line;
		return 1;
	}
	return fail(c, "unknown key '%s' in [attacker]; expected cert, key (what it shows the client) or replace = TEXT "
	            "=> TEXT", key);
}

static int scenario_key(struct ctx *c, const char *key, const char *v)
{
	struct scenario *sc = c->sc;
	if (!strcmp(key, "name"))
		return set_str(&sc->name, v), 1;
	if (!strcmp(key, "title"))
		return set_str(&sc->title, v), 1;
	if (!strcmp(key, "seed")) {
		if (!value_number(v, UINT64_MAX, &sc->seed))
			return fail(c, "seed = %s; expected a whole number from 0 to 2^64-1 (%s)", v, VALUE_NUMBER_RULE);
		return 1;
	}
	if (!strcmp(key, "date"))
		return date(c, v);
	if (!strcmp(key, "hostname")) {
		free(sc->hostname);
		sc->hostname = strcmp(v, "none") ? xstrdup(v) : NULL;
		return 1;
	}
	if (!strcmp(key, "client_auth")) {
		if (!strcmp(v, "none"))
			sc->client_auth = CLIENT_AUTH_NONE;
		else if (!strcmp(v, "optional"))
			sc->client_auth = CLIENT_AUTH_OPTIONAL;
		else if (!strcmp(v, "required"))
			sc->client_auth = CLIENT_AUTH_REQUIRED;
		else
			return fail(c, "client_auth = %s; expected none, optional or required", v);
		return 1;
	}
	if (!strcmp(key, "client_data") || !strcmp(key, "server_data")) {
		char **dst = key[0] == 'c' ? &sc->client_data : &sc->server_data;
		free(*dst);
		*dst = unescape(v);
		return 1;
	}
	if (!strcmp(key, "resume")) {
		if (!strcmp(v, "none"))
			sc->resume = RESUME_NONE;
		else if (!strcmp(v, "session_id"))
			sc->resume = RESUME_SESSION_ID;
		else if (!strcmp(v, "ticket"))
			sc->resume = RESUME_TICKET;
		else
			return fail(c, "resume = %s; expected none, session_id or ticket", v);
		return 1;
	}
	if (!strcmp(key, "renegotiate")) {
		if (!strcmp(v, "none"))
			sc->renegotiate = RENEG_NONE;
		else if (!strcmp(v, "client"))
			sc->renegotiate = RENEG_CLIENT;
		else if (!strcmp(v, "server"))
			sc->renegotiate = RENEG_SERVER;
		else
			return fail(c, "renegotiate = %s; expected none, client (a new ClientHello) or server (a HelloRequest)", v);
		c->reneg_line = c->in->line;
		return 1;
	}
	return fail(c, "unknown key '%s'; expected title, seed, date, hostname, client_auth, client_data, server_data, "
	               "resume or renegotiate", key);
}

static int expect_key(struct ctx *c, const char *key, const char *v)
{
	struct expectation *x = &c->sc->expect;
	if (!strcmp(key, "result")) {
		if (strcmp(v, "success") && strcmp(v, "failure"))
			return fail(c, "result = %s; expected success or failure", v);
		x->success = !strcmp(v, "success");
		return 1;
	}
	if (!strcmp(key, "side")) {
		if (strcmp(v, "client") && strcmp(v, "server"))
			return fail(c, "side = %s; expected client or server (the end that detects the failure)", v);
		x->failing_side = !strcmp(v, "client") ? SIDE_CLIENT : SIDE_SERVER;
		return 1;
	}
	if (!strcmp(key, "alert")) {
		if (!strcmp(v, "none")) {
			x->alert = EXPECT_NO_ALERT;
			return 1;
		}
		int a = alert_code(v);
		if (a < 0)
			return fail(c, "alert = %s; expected an alert name such as handshake_failure, a number, or none", v);
		x->alert = a;
		return 1;
	}
	return fail(c, "unknown key '%s'; expected result, side or alert", key);
}

/* Appends a continuation line to a prose value ("a" + " " + "b"), copying only the new part. */
static void append_text(struct ctx *c, char **dst, const char *more)
{
	value_text_append(&c->text, dst, " ", more);
}

/*
 * [lesson]: title, intro, summary, try (repeatable). [step N]: say, ask, choice
 * (repeatable, up to 6), answer (the number of the right choice), explain.
 * Prose continues on indented lines.
 */
/*
 * hide = keys, knowledge until phase 3     ([lesson]: hidden until then)
 * show = keys                              ([step N]: opened when the step is reached)
 * Panes: keys, knowledge, eavesdropper, bytes.
 */
static int panes_key(struct ctx *c, bool hide, const char *value, unsigned *mask)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", value);
	char *until = strstr(buf, " until ");
	if (hide != (until != NULL))
		return fail(c, hide ? "hide = %s; expected panes, then 'until phase N' or 'until step N'"
		                    : "show = %s; expected only pane names (keys, eavesdropper)", value);
	if (until) {
		*until = '\0';
		struct lesson *l = &c->sc->lesson;
		char why[200];
		if (value_until(until + 7, &l->hide_phase, &l->hide_step, why, sizeof(why)))
			return fail(c, "hide = %s; %s", value, why);
		l->hide_line = c->in->line;
	}
	for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
		unsigned bit = !strcmp(tok, "keys") ? PANE_KEYS : !strcmp(tok, "eavesdropper") ? PANE_EAVES
		             : hide && !strcmp(tok, "knowledge") ? PANE_KNOWLEDGE : hide && !strcmp(tok, "bytes") ? PANE_HEX
		             : 0;
		if (!bit)
			return fail(c, "'%s' is not a pane; expected %s", tok,
			            hide ? "keys, knowledge, eavesdropper or bytes" : "keys or eavesdropper");
		*mask |= bit;
	}
	if (!*mask)
		return fail(c, "%s = %s; expected at least one pane", hide ? "hide" : "show", value);
	return 1;
}

/*
 * A repeatable key (try, choice): a new line starts the next item, an indented
 * line continues the last one, as prose does everywhere else.
 */
static int list_key(struct ctx *c, char **items, int max, bool cont, const char *value, const char *what)
{
	int n = 0;
	while (n < max && items[n])
		n++;
	if (cont && n > 0) {
		append_text(c, &items[n - 1], value);
		return 1;
	}
	if (n == max)
		return fail(c, "more than %d %s; expected at most %d", max, what, max);
	items[n] = xstrdup(value);
	return 1;
}

/* Every placeholder and literal of a narration line, with the line, for --check. */
static void note_ref(void *arg, bool literal, const char *s, size_t len)
{
	struct ctx *c = arg;
	struct lesson *l = &c->sc->lesson;
	if (literal && c->tries)
		return;
	if (!literal && len > 2 && !strncmp(s, "b ", 2))
		c->run_b = true;
	l->refs = xrealloc(l->refs, (size_t)(l->nrefs + 1) * sizeof(*l->refs));
	struct lesson_ref *r = &l->refs[l->nrefs++];
	r->line = c->in->line;
	r->literal = literal;
	r->row = c->row;
	r->text = xmalloc(len + 1);
	memcpy(r->text, s, len);
	r->text[len] = '\0';
}

/* A value checkpoint's keys: answer_from = ..., ask_value = ... (lesson/placeholder.h). */
static int value_checkpoint_key(struct ctx *c, struct lesson_step *st, bool row, const char *name, const char *value)
{
	char why[300], ref[160];
	if (!strcmp(name, "answer_from")) {
		if (st->answer_from)
			return fail(c, "'answer_from' is given twice; expected it once");
		bool b = row && !strncmp(value, "b ", 2); /* a row may ask for run B's value */
		if (placeholder_answer_from(value + (b ? 2 : 0), ref + (b ? 2 : 0), sizeof(ref) - 2, why, sizeof(why)))
			return fail(c, "%s", why);
		if (b)
			memcpy(ref, "b ", 2);
		st->answer_from = xstrdup(ref);
		st->answer_from_line = c->in->line;
		return 1;
	}
	if (placeholder_ask_value(value, &st->ask_bytes, &st->ask_number, why, sizeof(why)))
		return fail(c, "%s", why);
	return 1;
}

static int lesson_key(struct ctx *c, enum section sec, const char *section, const char *name, const char *value)
{
	struct lesson *l = &c->sc->lesson;
	int n = 0;
	if (sec == SEC_STEP && !value_step_section(section, &n))
		return fail(c, "[%s] is no step; expected [step N], N from 1 to %d", section, LESSON_MAX_STEPS);
	if (sec == SEC_ROW && !value_row_section(section, &n))
		return fail(c, "[%s] is no row; expected [row N], N from 1 to %d", section, LESSON_MAX_ROWS);
	if (sec == SEC_ROW && !l->rows)
		l->rows = xcalloc(LESSON_MAX_ROWS + 1, sizeof(*l->rows));
	struct lesson_step *st = sec == SEC_ROW ? &l->rows[n] : &l->steps[n];
	if (sec == SEC_ROW && n > l->nrows)
		l->nrows = n;
	if (sec == SEC_ROW && !strcmp(name, "show"))
		return fail(c, "'show' in [%s]; expected it in a [step N] (a pane opens at a step of run A)", section);
	bool row = sec == SEC_ROW;
	if (row)
		sec = SEC_STEP; /* a row's keys are a step's: say, ask, choice, answer, explain, answer_from, ask_value */
	bool cont = c->in->indented && !strcmp(c->last_key, name);
	snprintf(c->last_key, sizeof(c->last_key), "%s", name);
	char **text = NULL;
	if (sec == SEC_LESSON)
		text = !strcmp(name, "title") ? &l->title : !strcmp(name, "intro") ? &l->intro
		     : !strcmp(name, "summary") ? &l->summary : NULL;
	else
		text = !strcmp(name, "say") ? &st->say : !strcmp(name, "ask") ? &st->ask
		     : !strcmp(name, "explain") ? &st->explain : NULL;
	if (sec == SEC_STEP && !row && n > l->nsteps)
		l->nsteps = n;
	if (sec == SEC_STEP && !st->line)
		st->line = c->in->line; /* the step's first key: where a whole-step complaint points */
	bool prose = text ? strcmp(name, "title") != 0 : sec == SEC_STEP && !strcmp(name, "choice");
	/* A try line may quote another run, so only its placeholders' syntax is checked there. */
	c->tries = sec == SEC_LESSON && !strcmp(name, "try");
	char why[400];
	c->run_b = false;
	c->row = row;
	if ((prose || c->tries) && placeholder_scan_line(value, note_ref, c, why, sizeof(why)))
		return fail(c, "%s", why);
	if (c->run_b && !row)
		return fail(c, "{b ...} quotes run B, and [%s] speaks of one run; expected it in a [row N] section of a "
		            "two-run lesson", section);
	if (text) {
		if (!cont && *text)
			return fail(c, "'%s' is given twice in [%s]; expected it once (continue prose on indented lines)", name,
			            section);
		if (cont || !*text) {
			append_text(c, text, value);
			return 1;
		}
	}
	if (sec == SEC_LESSON && !strcmp(name, "try"))
		return list_key(c, l->tries, LESSON_MAX_TRIES, cont, value, "'try' lines");
	if (sec == SEC_STEP && !strcmp(name, "choice"))
		return list_key(c, st->choices, LESSON_MAX_CHOICES, cont, value, "choices");
	if (sec == SEC_STEP && !strcmp(name, "answer")) {
		uint64_t a;
		if (!value_number(value, LESSON_MAX_CHOICES, &a) || a < 1)
			return fail(c, "answer = %s; expected the number of the right choice (1 for the first)", value);
		st->answer = (int)a;
		return 1;
	}
	if (sec == SEC_STEP && (!strcmp(name, "answer_from") || !strcmp(name, "ask_value")))
		return value_checkpoint_key(c, st, row, name, value);
	if (sec == SEC_LESSON && !strcmp(name, "compare")) { /* the second run of a two-run lesson (issue 16) */
		if (l->compare)
			return fail(c, "'compare' is given twice in [lesson]; expected one run to compare with");
		if (!*value || strpbrk(value, " \t"))
			return fail(c, "compare = %s; expected one bundled scenario or lesson name, or a file's path", value);
		l->compare = xstrdup(value);
		l->compare_line = c->in->line;
		return 1;
	}
	if ((sec == SEC_LESSON && !strcmp(name, "hide")) || (sec == SEC_STEP && !strcmp(name, "show")))
		return panes_key(c, sec == SEC_LESSON, value, sec == SEC_LESSON ? &l->hide : &st->show);
	if (sec == SEC_LESSON)
		return fail(c, "unknown key '%s' in [lesson]; expected title, intro, summary, try, hide or compare", name);
	return fail(c, "unknown key '%s' in [%s]; expected say, ask, choice, answer, answer_from, ask_value, explain or show",
	            name, section);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct ctx *c = user;
	enum section sec = section_of(section);
	if (c->failed)
		return 0;
	if (!c->in->indented)
		memset(&c->text, 0, sizeof(c->text)); /* only continuation lines grow a value */
	if (!*section)
		return fail(c, "'%s' is outside any section; expected a [scenario], [client], [server], [expect], [faults], [lesson] or [step N] line first",
		            name);
	if (sec == SEC_LESSON || sec == SEC_STEP || sec == SEC_ROW)
		return lesson_key(c, sec, section, name, value);
	if (c->in->indented && !strcmp(c->last_key, name)) {
		if (!strcmp(name, "suites") && (sec == SEC_CLIENT || sec == SEC_SERVER))
			return suites(c, value, sec == SEC_CLIENT ? &c->sc->client : &c->sc->server,
			              &c->nsuites[sec == SEC_SERVER]);
		if (strcmp(name, "title") && strcmp(name, "client_data") && strcmp(name, "server_data"))
			return fail(c, "an indented line continues '%s', which takes one line; expected a new key at the start "
			               "of the line", name);
		char **dst = !strcmp(name, "title") ? &c->sc->title
		             : !strcmp(name, "client_data") ? &c->sc->client_data : &c->sc->server_data;
		char *more = unescape(value);
		value_text_append(&c->text, dst, name[0] == 't' ? " " : "", more);
		free(more);
		return 1;
	}
	if (sec == SEC_FAULTS) {
		snprintf(c->last_key, sizeof(c->last_key), "%s", name);
		if (strcmp(name, "fault") && strcmp(name, "rewrite"))
			return fail(c, "unknown key '%s' in [faults]; expected fault = ... or rewrite = ... (one line each)", name);
		return fault(c, name, value);
	}
	char full[48];
	snprintf(full, sizeof(full), "%s.%s", section, name);
	for (int i = 0; i < c->nseen; i++)
		if (!strcmp(c->seen[i], full))
			return fail(c, "'%s' is given twice in [%s] (first on line %d); expected it once", name, section,
			            c->seen_line[i]);
	if (c->nseen < MAX_SEEN) {
		snprintf(c->seen[c->nseen], sizeof(c->seen[0]), "%s", full);
		c->seen_line[c->nseen++] = c->in->line;
	}
	snprintf(c->last_key, sizeof(c->last_key), "%s", name);
	if (!*value)
		return fail(c, "'%s' has no value; expected %s = something", name, name);
	switch (sec) {
	case SEC_SCENARIO:
		return scenario_key(c, name, value);
	case SEC_CLIENT:
	case SEC_SERVER:
		return endpoint(c, sec == SEC_CLIENT ? &c->sc->client : &c->sc->server, name, value);
	case SEC_EXPECT:
		return expect_key(c, name, value);
	case SEC_ATTACKER:
		return attacker_key(c, name, value);
	case SEC_FAULTS:
	case SEC_LESSON:
	case SEC_STEP:
	case SEC_ROW:
	case SEC_NONE:
		break;
	}
	return 0;
}

/* A checkpoint is whole (lessons/README.md): 0, or -1 with the line of [step N] (or [row N]) in err. */
static int step_whole(struct ctx *c, const struct lesson_step *st, const char *kind, int i)
{
	int nch = 0;
	while (nch < LESSON_MAX_CHOICES && st->choices[nch])
		nch++;
	bool typed = st->answer_from || st->ask_bytes || st->ask_number;
	if (typed && (nch || st->answer)) {
		snprintf(c->err, c->errlen, "%s:%d: [%s %d] mixes choice/answer with answer_from/ask_value; expected "
		         "either choices and an answer, or answer_from and ask_value", c->file,
		         st->answer_from_line ? st->answer_from_line : st->line, kind, i);
		return -1;
	}
	if (typed && (!st->ask || !st->answer_from || !(st->ask_bytes || st->ask_number))) {
		snprintf(c->err, c->errlen, "%s:%d: [%s %d] has a value checkpoint that is not whole; expected ask, "
		         "answer_from = step N field NAME (or secret NAME) and ask_value = hex N or number", c->file,
		         st->answer_from_line ? st->answer_from_line : st->line, kind, i);
		return -1;
	}
	if (!typed && (st->ask || nch || st->answer) && (!st->ask || nch < 2 || st->answer < 1 || st->answer > nch)) {
		snprintf(c->err, c->errlen, "%s:%d: [%s %d] has a checkpoint that is not whole; expected ask, at least two "
		         "choice lines and an answer that numbers one of them", c->file, st->line, kind, i);
		return -1;
	}
	return 0;
}

static int check_whole(struct ctx *c)
{
	struct scenario *sc = c->sc;
	if (!sc->server.cert || !sc->server.key) {
		snprintf(c->err, c->errlen, "%s: [server] needs cert and key; expected e.g. cert = server-rsa.crt and "
		         "key = server-rsa.key", c->file);
		return -1;
	}
	if (!!sc->client.cert != !!sc->client.key) {
		snprintf(c->err, c->errlen, "%s: [client] has a cert without a key or a key without a cert; expected both "
		         "or neither", c->file);
		return -1;
	}
	if (sc->has_attacker && (!sc->attacker.cert || !sc->attacker.key)) {
		snprintf(c->err, c->errlen, "%s:%d: [attacker] needs cert and key (what it shows the client); expected e.g. "
		         "cert = mitm-server.crt and key = mitm-server.key", c->file, sc->attacker_line);
		return -1;
	}
	if (sc->has_attacker && (sc->nfaults || sc->resume != RESUME_NONE || sc->renegotiate != RENEG_NONE)) {
		snprintf(c->err, c->errlen, "%s:%d: [attacker] with %s; expected one or the other (a run with a man in "
		         "the middle has no faults, no resumption and no renegotiation)", c->file, sc->attacker_line,
		         sc->nfaults ? "[faults]" : sc->resume != RESUME_NONE ? "resume" : "renegotiate");
		return -1;
	}
	for (int i = 1; i <= sc->lesson.nsteps; i++)
		if (step_whole(c, &sc->lesson.steps[i], "step", i))
			return -1;
	for (int i = 1; i <= sc->lesson.nrows; i++) {
		const struct lesson_step *st = &sc->lesson.rows[i];
		if (st->line && (!sc->lesson.title || !sc->lesson.compare)) {
			snprintf(c->err, c->errlen, "%s:%d: [row %d] in a file with no second run; expected a [lesson] with "
			         "compare = NAME (a row is a line of the comparison of the two runs)", c->file, st->line, i);
			return -1;
		}
		if (step_whole(c, st, "row", i))
			return -1;
	}
	if (!sc->title) {
		snprintf(c->err, c->errlen, "%s: [scenario] has no title; expected a one-line title = ...", c->file);
		return -1;
	}
	if (sc->renegotiate != RENEG_NONE && sc->client.max_version > TLS_V12 && sc->server.max_version > TLS_V12) {
		snprintf(c->err, c->errlen, "%s:%d: renegotiate with both ends allowing TLS 1.3, which has no renegotiation "
		         "(RFC 8446 4.6: KeyUpdate and post-handshake authentication instead); expected versions = 1.2 at "
		         "one end at least", c->file, c->reneg_line);
		return -1;
	}
	return 0;
}

static char *stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *s = xstrdup(base);
	char *dot = strrchr(s, '.');
	if (dot && dot != s)
		*dot = '\0';
	return s;
}

/* The first error of the file: the reader's, the handler's or inih's, whichever line comes first. */
static int first_error(struct ctx *c, int line)
{
	const struct stream *in = c->in;
	bool stopped = in->bad_section || in->too_long || in->bad_utf8;
	if (c->failed && (!line || line >= c->fail_line) && (!stopped || c->fail_line <= in->line))
		return -1; /* already in err */
	if (line && (!stopped || line < in->line)) {
		snprintf(c->err, c->errlen, "%s:%d: cannot read this line; expected [section], key = value, or a ; comment",
		         c->file, line);
		return -1;
	}
	if (in->bad_section)
		snprintf(c->err, c->errlen, "%s:%d: unknown section [%s]; expected [scenario], [client], [server], [expect], "
		         "[faults], [attacker], [lesson], [step N] (N from 1 to %d) or [row N] (1 to %d)", c->file, in->line, in->section,
		         LESSON_MAX_STEPS, LESSON_MAX_ROWS);
	else if (in->too_long)
		snprintf(c->err, c->errlen, "%s:%d: a line of %zu characters; expected at most %d (continue a long value on "
		         "indented lines)", c->file, in->line, in->long_len, SCENARIO_FILE_MAX_LINE);
	else if (in->bad_utf8)
		snprintf(c->err, c->errlen, "%s:%d: not valid UTF-8; expected UTF-8 text (save the file as UTF-8)", c->file,
		         in->line);
	else
		return 0;
	return -1;
}

static int parse(const char *file, const char *dir, const char *text, struct scenario *sc, char *err, size_t errlen)
{
	struct stream in;
	memset(&in, 0, sizeof(in));
	in.text = text;
	struct ctx c;
	memset(&c, 0, sizeof(c));
	c.file = file;
	c.dir = dir;
	c.sc = sc;
	c.in = &in;
	c.err = err;
	c.errlen = errlen;
	free(sc->file);
	sc->file = xstrdup(file);
	/* Defaults: TLS 1.2 on both ends, library suites, no data. */
	sc->client.min_version = sc->client.max_version = TLS_V12;
	sc->server.min_version = sc->server.max_version = TLS_V12;
	int line = ini_parse_stream(reader, &in, handler, &c);
	if (first_error(&c, line))
		return -1;
	if (!sc->name)
		sc->name = stem(file);
	if (!sc->source)
		sc->source = xstrdup(file);
	return check_whole(&c);
}

int scenario_file_parse(const char *name, const char *text, struct scenario *sc, char *err, size_t errlen)
{
	return parse(name, NULL, text, sc, err, errlen);
}

int scenario_file_load(const char *path, struct scenario *sc, char *err, size_t errlen)
{
	struct buf text = { 0 };
	if (textfile_read(path, SCENARIO_FILE_MAX, "a scenario or lesson file", &text, err, errlen)) {
		buf_free(&text);
		return -1;
	}
	if (memchr(text.data, '\0', text.len)) {
		snprintf(err, errlen, "%s: holds a NUL byte; expected a text file", path);
		buf_free(&text);
		return -1;
	}
	buf_append_byte(&text, 0);
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	int rc = parse(path, slash ? dir : NULL, (const char *)text.data, sc, err, errlen);
	free(dir);
	buf_free(&text);
	return rc;
}
