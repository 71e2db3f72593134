/* wire/names: ids against mbed TLS's defines and the RFCs, lookups, table integrity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/ssl_ciphersuites.h>

#include "wire/names.h"

static void suites_match_mbedtls(void **state)
{
	(void)state;
	static const struct {
		int id;
		const char *name;
	} v[] = {
		{ MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
		{ MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
		{ MBEDTLS_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256" },
		{ MBEDTLS_TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA" },
		{ MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CCM, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
		{ MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" },
		{ MBEDTLS_TLS_PSK_WITH_AES_128_GCM_SHA256, "TLS_PSK_WITH_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256" },
		{ MBEDTLS_TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256" },
		{ MBEDTLS_TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256" },
		{ MBEDTLS_TLS1_3_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS1_3_AES_256_GCM_SHA384, "TLS_AES_256_GCM_SHA384" },
		{ MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256, "TLS_CHACHA20_POLY1305_SHA256" },
		{ MBEDTLS_TLS1_3_AES_128_CCM_SHA256, "TLS_AES_128_CCM_SHA256" },
		{ MBEDTLS_TLS1_3_AES_128_CCM_8_SHA256, "TLS_AES_128_CCM_8_SHA256" },
	};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const struct suite_info *s = names_suite((uint16_t)v[i].id);
		if (!s)
			fail_msg("suite 0x%04x missing", v[i].id);
		assert_string_equal(s->name, v[i].name);
	}
	/* Numbers a student can check in the IANA registry. */
	assert_int_equal(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")->id, 49199);
	assert_int_equal(names_suite_by_name("TLS_RSA_WITH_AES_128_GCM_SHA256")->id, 0x009c);
	assert_int_equal(names_suite_by_name("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")->id, 0xcca8);
	assert_int_equal(names_suite_by_name("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")->id, 0x00ff);
}

static void suite_parts(void **state)
{
	(void)state;
	const struct suite_info *s = names_suite(0xc02f);
	assert_string_equal(s->kx, "ECDHE");
	assert_string_equal(s->auth, "RSA");
	assert_string_equal(s->cipher, "AES-128-GCM");
	assert_string_equal(s->mac, "AEAD (PRF SHA256)");
	assert_false(s->tls13);
	s = names_suite(0x002f); /* TLS_RSA_WITH_AES_128_CBC_SHA */
	assert_string_equal(s->kx, "RSA");
	assert_string_equal(s->cipher, "AES-128-CBC");
	assert_string_equal(s->mac, "HMAC-SHA1");
	s = names_suite(0xc0ad); /* TLS_ECDHE_ECDSA_WITH_AES_256_CCM */
	assert_string_equal(s->auth, "ECDSA");
	assert_string_equal(s->cipher, "AES-256-CCM");
	s = names_suite(0x00ae); /* TLS_PSK_WITH_AES_128_CBC_SHA256 */
	assert_string_equal(s->kx, "PSK");
	assert_string_equal(s->mac, "HMAC-SHA256");
	s = names_suite(0x1302);
	assert_true(s->tls13);
	assert_string_equal(s->cipher, "AES-256-GCM");
	assert_string_equal(s->mac, "AEAD (HKDF-SHA384)");
}

static void by_name_spellings(void **state)
{
	(void)state;
	assert_int_equal(names_suite_by_name("TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256")->id, 0xc02f);
	assert_int_equal(names_suite_by_name("tls_ecdhe_rsa_with_aes_128_gcm_sha256")->id, 0xc02f);
	assert_int_equal(names_suite_by_name("TLS1-3-AES-128-GCM-SHA256")->id, 0x1301);
	assert_int_equal(names_suite_by_name("TLS1-3-CHACHA20-POLY1305-SHA256")->id, 0x1303);
	assert_null(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265"));
	assert_null(names_suite_by_name(""));
	assert_null(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA2566"));
}

static void other_tables(void **state)
{
	(void)state;
	assert_string_equal(names_group(0x001d), "x25519");
	assert_string_equal(names_group(0x0017), "secp256r1");
	assert_string_equal(names_group(0x0100), "ffdhe2048");
	assert_null(names_group(0x7777));
	assert_string_equal(names_sigscheme(0x0804), "rsa_pss_rsae_sha256");
	assert_string_equal(names_sigscheme(0x0403), "ecdsa_secp256r1_sha256");
	assert_string_equal(names_sigscheme(0x0401), "rsa_pkcs1_sha256");
	assert_string_equal(names_alert(0), "close_notify");
	assert_string_equal(names_alert(40), "handshake_failure");
	assert_string_equal(names_alert(45), "certificate_expired");
	assert_string_equal(names_alert(48), "unknown_ca");
	assert_string_equal(names_alert(70), "protocol_version");
	assert_string_equal(names_alert(116), "certificate_required");
	assert_null(names_alert(99));
	assert_string_equal(names_alert_level(2), "fatal");
	assert_null(names_alert_level(3));
	assert_string_equal(names_extension(0), "server_name");
	assert_string_equal(names_extension(23), "extended_master_secret");
	assert_string_equal(names_extension(43), "supported_versions");
	assert_string_equal(names_extension(51), "key_share");
	assert_string_equal(names_extension(65281), "renegotiation_info");
	assert_null(names_extension(46));
	assert_string_equal(names_handshake(1), "ClientHello");
	assert_string_equal(names_handshake(12), "ServerKeyExchange");
	assert_string_equal(names_handshake(20), "Finished");
	assert_null(names_handshake(19));
	assert_string_equal(names_content_type(22), "handshake");
	assert_string_equal(names_version(0x0300), "SSL 3.0");
	assert_string_equal(names_version(0x0303), "TLS 1.2");
	assert_string_equal(names_version(0x0304), "TLS 1.3");
	assert_string_equal(names_compression(0), "null");
	assert_string_equal(names_ec_point_format(0), "uncompressed");
	assert_string_equal(names_cert_type(64), "ecdsa_sign");
}

static void grease(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 16; i++)
		assert_true(names_is_grease((uint16_t)(i << 12 | 0x0a00 | i << 4 | 0x0a)));
	assert_false(names_is_grease(0x0a1a));
	assert_false(names_is_grease(0x1301));
	assert_false(names_is_grease(0x0000));
}

static void integrity(void **state)
{
	(void)state;
	assert_true(names_tables_sorted());
	unsigned n = 0;
	for (const struct suite_info *s; (s = names_suite_at(n)); n++) {
		assert_non_null(s->name);
		assert_memory_equal(s->name, "TLS_", 4);
		assert_non_null(s->kx);
		assert_non_null(s->auth);
		assert_non_null(s->cipher);
		assert_non_null(s->mac);
		assert_ptr_equal(names_suite(s->id), s);
		assert_ptr_equal(names_suite_by_name(s->name), s);
	}
	assert_true(n > 150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suites_match_mbedtls), cmocka_unit_test(suite_parts), cmocka_unit_test(by_name_spellings),
		cmocka_unit_test(other_tables),         cmocka_unit_test(grease),      cmocka_unit_test(integrity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
