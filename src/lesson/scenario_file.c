/* lesson/scenario_file.c — see scenario_file.h. */
#include "lesson/scenario_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "util/buf.h"
#include "util/words.h"
#include "wire/names.h"

enum section { SEC_NONE, SEC_SCENARIO, SEC_CLIENT, SEC_SERVER, SEC_EXPECT, SEC_FAULTS, SEC_LESSON, SEC_STEP };

/* libinih reads through our line reader, which counts lines: every error gets its line. */
struct stream {
	const char *text;
	size_t pos;
	int line;
	bool indented;      /* the line just read starts with white space: a continuation */
	bool too_long;
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
	char suites_raw[2][2048];  /* [client]/[server] suites as written, for continuation lines */
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
	if (!strcmp(s, "lesson"))
		return SEC_LESSON;
	int n = 0;
	char tail = 0;
	if (sscanf(s, "step %d%c", &n, &tail) == 1 && n >= 1 && n <= LESSON_MAX_STEPS)
		return SEC_STEP;
	return SEC_NONE;
}

static char *reader(char *str, int num, void *p)
{
	struct stream *s = p;
	if (s->too_long || !s->text[s->pos])
		return NULL;
	const char *start = s->text + s->pos;
	const char *nl = strchr(start, '\n');
	size_t len = nl ? (size_t)(nl - start) + 1 : strlen(start);
	s->line++;
	if (len >= (size_t)num) {
		s->too_long = true;
		return NULL;
	}
	memcpy(str, start, len);
	str[len] = '\0';
	s->pos += len;
	s->indented = len && (start[0] == ' ' || start[0] == '\t');
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

static const char *closest_suite(const char *name)
{
	const struct suite_info *best = NULL;
	size_t bd = 999;
	for (unsigned i = 0; names_suite_at(i); i++) {
		const struct suite_info *s = names_suite_at(i);
		size_t d = words_distance(name, s->name);
		if (d < bd)
			bd = d, best = s;
	}
	return best ? best->name : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int versions(struct ctx *c, const char *v, struct endpoint_spec *e)
{
	char a[16] = "", b[16] = "";
	char tail;
	int n = sscanf(v, " %15[0-9.] - %15[0-9.] %c", a, b, &tail);
	if (n != 1 && n != 2)
		return fail(c, "versions = %s; expected 1.2, 1.3 or a range such as 1.2-1.3", v);
	uint16_t w[2];
	const char *s[2] = { a, n == 2 ? b : a };
	for (int i = 0; i < 2; i++) {
		if (!strcmp(s[i], "1.2"))
			w[i] = TLS_V12;
		else if (!strcmp(s[i], "1.3"))
			w[i] = TLS_V13;
		else
			return fail(c, "version %s: mbed TLS 3.6 speaks TLS 1.2 and 1.3; expected 1.2 or 1.3", s[i]);
	}
	if (w[0] > w[1])
		return fail(c, "versions = %s: the lowest comes first; expected e.g. 1.2-1.3", v);
	e->min_version = w[0];
	e->max_version = w[1];
	return 1;
}

static int suites(struct ctx *c, const char *v, struct endpoint_spec *e)
{
	char *copy = xstrdup(v);
	size_t n = 0;
	int rc = 1;
	memset(e->suites, 0, sizeof(e->suites));
	if (!strcmp(trim(copy), "default"))
		goto out;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *name = trim(tok);
		if (!*name)
			continue;
		const struct suite_info *s = names_suite_by_name(name);
		if (!s) {
			rc = fail(c, "unknown cipher suite '%s'; did you mean %s?", name, closest_suite(name));
			goto out;
		}
		if (n == SPEC_MAX_SUITES) {
			rc = fail(c, "more than %d cipher suites; expected at most %d", SPEC_MAX_SUITES, SPEC_MAX_SUITES);
			goto out;
		}
		e->suites[n++] = s->id;
	}
	if (!n)
		rc = fail(c, "suites is empty; expected suite names separated by commas, or 'default'");
out:
	free(copy);
	return rc;
}

static int date(struct ctx *c, const char *v)
{
	int y, mo, d, h = 12, mi = 0, s = 0;
	char tail;
	int n = sscanf(v, "%4d-%2d-%2d %2d:%2d:%2d %c", &y, &mo, &d, &h, &mi, &s, &tail);
	if ((n != 3 && n != 6) || y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60)
		return fail(c, "date = %s; expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC)", v);
	c->sc->sim_time = words_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
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
	char *end;
	long n = strtol(v, &end, 10);
	if (*v && !*end && n >= 0 && n <= 255)
		return (int)n;
	for (int i = 0; i < 256; i++)
		if (names_alert((uint8_t)i) && !strcmp(names_alert((uint8_t)i), v))
			return i;
	return -1;
}

/* A comma-separated list of names into 16-bit codes, 0 terminated; "default" leaves it empty. */
static int code_list(struct ctx *c, const char *key, const char *v, uint16_t *out, size_t cap,
                     uint16_t (*lookup)(const char *), const char *examples)
{
	char *copy = xstrdup(v);
	size_t n = 0;
	int rc = 1;
	memset(out, 0, cap * sizeof(*out));
	if (!strcmp(trim(copy), "default"))
		goto out;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *name = trim(tok);
		if (!*name)
			continue;
		uint16_t code = lookup(name);
		if (!code) {
			rc = fail(c, "unknown name '%s' in %s; expected names such as %s", name, key, examples);
			goto out;
		}
		if (n == cap) {
			rc = fail(c, "more than %zu names in %s", cap, key);
			goto out;
		}
		out[n++] = code;
	}
	if (!n)
		rc = fail(c, "%s is empty; expected names separated by commas, or 'default'", key);
out:
	free(copy);
	return rc;
}

static int alpn(struct ctx *c, const char *v, struct endpoint_spec *e)
{
	char *copy = xstrdup(v);
	size_t n = 0;
	int rc = 1;
	for (size_t i = 0; i < SPEC_MAX_ALPN && e->alpn[i]; i++) {
		free(e->alpn[i]);
		e->alpn[i] = NULL;
	}
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *name = trim(tok);
		if (!*name)
			continue;
		if (n == SPEC_MAX_ALPN || strlen(name) > 255) {
			rc = fail(c, "alpn: expected at most %d protocol names of at most 255 characters", SPEC_MAX_ALPN);
			break;
		}
		e->alpn[n++] = xstrdup(name);
	}
	free(copy);
	return rc;
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

static bool known_message(const char *m)
{
	static const char *const extra[] = { "HelloRetryRequest", "ChangeCipherSpec", "Alert", "ApplicationData" };
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (!strcmp(m, extra[i]))
			return true;
	for (int t = 0; t < 256; t++)
		if (names_handshake((uint8_t)t) && !strcmp(names_handshake((uint8_t)t), m))
			return true;
	return false;
}

static bool number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (!*s || *end || errno || v > max || *s == '-')
		return false;
	*out = v;
	return true;
}

/*
 * fault = SIDE TARGET ACTION
 *   SIDE   client | server
 *   TARGET a message name (ClientHello, Finished, ...) | record N
 *   ACTION flip byte N [bit B] | set byte N to V | truncate N | drop | duplicate | reorder
 */
static int fault(struct ctx *c, const char *v)
{
	static const char usage[] = "expected: SIDE MESSAGE-or-'record N' ACTION, e.g. 'server ServerHello flip byte 10 bit 0', "
	                            "'client Finished set byte 4 to 0xff', 'server Certificate drop'";
	struct scenario *sc = c->sc;
	if (sc->nfaults == SPEC_MAX_FAULTS)
		return fail(c, "more than %d faults; expected at most %d", SPEC_MAX_FAULTS, SPEC_MAX_FAULTS);
	char *copy = xstrdup(v), *w[8];
	int n = 0;
	for (char *t = strtok(copy, " \t"); t && n < 8; t = strtok(NULL, " \t"))
		w[n++] = t;
	struct fault f;
	memset(&f, 0, sizeof(f));
	f.line = c->in->line;
	unsigned long num;
	int i = 0, rc = 1;
	if (n < 3) {
		rc = fail(c, "fault = %s: too short; %s", v, usage);
		goto out;
	}
	if (!strcmp(w[0], "client") || !strcmp(w[0], "server"))
		f.from = w[0][0] == 'c' ? SIDE_CLIENT : SIDE_SERVER;
	else {
		rc = fail(c, "fault: '%s' is not an end; expected client or server (the sender of the record)", w[0]);
		goto out;
	}
	i = 1;
	if (!strcmp(w[1], "record")) {
		if (n < 4 || !number(w[2], 1000000, &num) || num == 0) {
			rc = fail(c, "fault: 'record' needs a record number from 1; %s", usage);
			goto out;
		}
		f.record = (unsigned)num;
		i = 3;
	} else if (known_message(w[1])) {
		snprintf(f.message, sizeof(f.message), "%s", w[1]);
		i = 2;
	} else {
		rc = fail(c, "fault: unknown message '%s'; expected a name as the RFCs spell it (ClientHello, ServerKeyExchange, "
		             "Finished, ...) or 'record N'", w[1]);
		goto out;
	}
	const char *a = w[i];
	int left = n - i - 1;
	char **arg = &w[i + 1];
	if (!strcmp(a, "drop") || !strcmp(a, "duplicate") || !strcmp(a, "reorder")) {
		f.action = a[0] == 'd' ? (a[1] == 'r' ? FAULT_DROP : FAULT_DUPLICATE) : FAULT_REORDER;
		if (left) {
			rc = fail(c, "fault: '%s' takes nothing after it", a);
			goto out;
		}
	} else if (!strcmp(a, "truncate")) {
		f.action = FAULT_TRUNCATE;
		if (left != 1 || !number(arg[0], 65535, &num)) {
			rc = fail(c, "fault: expected 'truncate N', N the bytes of record body to keep");
			goto out;
		}
		f.offset = num;
	} else if (!strcmp(a, "flip")) {
		f.action = FAULT_FLIP;
		if ((left != 2 && left != 4) || strcmp(arg[0], "byte") || !number(arg[1], 65535, &num)) {
			rc = fail(c, "fault: expected 'flip byte N' or 'flip byte N bit B'");
			goto out;
		}
		f.offset = num;
		if (left == 4) {
			if (strcmp(arg[2], "bit") || !number(arg[3], 7, &num)) {
				rc = fail(c, "fault: expected 'bit B' with B from 0 to 7");
				goto out;
			}
			f.bit = (uint8_t)num;
		}
	} else if (!strcmp(a, "set")) {
		f.action = FAULT_SET;
		if (left != 4 || strcmp(arg[0], "byte") || !number(arg[1], 65535, &num) || strcmp(arg[2], "to")) {
			rc = fail(c, "fault: expected 'set byte N to V'");
			goto out;
		}
		f.offset = num;
		if (!number(arg[3], 255, &num)) {
			rc = fail(c, "fault: the value '%s' is no byte; expected 0 to 255 or 0x00 to 0xff", arg[3]);
			goto out;
		}
		f.value = (uint8_t)num;
	} else {
		rc = fail(c, "fault: unknown action '%s'; expected flip, set, truncate, drop, duplicate or reorder", a);
		goto out;
	}
	sc->faults[sc->nfaults++] = f;
out:
	free(copy);
	return rc;
}

static int endpoint(struct ctx *c, struct endpoint_spec *e, const char *key, const char *v)
{
	if (!strcmp(key, "versions"))
		return versions(c, v, e);
	if (!strcmp(key, "suites"))
		return suites(c, v, e);
	if (!strcmp(key, "cert"))
		return credential(c, &e->cert, v), 1;
	if (!strcmp(key, "key"))
		return credential(c, &e->key, v), 1;
	if (!strcmp(key, "ca"))
		return credential(c, &e->ca, v), 1;
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
	return fail(c, "unknown key '%s'; expected versions, suites, groups, sig_algs, alpn, ems, etm, cert, key or ca", key);
}

static int scenario_key(struct ctx *c, const char *key, const char *v)
{
	struct scenario *sc = c->sc;
	if (!strcmp(key, "name"))
		return set_str(&sc->name, v), 1;
	if (!strcmp(key, "title"))
		return set_str(&sc->title, v), 1;
	if (!strcmp(key, "seed")) {
		char *end;
		errno = 0;
		unsigned long long s = strtoull(v, &end, 10);
		if (errno || *end || !*v || *v == '-')
			return fail(c, "seed = %s; expected a whole number", v);
		sc->seed = (uint64_t)s;
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
	return fail(c, "unknown key '%s'; expected title, seed, date, hostname, client_auth, client_data, server_data or "
	               "resume", key);
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

/* Appends a continuation line to a prose value ("a" + " " + "b"). */
static void append_text(char **dst, const char *more)
{
	size_t n = strlen(*dst ? *dst : "") + strlen(more) + 2;
	char *joined = xmalloc(n);
	snprintf(joined, n, "%s%s%s", *dst ? *dst : "", *dst && **dst ? " " : "", more);
	free(*dst);
	*dst = joined;
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
		int n = 0;
		char what[16] = "", extra;
		if (sscanf(until + 7, "%15s %d %c", what, &n, &extra) != 2 || n < 1 ||
		    !((!strcmp(what, "phase") && n <= 4) || (!strcmp(what, "step") && n <= LESSON_MAX_STEPS)))
			return fail(c, "hide = %s; expected 'until phase N' (1 to 4) or 'until step N' (1 to %d)", value,
			            LESSON_MAX_STEPS);
		if (!strcmp(what, "phase"))
			l->hide_phase = n;
		else
			l->hide_step = n;
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
		append_text(&items[n - 1], value);
		return 1;
	}
	if (n == max)
		return fail(c, "more than %d %s; expected at most %d", max, what, max);
	items[n] = xstrdup(value);
	return 1;
}

static int lesson_key(struct ctx *c, enum section sec, const char *section, const char *name, const char *value)
{
	struct lesson *l = &c->sc->lesson;
	int n = 0;
	if (sec == SEC_STEP)
		sscanf(section, "step %d", &n);
	struct lesson_step *st = &l->steps[n];
	bool cont = c->in->indented && !strcmp(c->last_key, name);
	snprintf(c->last_key, sizeof(c->last_key), "%s", name);
	char **text = NULL;
	if (sec == SEC_LESSON)
		text = !strcmp(name, "title") ? &l->title : !strcmp(name, "intro") ? &l->intro
		     : !strcmp(name, "summary") ? &l->summary : NULL;
	else
		text = !strcmp(name, "say") ? &st->say : !strcmp(name, "ask") ? &st->ask
		     : !strcmp(name, "explain") ? &st->explain : NULL;
	if (sec == SEC_STEP && n > l->nsteps)
		l->nsteps = n;
	if (sec == SEC_STEP && !st->line)
		st->line = c->in->line; /* the step's first key: where a whole-step complaint points */
	if (text) {
		if (!cont && *text)
			return fail(c, "'%s' is given twice in [%s]; expected it once (continue prose on indented lines)", name,
			            section);
		if (cont || !*text) {
			append_text(text, value);
			return 1;
		}
	}
	if (sec == SEC_LESSON && !strcmp(name, "try"))
		return list_key(c, l->tries, LESSON_MAX_TRIES, cont, value, "'try' lines");
	if (sec == SEC_STEP && !strcmp(name, "choice"))
		return list_key(c, st->choices, LESSON_MAX_CHOICES, cont, value, "choices");
	if (sec == SEC_STEP && !strcmp(name, "answer")) {
		char *end;
		long a = strtol(value, &end, 10);
		if (*end || a < 1 || a > LESSON_MAX_CHOICES)
			return fail(c, "answer = %s; expected the number of the right choice (1 for the first)", value);
		st->answer = (int)a;
		return 1;
	}
	if ((sec == SEC_LESSON && !strcmp(name, "hide")) || (sec == SEC_STEP && !strcmp(name, "show")))
		return panes_key(c, sec == SEC_LESSON, value, sec == SEC_LESSON ? &l->hide : &st->show);
	if (sec == SEC_LESSON)
		return fail(c, "unknown key '%s' in [lesson]; expected title, intro, summary, try or hide", name);
	return fail(c, "unknown key '%s' in [%s]; expected say, ask, choice, answer, explain or show", name, section);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct ctx *c = user;
	enum section sec = section_of(section);
	if (c->failed)
		return 0;
	if (!*section)
		return fail(c, "'%s' is outside any section; expected a [scenario], [client], [server], [expect], [faults], [lesson] or [step N] line first",
		            name);
	if (sec == SEC_LESSON || sec == SEC_STEP)
		return lesson_key(c, sec, section, name, value);
	if (c->in->indented && !strcmp(c->last_key, name)) {
		if (!strcmp(name, "suites") && (sec == SEC_CLIENT || sec == SEC_SERVER)) {
			char *raw = c->suites_raw[sec == SEC_SERVER];
			size_t used = strlen(raw);
			snprintf(raw + used, sizeof(c->suites_raw[0]) - used, ",%s", value);
			return suites(c, raw, sec == SEC_CLIENT ? &c->sc->client : &c->sc->server);
		}
		if (strcmp(name, "title") && strcmp(name, "client_data") && strcmp(name, "server_data"))
			return fail(c, "an indented line continues '%s', which takes one line; expected a new key at the start "
			               "of the line", name);
		char **dst = !strcmp(name, "title") ? &c->sc->title
		             : !strcmp(name, "client_data") ? &c->sc->client_data : &c->sc->server_data;
		char *more = unescape(value);
		size_t n = strlen(*dst ? *dst : "") + strlen(more) + 2;
		char *joined = xmalloc(n);
		snprintf(joined, n, "%s%s%s", *dst ? *dst : "", name[0] == 't' ? " " : "", more);
		free(*dst);
		free(more);
		*dst = joined;
		return 1;
	}
	if (sec == SEC_FAULTS) {
		snprintf(c->last_key, sizeof(c->last_key), "%s", name);
		if (strcmp(name, "fault"))
			return fail(c, "unknown key '%s' in [faults]; expected fault = ... (one line per fault)", name);
		return fault(c, value);
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
		if (!strcmp(name, "suites"))
			snprintf(c->suites_raw[sec == SEC_SERVER], sizeof(c->suites_raw[0]), "%s", value);
		return endpoint(c, sec == SEC_CLIENT ? &c->sc->client : &c->sc->server, name, value);
	case SEC_EXPECT:
		return expect_key(c, name, value);
	case SEC_FAULTS:
	case SEC_LESSON:
	case SEC_STEP:
	case SEC_NONE:
		break;
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
	for (int i = 1; i <= sc->lesson.nsteps; i++) {
		const struct lesson_step *st = &sc->lesson.steps[i];
		int nch = 0;
		while (nch < LESSON_MAX_CHOICES && st->choices[nch])
			nch++;
		if ((st->ask || nch || st->answer) && (!st->ask || nch < 2 || st->answer < 1 || st->answer > nch)) {
			snprintf(c->err, c->errlen, "%s:%d: [step %d] has a checkpoint that is not whole; expected ask, at least two "
			         "choice lines and an answer that numbers one of them", c->file, st->line, i);
			return -1;
		}
	}
	if (!sc->title) {
		snprintf(c->err, c->errlen, "%s: [scenario] has no title; expected a one-line title = ...", c->file);
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
	/* Defaults: TLS 1.2 on both ends, library suites, no data. */
	sc->client.min_version = sc->client.max_version = TLS_V12;
	sc->server.min_version = sc->server.max_version = TLS_V12;
	int line = ini_parse_stream(reader, &in, handler, &c);
	if (in.bad_section) {
		snprintf(err, errlen, "%s:%d: unknown section [%s]; expected [scenario], [client], [server], [expect], [faults], [lesson] or [step N] (N from 1 to 64)",
		         file, in.line, in.section);
		return -1;
	}
	if (in.too_long) {
		snprintf(err, errlen, "%s:%d: line too long; expected lines under 200 characters (continue a long value on "
		         "indented lines)", file, in.line);
		return -1;
	}
	/* inih goes on after a line it cannot read: report whichever error came first. */
	if (c.failed && (!line || line >= c.fail_line))
		return -1;
	if (line) {
		snprintf(err, errlen, "%s:%d: cannot read this line; expected [section], key = value, or a ; comment", file,
		         line);
		return -1;
	}
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
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	struct buf text = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&text, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
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
