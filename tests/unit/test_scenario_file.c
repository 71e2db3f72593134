/* Unit tests for lesson/scenario_file: good files parse; each broken one gives
 * its exact file:line message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lesson/scenario_file.h"

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
	assert_non_null(strstr(err, "l.scenario:2: line too long"));
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_everything),
		cmocka_unit_test(lesson_lists_continue),
		cmocka_unit_test(broken_files_say_where),
		cmocka_unit_test(long_line_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
