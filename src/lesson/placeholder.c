/* lesson/placeholder.c — see placeholder.h. */
#include "lesson/placeholder.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lesson/values.h"
#include "spec/scenario.h"
#include "util/hex.h"

#define FORMS "expected {NAME}, {NAME:8}, {step N FIELD}, {step N FIELD:8} or {const TEXT} (a literal brace is {{ or }})"

int placeholder_next(const char **pos, struct narration_piece *out, char *why, size_t n)
{
	const char *p = *pos;
	if (!*p)
		return 0;
	if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
		*out = (struct narration_piece){ false, p, 1 };
		*pos = p + 2;
		return 1;
	}
	if (*p == '}')
		return value_fail(why, n, "a lone '}'; %s", FORMS);
	if (*p == '{') {
		const char *end = p + 1 + strcspn(p + 1, "{}");
		if (*end != '}')
			return value_fail(why, n, "'{' without its '}' (a placeholder closes on its line); %s", FORMS);
		if (end == p + 1)
			return value_fail(why, n, "an empty placeholder {}; %s", FORMS);
		*out = (struct narration_piece){ true, p + 1, (size_t)(end - p - 1) };
		*pos = end + 1;
		return 1;
	}
	size_t len = strcspn(p, "{}");
	*out = (struct narration_piece){ false, p, len };
	*pos = p + len;
	return 1;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool path_char(char c)
{
	return name_char(c) || c == '.' || c == '[' || c == ']' || c == '-';
}

/* s[0..len) whole as a number from 1 to max. */
static bool small_number(const char *s, size_t len, int max, int *out)
{
	char buf[16];
	uint64_t v;
	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!value_number(buf, (uint64_t)max, &v) || v < 1)
		return false;
	*out = (int)v;
	return true;
}

/* NAME or NAME:CUT at s[0..len) into p->name and p->cut, NAME's characters allowed by ok. */
static int name_cut(const char *s, size_t len, bool (*ok)(char), struct placeholder *p, char *why, size_t n)
{
	const char *colon = memchr(s, ':', len);
	size_t nlen = colon ? (size_t)(colon - s) : len;
	if (!nlen || nlen >= sizeof(p->name))
		return value_fail(why, n, "{%.*s}: no name, or a name of more than %d characters; %s", (int)len, s,
		                  PLACEHOLDER_MAX_NAME - 1, FORMS);
	for (size_t i = 0; i < nlen; i++)
		if (!ok(s[i]))
			return value_fail(why, n, "{%.*s}: '%c' cannot be in a name; %s", (int)len, s, s[i], FORMS);
	memcpy(p->name, s, nlen);
	p->name[nlen] = '\0';
	p->cut = 0;
	if (colon && !small_number(colon + 1, len - nlen - 1, PLACEHOLDER_MAX_CUT, &p->cut))
		return value_fail(why, n, "{%.*s}: the cut after ':' is the number of hex digits to show, from 1 to %d",
		                  (int)len, s, PLACEHOLDER_MAX_CUT);
	return 0;
}

int placeholder_parse(const char *s, size_t len, struct placeholder *p, char *why, size_t n)
{
	memset(p, 0, sizeof(*p));
	if (len > 2 && !strncmp(s, "b ", 2)) { /* run B's value; the rest reads as any placeholder */
		if ((len > 4 && !strncmp(s + 2, "b ", 2)) || (len >= 7 && !strncmp(s + 2, "const", 5)))
			return value_fail(why, n, "{%.*s}: expected {b NAME} or {b step N FIELD} (run B's value once)", (int)len, s);
		if (placeholder_parse(s + 2, len - 2, p, why, n))
			return -1;
		p->run_b = true;
		return 0;
	}
	if (len > 6 && !strncmp(s, "const ", 6)) {
		p->kind = PLACEHOLDER_CONST;
		p->text = s + 6;
		p->len = len - 6;
		return 0;
	}
	if (len > 5 && !strncmp(s, "step ", 5)) {
		const char *num = s + 5;
		const char *sp = memchr(num, ' ', len - 5);
		p->kind = PLACEHOLDER_STEP;
		if (!sp || !small_number(num, (size_t)(sp - num), LESSON_MAX_STEPS, &p->step))
			return value_fail(why, n, "{%.*s}: expected {step N FIELD}, N from 1 to %d, then a field's name or path "
			                  "such as record.length", (int)len, s, LESSON_MAX_STEPS);
		return name_cut(sp + 1, len - (size_t)(sp + 1 - s), path_char, p, why, n);
	}
	if ((len == 5 && !strncmp(s, "const", 5)) || (len == 4 && !strncmp(s, "step", 4)))
		return value_fail(why, n, "{%.*s} without what follows; %s", (int)len, s, FORMS);
	p->kind = PLACEHOLDER_NAME;
	return name_cut(s, len, name_char, p, why, n);
}

static bool is_hex(char c)
{
	return hex_nibble(c) >= 0;
}

/* Four or more "xx" bytes separated by single spaces at s (a word's start): their length, else 0. */
static size_t spaced_bytes(const char *s, const char *end)
{
	const char *p = s;
	int bytes = 0;
	for (;;) {
		if (end - p < 2 || !is_hex(p[0]) || !is_hex(p[1]) || (end - p > 2 && name_char(p[2])))
			break;
		bytes++;
		p += 2;
		if (end - p < 3 || p[0] != ' ' || !is_hex(p[1]))
			break;
		p++;
	}
	return bytes >= 4 ? (size_t)(p - s) : 0;
}

const char *placeholder_literal(const char *s, size_t len, size_t *found)
{
	const char *end = s + len;
	for (const char *p = s; p < end; p++) {
		if (p > s && name_char(p[-1]))
			continue; /* only a word's start */
		size_t sb = spaced_bytes(p, end);
		if (sb) {
			*found = sb;
			return p;
		}
		const char *q = p;
		bool letter = false, digit = false;
		while (q < end && is_hex(*q)) {
			letter |= !(*q >= '0' && *q <= '9');
			digit |= *q >= '0' && *q <= '9';
			q++;
		}
		size_t k = (size_t)(q - p);
		if (k >= 8 && !(q < end && name_char(*q)) && digit && (letter || k > 10)) {
			*found = k;
			return p;
		}
	}
	return NULL;
}

int placeholder_scan_line(const char *line, void (*cb)(void *, bool literal, const char *, size_t), void *arg,
                          char *why, size_t n)
{
	const char *pos = line;
	struct narration_piece pc;
	int rc;
	while ((rc = placeholder_next(&pos, &pc, why, n)) > 0) {
		if (pc.placeholder) {
			struct placeholder ph;
			if (placeholder_parse(pc.s, pc.len, &ph, why, n))
				return -1;
			cb(arg, false, pc.s, pc.len);
			continue;
		}
		size_t k;
		for (const char *s = pc.s, *lit; (lit = placeholder_literal(s, pc.len - (size_t)(s - pc.s), &k)); s = lit + k)
			cb(arg, true, lit, k);
	}
	return rc;
}

int placeholder_answer_from(const char *v, char *out, size_t outlen, char *why, size_t n)
{
	char buf[160];
	const char *ref = v;
	if (!strncmp(v, "secret ", 7))
		ref = v + 7;
	if (!strncmp(v, "step ", 5)) {
		const char *f = strstr(v, " field ");
		if (f) {
			snprintf(buf, sizeof(buf), "%.*s %s", (int)(f - v), v, f + 7);
			ref = buf;
		}
	}
	struct placeholder ph;
	char inner[200];
	if (placeholder_parse(ref, strlen(ref), &ph, inner, sizeof(inner)) || ph.kind == PLACEHOLDER_CONST || ph.cut || ph.run_b ||
	    strlen(ref) >= outlen)
		return value_fail(why, n, "answer_from = %s; expected step N field NAME (or a path such as record.length), "
		                  "or secret NAME", v);
	snprintf(out, outlen, "%s", ref);
	return 0;
}

int placeholder_ask_value(const char *v, int *bytes, bool *number, char *why, size_t n)
{
	*bytes = 0;
	*number = false;
	if (!strcmp(v, "number")) {
		*number = true;
		return 0;
	}
	if (!strncmp(v, "hex ", 4) && small_number(v + 4, strlen(v + 4), 64, bytes))
		return 0;
	return value_fail(why, n, "ask_value = %s; expected hex N (the first N bytes, N from 1 to 64) or number", v);
}
