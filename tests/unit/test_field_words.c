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
	"0100013e030308ddec9bf7c7a47c7319b1e4e762a0585dbe9b3e4961f97c1337b18b490de8db20151e5e503009b463fc"
	"a4d7efee64f9c6f5985e41d7299dcabf4246b00202ea77003e130213031301c02cc030009fcca9cca8ccaac02bc02f00"
	"9ec024c028006bc023c0270067c00ac0140039c009c0130033009d009c003d003c0035002f00ff010000b70000000d00"
	"0b00000873616e2e74657374000b000403000102000a00160014001d0017001e00190018010001010102010301040023"
	"0000000500050100000000001600000012000000170000000d002a0028040305030603080708080809080a080b080408"
	"050806040105010601030303010302040205020602002b0009080304030303020301002d00020101003300260024001d"
	"00201565030712760c9de7d8dfac6813b21ecf1013466c7c436fd7602dab4095a206";
static const char openssl_tls12_server_hello[] =
	"0200013c0303ee289ff7bc64b769d617e7d2ac316fb7afa4b38bc88884ec444f574e4752440100c02c000114001200f7"
	"00f5007700d6b729c71cba3e4da7474a2ecd2ad6c746b567ffa24224612d9d43b6ae7d9c6d000001a2344d6c78000004"
	"0300483046022100a59915d96255540b7b785a8f85930205f1aaa1e991f5825aa9b6b4b98880adcf022100a9e05f54d9"
	"6c74831772b359ee484e39749e3d82bededf9d544a3fc0cea603fe007a008cff7bfda859b2ea3e6ffde7b848ec0ebed8"
	"b51b1c49d177e306ba5e6f707743000001a23468e4330003010203040300483046022100fe87ff24ee5c45ef2a69af59"
	"23d8699a31563e710bfb2c6577b14121abdfe5700221008775f0df71a36587e8b1999c46780c37b98faa48e30b996b1d"
	"26799f8af7e466ff01000100000b000403000102002300000005000000170000";

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
