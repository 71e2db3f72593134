/*
 * Unit tests for model/field_words.c: the words of a field hold for other stacks'
 * bytes, here OpenSSL 3.0's hellos from tests/wireshark/inputs/decoders.pcapng (the
 * bytes as tshark read them, see inputs/make.sh): a TLS 1.3 client's legacy_session_id
 * is not a resumption; a TLS 1.2 server's empty session_id means no caching; a random
 * need not begin with a clock. And model/explain.c's paragraphs claim nothing only
 * mbed TLS's runs make true.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/explain.h"
#include "model/field_words.h"
#include "util/hex.h"
#include "wire/decode.h"

static const char openssl_tls13_client_hello[] =
	"0100013e0303d109a1739207226f0b3bf5dd836776440aae04fc70e788db918190d88c5c8f30204d88f3676f7105df16"
	"b8b9b4f713ee1bfdef1100aaf38f26cf74ca77d8e26f11003e130213031301c02cc030009fcca9cca8ccaac02bc02f00"
	"9ec024c028006bc023c0270067c00ac0140039c009c0130033009d009c003d003c0035002f00ff010000b70000000d00"
	"0b00000873616e2e74657374000b000403000102000a00160014001d0017001e00190018010001010102010301040023"
	"0000000500050100000000001600000012000000170000000d002a0028040305030603080708080809080a080b080408"
	"050806040105010601030303010302040205020602002b0009080304030303020301002d00020101003300260024001d"
	"00209cfb0a856d964eb0a417acd84c4a6d75b59c07a5c12763f875f3781028dcdc6f";
static const char openssl_tls12_server_hello[] =
	"0200013b0303618bb4c8bc5e44d91f6a05bcdcdf80a4bc417d424f0c6574444f574e4752440100c02c000113001200f6"
	"00f40076008ae85bad02c84d2d8151ea084819a855eb74d0fc207f95e6481fcbf57f8d38d5000001a23442fc98000004"
	"0300473045022100f63cb30758086cb24144ac0b99584c52a4ac87e7db6ad832e8fc87a15136f4fe02204cea5831c677"
	"0e1efeaf73a60b27522fdc3eaf40b72d713a128b77d35edf85be007a0046499381fb0e0f1b38d4b71ae8e57114e89d3d"
	"b533111c8b59fa58db132dc00d000001a2345e74530003010203040300483046022100de736186bc85182b2ea3b5f1b3"
	"256814d8f4d31e24b8761ba9350dda92964503022100c7a61efbb3aa2dc12e036537d644c1c3659426105d94ec0b456a"
	"11583f51f381ff01000100000b000403000102002300000005000000170000";

/* Decodes hex as message `message` of a run of `version`, then applies the words. */
static void step_of(struct step *st, struct timeline *tl, const char *hex, const char *message, uint16_t version,
                    bool from_server)
{
	static uint8_t msg[1024];
	long n = hex_parse(hex, msg, sizeof(msg));
	assert_true(n > 0);
	memset(tl, 0, sizeof(*tl));
	memset(st, 0, sizeof(*st));
	tl->tls_version = version;
	snprintf(st->message, sizeof(st->message), "%s", message);
	fields_init(&st->fields);
	fields_init(&st->record_fields);
	struct decode_ctx ctx = { 0, KX_UNKNOWN, from_server };
	struct wire_error e;
	assert_int_equal(decode_handshake(&ctx, msg, (size_t)n, &st->fields, NULL, &e), 0);
	field_words_apply(tl, st);
}

static const char *explain(const struct step *st, const char *name)
{
	int i = fields_find(&st->fields, FIELD_NONE, name, true);
	assert_int_not_equal(i, FIELD_NONE);
	return st->fields.v[i].explain;
}

static void tls13_session_id_not_resumption(void **state)
{
	(void)state;
	struct timeline tl;
	struct step st;
	step_of(&st, &tl, openssl_tls13_client_hello, "ClientHello", 0x0304, false);
	const char *w = explain(&st, "session_id");
	assert_non_null(strstr(w, "not a resumption"));
	assert_non_null(strstr(w, "pre_shared_key"));
	/* It offers TLS 1.2 too, so its random is split as RFC 5246 lays it out; RFC 8446 4.1.2
	 * has the client write 32 random bytes, so the words must not promise a clock. */
	assert_non_null(strstr(explain(&st, "gmt_unix_time"), "need not be one"));
	fields_free(&st.fields);
	fields_free(&st.record_fields);
}

static void tls12_server_words(void **state)
{
	(void)state;
	struct timeline tl;
	struct step st;
	step_of(&st, &tl, openssl_tls12_server_hello, "ServerHello", 0x0303, true);
	/* OpenSSL sends an empty session_id when it issues a ticket instead. */
	assert_non_null(strstr(explain(&st, "session_id"), "will not keep this session"));
	/* OpenSSL writes 32 random bytes: the first 4 are no clock. */
	const char *w = explain(&st, "gmt_unix_time");
	assert_non_null(strstr(w, "need not be one"));
	assert_null(strstr(w, "the sender's clock;"));
	fields_free(&st.fields);
	fields_free(&st.record_fields);
}

/* The built-in paragraph of message `message` in a run of `version`. */
static const char *paragraph(const char *message, uint16_t version)
{
	static struct timeline tl;
	static struct step st;
	memset(&tl, 0, sizeof(tl));
	memset(&st, 0, sizeof(st));
	tl.tls_version = version;
	tl.outcome.ok = true;
	st.index = 1;
	snprintf(st.message, sizeof(st.message), "%s", message);
	return explain_step(&tl, &st);
}

static void paragraphs_for_any_stack(void **state)
{
	(void)state;
	/* OpenSSL (and mbed TLS in compatibility mode) sends a ChangeCipherSpec in clear after it. */
	const char *sh = paragraph("ServerHello", 0x0304);
	assert_null(strstr(sh, "everything after this message is encrypted"));
	assert_non_null(strstr(sh, "ChangeCipherSpec"));
	/* A HelloRetryRequest may ask only for a cookie (RFC 8446 4.1.4). */
	assert_non_null(strstr(paragraph("HelloRetryRequest", 0x0304), "cookie"));
	/* Another stack's application data need not be HTTP. */
	assert_null(strstr(paragraph("ApplicationData", 0x0303), "(here an HTTP"));
	/* A ticket may be a key to state the server keeps. */
	assert_non_null(strstr(paragraph("NewSessionTicket", 0x0303), "usually"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tls13_session_id_not_resumption),
		cmocka_unit_test(tls12_server_words),
		cmocka_unit_test(paragraphs_for_any_stack),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
