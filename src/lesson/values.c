/* lesson/values.c — see values.h. */
#include "lesson/values.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hex.h"
#include "util/words.h"
#include "lesson/lists.h"
#include "wire/names.h"
#include "wire/rewrite.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool value_number(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		const char *p = s + 2;
		if (!*p)
			return false;
		for (; *p; p++) {
			int d = hex_nibble(*p);
			if (d < 0 || (uint64_t)d > max || v > (max >> 4) || (v << 4) > max - (uint64_t)d)
				return false;
			v = (v << 4) | (uint64_t)d;
		}
	} else {
		if (!*s || (s[0] == '0' && s[1]))
			return false; /* empty, or a leading zero: C's octal, a person's decimal */
		for (const char *p = s; *p; p++) {
			if (!is_digit(*p))
				return false;
			uint64_t d = (uint64_t)(*p - '0');
			if (d > max || v > (max - d) / 10)
				return false;
			v = v * 10 + d;
		}
	}
	*out = v;
	return true;
}

int value_fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* One version token: p..end, spaces around already skipped by the caller. */
static int one_version(const char *p, size_t len, uint16_t *out, char *why, size_t n)
{
	if (len == 3 && !strncmp(p, "1.2", 3))
		*out = TLS_V12;
	else if (len == 3 && !strncmp(p, "1.3", 3))
		*out = TLS_V13;
	else
		return value_fail(why, n, "version %.*s: mbed TLS 3.6 speaks TLS 1.2 and 1.3; expected 1.2 or 1.3", (int)len, p);
	return 0;
}

/* The length of the run of [0-9.] at *p, after moving *p past blanks. */
static size_t version_token(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
	return strspn(*p, "0123456789.");
}

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int value_versions(const char *v, uint16_t *min, uint16_t *max, char *why, size_t n)
{
	static const char expected[] = "expected 1.2, 1.3 or a range such as 1.2-1.3";
	const char *a = v;
	size_t alen = version_token(&a);
	const char *rest = skip_blank(a + alen);
	const char *b = NULL;
	size_t blen = 0;
	if (*rest == '-') {
		b = rest + 1;
		blen = version_token(&b);
		rest = skip_blank(b + blen);
	}
	if (*rest == ',' && alen)
		return value_fail(why, n, "versions = %s: a list; expected one version or a range, lowest first "
		                "(1.2-1.3 for both: an end speaks every version from its lowest to its highest)", v);
	if (!alen || *rest || (b && !blen))
		return value_fail(why, n, "versions = %s; %s", v, expected);
	uint16_t w[2];
	if (one_version(a, alen, &w[0], why, n) || one_version(b ? b : a, b ? blen : alen, &w[1], why, n))
		return -1;
	if (w[0] > w[1])
		return value_fail(why, n, "versions = %s: the lowest comes first; expected e.g. 1.2-1.3", v);
	*min = w[0];
	*max = w[1];
	return 0;
}

/* Exactly `digits` decimal digits at *p into *out; advances *p. */
static bool fixed(const char **p, int digits, int *out)
{
	int v = 0;
	for (int i = 0; i < digits; i++) {
		if (!is_digit((*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += digits;
	*out = v;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int value_date(const char *v, int64_t *t, char *why, size_t n)
{
	static const char form[] = "expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (UTC)";
	static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
		                                  "August", "September", "October", "November", "December" };
	const char *p = v;
	int y, mo, d, h = 12, mi = 0, s = 0;
	if (!fixed(&p, 4, &y) || *p++ != '-' || !fixed(&p, 2, &mo) || *p++ != '-' || !fixed(&p, 2, &d))
		return value_fail(why, n, "date = %s; %s", v, form);
	if (*p) {
		const char *q = skip_blank(p);
		if (q == p || !fixed(&q, 2, &h) || *q++ != ':' || !fixed(&q, 2, &mi) || *q++ != ':' || !fixed(&q, 2, &s) || *q)
			return value_fail(why, n, "date = %s; %s", v, form);
	}
	if (y < 1970 || mo < 1 || mo > 12 || d < 1)
		return value_fail(why, n, "date = %s; %s, a year from 1970", v, form);
	if (d > days_in_month(y, mo))
		return value_fail(why, n, "date = %s: %s %d has %d days; %s", v, months[mo - 1], y, days_in_month(y, mo), form);
	if (h > 23 || mi > 59 || s > 59)
		return value_fail(why, n, "date = %s: no such time of day; %s, 00:00:00 to 23:59:59", v, form);
	*t = words_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
	return 0;
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

/* A fault's number: a byte offset, a record, a bit, a value. */
static bool fault_number(const char *s, uint64_t max, size_t *out)
{
	uint64_t v;
	if (!value_number(s, max, &v))
		return false;
	*out = (size_t)v;
	return true;
}

#define FAULT_MAX_WORDS 9 /* client record N flip byte N bit B */

int value_fault(const char *v, int line, struct fault *out, char *why, size_t n)
{
	static const char usage[] = "expected: SIDE MESSAGE-or-'record N' ACTION, e.g. 'server ServerHello flip byte 10 bit 0', "
	                            "'client Finished set byte 4 to 0xff', 'server Certificate drop'";
	char *copy = xstrdup(v), *w[FAULT_MAX_WORDS + 1];
	int nw = 0, rc = -1;
	for (char *t = strtok(copy, " \t"); t && nw <= FAULT_MAX_WORDS; t = strtok(NULL, " \t"))
		w[nw++] = t;
	struct fault f;
	memset(&f, 0, sizeof(f));
	f.line = line;
	size_t num;
	int i;
	if (nw < 3) {
		value_fail(why, n, "fault = %s: too short; %s", v, usage);
		goto out;
	}
	if (!strcmp(w[0], "client") || !strcmp(w[0], "server")) {
		f.from = w[0][0] == 'c' ? SIDE_CLIENT : SIDE_SERVER;
	} else {
		value_fail(why, n, "fault: '%s' is not an end; expected client or server (the sender of the record)", w[0]);
		goto out;
	}
	if (!strcmp(w[1], "record")) {
		if (nw < 4 || !fault_number(w[2], 1000000, &num) || num == 0) {
			value_fail(why, n, "fault: 'record' needs a record number from 1 (%s); %s", VALUE_NUMBER_RULE, usage);
			goto out;
		}
		f.record = (unsigned)num;
		i = 3;
	} else if (known_message(w[1]) || !strcmp(w[1], FAULT_RENEG_INFO)) {
		snprintf(f.message, sizeof(f.message), "%s", w[1]);
		i = 2;
	} else {
		value_fail(why, n, "fault: unknown message '%s'; expected a name as the RFCs spell it (ClientHello, "
		         "ServerKeyExchange, Finished, ...), 'record N' or renegotiation_info", w[1]);
		goto out;
	}
	const char *a = w[i];
	int left = nw - i - 1, most;
	char **arg = &w[i + 1];
	if (!strcmp(a, "drop") || !strcmp(a, "duplicate") || !strcmp(a, "reorder")) {
		f.action = a[0] == 'd' ? (a[1] == 'r' ? FAULT_DROP : FAULT_DUPLICATE) : FAULT_REORDER;
		most = 0;
	} else if (!strcmp(a, "truncate")) {
		f.action = FAULT_TRUNCATE;
		most = 1;
	} else if (!strcmp(a, "flip")) {
		f.action = FAULT_FLIP;
		most = 4;
	} else if (!strcmp(a, "set")) {
		f.action = FAULT_SET;
		most = 4;
	} else {
		value_fail(why, n, "fault: unknown action '%s'; expected flip, set, truncate, drop, duplicate or reorder", a);
		goto out;
	}
	if (left > most) {
		value_fail(why, n, "fault: '%s' after a whole '%s' fault; expected nothing more (a ; comment needs a space "
		         "before it)", arg[most], a);
		goto out;
	}
	switch (f.action) {
	case FAULT_DROP:
	case FAULT_DUPLICATE:
	case FAULT_REORDER:
	case FAULT_REWRITE: /* value_rewrite's */
		break;
	case FAULT_TRUNCATE:
		if (left != 1 || !fault_number(arg[0], 65535, &f.offset)) {
			value_fail(why, n, "fault: expected 'truncate N', N the bytes of record body to keep (0 to 65535, %s)",
			         VALUE_NUMBER_RULE);
			goto out;
		}
		break;
	case FAULT_FLIP:
		if ((left != 2 && left != 4) || strcmp(arg[0], "byte") || !fault_number(arg[1], 65535, &f.offset)) {
			value_fail(why, n, "fault: expected 'flip byte N' or 'flip byte N bit B' (N from 0 to 65535, %s)",
			         VALUE_NUMBER_RULE);
			goto out;
		}
		if (left == 4) {
			if (strcmp(arg[2], "bit") || !fault_number(arg[3], 7, &num)) {
				value_fail(why, n, "fault: expected 'bit B' with B from 0 to 7");
				goto out;
			}
			f.bit = (uint8_t)num;
		}
		break;
	case FAULT_SET:
		if (left != 4 || strcmp(arg[0], "byte") || !fault_number(arg[1], 65535, &f.offset) || strcmp(arg[2], "to")) {
			value_fail(why, n, "fault: expected 'set byte N to V' (N from 0 to 65535, %s)", VALUE_NUMBER_RULE);
			goto out;
		}
		if (!fault_number(arg[3], 255, &num)) {
			value_fail(why, n, "fault: the value '%s' is no byte; expected 0 to 255 or 0x00 to 0xff (%s)", arg[3],
			         VALUE_NUMBER_RULE);
			goto out;
		}
		f.value = (uint8_t)num;
		break;
	}
	/* Not a record: the verify_data an end quotes in its renegotiation_info (12 bytes from the
	 * client; the server's 24 are the client's then its own, RFC 5746 §3.6). */
	if (!strcmp(f.message, FAULT_RENEG_INFO) &&
	    ((f.action != FAULT_FLIP && f.action != FAULT_SET) || f.offset >= (f.from == SIDE_CLIENT ? 12u : 24u))) {
		value_fail(why, n, "fault: renegotiation_info takes 'flip byte N [bit B]' or 'set byte N to V', N from 0 to "
		           "%d (the verify_data the %s quotes)", f.from == SIDE_CLIENT ? 11 : 23, side_name(f.from));
		goto out;
	}
	*out = f;
	rc = 0;
out:
	free(copy);
	return rc;
}

int value_rewrite(const char *v, int line, struct fault *out, char *why, size_t n)
{
	static const char usage[] = "expected: SIDE MESSAGE FIELD VALUE[, VALUE ...], e.g. 'client ClientHello "
	                            "cipher_suites TLS_RSA_WITH_AES_128_CBC_SHA'";
	/* Three words, then the value: the rest of the line (a list may have spaces after its commas). */
	char *copy = xstrdup(v), *w[3], *rest = copy;
	int nw = 0, rc = -1;
	while (nw < 3) {
		rest += strspn(rest, " \t");
		if (!*rest)
			break;
		w[nw++] = rest;
		rest += strcspn(rest, " \t");
		if (*rest)
			*rest++ = '\0';
	}
	rest += strspn(rest, " \t");
	struct fault f;
	memset(&f, 0, sizeof(f));
	f.line = line;
	f.action = FAULT_REWRITE;
	char fields[200], messages[300];
	rewrite_messages(messages, sizeof(messages));
	if (nw < 3 || !rest || !*rest) {
		value_fail(why, n, "rewrite = %s: too short; %s", v, usage);
		goto out;
	}
	if (strcmp(w[0], "client") && strcmp(w[0], "server")) {
		value_fail(why, n, "rewrite: '%s' is not an end; expected client or server (the sender of the message)", w[0]);
		goto out;
	}
	f.from = w[0][0] == 'c' ? SIDE_CLIENT : SIDE_SERVER;
	if (!known_message(w[1])) {
		value_fail(why, n, "rewrite: unknown message '%s'; expected %s", w[1], messages);
		goto out;
	}
	snprintf(f.message, sizeof(f.message), "%s", w[1]);
	const struct rewrite_field *rf = rewrite_field_find(w[1], w[2], fields, sizeof(fields));
	if (!rf) {
		if (fields[0])
			value_fail(why, n, "rewrite: %s has no field '%s' a rewrite can set; the fields that exist are %s", w[1],
			           w[2], fields);
		else
			value_fail(why, n, "rewrite: no field of %s can be rewritten; expected %s", w[1], messages);
		goto out;
	}
	snprintf(f.field, sizeof(f.field), "%s", rf->name);
	char key[64];
	snprintf(key, sizeof(key), "rewrite %s", rf->name);
	int count = 0;
	switch (rf->kind) {
	case REWRITE_SUITES:
		if (lists_suites(rest, f.codes, &count, why, n))
			goto out;
		break;
	case REWRITE_VERSIONS:
	case REWRITE_GROUPS:
	case REWRITE_SIGALGS: {
		uint16_t (*lookup)(const char *) = rf->kind == REWRITE_VERSIONS ? rewrite_version_by_name
		                                   : rf->kind == REWRITE_GROUPS ? names_group_by_name
		                                                                 : names_sigscheme_by_name;
		const char *ex = rf->kind == REWRITE_VERSIONS ? "TLS1.2, TLS1.3"
		                 : rf->kind == REWRITE_GROUPS ? "x25519, secp256r1" : "rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256";
		uint16_t codes[SPEC_MAX_SUITES + 1];
		if (lists_codes(key, rest, codes, SPEC_MAX_SUITES, lookup, ex, why, n))
			goto out;
		while (count < SPEC_MAX_SUITES && codes[count])
			f.codes[count] = codes[count], count++;
		break;
	}
	}
	if (!count) {
		value_fail(why, n, "rewrite: %s needs its new value after its name ('default' means nothing here); %s",
		           rf->name, usage);
		goto out;
	}
	if (rf->single && count != 1) {
		value_fail(why, n, "rewrite: %s holds one code; expected one value, not %d", rf->name, count);
		goto out;
	}
	f.ncodes = (size_t)count;
	*out = f;
	rc = 0;
out:
	free(copy);
	return rc;
}

bool value_step_section(const char *section, int *step)
{
	uint64_t v;
	if (strncmp(section, "step", 4) || (section[4] != ' ' && section[4] != '\t'))
		return false;
	if (!value_number(skip_blank(section + 4), LESSON_MAX_STEPS, &v) || v < 1)
		return false;
	*step = (int)v;
	return true;
}

bool value_row_section(const char *section, int *row)
{
	uint64_t v;
	if (strncmp(section, "row", 3) || (section[3] != ' ' && section[3] != '\t'))
		return false;
	if (!value_number(skip_blank(section + 3), LESSON_MAX_ROWS, &v) || v < 1)
		return false;
	*row = (int)v;
	return true;
}

int value_until(const char *v, int *phase, int *step, char *why, size_t n)
{
	const char *p = skip_blank(v);
	bool is_phase = !strncmp(p, "phase", 5) && (p[5] == ' ' || p[5] == '\t');
	bool is_step = !strncmp(p, "step", 4) && (p[4] == ' ' || p[4] == '\t');
	uint64_t num = 0;
	if ((!is_phase && !is_step) || !value_number(skip_blank(p + (is_phase ? 5 : 4)), is_phase ? 4 : LESSON_MAX_STEPS, &num) ||
	    num < 1)
		return value_fail(why, n, "expected 'until phase N' (1 to 4) or 'until step N' (1 to %d)", LESSON_MAX_STEPS);
	*phase = is_phase ? (int)num : 0;
	*step = is_step ? (int)num : 0;
	return 0;
}

bool value_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		size_t k;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			k = 1, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			k = 3, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		p += k + 1;
	}
	return true;
}

void value_text_append(struct value_text *t, char **dst, const char *sep, const char *more)
{
	if (t->dst != dst || !*dst || *dst != t->data) {
		t->dst = dst;
		t->len = *dst ? strlen(*dst) : 0;
		t->cap = t->len + 1;
		if (!*dst)
			*dst = xcalloc(1, 1);
	}
	size_t ns = t->len ? strlen(sep) : 0, nm = strlen(more);
	size_t need = t->len + ns + nm + 1;
	if (need > t->cap) {
		size_t cap = t->cap * 2 > need ? t->cap * 2 : need;
		*dst = xrealloc(*dst, cap);
		t->cap = cap;
	}
	memcpy(*dst + t->len, sep, ns);
	memcpy(*dst + t->len + ns, more, nm + 1);
	t->len += ns + nm;
	t->data = *dst;
}
