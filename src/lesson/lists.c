/* lesson/lists.c — see lists.h. */
#include "lesson/lists.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/values.h"
#include "util/buf.h"
#include "util/words.h"
#include "wire/names.h"

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

int lists_suites(const char *v, uint16_t *suites, int *count, char *why, size_t wn)
{
	char *copy = xstrdup(v);
	size_t n = (size_t)*count;
	int rc = 0;
	if (!n)
		memset(suites, 0, SPEC_MAX_SUITES * sizeof(*suites));
	if (!n && !strcmp(trim(copy), "default"))
		goto out;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *name = trim(tok);
		if (!*name)
			continue;
		const struct suite_info *s = names_suite_by_name(name);
		if (!s) {
			rc = value_fail(why, wn, "unknown cipher suite '%s'; did you mean %s?", name, closest_suite(name));
			goto out;
		}
		if (n == SPEC_MAX_SUITES) {
			rc = value_fail(why, wn, "more than %d cipher suites; expected at most %d", SPEC_MAX_SUITES, SPEC_MAX_SUITES);
			goto out;
		}
		suites[n++] = s->id;
	}
	if (!n)
		rc = value_fail(why, wn, "suites is empty; expected suite names separated by commas, or 'default'");
out:
	*count = (int)n;
	free(copy);
	return rc;
}

int lists_codes(const char *key, const char *v, uint16_t *out, size_t cap, uint16_t (*lookup)(const char *),
                const char *examples, char *why, size_t wn)
{
	char *copy = xstrdup(v);
	size_t n = 0;
	int rc = 0;
	memset(out, 0, cap * sizeof(*out));
	if (!strcmp(trim(copy), "default"))
		goto out;
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *name = trim(tok);
		if (!*name)
			continue;
		uint16_t code = lookup(name);
		if (!code) {
			rc = value_fail(why, wn, "unknown name '%s' in %s; expected names such as %s", name, key, examples);
			goto out;
		}
		if (n == cap) {
			rc = value_fail(why, wn, "more than %zu names in %s", cap, key);
			goto out;
		}
		out[n++] = code;
	}
	if (!n)
		rc = value_fail(why, wn, "%s is empty; expected names separated by commas, or 'default'", key);
out:
	free(copy);
	return rc;
}

/* A comma-separated list of words into out[0..cap) (owned copies; those there before are freed);
 * a word longer than maxlen, with a space when !spaces, or one too many is refused with `rule`. */
static int word_list(const char *v, char **out, size_t cap, size_t maxlen, bool spaces, const char *rule, char *why,
                     size_t wn)
{
	char *copy = xstrdup(v);
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < cap && out[i]; i++) {
		free(out[i]);
		out[i] = NULL;
	}
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		char *name = trim(tok);
		if (!*name)
			continue;
		if (n == cap || strlen(name) > maxlen || (!spaces && strpbrk(name, " \t"))) {
			rc = value_fail(why, wn, "%s", rule);
			break;
		}
		out[n++] = xstrdup(name);
	}
	free(copy);
	return rc;
}

int lists_alpn(const char *v, char **alpn, char *why, size_t wn)
{
	return word_list(v, alpn, SPEC_MAX_ALPN, 255, true, "alpn: expected at most 4 protocol names of at most 255 characters",
	                 why, wn);
}

int lists_names(const char *v, char **names, char *why, size_t wn)
{
	return word_list(strcmp(v, "none") ? v : "", names, SPEC_MAX_NAMES, 253, false,
	                 "names: expected at most 4 host names (www.example.com) of at most 253 characters, "
	                 "separated by commas, or 'none'", why, wn);
}
