/*
 * Unit tests for the decoders of what certificates and their companions carry on
 * other stacks' wires: SAN entries of every type (wire/x509.c), OCSP responses
 * (wire/ocsp.c), SCT lists (wire/sct.c), TLS 1.3 per-certificate extensions and
 * renegotiation_info (wire/ext.c). The inputs are the real ones of
 * tests/wireshark/inputs/ (make.sh says how OpenSSL made them); the values
 * expected are what `openssl x509 -text` and `openssl ocsp -resp_text` print.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/hex.h"
#include "wire/decode.h"
#include "wire/ocsp.h"
#include "wire/x509.h"

static struct buf input(const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", TLSSTEP_TEST_INPUTS, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b;
	buf_init(&b);
	uint8_t chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b;
}

/* Every field inside msg[0..len), as the fuzz targets require. */
static void all_inside(const struct fields *f, size_t len)
{
	for (size_t i = 0; i < f->n; i++)
		assert_true(f->v[i].offset + f->v[i].length <= len);
}

/* The value of the first field called name under parent (any depth). */
static const char *value(const struct fields *f, int parent, const char *name)
{
	int i = fields_find(f, parent, name, true);
	if (i == FIELD_NONE)
		fail_msg("no field %s", name);
	return f->v[i].value;
}

static void san_every_type(void **state)
{
	(void)state;
	struct buf der = input("san-all-types.der");
	struct fields f;
	fields_init(&f);
	assert_int_equal(x509_fields(&f, FIELD_NONE, der.data, 0, der.len, 0), 0);
	all_inside(&f, der.len);
	int g = fields_find(&f, FIELD_NONE, "subject_alt_names", true);
	assert_int_not_equal(g, FIELD_NONE);
	static const char *const want[][2] = {
		{ "dNSName", "localhost" },
		{ "dNSName", "san.test" },
		{ "iPAddress", "127.0.0.1" },
		{ "iPAddress", "::1" },
		{ "rfc822Name", "admin@san.test" },
		{ "uniformResourceIdentifier", "https://san.test/path?q=1" },
		{ "directoryName", "C=FR, O=tlsstep, CN=dir name" },
		{ "otherName", "1.3.6.1.4.1.311.20.2.3" },
		{ "registeredID", "1.2.3.4.5.6" },
	};
	int c = fields_first(&f, g);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++, c = f.v[c].next_sibling) {
		assert_int_not_equal(c, FIELD_NONE);
		assert_string_equal(f.v[c].name, want[i][0]);
		assert_string_equal(f.v[c].value, want[i][1]);
	}
	assert_int_equal(c, FIELD_NONE);
	/* An address's field covers its 4 or 16 bytes, in network order. */
	int ip = fields_find(&f, g, "iPAddress", false);
	assert_int_equal(f.v[ip].length, 4);
	assert_memory_equal(der.data + f.v[ip].offset, "\x7f\x00\x00\x01", 4);
	/* otherName: its type-id and its value, a UTF8String, as text. */
	int on = fields_find(&f, g, "otherName", false);
	assert_string_equal(value(&f, on, "type_id"), "1.3.6.1.4.1.311.20.2.3");
	assert_string_equal(value(&f, on, "text"), "user@san.test");
	/* The SCT the CA embedded (RFC 6962 3.3), decoded as a ServerHello's are. */
	int e = fields_find(&f, FIELD_NONE, "signed_certificate_timestamps", true);
	assert_int_not_equal(e, FIELD_NONE);
	assert_string_equal(f.v[e].value, "1");
	assert_string_equal(value(&f, e, "sct_version"), "v1 (0)");
	assert_string_equal(value(&f, e, "extensions"), "(empty)");
	assert_int_equal(strlen(value(&f, e, "log_id")), 64);
	/* The summary lists them all, the dNSNames bare as before. */
	assert_string_equal(f.v[g].value, "localhost, san.test, IP:127.0.0.1, IP:::1, email:admin@san.test, "
	                                  "URI:https://san.test/path?q=1, DirName:C=FR, O=tlsstep, CN=dir name, "
	                                  "othername:1.3.6.1.4.1.311.20.2.3:user@san.test, RID:1.2.3.4.5.6");
	fields_free(&f);
	buf_free(&der);
}

/* The SingleResponse children of an OCSP response's fields, in order. */
static int single(const struct fields *f, unsigned i)
{
	int rs = fields_find(f, FIELD_NONE, "responses", true);
	int c = fields_first(f, rs);
	while (i-- && c != FIELD_NONE)
		c = f->v[c].next_sibling;
	assert_int_not_equal(c, FIELD_NONE);
	return c;
}

static void ocsp_by_name(void **state)
{
	(void)state;
	struct buf der = input("ocsp-byname.der");
	struct fields f;
	fields_init(&f);
	assert_int_equal(ocsp_fields(&f, FIELD_NONE, der.data, 0, der.len), 0);
	all_inside(&f, der.len);
	assert_string_equal(value(&f, FIELD_NONE, "responseStatus"), "successful (0)");
	assert_string_equal(value(&f, FIELD_NONE, "responseType"), "id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1)");
	assert_string_equal(value(&f, FIELD_NONE, "responderID"), "byName: CN=tlsstep test CA");
	assert_string_equal(value(&f, FIELD_NONE, "responses"), "3");
	assert_string_equal(f.v[single(&f, 0)].value, "serial 1001: good");
	assert_string_equal(f.v[single(&f, 1)].value, "serial 1002: revoked");
	assert_string_equal(f.v[single(&f, 2)].value, "serial 1003: unknown");
	int r = single(&f, 1);
	assert_string_equal(value(&f, r, "certStatus"), "revoked (1)");
	assert_string_equal(value(&f, r, "revocationTime"), "2026-11-01 12:00:00 UTC");
	assert_string_equal(value(&f, r, "revocationReason"), "keyCompromise (1)");
	assert_string_equal(value(&f, r, "hashAlgorithm"), "SHA1 (1.3.14.3.2.26)");
	assert_int_equal(strlen(value(&f, r, "issuerNameHash")), 40);
	assert_string_equal(value(&f, FIELD_NONE, "signatureAlgorithm"), "ECDSA with SHA256 (1.2.840.10045.4.3.2)");
	/* The responder's certificate, decoded as any certificate is. */
	assert_string_equal(value(&f, FIELD_NONE, "certs"), "1");
	assert_string_equal(value(&f, fields_find(&f, FIELD_NONE, "certs", true), "subject"), "CN=tlsstep test CA");
	fields_free(&f);
	buf_free(&der);
}

static void ocsp_by_key_and_bad(void **state)
{
	(void)state;
	struct buf der = input("ocsp-bykey.der");
	struct fields f;
	fields_init(&f);
	assert_int_equal(ocsp_fields(&f, FIELD_NONE, der.data, 0, der.len), 0);
	int rid = fields_find(&f, FIELD_NONE, "responderID", true);
	assert_int_equal(f.v[rid].kind, FIELD_BYTES);
	assert_int_equal(f.v[rid].length, 20); /* SHA-1 of the responder's key */
	assert_int_equal(fields_find(&f, FIELD_NONE, "certs", true), FIELD_NONE);
	assert_int_equal(fields_find(&f, FIELD_NONE, "ocsp_error", true), FIELD_NONE);
	fields_free(&f);
	/* Every cut of the response fails cleanly, says where, and keeps its fields inside. */
	for (size_t n = 0; n < der.len; n++) {
		fields_init(&f);
		assert_int_equal(ocsp_fields(&f, FIELD_NONE, der.data, 0, n), -1);
		assert_int_not_equal(fields_find(&f, FIELD_NONE, "ocsp_error", true), FIELD_NONE);
		all_inside(&f, n);
		fields_free(&f);
	}
	/* A responder that could not answer: a status and nothing else (RFC 6960 §4.2.1). */
	const uint8_t try_later[] = { 0x30, 0x03, 0x0a, 0x01, 0x03 };
	fields_init(&f);
	assert_int_equal(ocsp_fields(&f, FIELD_NONE, try_later, 0, sizeof(try_later)), 0);
	assert_string_equal(value(&f, FIELD_NONE, "responseStatus"), "tryLater (3)");
	fields_free(&f);
	buf_free(&der);
}

static void put24(struct buf *b, size_t n)
{
	uint8_t l[3] = { (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n };
	buf_append(b, l, 3);
}

static void put16(struct buf *b, size_t n)
{
	uint8_t l[2] = { (uint8_t)(n >> 8), (uint8_t)n };
	buf_append(b, l, 2);
}

/* A handshake message of type t around body. */
static struct buf message(uint8_t t, const struct buf *body)
{
	struct buf m;
	buf_init(&m);
	buf_append(&m, &t, 1);
	put24(&m, body->len);
	buf_append(&m, body->data, body->len);
	return m;
}

static void certificate_status_message(void **state)
{
	(void)state;
	struct buf der = input("ocsp-byname.der"), body;
	buf_init(&body);
	buf_append(&body, "\x01", 1);
	put24(&body, der.len);
	buf_append(&body, der.data, der.len);
	struct buf m = message(22, &body);
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0x0303, KX_ECDHE, true };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, m.data, m.len, &f, NULL, &e), 0);
	all_inside(&f, m.len);
	int o = fields_find(&f, FIELD_NONE, "ocsp_response", false);
	assert_int_equal(f.v[o].offset, 8);
	const char *at = value(&f, o, "producedAt"); /* GeneralizedTime, shown as certificates' dates are */
	assert_int_equal(strlen(at), 23);
	assert_string_equal(at + 19, " UTC");
	assert_string_equal(f.v[single(&f, 0)].value, "serial 1001: good");
	fields_free(&f);
	/* An empty OCSPResponse is a decode_error (RFC 6066 §8: <1..2^24-1>). */
	const uint8_t empty[] = { 22, 0, 0, 4, 1, 0, 0, 0 };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, empty, sizeof(empty), &f, NULL, &e), -1);
	assert_int_equal(e.alert, ALERT_DECODE_ERROR);
	assert_int_equal(e.offset, 5);
	fields_free(&f);
	buf_free(&m);
	buf_free(&body);
	buf_free(&der);
}

/* A TLS 1.3 Certificate whose entry carries status_request (an OCSP response) and SCTs. */
static void tls13_entry_extensions(void **state)
{
	(void)state;
	struct buf cert = input("san-all-types.der"), ocsp = input("ocsp-bykey.der"), scts = input("sct-list.bin");
	struct buf exts, body;
	buf_init(&exts);
	put16(&exts, 5);
	put16(&exts, 1 + 3 + ocsp.len);
	buf_append(&exts, "\x01", 1);
	put24(&exts, ocsp.len);
	buf_append(&exts, ocsp.data, ocsp.len);
	put16(&exts, 18);
	put16(&exts, scts.len);
	buf_append(&exts, scts.data, scts.len);
	buf_init(&body);
	buf_append(&body, "\x00", 1); /* certificate_request_context */
	put24(&body, 3 + cert.len + 2 + exts.len);
	put24(&body, cert.len);
	buf_append(&body, cert.data, cert.len);
	put16(&body, exts.len);
	buf_append(&body, exts.data, exts.len);
	struct buf m = message(11, &body);
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0x0304, KX_TLS13, true };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, m.data, m.len, &f, NULL, &e), 0);
	all_inside(&f, m.len);
	int c = fields_find(&f, FIELD_NONE, "certificate[0]", true);
	int x = fields_find(&f, c, "extensions", false);
	assert_int_not_equal(x, FIELD_NONE);
	assert_string_equal(f.v[x].value, "2");
	int sr = fields_find(&f, x, "status_request", false);
	assert_string_equal(value(&f, sr, "status_type"), "ocsp (1)");
	assert_string_equal(f.v[single(&f, 1)].value, "serial 1002: revoked");
	int sct = fields_find(&f, x, "signed_certificate_timestamp", false);
	assert_string_equal(value(&f, sct, "sct_list"), "2");
	int s1 = fields_find(&f, sct, "sct[1]", true);
	assert_string_equal(value(&f, s1, "sct_version"), "v1 (0)");
	assert_int_equal(strlen(value(&f, s1, "log_id")), 64);
	assert_string_equal(value(&f, s1, "extensions"), "010203");
	assert_string_equal(value(&f, s1, "hash_algorithm"), "sha256 (4)");
	assert_string_equal(value(&f, s1, "signature_algorithm"), "ecdsa (3)");
	int ts = fields_find(&f, s1, "timestamp", false);
	assert_int_equal(f.v[ts].length, 8);
	assert_non_null(strstr(f.v[ts].value, " UTC ("));
	fields_free(&f);
	/* An SCT list one byte short inside: a decode_error, not a crash nor a guess. */
	m.data[m.len - scts.len + 3] ^= 0x01; /* the first SCT's own length (its low byte), off by one */
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, m.data, m.len, &f, NULL, &e), -1);
	assert_int_equal(e.alert, ALERT_DECODE_ERROR);
	fields_free(&f);
	buf_free(&m);
	buf_free(&body);
	buf_free(&exts);
	buf_free(&cert);
	buf_free(&ocsp);
	buf_free(&scts);
}

/* A TLS 1.2 hello with only renegotiation_info (and SCTs for the server's). */
static struct buf hello(uint8_t type, const uint8_t *verify, size_t n, bool with_scts)
{
	struct buf body, ext;
	buf_init(&body);
	buf_init(&ext);
	put16(&ext, 0xff01);
	put16(&ext, n + 1);
	uint8_t l = (uint8_t)n;
	buf_append(&ext, &l, 1);
	buf_append(&ext, verify, n);
	if (with_scts) {
		struct buf scts = input("sct-list.bin");
		put16(&ext, 18);
		put16(&ext, scts.len);
		buf_append(&ext, scts.data, scts.len);
		buf_free(&scts);
	}
	uint8_t random[32] = { 1 };
	buf_append(&body, "\x03\x03", 2);
	buf_append(&body, random, 32);
	buf_append(&body, "\x00", 1); /* session_id */
	if (type == 1)
		buf_append(&body, "\x00\x02\xc0\x2b\x01\x00", 6); /* one suite, null compression */
	else
		buf_append(&body, "\xc0\x2b\x00", 3);
	put16(&body, ext.len);
	buf_append(&body, ext.data, ext.len);
	struct buf m = message(type, &body);
	buf_free(&body);
	buf_free(&ext);
	return m;
}

static void renegotiation_halves(void **state)
{
	(void)state;
	uint8_t v[24];
	for (size_t i = 0; i < sizeof(v); i++)
		v[i] = (uint8_t)(i < 12 ? 0xc0 + i : 0x50 + i);
	struct fields f;
	struct wire_error e;
	struct decode_ctx cctx = { 0, KX_UNKNOWN, false }, sctx = { 0, KX_UNKNOWN, true };
	/* The client's renegotiating ClientHello: its own last verify_data. */
	struct buf ch = hello(1, v, 12, false);
	fields_init(&f);
	assert_int_equal(decode_handshake(&cctx, ch.data, ch.len, &f, NULL, &e), 0);
	assert_string_equal(value(&f, FIELD_NONE, "client_verify_data"), "c0c1c2c3c4c5c6c7c8c9cacb");
	assert_int_equal(fields_find(&f, FIELD_NONE, "server_verify_data", true), FIELD_NONE);
	fields_free(&f);
	/* The server's: the client's half, then its own. */
	struct buf sh = hello(2, v, 24, true);
	fields_init(&f);
	assert_int_equal(decode_handshake(&sctx, sh.data, sh.len, &f, NULL, &e), 0);
	all_inside(&f, sh.len);
	assert_string_equal(value(&f, FIELD_NONE, "client_verify_data"), "c0c1c2c3c4c5c6c7c8c9cacb");
	assert_string_equal(value(&f, FIELD_NONE, "server_verify_data"), "5c5d5e5f6061626364656667");
	assert_string_equal(value(&f, FIELD_NONE, "sct_list"), "2");
	fields_free(&f);
	/* A first handshake: empty. */
	struct buf first = hello(2, v, 0, false);
	fields_init(&f);
	assert_int_equal(decode_handshake(&sctx, first.data, first.len, &f, NULL, &e), 0);
	assert_string_equal(value(&f, FIELD_NONE, "renegotiated_connection"), "(empty)");
	fields_free(&f);
	buf_free(&ch);
	buf_free(&sh);
	buf_free(&first);
}

/* GnuTLS's TLS 1.3 CertificateRequest (inputs/decoders.pcapng, connection 4): its
 * status_request is empty, as RFC 8446 4.4.2.1 has a server ask for the client's OCSP. */
static void gnutls_certificate_request(void **state)
{
	(void)state;
	static const char hex[] =
		"0d00002d00002a000d00220020040108090804040308070501080a0805050308080601080b0806060302010203000500"
		"00";
	uint8_t m[128];
	long n = hex_parse(hex, m, sizeof(m));
	assert_true(n > 0);
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0x0304, KX_TLS13, true };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, m, (size_t)n, &f, NULL, &e), 0);
	int sr = fields_find(&f, FIELD_NONE, "status_request", true);
	assert_string_equal(value(&f, sr, "extension_data"), "(empty)");
	fields_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(san_every_type),
		cmocka_unit_test(ocsp_by_name),
		cmocka_unit_test(ocsp_by_key_and_bad),
		cmocka_unit_test(certificate_status_message),
		cmocka_unit_test(tls13_entry_extensions),
		cmocka_unit_test(renegotiation_halves),
		cmocka_unit_test(gnutls_certificate_request),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
