/*
 * Known-answer decodes: messages from RFC 8448 §3 (the published TLS 1.3 trace;
 * the test also checks that Hash(ClientHello || ServerHello) is the RFC's stated
 * transcript hash, which proves the vector bytes) and a TLS 1.2 ClientHello and
 * ServerKeyExchange captured from mbed TLS 3.6.6 in tlsstep's default scenario
 * (seed 1), decoded into the fields that were configured for that run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/sha256.h>

#include "util/hex.h"
#include "wire/decode.h"

#include "rfc8448.h"

static const char rfc8448_hello_hash[] =
	"86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8";

/* Captured: tlsstep --json - (default scenario, seed 1), steps 1 and 4. */
static const char tls12_ch[] =
	"010000890303683c40c0eb507c0463887da1ad03ac410c94eea20d41deca15ef"
	"765791f15f4900000ec02bc02fc030cca8009e009c00ff010000520000001400"
	"1200000f7777772e6578616d706c652e636f6d000a00120010001d0017001800"
	"1e0019001a001b001c000d000e000c040305030603060105010401000b000201"
	"00001600000017000000230000";
static const char tls12_ske[] =
	"0c00012803001d2051dcfc4448c43b8d00571b4d1e3037e9697b3ec482aa1b14"
	"064d2b8295da180906010100339ceff8d5322dbfea5cee03d8c651003b545c30"
	"3c7a02bc2fa07d83b27228aa88f0b1c930306518dfd9b02254a78683f7606126"
	"65e3d307d283d2331a0236b26a17cc1695b302cb5d9a57b2f620622cfab48379"
	"4c585a727853cd063f5b378d8b40798e36d207548682b690594c1fa9c313f7ae"
	"47248d248b7c7702a13ce78fdc8de5110753ce68d12871b2048c9877abcc0ac5"
	"0f14360d6284431cf5ffa0e6208f918dc69af47721ffc6d9df97aad24a2c97a7"
	"42a4076603476453393c1f31130ab6645731671687b7ba84832a203875504c66"
	"69230752e368a94a45e1470447eb61863a12d15597cc820d74d68400b0d93cc7"
	"7d46b6f8331faed98fbbd4e1";

static size_t from_hex(const char *h, uint8_t *out, size_t cap)
{
	long n = hex_parse(h, out, cap);
	assert_true(n > 0);
	return (size_t)n;
}

/* The value of the first leaf field called name, at any depth. */
static const char *value(const struct fields *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name) && f->v[i].first_child == FIELD_NONE)
			return f->v[i].value;
	fail_msg("no field %s", name);
	return "";
}

/* The values of every field called name, joined with '|'. */
static void all_values(const struct fields *f, const char *name, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name)) {
			size_t n = strlen(out);
			snprintf(out + n, cap - n, "%s%s", n ? "|" : "", f->v[i].value);
		}
}

static void rfc8448_hellos(void **state)
{
	(void)state;
	uint8_t ch[256], sh[128], both[400], hash[32], want[32];
	size_t chl = from_hex(rfc8448_client_hello, ch, sizeof(ch)), shl = from_hex(rfc8448_server_hello, sh, sizeof(sh));
	assert_int_equal(chl, 196);
	assert_int_equal(shl, 90);
	memcpy(both, ch, chl);
	memcpy(both + chl, sh, shl);
	mbedtls_sha256(both, chl + shl, hash, 0);
	from_hex(rfc8448_hello_hash, want, sizeof(want));
	assert_memory_equal(hash, want, 32);

	struct fields f;
	struct wire_error e;
	struct decode_info info;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, false };
	char buf[512];
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, ch, chl, &f, &info, &e), 0);
	assert_string_equal(value(&f, "legacy_version"), "TLS 1.2 (0x0303)");
	assert_string_equal(f.v[fields_find(&f, FIELD_NONE, "random", false)].value,
	                    "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
	/* RFC 8446 §4.1.2: a TLS 1.3-only hello's random is 32 random bytes, not split around a time. */
	assert_int_equal(fields_find(&f, FIELD_NONE, "gmt_unix_time", true), FIELD_NONE);
	assert_string_equal(value(&f, "session_id"), "(empty)");
	all_values(&f, "cipher_suite", buf, sizeof(buf));
	assert_string_equal(buf, "TLS_AES_128_GCM_SHA256 (0x1301)|TLS_CHACHA20_POLY1305_SHA256 (0x1303)|"
	                         "TLS_AES_256_GCM_SHA384 (0x1302)");
	assert_string_equal(f.v[fields_find(&f, FIELD_NONE, "extensions", false)].value, "9");
	assert_string_equal(value(&f, "host_name"), "server");
	all_values(&f, "named_group", buf, sizeof(buf));
	assert_string_equal(buf, "x25519 (0x001d)|secp256r1 (0x0017)|secp384r1 (0x0018)|secp521r1 (0x0019)|"
	                         "ffdhe2048 (0x0100)|ffdhe3072 (0x0101)|ffdhe4096 (0x0102)|ffdhe6144 (0x0103)|"
	                         "ffdhe8192 (0x0104)");
	assert_string_equal(value(&f, "key_exchange"), "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
	all_values(&f, "version", buf, sizeof(buf));
	assert_string_equal(buf, "TLS 1.3 (0x0304)");
	assert_string_equal(value(&f, "ke_mode"), "psk_dhe_ke (1)");
	assert_string_equal(value(&f, "record_size_limit"), "16385 bytes");
	all_values(&f, "signature_scheme", buf, sizeof(buf));
	assert_memory_equal(buf, "ecdsa_secp256r1_sha256 (0x0403)|ecdsa_secp384r1_sha384 (0x0503)|", 64);
	fields_free(&f);

	assert_int_equal(decode_handshake(&ctx, sh, shl, &f, &info, &e), 0);
	assert_int_equal(info.version, 0x0304);
	assert_int_equal(info.suite, 0x1301);
	assert_false(info.is_hrr);
	assert_string_equal(value(&f, "selected_version"), "TLS 1.3 (0x0304)");
	assert_int_equal(fields_find(&f, FIELD_NONE, "gmt_unix_time", true), FIELD_NONE);
	assert_string_equal(value(&f, "group"), "x25519 (0x001d)");
	assert_string_equal(value(&f, "key_exchange"), "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
	fields_free(&f);
}

static void decodes_rfc8448_encrypted_extensions(void **state)
{
	(void)state;
	uint8_t ee[64];
	size_t n = from_hex(rfc8448_encrypted_extensions, ee, sizeof(ee));
	struct fields f;
	struct wire_error e;
	struct decode_ctx ctx = { 0x0304, KX_TLS13, true };
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, ee, n, &f, NULL, &e), 0);
	assert_string_equal(f.v[fields_find(&f, FIELD_NONE, "extensions", false)].value, "3");
	assert_non_null(strstr(f.v[fields_find(&f, FIELD_NONE, "supported_groups", true)].value, "type 10"));
	assert_string_equal(value(&f, "record_size_limit"), "16385 bytes");
	assert_non_null(strstr(f.v[fields_find(&f, FIELD_NONE, "server_name", true)].value, "0 bytes"));
	fields_free(&f);
}

static void captured_tls12(void **state)
{
	(void)state;
	uint8_t m[512];
	size_t n = from_hex(tls12_ch, m, sizeof(m));
	struct fields f;
	struct wire_error e;
	struct decode_info info;
	struct decode_ctx ctx = { 0, KX_UNKNOWN, false };
	char buf[512];
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, m, n, &f, &info, &e), 0);
	assert_string_equal(value(&f, "gmt_unix_time"), "2025-06-01 12:00:00 UTC (1748779200)");
	all_values(&f, "cipher_suite", buf, sizeof(buf));
	assert_string_equal(buf, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xc02b)|TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "
	                         "(0xc02f)|TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (0xc030)|"
	                         "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xcca8)|TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 "
	                         "(0x009e)|TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009c)|TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)");
	assert_string_equal(value(&f, "host_name"), "www.example.com");
	assert_non_null(strstr(f.v[fields_find(&f, FIELD_NONE, "extended_master_secret", true)].value, "type 23"));
	fields_free(&f);

	n = from_hex(tls12_ske, m, sizeof(m));
	ctx.version = 0x0303;
	ctx.kx = KX_ECDHE;
	ctx.from_server = true;
	assert_int_equal(decode_handshake(&ctx, m, n, &f, &info, &e), 0);
	assert_string_equal(value(&f, "curve_type"), "named_curve (3)");
	assert_string_equal(value(&f, "named_curve"), "x25519 (0x001d)");
	assert_int_equal(strlen(value(&f, "public")), 64);
	assert_string_equal(value(&f, "signature_scheme"), "rsa_pkcs1_sha512 (0x0601)");
	assert_int_equal(strlen(value(&f, "signature")), 512);
	/* The same bytes as ECDHE cannot be read as DHE: p would run past the end. */
	fields_free(&f);
	ctx.kx = KX_DHE;
	assert_int_equal(decode_handshake(&ctx, m, n, &f, &info, &e), -1);
	assert_int_equal(e.alert, ALERT_DECODE_ERROR);
	fields_free(&f);
}

/* Decodes the message given in hex (into m, which keeps it) into f (fields_free it); fails the test if it
 * does not decode. Returns its length. */
static size_t decode_hex(struct decode_ctx ctx, const char *hex, uint8_t *m, size_t cap, struct fields *f)
{
	size_t n = from_hex(hex, m, cap);
	struct wire_error e;
	struct decode_info info;
	fields_init(f);
	assert_int_equal(decode_handshake(&ctx, m, n, f, &info, &e), 0);
	return n;
}

/* A ServerHello before any version is agreed. */
static void decode_server_hello(const char *hex, struct fields *f)
{
	uint8_t m[64];
	decode_hex((struct decode_ctx){ 0, KX_UNKNOWN, true }, hex, m, sizeof(m), f);
}

/*
 * RFC 8446 §4.1.3: a server that can speak TLS 1.3 but negotiates 1.2 ends its random
 * with "DOWNGRD" 01 (00 for 1.1 and below); the decoder names those 8 bytes.
 * A hand-made TLS 1.2 ServerHello, as mbed TLS 3.6 sends it for a 1.2-1.3 server.
 */
static void downgrade_sentinel(void **state)
{
	(void)state;
	static const char *const sh[] = {
		"020000260303" "683c40c0" "c995f34bc5744c0f2dfb1c92dde2ad985e470018" "444f574e47524401" "00c02f00",
		"020000260303" "683c40c0" "c995f34bc5744c0f2dfb1c92dde2ad985e470018" "444f574e47524400" "00c02f00",
		"020000260303" "683c40c0" "c995f34bc5744c0f2dfb1c92dde2ad985e470018" "444f574e47524402" "00c02f00",
	};
	for (int i = 0; i < 3; i++) {
		struct fields f;
		decode_server_hello(sh[i], &f);
		assert_string_equal(value(&f, "gmt_unix_time"), "2025-06-01 12:00:00 UTC (1748779200)");
		int d = fields_find(&f, FIELD_NONE, "downgrade_sentinel", true);
		if (i == 2) { /* 02 is no sentinel: the 28 bytes after the time are all random */
			assert_int_equal(d, FIELD_NONE);
			assert_int_equal(strlen(value(&f, "random_bytes")), 56);
		} else {
			assert_int_not_equal(d, FIELD_NONE);
			assert_string_equal(f.v[d].value, i == 0 ? "444f574e47524401" : "444f574e47524400");
			assert_non_null(strstr(f.v[d].explain, i == 0 ? "negotiated TLS 1.2" : "TLS 1.1 or below"));
			assert_int_equal(strlen(value(&f, "random_bytes")), 40);
		}
		fields_free(&f);
	}
}

/* A suite's parts say what its name means: a static ECDH suite's "RSA" is the CA's
 * signature; a CBC suite's PRF hash follows its name (RFC 5246 §5, RFC 8422 §2.1). */
static void suite_parts(void **state)
{
	(void)state;
	static const struct {
		const char *suite, *auth, *mac;
	} want[] = {
		{ "c031", "static ECDH key in the certificate (CA signature RSA)", "AEAD (PRF SHA256)" },
		{ "c028", "RSA", "HMAC-SHA384; PRF SHA-384" },
		{ "c027", "RSA", "HMAC-SHA256; PRF SHA-256" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char hex[200];
		/* ServerHello: version, random, empty session id, the suite, null compression */
		snprintf(hex, sizeof(hex), "020000260303%s00%s00",
		         "683c40c0c995f34bc5744c0f2dfb1c92dde2ad985e4700180102030405060708", want[i].suite);
		struct fields f;
		decode_server_hello(hex, &f);
		assert_string_equal(value(&f, "authentication"), want[i].auth);
		assert_string_equal(value(&f, "mac"), want[i].mac);
		fields_free(&f);
	}
}

/* A CertificateRequest's CA name, as mbed TLS's server sends it, read as text (RFC 5246 §7.4.4). */
static void ca_names(void **state)
{
	(void)state;
	static const char cr[] = "0d00004e" "0101" "00020401" "0046" "0044"
		"30423121301f06035504030c18746c7373746570205465737420526f6f74204341205253413110300e060355040a0c07746c7373746570310b3009060355040613025553";
	uint8_t m[128];
	struct fields f;
	struct wire_error e;
	struct decode_info info;
	struct decode_ctx ctx = { 0x0303, KX_ECDHE, true };
	size_t n = decode_hex(ctx, cr, m, sizeof(m), &f);
	assert_string_equal(value(&f, "name"), "CN=tlsstep Test Root CA RSA, O=tlsstep, C=US");
	fields_free(&f);
	/* A broken name keeps its bytes and says so. */
	m[4 + 2 + 4 + 2 + 2 + 2] ^= 0x10; /* the first SET's tag */
	fields_init(&f);
	assert_int_equal(decode_handshake(&ctx, m, n, &f, &info, &e), 0);
	assert_string_equal(value(&f, "name"), "(not a valid name)");
	fields_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc8448_hellos),
		cmocka_unit_test(decodes_rfc8448_encrypted_extensions),
		cmocka_unit_test(captured_tls12),
		cmocka_unit_test(downgrade_sentinel),
		cmocka_unit_test(suite_parts),
		cmocka_unit_test(ca_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
