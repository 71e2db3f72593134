/*
 * wire/names: ids against mbed TLS's defines and the RFCs / IANA registry, lookups in every
 * spelling, unknown codes, and table integrity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/ssl_ciphersuites.h>

#include "wire/names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every TLS 1.2 suite mbed TLS 3.6 defines: MBEDTLS_<IANA name> must be in our table by that id
 * and name. S(x) pairs the define's value with its spelling. */
static void every_mbedtls_suite(void **state)
{
	(void)state;
#define S(x) { MBEDTLS_##x, #x }
	static const struct {
		int id;
		const char *name;
	} v[] = {
		S(TLS_RSA_WITH_NULL_MD5), S(TLS_RSA_WITH_NULL_SHA), S(TLS_PSK_WITH_NULL_SHA), S(TLS_DHE_PSK_WITH_NULL_SHA),
		S(TLS_RSA_PSK_WITH_NULL_SHA), S(TLS_RSA_WITH_AES_128_CBC_SHA), S(TLS_DHE_RSA_WITH_AES_128_CBC_SHA),
		S(TLS_RSA_WITH_AES_256_CBC_SHA), S(TLS_DHE_RSA_WITH_AES_256_CBC_SHA), S(TLS_RSA_WITH_NULL_SHA256),
		S(TLS_RSA_WITH_AES_128_CBC_SHA256), S(TLS_RSA_WITH_AES_256_CBC_SHA256), S(TLS_RSA_WITH_CAMELLIA_128_CBC_SHA),
		S(TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA), S(TLS_DHE_RSA_WITH_AES_128_CBC_SHA256),
		S(TLS_DHE_RSA_WITH_AES_256_CBC_SHA256), S(TLS_RSA_WITH_CAMELLIA_256_CBC_SHA),
		S(TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA), S(TLS_PSK_WITH_AES_128_CBC_SHA), S(TLS_PSK_WITH_AES_256_CBC_SHA),
		S(TLS_DHE_PSK_WITH_AES_128_CBC_SHA), S(TLS_DHE_PSK_WITH_AES_256_CBC_SHA),
		S(TLS_RSA_PSK_WITH_AES_128_CBC_SHA), S(TLS_RSA_PSK_WITH_AES_256_CBC_SHA), S(TLS_RSA_WITH_AES_128_GCM_SHA256),
		S(TLS_RSA_WITH_AES_256_GCM_SHA384), S(TLS_DHE_RSA_WITH_AES_128_GCM_SHA256),
		S(TLS_DHE_RSA_WITH_AES_256_GCM_SHA384), S(TLS_PSK_WITH_AES_128_GCM_SHA256),
		S(TLS_PSK_WITH_AES_256_GCM_SHA384), S(TLS_DHE_PSK_WITH_AES_128_GCM_SHA256),
		S(TLS_DHE_PSK_WITH_AES_256_GCM_SHA384), S(TLS_RSA_PSK_WITH_AES_128_GCM_SHA256),
		S(TLS_RSA_PSK_WITH_AES_256_GCM_SHA384), S(TLS_PSK_WITH_AES_128_CBC_SHA256),
		S(TLS_PSK_WITH_AES_256_CBC_SHA384), S(TLS_PSK_WITH_NULL_SHA256), S(TLS_PSK_WITH_NULL_SHA384),
		S(TLS_DHE_PSK_WITH_AES_128_CBC_SHA256), S(TLS_DHE_PSK_WITH_AES_256_CBC_SHA384),
		S(TLS_DHE_PSK_WITH_NULL_SHA256), S(TLS_DHE_PSK_WITH_NULL_SHA384), S(TLS_RSA_PSK_WITH_AES_128_CBC_SHA256),
		S(TLS_RSA_PSK_WITH_AES_256_CBC_SHA384), S(TLS_RSA_PSK_WITH_NULL_SHA256), S(TLS_RSA_PSK_WITH_NULL_SHA384),
		S(TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256),
		S(TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256), S(TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256),
		S(TLS_ECDH_ECDSA_WITH_NULL_SHA), S(TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA),
		S(TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA), S(TLS_ECDHE_ECDSA_WITH_NULL_SHA),
		S(TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA), S(TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA),
		S(TLS_ECDH_RSA_WITH_NULL_SHA), S(TLS_ECDH_RSA_WITH_AES_128_CBC_SHA), S(TLS_ECDH_RSA_WITH_AES_256_CBC_SHA),
		S(TLS_ECDHE_RSA_WITH_NULL_SHA), S(TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA), S(TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA),
		S(TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256), S(TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384),
		S(TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256), S(TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384),
		S(TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256), S(TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384),
		S(TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256), S(TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384),
		S(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), S(TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
		S(TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256), S(TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384),
		S(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), S(TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
		S(TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256), S(TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384),
		S(TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA), S(TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA),
		S(TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256), S(TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384),
		S(TLS_ECDHE_PSK_WITH_NULL_SHA), S(TLS_ECDHE_PSK_WITH_NULL_SHA256), S(TLS_ECDHE_PSK_WITH_NULL_SHA384),
		S(TLS_RSA_WITH_ARIA_128_CBC_SHA256), S(TLS_RSA_WITH_ARIA_256_CBC_SHA384),
		S(TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256), S(TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384),
		S(TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256), S(TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384),
		S(TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256), S(TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384),
		S(TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256), S(TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384),
		S(TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256), S(TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384),
		S(TLS_RSA_WITH_ARIA_128_GCM_SHA256), S(TLS_RSA_WITH_ARIA_256_GCM_SHA384),
		S(TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256), S(TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384),
		S(TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256), S(TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384),
		S(TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256), S(TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384),
		S(TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256), S(TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384),
		S(TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256), S(TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384),
		S(TLS_PSK_WITH_ARIA_128_CBC_SHA256), S(TLS_PSK_WITH_ARIA_256_CBC_SHA384),
		S(TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256), S(TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384),
		S(TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256), S(TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384),
		S(TLS_PSK_WITH_ARIA_128_GCM_SHA256), S(TLS_PSK_WITH_ARIA_256_GCM_SHA384),
		S(TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256), S(TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384),
		S(TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256), S(TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384),
		S(TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256), S(TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384),
		S(TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256), S(TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384),
		S(TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256), S(TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384),
		S(TLS_RSA_WITH_AES_128_CCM), S(TLS_RSA_WITH_AES_256_CCM), S(TLS_DHE_RSA_WITH_AES_128_CCM),
		S(TLS_DHE_RSA_WITH_AES_256_CCM), S(TLS_RSA_WITH_AES_128_CCM_8), S(TLS_RSA_WITH_AES_256_CCM_8),
		S(TLS_DHE_RSA_WITH_AES_128_CCM_8), S(TLS_DHE_RSA_WITH_AES_256_CCM_8), S(TLS_PSK_WITH_AES_128_CCM),
		S(TLS_PSK_WITH_AES_256_CCM), S(TLS_DHE_PSK_WITH_AES_128_CCM), S(TLS_DHE_PSK_WITH_AES_256_CCM),
		S(TLS_PSK_WITH_AES_128_CCM_8), S(TLS_PSK_WITH_AES_256_CCM_8), S(TLS_DHE_PSK_WITH_AES_128_CCM_8),
		S(TLS_DHE_PSK_WITH_AES_256_CCM_8), S(TLS_ECDHE_ECDSA_WITH_AES_128_CCM), S(TLS_ECDHE_ECDSA_WITH_AES_256_CCM),
		S(TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8), S(TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8),
		S(TLS_ECJPAKE_WITH_AES_128_CCM_8), S(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
		S(TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256), S(TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
		S(TLS_PSK_WITH_CHACHA20_POLY1305_SHA256), S(TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256),
		S(TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256), S(TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256),
	};
#undef S
	assert_true(COUNT(v) >= 180);
	for (size_t i = 0; i < COUNT(v); i++) {
		const struct suite_info *s = names_suite((uint16_t)v[i].id);
		if (!s)
			fail_msg("suite 0x%04x (%s) missing", v[i].id, v[i].name);
		assert_string_equal(s->name, v[i].name);
		assert_false(s->tls13);
	}
	/* TLS 1.3: mbed TLS's define names ("TLS1_3_...") are accepted by name. */
	static const struct {
		int id;
		const char *mbed, *iana;
	} t13[] = {
		{ MBEDTLS_TLS1_3_AES_128_GCM_SHA256, "TLS1_3_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256" },
		{ MBEDTLS_TLS1_3_AES_256_GCM_SHA384, "TLS1_3_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384" },
		{ MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256, "TLS1_3_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256" },
		{ MBEDTLS_TLS1_3_AES_128_CCM_SHA256, "TLS1_3_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256" },
		{ MBEDTLS_TLS1_3_AES_128_CCM_8_SHA256, "TLS1_3_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256" },
	};
	for (size_t i = 0; i < COUNT(t13); i++) {
		const struct suite_info *s = names_suite((uint16_t)t13[i].id);
		assert_non_null(s);
		assert_string_equal(s->name, t13[i].iana);
		assert_true(s->tls13);
		assert_ptr_equal(names_suite_by_name(t13[i].mbed), s);
	}
}

/* Numbers a student can check in the IANA registry. */
static void suite_ids(void **state)
{
	(void)state;
	static const struct {
		uint16_t id;
		const char *name;
	} v[] = {
		{ 0x0000, "TLS_NULL_WITH_NULL_NULL" },
		{ 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
		{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
		{ 0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA" },
		{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" },
		{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
		{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
		{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
		{ 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
		{ 0x1301, "TLS_AES_128_GCM_SHA256" },
		{ 0x1302, "TLS_AES_256_GCM_SHA384" },
		{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
		{ 0x1304, "TLS_AES_128_CCM_SHA256" },
		{ 0x1305, "TLS_AES_128_CCM_8_SHA256" },
		{ 0x5600, "TLS_FALLBACK_SCSV" },
		{ 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
		{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
		{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
		{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
		{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
		{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
		{ 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
		{ 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" },
		{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
		{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
		{ 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256" },
	};
	for (size_t i = 0; i < COUNT(v); i++) {
		const struct suite_info *s = names_suite(v[i].id);
		if (!s)
			fail_msg("suite 0x%04x missing", v[i].id);
		assert_string_equal(s->name, v[i].name);
		assert_int_equal(names_suite_by_name(v[i].name)->id, v[i].id);
	}
	assert_int_equal(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")->id, 49199);
	/* Unknown codes: unassigned, GREASE, private use. */
	assert_null(names_suite(0x0a0a));
	assert_null(names_suite(0x1306)); /* AEGIS (draft), not listed */
	assert_null(names_suite(0xc0b6));
	assert_null(names_suite(0xffff));
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
	assert_string_equal(s->auth, "RSA");
	assert_string_equal(s->cipher, "AES-128-CBC");
	assert_string_equal(s->mac, "HMAC-SHA1");
	s = names_suite(0xc0ad); /* TLS_ECDHE_ECDSA_WITH_AES_256_CCM */
	assert_string_equal(s->auth, "ECDSA");
	assert_string_equal(s->cipher, "AES-256-CCM");
	s = names_suite(0xc0a8); /* TLS_PSK_WITH_AES_128_CCM_8 */
	assert_string_equal(s->cipher, "AES-128-CCM-8");
	s = names_suite(0x00ae); /* TLS_PSK_WITH_AES_128_CBC_SHA256 */
	assert_string_equal(s->kx, "PSK");
	assert_string_equal(s->auth, "PSK");
	assert_string_equal(s->mac, "HMAC-SHA256");
	s = names_suite(0xc024); /* TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 */
	assert_string_equal(s->mac, "HMAC-SHA384");
	s = names_suite(0xc00e); /* TLS_ECDH_RSA_WITH_AES_128_CBC_SHA: static ECDH, RSA-signed cert */
	assert_string_equal(s->kx, "ECDH");
	assert_string_equal(s->auth, "RSA");
	s = names_suite(0xccae); /* TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256 */
	assert_string_equal(s->kx, "RSA");
	assert_string_equal(s->auth, "PSK");
	assert_string_equal(s->cipher, "CHACHA20-POLY1305");
	s = names_suite(0xc061); /* TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384 */
	assert_string_equal(s->cipher, "ARIA-256-GCM");
	assert_string_equal(s->mac, "AEAD (PRF SHA384)");
	s = names_suite(0xc077); /* TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384 */
	assert_string_equal(s->cipher, "CAMELLIA-256-CBC");
	s = names_suite(0x0001); /* TLS_RSA_WITH_NULL_MD5 */
	assert_string_equal(s->cipher, "none (no encryption)");
	assert_string_equal(s->mac, "HMAC-MD5");
	s = names_suite(0x0034); /* TLS_DH_anon_WITH_AES_128_CBC_SHA */
	assert_string_equal(s->auth, "none (anonymous)");
	s = names_suite(0x0003); /* TLS_RSA_EXPORT_WITH_RC4_40_MD5 */
	assert_string_equal(s->kx, "RSA (export)");
	assert_string_equal(s->cipher, "RC4-40");
	s = names_suite(0x1302);
	assert_true(s->tls13);
	assert_string_equal(s->kx, "any (TLS 1.3: key_share)");
	assert_string_equal(s->auth, "any (TLS 1.3: certificate)");
	assert_string_equal(s->cipher, "AES-256-GCM");
	assert_string_equal(s->mac, "AEAD (HKDF-SHA384)");
	s = names_suite(0x1303);
	assert_string_equal(s->cipher, "CHACHA20-POLY1305");
	assert_string_equal(s->mac, "AEAD (HKDF-SHA256)");
}

static void forward_secrecy(void **state)
{
	(void)state;
	assert_true(names_suite_forward_secret(names_suite(0xc02f)));  /* ECDHE-RSA */
	assert_true(names_suite_forward_secret(names_suite(0x009e)));  /* DHE-RSA */
	assert_true(names_suite_forward_secret(names_suite(0xccac)));  /* ECDHE-PSK */
	assert_true(names_suite_forward_secret(names_suite(0x1301)));  /* TLS 1.3 */
	assert_true(names_suite_forward_secret(names_suite(0x0034)));  /* DH_anon */
	assert_true(names_suite_forward_secret(names_suite(0xc018)));  /* ECDH_anon */
	assert_true(names_suite_forward_secret(names_suite(0xc0ff)));  /* EC J-PAKE */
	assert_false(names_suite_forward_secret(names_suite(0x009c))); /* RSA key transport */
	assert_false(names_suite_forward_secret(names_suite(0xc02d))); /* static ECDH-ECDSA */
	assert_false(names_suite_forward_secret(names_suite(0xc031))); /* static ECDH-RSA */
	assert_false(names_suite_forward_secret(names_suite(0x00a8))); /* PSK */
	assert_false(names_suite_forward_secret(names_suite(0x00ac))); /* RSA-PSK */
	assert_false(names_suite_forward_secret(names_suite(0x00ff))); /* SCSV */
	assert_false(names_suite_forward_secret(names_suite(0x0000)));
	assert_false(names_suite_forward_secret(NULL));
}

static void by_name_spellings(void **state)
{
	(void)state;
	/* mbed TLS's spellings (ssl_ciphersuites.c), IANA's in any case. */
	assert_int_equal(names_suite_by_name("TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256")->id, 0xc02f);
	assert_int_equal(names_suite_by_name("tls_ecdhe_rsa_with_aes_128_gcm_sha256")->id, 0xc02f);
	assert_int_equal(names_suite_by_name("Tls-Ecdhe-Ecdsa-With-Aes-128-Ccm")->id, 0xc0ac);
	assert_int_equal(names_suite_by_name("TLS-DHE-PSK-WITH-AES-128-CCM-8")->id, 0xc0aa);
	assert_int_equal(names_suite_by_name("TLS-ECJPAKE-WITH-AES-128-CCM-8")->id, 0xc0ff);
	assert_int_equal(names_suite_by_name("TLS-RSA-WITH-NULL-MD5")->id, 0x0001);
	assert_int_equal(names_suite_by_name("TLS1-3-AES-128-GCM-SHA256")->id, 0x1301);
	assert_int_equal(names_suite_by_name("TLS1-3-AES-256-GCM-SHA384")->id, 0x1302);
	assert_int_equal(names_suite_by_name("TLS1-3-CHACHA20-POLY1305-SHA256")->id, 0x1303);
	assert_int_equal(names_suite_by_name("TLS1-3-AES-128-CCM-SHA256")->id, 0x1304);
	assert_int_equal(names_suite_by_name("TLS1-3-AES-128-CCM-8-SHA256")->id, 0x1305);
	assert_int_equal(names_suite_by_name("tls1-3-aes-128-gcm-sha256")->id, 0x1301);
	assert_int_equal(names_suite_by_name("TLS_DH_ANON_WITH_AES_128_CBC_SHA")->id, 0x0034);
	/* IANA's own spelling of 0xc0aa (RFC 6655). */
	assert_int_equal(names_suite_by_name("TLS_PSK_DHE_WITH_AES_128_CCM_8")->id, 0xc0aa);
	assert_int_equal(names_suite_by_name("TLS_PSK_DHE_WITH_AES_256_CCM_8")->id, 0xc0ab);
	/* Near misses. */
	assert_null(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265"));
	assert_null(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA2566"));
	assert_null(names_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM"));
	assert_null(names_suite_by_name("TLS1-3-ECDHE-RSA-WITH-AES-128-GCM-SHA256"));
	assert_null(names_suite_by_name("TLS1-3-"));
	assert_null(names_suite_by_name("TLS_"));
	assert_null(names_suite_by_name(""));
	assert_null(names_suite_by_name(NULL));
}

static void groups(void **state)
{
	(void)state;
	static const struct {
		uint16_t id;
		const char *name;
	} v[] = {
		{ 0x0017, "secp256r1" },
		{ 0x0018, "secp384r1" },
		{ 0x0019, "secp521r1" },
		{ 0x001a, "brainpoolP256r1" },
		{ 0x001b, "brainpoolP384r1" },
		{ 0x001c, "brainpoolP512r1" },
		{ 0x001d, "x25519" },
		{ 0x001e, "x448" },
		{ 0x001f, "brainpoolP256r1tls13" },
		{ 0x0020, "brainpoolP384r1tls13" },
		{ 0x0021, "brainpoolP512r1tls13" },
		{ 0x0100, "ffdhe2048" },
		{ 0x0101, "ffdhe3072" },
		{ 0x0102, "ffdhe4096" },
		{ 0x0103, "ffdhe6144" },
		{ 0x0104, "ffdhe8192" },
		{ 0x11ec, "X25519MLKEM768" },
	};
	for (size_t i = 0; i < COUNT(v); i++) {
		assert_string_equal(names_group(v[i].id), v[i].name);
		assert_int_equal(names_group_by_name(v[i].name), v[i].id);
	}
	assert_int_equal(names_group_by_name("X25519"), 0x001d);
	assert_int_equal(names_group_by_name("SECP256R1"), 0x0017);
	assert_int_equal(names_group_by_name("x25519mlkem768"), 0x11ec);
	assert_int_equal(names_group_by_name("x2551"), 0);
	assert_int_equal(names_group_by_name("P-256"), 0);
	assert_int_equal(names_group_by_name(""), 0);
	assert_null(names_group(0x0000));
	assert_null(names_group(0x0105));
	assert_null(names_group(0x7777));
	assert_null(names_group(0x0a0a)); /* GREASE */
}

static void sigschemes(void **state)
{
	(void)state;
	static const struct {
		uint16_t id;
		const char *name;
	} v[] = {
		{ 0x0201, "rsa_pkcs1_sha1" },
		{ 0x0203, "ecdsa_sha1" },
		{ 0x0401, "rsa_pkcs1_sha256" },
		{ 0x0403, "ecdsa_secp256r1_sha256" },
		{ 0x0501, "rsa_pkcs1_sha384" },
		{ 0x0503, "ecdsa_secp384r1_sha384" },
		{ 0x0601, "rsa_pkcs1_sha512" },
		{ 0x0603, "ecdsa_secp521r1_sha512" },
		{ 0x0804, "rsa_pss_rsae_sha256" },
		{ 0x0805, "rsa_pss_rsae_sha384" },
		{ 0x0806, "rsa_pss_rsae_sha512" },
		{ 0x0807, "ed25519" },
		{ 0x0808, "ed448" },
		{ 0x0809, "rsa_pss_pss_sha256" },
		{ 0x080a, "rsa_pss_pss_sha384" },
		{ 0x080b, "rsa_pss_pss_sha512" },
		{ 0x081a, "ecdsa_brainpoolP256r1tls13_sha256" },
	};
	for (size_t i = 0; i < COUNT(v); i++) {
		assert_string_equal(names_sigscheme(v[i].id), v[i].name);
		assert_int_equal(names_sigscheme_by_name(v[i].name), v[i].id);
	}
	/* A TLS 1.2 (hash, signature) pair that is no TLS 1.3 scheme: named by its parts. */
	assert_string_equal(names_sigscheme(0x0402), "dsa_sha256 (TLS 1.2 pair)");
	assert_int_equal(names_sigscheme_by_name("dsa_sha256"), 0x0402);
	assert_int_equal(names_sigscheme_by_name("RSA_PSS_RSAE_SHA256"), 0x0804);
	assert_int_equal(names_sigscheme_by_name("rsa_pss_rsae"), 0);
	assert_int_equal(names_sigscheme_by_name("rsa_pss_rsae_sha256 "), 0);
	assert_int_equal(names_sigscheme_by_name(""), 0);
	assert_null(names_sigscheme(0x0000));
	assert_null(names_sigscheme(0x0404));
	assert_null(names_sigscheme(0x0a0a));
}

static void alerts(void **state)
{
	/* The description's explanation: a sentence per common alert, a general one otherwise. */
	assert_non_null(strstr(names_alert_explain(41), "certificate_required (116"));
	assert_non_null(strstr(names_alert_explain(20), "integrity check"));
	assert_string_equal(names_alert_explain(200), "what went wrong, or close_notify for an orderly end");
	(void)state;
	static const struct {
		uint8_t code;
		const char *name;
	} v[] = {
		{ 0, "close_notify" },
		{ 10, "unexpected_message" },
		{ 20, "bad_record_mac" },
		{ 21, "decryption_failed_RESERVED" },
		{ 22, "record_overflow" },
		{ 40, "handshake_failure" },
		{ 41, "no_certificate_RESERVED" },
		{ 42, "bad_certificate" },
		{ 45, "certificate_expired" },
		{ 48, "unknown_ca" },
		{ 50, "decode_error" },
		{ 51, "decrypt_error" },
		{ 60, "export_restriction_RESERVED" },
		{ 70, "protocol_version" },
		{ 71, "insufficient_security" },
		{ 80, "internal_error" },
		{ 86, "inappropriate_fallback" },
		{ 90, "user_canceled" },
		{ 100, "no_renegotiation_RESERVED" },
		{ 109, "missing_extension" },
		{ 110, "unsupported_extension" },
		{ 111, "certificate_unobtainable_RESERVED" },
		{ 112, "unrecognized_name" },
		{ 113, "bad_certificate_status_response" },
		{ 114, "bad_certificate_hash_value_RESERVED" },
		{ 115, "unknown_psk_identity" },
		{ 116, "certificate_required" },
		{ 120, "no_application_protocol" },
		{ 121, "ech_required" },
	};
	for (size_t i = 0; i < COUNT(v); i++) {
		assert_string_equal(names_alert(v[i].code), v[i].name);
		assert_int_equal(names_alert_by_name(v[i].name), v[i].code);
	}
	/* TLS 1.2's names for what RFC 8446 marks _RESERVED. */
	assert_int_equal(names_alert_by_name("no_renegotiation"), 100);
	assert_int_equal(names_alert_by_name("decryption_failed"), 21);
	assert_int_equal(names_alert_by_name("bad_certificate_hash_value"), 114);
	assert_int_equal(names_alert_by_name("HANDSHAKE_FAILURE"), 40);
	assert_int_equal(names_alert_by_name("handshake"), -1);
	assert_int_equal(names_alert_by_name("_RESERVED"), -1);
	assert_int_equal(names_alert_by_name(""), -1);
	assert_int_equal(names_alert_by_name(NULL), -1);
	assert_null(names_alert(1));
	assert_null(names_alert(99));
	assert_null(names_alert(255));
	assert_string_equal(names_alert_level(1), "warning");
	assert_string_equal(names_alert_level(2), "fatal");
	assert_null(names_alert_level(0));
	assert_null(names_alert_level(3));
}

static void extensions(void **state)
{
	(void)state;
	static const struct {
		uint16_t type;
		const char *name;
	} v[] = {
		{ 0, "server_name" },
		{ 1, "max_fragment_length" },
		{ 5, "status_request" },
		{ 10, "supported_groups" },
		{ 11, "ec_point_formats" },
		{ 13, "signature_algorithms" },
		{ 16, "application_layer_protocol_negotiation" },
		{ 18, "signed_certificate_timestamp" },
		{ 21, "padding" },
		{ 22, "encrypt_then_mac" },
		{ 23, "extended_master_secret" },
		{ 27, "compress_certificate" },
		{ 28, "record_size_limit" },
		{ 35, "session_ticket" },
		{ 41, "pre_shared_key" },
		{ 42, "early_data" },
		{ 43, "supported_versions" },
		{ 44, "cookie" },
		{ 45, "psk_key_exchange_modes" },
		{ 47, "certificate_authorities" },
		{ 48, "oid_filters" },
		{ 49, "post_handshake_auth" },
		{ 50, "signature_algorithms_cert" },
		{ 51, "key_share" },
		{ 54, "connection_id" },
		{ 0x3374, "next_protocol_negotiation" },
		{ 0xfd00, "ech_outer_extensions" },
		{ 0xfe0d, "encrypted_client_hello" },
		{ 0xff01, "renegotiation_info" },
	};
	for (size_t i = 0; i < COUNT(v); i++)
		assert_string_equal(names_extension(v[i].type), v[i].name);
	assert_int_equal(65281, 0xff01);
	assert_null(names_extension(40)); /* reserved */
	assert_null(names_extension(46)); /* reserved */
	assert_null(names_extension(0x0a0a));
	assert_null(names_extension(0xffff));
}

static void handshakes(void **state)
{
	(void)state;
	static const struct {
		uint8_t type;
		const char *name;
	} v[] = {
		{ 0, "HelloRequest" },
		{ 1, "ClientHello" },
		{ 2, "ServerHello" },
		{ 4, "NewSessionTicket" },
		{ 5, "EndOfEarlyData" },
		{ 8, "EncryptedExtensions" },
		{ 11, "Certificate" },
		{ 12, "ServerKeyExchange" },
		{ 13, "CertificateRequest" },
		{ 14, "ServerHelloDone" },
		{ 15, "CertificateVerify" },
		{ 16, "ClientKeyExchange" },
		{ 20, "Finished" },
		{ 21, "CertificateURL" },
		{ 22, "CertificateStatus" },
		{ 24, "KeyUpdate" },
		{ 254, "MessageHash" },
	};
	for (size_t i = 0; i < COUNT(v); i++)
		assert_string_equal(names_handshake(v[i].type), v[i].name);
	assert_null(names_handshake(7));
	assert_null(names_handshake(19));
	assert_null(names_handshake(255));
}

static void small_tables(void **state)
{
	(void)state;
	assert_string_equal(names_content_type(20), "change_cipher_spec");
	assert_string_equal(names_content_type(21), "alert");
	assert_string_equal(names_content_type(22), "handshake");
	assert_string_equal(names_content_type(23), "application_data");
	assert_string_equal(names_content_type(24), "heartbeat");
	assert_null(names_content_type(0));
	assert_null(names_content_type(19));
	assert_null(names_content_type(0x80)); /* an SSLv2 hello's first byte */

	assert_string_equal(names_version(0x0002), "SSL 2.0");
	assert_string_equal(names_version(0x0300), "SSL 3.0");
	assert_string_equal(names_version(0x0301), "TLS 1.0");
	assert_string_equal(names_version(0x0302), "TLS 1.1");
	assert_string_equal(names_version(0x0303), "TLS 1.2");
	assert_string_equal(names_version(0x0304), "TLS 1.3");
	assert_string_equal(names_version(0xfeff), "DTLS 1.0");
	assert_string_equal(names_version(0xfefd), "DTLS 1.2");
	assert_string_equal(names_version(0xfefc), "DTLS 1.3");
	assert_null(names_version(0x0305));
	assert_null(names_version(0x0a0a));
	assert_null(names_version(0x7f1c)); /* a TLS 1.3 draft version */

	assert_string_equal(names_compression(0), "null");
	assert_string_equal(names_compression(1), "DEFLATE");
	assert_null(names_compression(2));

	assert_string_equal(names_ec_point_format(0), "uncompressed");
	assert_string_equal(names_ec_point_format(1), "ansiX962_compressed_prime");
	assert_string_equal(names_ec_point_format(2), "ansiX962_compressed_char2");
	assert_null(names_ec_point_format(3));

	assert_string_equal(names_cert_type(1), "rsa_sign");
	assert_string_equal(names_cert_type(2), "dss_sign");
	assert_string_equal(names_cert_type(3), "rsa_fixed_dh");
	assert_string_equal(names_cert_type(4), "dss_fixed_dh");
	assert_string_equal(names_cert_type(64), "ecdsa_sign");
	assert_string_equal(names_cert_type(65), "rsa_fixed_ecdh");
	assert_string_equal(names_cert_type(66), "ecdsa_fixed_ecdh");
	assert_null(names_cert_type(0));
	assert_null(names_cert_type(63));

	assert_string_equal(names_status_type(1), "ocsp");
	assert_null(names_status_type(0));
	assert_string_equal(names_key_update(0), "update_not_requested");
	assert_string_equal(names_key_update(1), "update_requested");
	assert_null(names_key_update(2));
}

static void grease(void **state)
{
	(void)state;
	unsigned n = 0;
	for (uint32_t v = 0; v <= 0xffff; v++)
		if (names_is_grease((uint16_t)v)) {
			assert_int_equal(v, (v >> 12) << 12 | 0x0a00 | (v >> 12) << 4 | 0x0a);
			n++;
		}
	assert_int_equal(n, 16); /* 0x0a0a, 0x1a1a, ... 0xfafa */
	assert_true(names_is_grease(0x0a0a));
	assert_true(names_is_grease(0x1a1a));
	assert_true(names_is_grease(0xfafa));
	assert_false(names_is_grease(0x0a1a));
	assert_false(names_is_grease(0x1a0a));
	assert_false(names_is_grease(0x0b0b));
	assert_false(names_is_grease(0xabab));
	assert_false(names_is_grease(0x1301));
	assert_false(names_is_grease(0x0000));
}

static void integrity(void **state)
{
	(void)state;
	assert_true(names_tables_sorted()); /* strictly increasing: no duplicate codes */
	unsigned n = 0;
	for (const struct suite_info *s; (s = names_suite_at(n)); n++) {
		assert_non_null(s->name);
		assert_memory_equal(s->name, "TLS_", 4);
		assert_non_null(s->kx);
		assert_non_null(s->auth);
		assert_non_null(s->cipher);
		assert_non_null(s->mac);
		assert_true(*s->kx && *s->auth && *s->cipher && *s->mac);
		assert_int_equal(s->tls13, (s->id >> 8) == 0x13);
		assert_false(names_is_grease(s->id));
		assert_ptr_equal(names_suite(s->id), s);
		assert_ptr_equal(names_suite_by_name(s->name), s);
		if (n > 0)
			assert_true(names_suite_at(n - 1)->id < s->id);
		/* mbed TLS's spelling: '-' for '_' ("TLS1-3-" for TLS 1.3's "TLS_"). */
		char mbed[96];
		size_t len = strlen(s->name);
		assert_true(len + 4 < sizeof(mbed));
		if (s->tls13) {
			memcpy(mbed, "TLS1-3-", 7);
			memcpy(mbed + 7, s->name + 4, len - 4 + 1);
		} else {
			memcpy(mbed, s->name, len + 1);
		}
		for (char *p = mbed; *p; p++)
			if (*p == '_')
				*p = '-';
		assert_ptr_equal(names_suite_by_name(mbed), s);
	}
	assert_true(n >= 230);
	assert_null(names_suite_at(n));
	assert_null(names_suite_at(~0u));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_mbedtls_suite), cmocka_unit_test(suite_ids),  cmocka_unit_test(suite_parts),
		cmocka_unit_test(forward_secrecy),     cmocka_unit_test(by_name_spellings), cmocka_unit_test(groups),
		cmocka_unit_test(sigschemes),          cmocka_unit_test(alerts),     cmocka_unit_test(extensions),
		cmocka_unit_test(handshakes),          cmocka_unit_test(small_tables), cmocka_unit_test(grease),
		cmocka_unit_test(integrity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
