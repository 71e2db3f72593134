/* Unit tests for lesson/scenario_file: good files parse; each broken one gives
 * its exact file:line message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/scenario_file.h"
#include "lesson/values.h"

static const char good[] =
	"; a comment\n"
	"[scenario]\n"
	"title = A test\n"
	"seed = 42\n"
	"date = 2030-02-03 04:05:06\n"
	"hostname = test.example\n"
	"client_auth = required\n"
	"client_data = a\\r\\nb\n"
	"[client]\n"
	"versions = 1.2-1.3\n"
	"suites = TLS_AES_128_GCM_SHA256,\n"
	"  TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256\n"
	"cert = client-rsa.crt\n"
	"key = client-rsa.key\n"
	"[server]\n"
	"suites = default\n"
	"cert = server-rsa.crt\n"
	"key = server-rsa.key\n"
	"ca = ca-rsa.crt\n"
	"[expect]\n"
	"result = failure\n"
	"side = server\n"
	"alert = certificate_required\n";

static void parses_everything(void **state)
{
	(void)state;
	struct scenario sc;
	char err[256] = "";
	scenario_init(&sc);
	int rc = scenario_file_parse("good.scenario", good, &sc, err, sizeof(err));
	if (rc)
		fail_msg("%s", err);
	assert_string_equal(sc.name, "good");
	assert_string_equal(sc.title, "A test");
	assert_int_equal(sc.seed, 42);
	assert_int_equal(sc.sim_time, 1896321906); /* 2030-02-03 04:05:06 UTC, as Python calendar.timegm says */
	assert_string_equal(sc.hostname, "test.example");
	assert_int_equal(sc.client_auth, CLIENT_AUTH_REQUIRED);
	assert_string_equal(sc.client_data, "a\r\nb");
	assert_int_equal(sc.client.min_version, TLS_V12);
	assert_int_equal(sc.client.max_version, TLS_V13);
	assert_int_equal(sc.client.suites[0], 0x1301);
	assert_int_equal(sc.client.suites[1], 0xc02f);
	assert_int_equal(sc.client.suites[2], 0);
	assert_int_equal(sc.server.suites[0], 0);
	assert_int_equal(sc.server.min_version, TLS_V12);
	assert_string_equal(sc.server.ca, "ca-rsa.crt");
	assert_false(sc.expect.success);
	assert_int_equal(sc.expect.failing_side, SIDE_SERVER);
	assert_int_equal(sc.expect.alert, 116);
	scenario_free(&sc);
}

static const struct {
	const char *text;
	const char *error;
} broken[] = {
	{ "title = x\n", "b.scenario:1: 'title' is outside any section" },
	{ "[scenario]\ntitle = x\n[clinet]\n", "b.scenario:3: unknown section [clinet]; expected [scenario]" },
	{ "[scenario]\ntitle = x\nseeds = 3\n", "b.scenario:3: unknown key 'seeds'; expected title, seed" },
	{ "[scenario]\ntitle = x\nseed = 1x\n", "b.scenario:3: seed = 1x; expected a whole number" },
	{ "[scenario]\ntitle = x\nseed = 1\nseed = 2\n", "b.scenario:4: 'seed' is given twice in [scenario] (first on line 3)" },
	{ "[scenario]\ntitle = x\ndate = 2025-13-01\n", "b.scenario:3: date = 2025-13-01; expected YYYY-MM-DD" },
	{ "[scenario]\ntitle = x\nclient_auth = maybe\n", "b.scenario:3: client_auth = maybe; expected none, optional or required" },
	{ "[client]\nversions = 1.1\n", "b.scenario:2: version 1.1: mbed TLS 3.6 speaks TLS 1.2 and 1.3" },
	{ "[client]\nversions = 1.3-1.2\n", "b.scenario:2: versions = 1.3-1.2: the lowest comes first" },
	{ "[client]\nsuites = TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265\n",
	  "b.scenario:2: unknown cipher suite 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265'; did you mean "
	  "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256?" },
	{ "[client]\nsuites = TLS_AES_128_GCM_SHA256,\n  NOPE\n", "b.scenario:3: unknown cipher suite 'NOPE'" },
	{ "[client]\ncertificate = a.crt\n", "b.scenario:2: unknown key 'certificate'; expected versions, suites" },
	{ "[expect]\nresult = maybe\n", "b.scenario:2: result = maybe; expected success or failure" },
	{ "[expect]\nalert = no_such_alert\n", "b.scenario:2: alert = no_such_alert; expected an alert name" },
	{ "[expect]\nside = both\n", "b.scenario:2: side = both; expected client or server" },
	{ "[scenario]\ntitle = x\nseed =\n", "b.scenario:3: 'seed' has no value" },
	{ "[scenario]\ntitle = x\nseed = 1\n  2\n", "b.scenario:4: an indented line continues 'seed'" },
	{ "[scenario\ntitle = x\n", "b.scenario:1: cannot read this line; expected [section], key = value" },
	{ "[scenario]\ntitle = x\n[server]\ncert = s.crt\n", "b.scenario: [server] needs cert and key" },
	{ "[scenario]\n[server]\ncert = s.crt\nkey = s.key\n", "b.scenario: [scenario] has no title" },
	{ "[scenario]\ntitle = x\n[server]\ncert = s.crt\nkey = s.key\n[client]\ncert = c.crt\n",
	  "b.scenario: [client] has a cert without a key" },
};

/* A lesson's repeatable keys continue on indented lines like its prose does. */
static void lesson_lists_continue(void **state)
{
	(void)state;
	static const char text[] =
		"[scenario]\ntitle = t\n[client]\nca = ca-rsa.crt\n[server]\ncert = server-rsa.crt\nkey = server-rsa.key\n"
		"[lesson]\ntitle = L\n"
		"try = first suggestion\n  continued\n"
		"try = second\n"
		"[step 2]\n"
		"ask = Which?\n"
		"choice = one,\n  still one\n"
		"choice = two\n"
		"  and more of two\n"
		"answer = 2\n";
	struct scenario sc;
	char err[256] = "";
	scenario_init(&sc);
	if (scenario_file_parse("l.lesson", text, &sc, err, sizeof(err)))
		fail_msg("%s", err);
	assert_string_equal(sc.lesson.tries[0], "first suggestion continued");
	assert_string_equal(sc.lesson.tries[1], "second");
	assert_null(sc.lesson.tries[2]);
	assert_string_equal(sc.lesson.steps[2].choices[0], "one, still one");
	assert_string_equal(sc.lesson.steps[2].choices[1], "two and more of two");
	assert_null(sc.lesson.steps[2].choices[2]);
	assert_int_equal(sc.lesson.steps[2].answer, 2);
	scenario_free(&sc);
}

static void broken_files_say_where(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		struct scenario sc;
		char err[512] = "";
		scenario_init(&sc);
		if (scenario_file_parse("b.scenario", broken[i].text, &sc, err, sizeof(err)) == 0)
			fail_msg("case %zu parsed, expected: %s", i, broken[i].error);
		if (strncmp(err, broken[i].error, strlen(broken[i].error)) != 0)
			fail_msg("case %zu:\n  got:      %s\n  expected: %s", i, err, broken[i].error);
		scenario_free(&sc);
	}
}

static void long_line_is_refused(void **state)
{
	(void)state;
	char text[600] = "[scenario]\ntitle = ";
	memset(text + strlen(text), 'x', 400);
	struct scenario sc;
	char err[256] = "";
	scenario_init(&sc);
	assert_int_equal(scenario_file_parse("l.scenario", text, &sc, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "l.scenario:2: a line of 408 characters; expected at most 199"));
	scenario_free(&sc);
}

/* Numbers: decimal without a leading zero or 0x hex, whole, within range; nothing else. */
static void numbers_are_strict(void **state)
{
	(void)state;
	uint64_t v = 99;
	assert_true(value_number("0", 10, &v) && v == 0);
	assert_true(value_number("42", 42, &v) && v == 42);
	assert_true(value_number("0xff", 255, &v) && v == 255);
	assert_true(value_number("0XfF", 255, &v) && v == 255);
	assert_true(value_number("18446744073709551615", UINT64_MAX, &v) && v == UINT64_MAX);
	static const char *const bad[] = { "", "010", "00", "+1", "-1", " 1", "1 ", "1x", "0x", "0x1g", "43", "9",
		                               "0x100", "18446744073709551616", "99999999999999999999", "1.0" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 77;
		if (value_number(bad[i], !strcmp(bad[i], "9") ? 7 : !strcmp(bad[i], "43") ? 42 : !strncmp(bad[i], "0x1", 3) ? 255 : UINT64_MAX, &v))
			fail_msg("'%s' was read as %llu", bad[i], (unsigned long long)v);
		assert_int_equal(v, 77); /* untouched */
	}
}

static void versions_dates_steps(void **state)
{
	(void)state;
	uint16_t lo = 0, hi = 0;
	char why[400];
	assert_int_equal(value_versions("1.3", &lo, &hi, why, sizeof(why)), 0);
	assert_true(lo == TLS_V13 && hi == TLS_V13);
	assert_int_equal(value_versions("1.2 - 1.3", &lo, &hi, why, sizeof(why)), 0);
	assert_true(lo == TLS_V12 && hi == TLS_V13);
	assert_int_equal(value_versions("1.2, 1.3", &lo, &hi, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "a list; expected one version or a range"));
	assert_int_equal(value_versions("1.3 please", &lo, &hi, why, sizeof(why)), -1);
	assert_int_equal(value_versions("1.2-", &lo, &hi, why, sizeof(why)), -1);
	assert_int_equal(value_versions("1.2-1.3-1.3", &lo, &hi, why, sizeof(why)), -1);

	int64_t t = 0;
	assert_int_equal(value_date("2024-02-29", &t, why, sizeof(why)), 0); /* a leap day */
	assert_int_equal(t, 1709208000);                                    /* 12:00:00 UTC, as calendar.timegm says */
	assert_int_equal(value_date("2000-02-29 23:59:59", &t, why, sizeof(why)), 0);
	assert_int_equal(t, 951868799);
	static const char *const bad_dates[] = { "2025-02-30", "2025-02-29", "1900-02-29", "2025-04-31", "2025-06-01junk",
		                                     "2025-06-01 -5:-9:-9", "2025-06-01 24:00:00", "2025-06-01 12:60:00",
		                                     "2025-06-01 12:00:60", "2025-6-1", "2025-06-01 12:00", "1969-12-31",
		                                     "2025-06-01 12:00:00 UTC", "2025-06-0112:00:00" };
	for (size_t i = 0; i < sizeof(bad_dates) / sizeof(bad_dates[0]); i++)
		if (value_date(bad_dates[i], &t, why, sizeof(why)) == 0)
			fail_msg("date '%s' was accepted", bad_dates[i]);
	assert_int_equal(value_date("2025-02-30", &t, why, sizeof(why)), -1);
	assert_string_equal(why, "date = 2025-02-30: February 2025 has 28 days; expected YYYY-MM-DD or YYYY-MM-DD "
	                         "HH:MM:SS (UTC)");

	int step = 0, phase = 0;
	assert_true(value_step_section("step 64", &step) && step == 64);
	assert_false(value_step_section("step 65", &step));
	assert_false(value_step_section("step 4294967297", &step));
	assert_false(value_step_section("step 01", &step));
	assert_false(value_step_section("step 1 x", &step));
	assert_false(value_step_section("step", &step));
	assert_int_equal(value_until("phase 3", &phase, &step, why, sizeof(why)), 0);
	assert_true(phase == 3 && step == 0);
	assert_int_equal(value_until("step 12", &phase, &step, why, sizeof(why)), 0);
	assert_true(phase == 0 && step == 12);
	assert_int_equal(value_until("step 4294967297", &phase, &step, why, sizeof(why)), -1);
	assert_int_equal(value_until("phase 3 now", &phase, &step, why, sizeof(why)), -1);
}

static void faults_use_every_word(void **state)
{
	(void)state;
	struct fault f;
	char why[400];
	assert_int_equal(value_fault("client record 3 flip byte 0x10 bit 7", 9, &f, why, sizeof(why)), 0);
	assert_true(f.from == SIDE_CLIENT && f.record == 3 && f.action == FAULT_FLIP && f.offset == 16 && f.bit == 7);
	assert_int_equal(f.line, 9);
	assert_int_equal(value_fault("server Finished set byte 10 to 0xff", 1, &f, why, sizeof(why)), 0);
	assert_true(f.action == FAULT_SET && f.offset == 10 && f.value == 255 && !strcmp(f.message, "Finished"));
	static const char *const bad[] = { "client record 3 flip byte 0 bit 1 junk", "server Certificate drop now",
		                               "client ClientHello set byte 010 to 1", "client ClientHello set byte 1 to 010",
		                               "client ClientHello truncate 5 6", "client ClientHello flip byte 1 bit 8",
		                               "client record 0 drop", "client record 4294967297 drop",
		                               "client ClientHello flip byte 65536" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (value_fault(bad[i], 1, &f, why, sizeof(why)) == 0)
			fail_msg("fault '%s' was accepted", bad[i]);
	value_fault("client record 3 flip byte 0 bit 1 junk", 1, &f, why, sizeof(why));
	assert_string_equal(why, "fault: 'junk' after a whole 'flip' fault; expected nothing more (a ; comment needs a "
	                         "space before it)");
}

static void utf8_is_checked(void **state)
{
	(void)state;
	static const char *const good_text[] = { "plain", "caf\xc3\xa9", "\xe2\x86\x92 arrow", "\xf0\x9f\x94\x92 lock", "" };
	for (size_t i = 0; i < sizeof(good_text) / sizeof(good_text[0]); i++)
		assert_true(value_utf8(good_text[i], strlen(good_text[i])));
	static const char *const bad_text[] = { "caf\xe9", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		                                    "\xff", "\xc3", "\xe2\x86", "\x80" };
	for (size_t i = 0; i < sizeof(bad_text) / sizeof(bad_text[0]); i++)
		if (value_utf8(bad_text[i], strlen(bad_text[i])))
			fail_msg("case %zu passed as UTF-8", i);
}

/* Growing a value by continuation lines copies each part once: the buffer moves O(log n) times, not n. */
static void continuation_is_linear(void **state)
{
	(void)state;
	struct value_text t = { 0 };
	char *s = NULL;
	const char *last = NULL;
	int moves = 0;
	for (int i = 0; i < 100000; i++) {
		value_text_append(&t, &s, " ", "word");
		if (s != last)
			moves++, last = s;
	}
	assert_int_equal(strlen(s), 100000 * 5 - 1);
	assert_true(moves < 40);
	free(s);

	/* Through the parser: a title of 20,000 continuation lines (about 3.6 MB) is read whole. */
	size_t lines = 20000, n = 0, cap = lines * 190 + 200;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)snprintf(text + n, cap - n, "[scenario]\ntitle = start\n");
	for (size_t i = 0; i < lines; i++) {
		text[n++] = ' ';
		memset(text + n, 'x', 180);
		n += 180;
		text[n++] = '\n';
	}
	n += (size_t)snprintf(text + n, cap - n, "[server]\ncert = s.crt\nkey = s.key\n");
	struct scenario sc;
	char err[256] = "";
	scenario_init(&sc);
	if (scenario_file_parse("big.scenario", text, &sc, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(strlen(sc.title), 5 + lines * 181);
	scenario_free(&sc);
	free(text);
}

/* Lines of 199 characters are read, 200 and 201 refused, as the message says. */
static void line_limit_agrees_with_its_words(void **state)
{
	(void)state;
	for (size_t len = 199; len <= 201; len++) {
		char text[600] = "[scenario]\n";
		size_t at = strlen(text);
		memcpy(text + at, "title = ", 8);
		memset(text + at + 8, 'x', len - 8);
		memcpy(text + at + len, "\r\n[server]\ncert = s.crt\nkey = s.key\n", 37);
		struct scenario sc;
		char err[256] = "", want[128];
		scenario_init(&sc);
		int rc = scenario_file_parse("l.scenario", text, &sc, err, sizeof(err));
		if (len == 199) {
			if (rc)
				fail_msg("a line of 199 characters: %s", err);
			assert_int_equal(strlen(sc.title), 199 - 8);
		} else {
			snprintf(want, sizeof(want), "l.scenario:2: a line of %zu characters; expected at most 199 (continue",
			         len);
			assert_int_equal(rc, -1);
			if (strncmp(err, want, strlen(want)))
				fail_msg("got: %s\nexpected: %s", err, want);
		}
		scenario_free(&sc);
	}
}

static const struct {
	const char *text;
	const char *error;
} more_broken[] = {
	{ "\xef\xbb\xbf[bogus]\ntitle = x\n", "b.scenario:1: unknown section [bogus]; expected [scenario]" },
	{ "\xef\xbb\xbf; a comment\n[scenario]\ntitle = x\nseed = 01\n", "b.scenario:4: seed = 01; expected a whole number" },
	{ "[scenario]\ntitle = caf\xe9\n", "b.scenario:2: not valid UTF-8; expected UTF-8 text" },
	{ "[scenario]\ntitle = x\n  \xff continued\n", "b.scenario:3: not valid UTF-8; expected UTF-8 text" },
	{ "[scenario]\ntitle = x\nseed = 1x\n[bogus]\n", "b.scenario:3: seed = 1x; expected a whole number" },
	{ "[client]\nversions = 1.2, 1.3\n", "b.scenario:2: versions = 1.2, 1.3: a list; expected one version or a range" },
	{ "[scenario]\ntitle = x\ndate = 2025-06-01junk\n", "b.scenario:3: date = 2025-06-01junk; expected YYYY-MM-DD" },
	{ "[step 4294967297]\nsay = x\n", "b.scenario:1: unknown section [step 4294967297]" },
	{ "[expect]\nalert = 040\n", "b.scenario:2: alert = 040; expected an alert name" },
	{ "[step 1]\nanswer = 1x\n", "b.scenario:2: answer = 1x; expected the number of the right choice" },
	{ "[faults]\nfault = client ClientHello set byte 010 to 1\n", "b.scenario:2: fault: expected 'set byte N to V'" },
	{ "[client]\nkex_modes = psk_ke, psk\n", "b.scenario:2: kex_modes = psk_ke, psk; expected psk_ke, psk_dhe_ke or" },
	{ "[server]\nresume_kex_modes = default, psk_ke\n", "b.scenario:2: resume_kex_modes = default, psk_ke; expected" },
	{ "[client]\nkex_modes =\n", "b.scenario:2: " },
};

/* kex_modes words become mbed TLS's bits; resume_kex_modes is kept apart. */
static void kex_modes_read(void **state)
{
	(void)state;
	static const char text[] = "[scenario]\ntitle = x\n[client]\nkex_modes = psk_ke,ephemeral\n"
	                           "resume_kex_modes = psk_ke\n[server]\ncert = server-rsa.crt\nkey = server-rsa.key\n"
	                           "kex_modes = all\n";
	struct scenario sc;
	char err[512] = "";
	scenario_init(&sc);
	if (scenario_file_parse("k.scenario", text, &sc, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	assert_int_equal(sc.client.kex_modes, SPEC_KEX_PSK | SPEC_KEX_EPHEMERAL);
	assert_int_equal(sc.client.resume_kex_modes, SPEC_KEX_PSK);
	assert_int_equal(sc.server.kex_modes, SPEC_KEX_PSK | SPEC_KEX_EPHEMERAL | SPEC_KEX_PSK_EPHEMERAL);
	assert_int_equal(sc.server.resume_kex_modes, 0);
	scenario_free(&sc);
}

/* renegotiate = server, and a renegotiation_info fault: the end's quote, within its 12 or 24 bytes. */
static void renegotiation_read(void **state)
{
	(void)state;
	static const char text[] = "[scenario]\ntitle = x\nrenegotiate = server\n[server]\ncert = server-rsa.crt\n"
	                           "key = server-rsa.key\n[faults]\nfault = server renegotiation_info set byte 23 to 7\n";
	struct scenario sc;
	char err[512] = "";
	scenario_init(&sc);
	if (scenario_file_parse("r.scenario", text, &sc, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	assert_int_equal(sc.renegotiate, RENEG_SERVER);
	assert_int_equal(sc.nfaults, 1);
	const struct fault *f = &sc.faults[0];
	assert_true(f->from == SIDE_SERVER && !strcmp(f->message, FAULT_RENEG_INFO) && f->action == FAULT_SET &&
	            f->offset == 23 && f->value == 7);
	scenario_free(&sc);
	struct fault g;
	char why[400];
	assert_int_equal(value_fault("client renegotiation_info flip byte 11 bit 7", 1, &g, why, sizeof(why)), 0);
	static const char *const bad[] = { "client renegotiation_info flip byte 12", "server renegotiation_info flip byte 24",
		                               "client renegotiation_info truncate 3", "client renegotiation_info reorder" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (value_fault(bad[i], 1, &g, why, sizeof(why)) == 0)
			fail_msg("fault '%s' was accepted", bad[i]);
}

static void more_broken_files_say_where(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(more_broken) / sizeof(more_broken[0]); i++) {
		struct scenario sc;
		char err[512] = "";
		scenario_init(&sc);
		if (scenario_file_parse("b.scenario", more_broken[i].text, &sc, err, sizeof(err)) == 0)
			fail_msg("case %zu parsed, expected: %s", i, more_broken[i].error);
		if (strncmp(err, more_broken[i].error, strlen(more_broken[i].error)) != 0)
			fail_msg("case %zu:\n  got:      %s\n  expected: %s", i, err, more_broken[i].error);
		scenario_free(&sc);
	}
}

/* The loader records where each credential was named, and suites continue on indented lines. */
static void credential_lines_are_kept(void **state)
{
	(void)state;
	static const char text[] = "[scenario]\ntitle = t\n[client]\nsuites = TLS_AES_128_GCM_SHA256,\n"
	                           "  TLS_AES_256_GCM_SHA384\n  TLS_CHACHA20_POLY1305_SHA256\nca = ca-rsa.crt\n"
	                           "[server]\ncert = server-rsa.crt\n; a comment\nkey = server-rsa.key\n";
	struct scenario sc;
	char err[256] = "", where[256];
	scenario_init(&sc);
	if (scenario_file_parse("c.scenario", text, &sc, err, sizeof(err)))
		fail_msg("%s", err);
	assert_string_equal(sc.file, "c.scenario");
	assert_int_equal(sc.client.suites[0], 0x1301);
	assert_int_equal(sc.client.suites[1], 0x1302);
	assert_int_equal(sc.client.suites[2], 0x1303);
	assert_int_equal(sc.client.suites[3], 0);
	assert_int_equal(sc.client.ca_line, 7);
	assert_int_equal(sc.server.cert_line, 9);
	assert_int_equal(sc.server.key_line, 11);
	scenario_credential_where(&sc.server, CRED_KEY, where, sizeof(where));
	assert_string_equal(where, "c.scenario:11: key = ");
	scenario_credential_where(&sc.client, CRED_CERT, where, sizeof(where));
	assert_string_equal(where, "");
	scenario_free(&sc);
}

/* chain and crl are credentials with their lines; names is a server's list of host names. */
static void chain_crl_names(void **state)
{
	(void)state;
	static const char text[] = "[scenario]\ntitle = t\n[client]\nca = chain-root.crt\ncrl = chain-ca.crl\n"
	                           "[server]\ncert = server-chain.crt\nkey = server-chain.key\nchain = chain-ca.crt\n"
	                           "names = a.example, B.example.org ,\n";
	struct scenario sc;
	char err[256] = "", where[256];
	scenario_init(&sc);
	if (scenario_file_parse("n.scenario", text, &sc, err, sizeof(err)))
		fail_msg("%s", err);
	assert_string_equal(sc.client.crl, "chain-ca.crl");
	assert_int_equal(sc.client.crl_line, 5);
	assert_string_equal(sc.server.chain, "chain-ca.crt");
	assert_int_equal(sc.server.chain_line, 9);
	scenario_credential_where(&sc.server, CRED_CHAIN, where, sizeof(where));
	assert_string_equal(where, "n.scenario:9: chain = ");
	assert_string_equal(scenario_credential_what(CRED_CRL), "CRL");
	assert_string_equal(sc.server.names[0], "a.example");
	assert_string_equal(sc.server.names[1], "B.example.org");
	assert_null(sc.server.names[2]);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_everything),
		cmocka_unit_test(lesson_lists_continue),
		cmocka_unit_test(broken_files_say_where),
		cmocka_unit_test(long_line_is_refused),
		cmocka_unit_test(kex_modes_read),
		cmocka_unit_test(renegotiation_read),
		cmocka_unit_test(numbers_are_strict),
		cmocka_unit_test(versions_dates_steps),
		cmocka_unit_test(faults_use_every_word),
		cmocka_unit_test(utf8_is_checked),
		cmocka_unit_test(continuation_is_linear),
		cmocka_unit_test(line_limit_agrees_with_its_words),
		cmocka_unit_test(more_broken_files_say_where),
		cmocka_unit_test(credential_lines_are_kept),
		cmocka_unit_test(chain_crl_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
