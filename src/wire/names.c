/*
 * wire/names.c — IANA "Transport Layer Security (TLS) Parameters" registry names.
 *
 * The cipher-suite table holds every suite mbed TLS 3.6 defines in
 * ssl_ciphersuites.h (IANA's names are those defines without "MBEDTLS_"), plus a
 * few a learner meets elsewhere (RC4, 3DES, export, anonymous, the SCSVs). Each
 * suite is split into key exchange, authentication, bulk cipher and MAC/PRF the
 * way a student reads the name (RFC 5246 appendix A.5, RFC 8446 §B.4).
 * tests/unit/test_names.c checks ids against mbed TLS's defines and the tables' order.
 */
#include "wire/names.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* IANA "TLS Cipher Suites" (RFC 5246, 4279, 4346, 5288, 5289, 5487, 5932, 6209, 6367, 6655, 7251, 7905,
 * 8422, 8442, 8446). Sorted by id (binary search). Two notes: IANA spells 0xc0aa/0xc0ab
 * "TLS_PSK_DHE_WITH_..." (RFC 6655); we use mbed TLS's "TLS_DHE_PSK_WITH_..." and accept both
 * (suite_aliases below). 0xc0ff (EC J-PAKE) is not IANA-assigned: it is the code point of
 * draft-cragie-tls-ecjpake that mbed TLS uses. */
static const struct suite_info suites[] = {
	{ 0x0000, "TLS_NULL_WITH_NULL_NULL", "none", "none", "none (no encryption)", "none", false },
	{ 0x0001, "TLS_RSA_WITH_NULL_MD5", "RSA", "RSA", "none (no encryption)", "HMAC-MD5", false },
	{ 0x0002, "TLS_RSA_WITH_NULL_SHA", "RSA", "RSA", "none (no encryption)", "HMAC-SHA1", false },
	{ 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", "RSA (export)", "RSA", "RC4-40", "HMAC-MD5", false },
	{ 0x0004, "TLS_RSA_WITH_RC4_128_MD5", "RSA", "RSA", "RC4-128", "HMAC-MD5", false },
	{ 0x0005, "TLS_RSA_WITH_RC4_128_SHA", "RSA", "RSA", "RC4-128", "HMAC-SHA1", false },
	{ 0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", "RSA (export)", "RSA", "RC2-CBC-40", "HMAC-MD5", false },
	{ 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA", "RSA", "RSA", "IDEA-CBC", "HMAC-SHA1", false },
	{ 0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "RSA (export)", "RSA", "DES40-CBC", "HMAC-SHA1", false },
	{ 0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "RSA", "RSA", "DES-CBC", "HMAC-SHA1", false },
	{ 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RSA", "RSA", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", "DHE (export)", "DSS", "DES40-CBC", "HMAC-SHA1", false },
	{ 0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA", "DHE", "DSS", "DES-CBC", "HMAC-SHA1", false },
	{ 0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "DHE", "DSS", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", "DHE (export)", "RSA", "DES40-CBC", "HMAC-SHA1", false },
	{ 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", "DHE", "RSA", "DES-CBC", "HMAC-SHA1", false },
	{ 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "DHE", "RSA", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", "DH (export)", "none (anonymous)", "RC4-40", "HMAC-MD5", false },
	{ 0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", "DH", "none (anonymous)", "RC4-128", "HMAC-MD5", false },
	{ 0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", "DH (export)", "none (anonymous)", "DES40-CBC", "HMAC-SHA1", false },
	{ 0x001a, "TLS_DH_anon_WITH_DES_CBC_SHA", "DH", "none (anonymous)", "DES-CBC", "HMAC-SHA1", false },
	{ 0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", "DH", "none (anonymous)", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0x002c, "TLS_PSK_WITH_NULL_SHA", "PSK", "PSK", "none (no encryption)", "HMAC-SHA1", false },
	{ 0x002d, "TLS_DHE_PSK_WITH_NULL_SHA", "DHE", "PSK", "none (no encryption)", "HMAC-SHA1", false },
	{ 0x002e, "TLS_RSA_PSK_WITH_NULL_SHA", "RSA", "PSK", "none (no encryption)", "HMAC-SHA1", false },
	{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", "RSA", "RSA", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DHE", "DSS", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE", "RSA", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", "DH", "none (anonymous)", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "RSA", "RSA", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DHE", "DSS", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE", "RSA", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA", "DH", "none (anonymous)", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x003b, "TLS_RSA_WITH_NULL_SHA256", "RSA", "RSA", "none (no encryption)", "HMAC-SHA256", false },
	{ 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", "RSA", "RSA", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", "RSA", "RSA", "AES-256-CBC", "HMAC-SHA256", false },
	{ 0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DHE", "DSS", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "RSA", "RSA", "CAMELLIA-128-CBC", "HMAC-SHA1", false },
	{ 0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", "DHE", "RSA", "CAMELLIA-128-CBC", "HMAC-SHA1", false },
	{ 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE", "RSA", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DHE", "DSS", "AES-256-CBC", "HMAC-SHA256", false },
	{ 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "DHE", "RSA", "AES-256-CBC", "HMAC-SHA256", false },
	{ 0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256", "DH", "none (anonymous)", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256", "DH", "none (anonymous)", "AES-256-CBC", "HMAC-SHA256", false },
	{ 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "RSA", "RSA", "CAMELLIA-256-CBC", "HMAC-SHA1", false },
	{ 0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", "DHE", "RSA", "CAMELLIA-256-CBC", "HMAC-SHA1", false },
	{ 0x008a, "TLS_PSK_WITH_RC4_128_SHA", "PSK", "PSK", "RC4-128", "HMAC-SHA1", false },
	{ 0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA", "PSK", "PSK", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA", "PSK", "PSK", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA", "PSK", "PSK", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", "DHE", "PSK", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", "DHE", "PSK", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", "RSA", "PSK", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", "RSA", "PSK", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA", "RSA", "RSA", "SEED-CBC", "HMAC-SHA1", false },
	{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA", "RSA", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", "RSA", "RSA", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE", "RSA", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE", "RSA", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DHE", "DSS", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DHE", "DSS", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "DH", "none (anonymous)", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", "DH", "none (anonymous)", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK", "PSK", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384", "PSK", "PSK", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "DHE", "PSK", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", "DHE", "PSK", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", "RSA", "PSK", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", "RSA", "PSK", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256", "PSK", "PSK", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384", "PSK", "PSK", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0x00b0, "TLS_PSK_WITH_NULL_SHA256", "PSK", "PSK", "none (no encryption)", "HMAC-SHA256", false },
	{ 0x00b1, "TLS_PSK_WITH_NULL_SHA384", "PSK", "PSK", "none (no encryption)", "HMAC-SHA384", false },
	{ 0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", "DHE", "PSK", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", "DHE", "PSK", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256", "DHE", "PSK", "none (no encryption)", "HMAC-SHA256", false },
	{ 0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384", "DHE", "PSK", "none (no encryption)", "HMAC-SHA384", false },
	{ 0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", "RSA", "PSK", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", "RSA", "PSK", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256", "RSA", "PSK", "none (no encryption)", "HMAC-SHA256", false },
	{ 0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384", "RSA", "PSK", "none (no encryption)", "HMAC-SHA384", false },
	{ 0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", "RSA", "RSA", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "DHE", "RSA", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", "RSA", "RSA", "CAMELLIA-256-CBC", "HMAC-SHA256", false },
	{ 0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", "DHE", "RSA", "CAMELLIA-256-CBC", "HMAC-SHA256", false },
	{ 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "(signal)", "(signal)", "(none)", "(none)", false },
	{ 0x1301, "TLS_AES_128_GCM_SHA256", "any (TLS 1.3: key_share)", "any (TLS 1.3: certificate)", "AES-128-GCM", "AEAD (HKDF-SHA256)", true },
	{ 0x1302, "TLS_AES_256_GCM_SHA384", "any (TLS 1.3: key_share)", "any (TLS 1.3: certificate)", "AES-256-GCM", "AEAD (HKDF-SHA384)", true },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256", "any (TLS 1.3: key_share)", "any (TLS 1.3: certificate)", "CHACHA20-POLY1305", "AEAD (HKDF-SHA256)", true },
	{ 0x1304, "TLS_AES_128_CCM_SHA256", "any (TLS 1.3: key_share)", "any (TLS 1.3: certificate)", "AES-128-CCM", "AEAD (HKDF-SHA256)", true },
	{ 0x1305, "TLS_AES_128_CCM_8_SHA256", "any (TLS 1.3: key_share)", "any (TLS 1.3: certificate)", "AES-128-CCM-8", "AEAD (HKDF-SHA256)", true },
	{ 0x5600, "TLS_FALLBACK_SCSV", "(signal)", "(signal)", "(none)", "(none)", false },
	{ 0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA", "ECDH", "ECDSA", "none (no encryption)", "HMAC-SHA1", false },
	{ 0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", "ECDH", "ECDSA", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", "ECDH", "ECDSA", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", "ECDHE", "ECDSA", "none (no encryption)", "HMAC-SHA1", false },
	{ 0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "ECDHE", "ECDSA", "RC4-128", "HMAC-SHA1", false },
	{ 0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDHE", "ECDSA", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE", "ECDSA", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE", "ECDSA", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA", "ECDH", "RSA", "none (no encryption)", "HMAC-SHA1", false },
	{ 0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "ECDH", "RSA", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", "ECDH", "RSA", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA", "ECDHE", "RSA", "none (no encryption)", "HMAC-SHA1", false },
	{ 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "ECDHE", "RSA", "RC4-128", "HMAC-SHA1", false },
	{ 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "ECDHE", "RSA", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE", "RSA", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE", "RSA", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA", "ECDH", "none (anonymous)", "none (no encryption)", "HMAC-SHA1", false },
	{ 0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA", "ECDH", "none (anonymous)", "RC4-128", "HMAC-SHA1", false },
	{ 0xc017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", "ECDH", "none (anonymous)", "3DES-EDE-CBC", "HMAC-SHA1", false },
	{ 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "ECDH", "none (anonymous)", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", "ECDH", "none (anonymous)", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE", "ECDSA", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE", "ECDSA", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", "ECDH", "ECDSA", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", "ECDH", "ECDSA", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE", "RSA", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE", "RSA", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", "ECDH", "RSA", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", "ECDH", "RSA", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE", "ECDSA", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE", "ECDSA", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", "ECDH", "ECDSA", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", "ECDH", "ECDSA", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "RSA", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE", "RSA", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", "ECDH", "RSA", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "ECDH", "RSA", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", "ECDHE", "PSK", "AES-128-CBC", "HMAC-SHA1", false },
	{ 0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", "ECDHE", "PSK", "AES-256-CBC", "HMAC-SHA1", false },
	{ 0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "ECDHE", "PSK", "AES-128-CBC", "HMAC-SHA256", false },
	{ 0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", "ECDHE", "PSK", "AES-256-CBC", "HMAC-SHA384", false },
	{ 0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA", "ECDHE", "PSK", "none (no encryption)", "HMAC-SHA1", false },
	{ 0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256", "ECDHE", "PSK", "none (no encryption)", "HMAC-SHA256", false },
	{ 0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384", "ECDHE", "PSK", "none (no encryption)", "HMAC-SHA384", false },
	{ 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", "RSA", "RSA", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", "RSA", "RSA", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", "DHE", "RSA", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", "DHE", "RSA", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", "ECDHE", "ECDSA", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", "ECDHE", "ECDSA", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc04a, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256", "ECDH", "ECDSA", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc04b, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384", "ECDH", "ECDSA", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc04c, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", "ECDHE", "RSA", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc04d, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", "ECDHE", "RSA", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc04e, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256", "ECDH", "RSA", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc04f, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384", "ECDH", "RSA", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", "RSA", "RSA", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384", "RSA", "RSA", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", "DHE", "RSA", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", "DHE", "RSA", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDHE", "ECDSA", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc05d, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDHE", "ECDSA", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc05e, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDH", "ECDSA", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc05f, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDH", "ECDSA", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", "ECDHE", "RSA", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", "ECDHE", "RSA", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256", "ECDH", "RSA", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384", "ECDH", "RSA", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256", "PSK", "PSK", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384", "PSK", "PSK", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256", "DHE", "PSK", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384", "DHE", "PSK", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256", "RSA", "PSK", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384", "RSA", "PSK", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc06a, "TLS_PSK_WITH_ARIA_128_GCM_SHA256", "PSK", "PSK", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc06b, "TLS_PSK_WITH_ARIA_256_GCM_SHA384", "PSK", "PSK", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc06c, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", "DHE", "PSK", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc06d, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", "DHE", "PSK", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc06e, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", "RSA", "PSK", "ARIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc06f, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", "RSA", "PSK", "ARIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256", "ECDHE", "PSK", "ARIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384", "ECDHE", "PSK", "ARIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE", "ECDSA", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE", "ECDSA", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDH", "ECDSA", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDH", "ECDSA", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE", "RSA", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE", "RSA", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDH", "RSA", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDH", "RSA", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", "RSA", "RSA", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", "RSA", "RSA", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc07c, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "DHE", "RSA", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc07d, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "DHE", "RSA", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDHE", "ECDSA", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDHE", "ECDSA", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDH", "ECDSA", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDH", "ECDSA", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDHE", "RSA", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc08b, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDHE", "RSA", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc08c, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDH", "RSA", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc08d, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDH", "RSA", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256", "PSK", "PSK", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc08f, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384", "PSK", "PSK", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256", "DHE", "PSK", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384", "DHE", "PSK", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256", "RSA", "PSK", "CAMELLIA-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xc093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384", "RSA", "PSK", "CAMELLIA-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", "PSK", "PSK", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", "PSK", "PSK", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "DHE", "PSK", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "DHE", "PSK", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", "RSA", "PSK", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", "RSA", "PSK", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "ECDHE", "PSK", "CAMELLIA-128-CBC", "HMAC-SHA256", false },
	{ 0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "ECDHE", "PSK", "CAMELLIA-256-CBC", "HMAC-SHA384", false },
	{ 0xc09c, "TLS_RSA_WITH_AES_128_CCM", "RSA", "RSA", "AES-128-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc09d, "TLS_RSA_WITH_AES_256_CCM", "RSA", "RSA", "AES-256-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM", "DHE", "RSA", "AES-128-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM", "DHE", "RSA", "AES-256-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8", "RSA", "RSA", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8", "RSA", "RSA", "AES-256-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8", "DHE", "RSA", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8", "DHE", "RSA", "AES-256-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0a4, "TLS_PSK_WITH_AES_128_CCM", "PSK", "PSK", "AES-128-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0a5, "TLS_PSK_WITH_AES_256_CCM", "PSK", "PSK", "AES-256-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM", "DHE", "PSK", "AES-128-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM", "DHE", "PSK", "AES-256-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8", "PSK", "PSK", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8", "PSK", "PSK", "AES-256-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0aa, "TLS_DHE_PSK_WITH_AES_128_CCM_8", "DHE", "PSK", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0ab, "TLS_DHE_PSK_WITH_AES_256_CCM_8", "DHE", "PSK", "AES-256-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ECDHE", "ECDSA", "AES-128-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", "ECDHE", "ECDSA", "AES-256-CCM", "AEAD (PRF SHA256)", false },
	{ 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE", "ECDSA", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "ECDHE", "ECDSA", "AES-256-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xc0ff, "TLS_ECJPAKE_WITH_AES_128_CCM_8", "EC J-PAKE", "password (EC J-PAKE)", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "RSA", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "ECDSA", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE", "RSA", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK", "PSK", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "PSK", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "DHE", "PSK", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", "RSA", "PSK", "CHACHA20-POLY1305", "AEAD (PRF SHA256)", false },
	{ 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "ECDHE", "PSK", "AES-128-GCM", "AEAD (PRF SHA256)", false },
	{ 0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", "ECDHE", "PSK", "AES-256-GCM", "AEAD (PRF SHA384)", false },
	{ 0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256", "ECDHE", "PSK", "AES-128-CCM-8", "AEAD (PRF SHA256)", false },
	{ 0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", "ECDHE", "PSK", "AES-128-CCM", "AEAD (PRF SHA256)", false },
};

struct code_name {
	uint16_t code;
	const char *name;
};

/* Sorted by code (binary search). */
static const char *lookup(const struct code_name *t, size_t n, uint16_t code)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].code == code)
			return t[mid].name;
		if (t[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct suite_info *names_suite(uint16_t id)
{
	size_t lo = 0, hi = COUNT(suites);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (suites[mid].id == id)
			return &suites[mid];
		if (suites[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct suite_info *names_suite_at(unsigned i)
{
	return i < COUNT(suites) ? &suites[i] : NULL;
}

/* Compares a table name with a spelling in which '-' may stand for '_', ignoring case. A
 * parenthesised note at the end of the table name (" (TLS 1.2 pair)") may be left out. */
static bool same_name(const char *iana, const char *s)
{
	for (; *iana && *s; iana++, s++) {
		char a = (char)tolower((unsigned char)*iana), b = (char)tolower((unsigned char)*s);
		if (b == '-')
			b = '_';
		if (a != b)
			return false;
	}
	return !*s && (!*iana || !strncmp(iana, " (", 2));
}

/* Whether s begins with prefix (lower case, '_'), ignoring case and reading '-' as '_'. */
static bool starts_with_name(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		char a = (char)tolower((unsigned char)*s);
		if (a == '-')
			a = '_';
		if (a != *prefix)
			return false;
	}
	return true;
}

/* Other spellings a learner meets for a suite in the table. */
static const struct {
	const char *name;
	uint16_t id;
} suite_aliases[] = {
	{ "TLS_PSK_DHE_WITH_AES_128_CCM_8", 0xc0aa }, /* IANA's and RFC 6655's spelling */
	{ "TLS_PSK_DHE_WITH_AES_256_CCM_8", 0xc0ab },
};

const struct suite_info *names_suite_by_name(const char *name)
{
	if (!name)
		return NULL;
	/* mbed TLS spells TLS 1.3 suites "TLS1-3-AES-128-GCM-SHA256": compare what follows
	 * "TLS1-3-" with what follows "TLS_" in the IANA name. */
	if (starts_with_name(name, "tls1_3_")) {
		for (size_t i = 0; i < COUNT(suites); i++)
			if (suites[i].tls13 && same_name(suites[i].name + 4, name + 7))
				return &suites[i];
		return NULL;
	}
	for (size_t i = 0; i < COUNT(suites); i++)
		if (same_name(suites[i].name, name))
			return &suites[i];
	for (size_t i = 0; i < COUNT(suite_aliases); i++)
		if (same_name(suite_aliases[i].name, name))
			return names_suite(suite_aliases[i].id);
	return NULL;
}

bool names_suite_forward_secret(const struct suite_info *s)
{
	if (!s)
		return false;
	if (s->tls13)
		return true;
	if (!strncmp(s->kx, "DHE", 3) || !strncmp(s->kx, "ECDHE", 5) || !strncmp(s->kx, "EC J-PAKE", 9))
		return true;
	/* DH_anon and ECDH_anon use fresh keys; ECDH_ECDSA and ECDH_RSA use the certificate's key. */
	return (!strncmp(s->kx, "DH", 2) || !strncmp(s->kx, "ECDH", 4)) && !strcmp(s->auth, "none (anonymous)");
}

/* IANA "TLS Supported Groups": RFC 8446 §4.2.7, RFC 8422 §5.1.1, RFC 7919, RFC 8734,
 * draft-ietf-tls-mlkem and draft-ietf-tls-ecdhe-mlkem; 0x6399 is the pre-standard hybrid
 * Chrome sent in 2024 (draft-tls-westerbaan-xyber768d00), still seen in captures. */
static const struct code_name groups[] = {
	{ 0x0001, "sect163k1" }, { 0x0002, "sect163r1" }, { 0x0003, "sect163r2" }, { 0x0004, "sect193r1" },
	{ 0x0005, "sect193r2" }, { 0x0006, "sect233k1" }, { 0x0007, "sect233r1" }, { 0x0008, "sect239k1" },
	{ 0x0009, "sect283k1" }, { 0x000a, "sect283r1" }, { 0x000b, "sect409k1" }, { 0x000c, "sect409r1" },
	{ 0x000d, "sect571k1" }, { 0x000e, "sect571r1" }, { 0x000f, "secp160k1" }, { 0x0010, "secp160r1" },
	{ 0x0011, "secp160r2" }, { 0x0012, "secp192k1" }, { 0x0013, "secp192r1" }, { 0x0014, "secp224k1" },
	{ 0x0015, "secp224r1" }, { 0x0016, "secp256k1" }, { 0x0017, "secp256r1" }, { 0x0018, "secp384r1" },
	{ 0x0019, "secp521r1" }, { 0x001a, "brainpoolP256r1" }, { 0x001b, "brainpoolP384r1" },
	{ 0x001c, "brainpoolP512r1" }, { 0x001d, "x25519" }, { 0x001e, "x448" }, { 0x001f, "brainpoolP256r1tls13" },
	{ 0x0020, "brainpoolP384r1tls13" }, { 0x0021, "brainpoolP512r1tls13" }, { 0x0100, "ffdhe2048" },
	{ 0x0101, "ffdhe3072" }, { 0x0102, "ffdhe4096" }, { 0x0103, "ffdhe6144" }, { 0x0104, "ffdhe8192" },
	{ 0x0200, "MLKEM512" }, { 0x0201, "MLKEM768" }, { 0x0202, "MLKEM1024" },
	{ 0x11eb, "SecP256r1MLKEM768" }, { 0x11ec, "X25519MLKEM768" }, { 0x11ed, "SecP384r1MLKEM1024" },
	{ 0x6399, "X25519Kyber768Draft00" }, { 0xff01, "arbitrary_explicit_prime_curves" },
	{ 0xff02, "arbitrary_explicit_char2_curves" },
};

/* IANA "TLS SignatureScheme": RFC 8446 §4.2.3, RFC 8734, RFC 8998, draft-ietf-tls-tls13-pkcs1.
 * TLS 1.2's (hash, signature) pairs (RFC 5246 §7.4.1.4.1) that are no scheme are named by their
 * parts plus " (TLS 1.2 pair)"; names_sigscheme_by_name accepts them without that note. */
static const struct code_name sigschemes[] = {
	{ 0x0101, "rsa_pkcs1_md5 (TLS 1.2 pair)" }, { 0x0102, "dsa_md5 (TLS 1.2 pair)" },
	{ 0x0103, "ecdsa_md5 (TLS 1.2 pair)" }, { 0x0201, "rsa_pkcs1_sha1" }, { 0x0202, "dsa_sha1 (TLS 1.2 pair)" },
	{ 0x0203, "ecdsa_sha1" }, { 0x0301, "rsa_pkcs1_sha224 (TLS 1.2 pair)" }, { 0x0302, "dsa_sha224 (TLS 1.2 pair)" },
	{ 0x0303, "ecdsa_sha224 (TLS 1.2 pair)" }, { 0x0401, "rsa_pkcs1_sha256" }, { 0x0402, "dsa_sha256 (TLS 1.2 pair)" },
	{ 0x0403, "ecdsa_secp256r1_sha256" }, { 0x0420, "rsa_pkcs1_sha256_legacy" }, { 0x0501, "rsa_pkcs1_sha384" },
	{ 0x0502, "dsa_sha384 (TLS 1.2 pair)" }, { 0x0503, "ecdsa_secp384r1_sha384" },
	{ 0x0520, "rsa_pkcs1_sha384_legacy" }, { 0x0601, "rsa_pkcs1_sha512" }, { 0x0602, "dsa_sha512 (TLS 1.2 pair)" },
	{ 0x0603, "ecdsa_secp521r1_sha512" }, { 0x0620, "rsa_pkcs1_sha512_legacy" }, { 0x0704, "eccsi_sha256" },
	{ 0x0708, "sm2sig_sm3" },
	{ 0x0804, "rsa_pss_rsae_sha256" }, { 0x0805, "rsa_pss_rsae_sha384" }, { 0x0806, "rsa_pss_rsae_sha512" },
	{ 0x0807, "ed25519" }, { 0x0808, "ed448" }, { 0x0809, "rsa_pss_pss_sha256" }, { 0x080a, "rsa_pss_pss_sha384" },
	{ 0x080b, "rsa_pss_pss_sha512" }, { 0x081a, "ecdsa_brainpoolP256r1tls13_sha256" },
	{ 0x081b, "ecdsa_brainpoolP384r1tls13_sha384" }, { 0x081c, "ecdsa_brainpoolP512r1tls13_sha512" },
};

/* IANA "TLS Alerts": RFC 8446 §6 (whose "_RESERVED" names we keep: they mark alerts TLS 1.3
 * no longer sends, though TLS 1.2 may), RFC 5246 §7.2, RFC 6066, RFC 7301, RFC 7507, RFC 9147,
 * draft-ietf-tls-rfc8446bis (general_error), draft-ietf-tls-esni (ech_required). */
static const struct code_name alerts[] = {
	{ 0, "close_notify" }, { 10, "unexpected_message" }, { 20, "bad_record_mac" },
	{ 21, "decryption_failed_RESERVED" }, { 22, "record_overflow" }, { 30, "decompression_failure_RESERVED" },
	{ 40, "handshake_failure" }, { 41, "no_certificate_RESERVED" }, { 42, "bad_certificate" },
	{ 43, "unsupported_certificate" }, { 44, "certificate_revoked" }, { 45, "certificate_expired" },
	{ 46, "certificate_unknown" }, { 47, "illegal_parameter" }, { 48, "unknown_ca" }, { 49, "access_denied" },
	{ 50, "decode_error" }, { 51, "decrypt_error" }, { 52, "too_many_cids_requested" },
	{ 60, "export_restriction_RESERVED" },
	{ 70, "protocol_version" }, { 71, "insufficient_security" }, { 80, "internal_error" },
	{ 86, "inappropriate_fallback" }, { 90, "user_canceled" }, { 100, "no_renegotiation_RESERVED" },
	{ 109, "missing_extension" }, { 110, "unsupported_extension" }, { 111, "certificate_unobtainable_RESERVED" },
	{ 112, "unrecognized_name" }, { 113, "bad_certificate_status_response" },
	{ 114, "bad_certificate_hash_value_RESERVED" }, { 115, "unknown_psk_identity" },
	{ 116, "certificate_required" }, { 117, "general_error" }, { 120, "no_application_protocol" },
	{ 121, "ech_required" },
};

/* IANA "TLS ExtensionType Values" (40 and 46 are reserved there). 17513 and 17613 are Google's
 * application_settings (ALPS, old and new code point), not IANA-assigned but in every Chrome hello. */
static const struct code_name extensions[] = {
	{ 0, "server_name" }, { 1, "max_fragment_length" }, { 2, "client_certificate_url" },
	{ 3, "trusted_ca_keys" }, { 4, "truncated_hmac" }, { 5, "status_request" }, { 6, "user_mapping" },
	{ 7, "client_authz" }, { 8, "server_authz" }, { 9, "cert_type" }, { 10, "supported_groups" },
	{ 11, "ec_point_formats" }, { 12, "srp" }, { 13, "signature_algorithms" }, { 14, "use_srtp" },
	{ 15, "heartbeat" }, { 16, "application_layer_protocol_negotiation" }, { 17, "status_request_v2" },
	{ 18, "signed_certificate_timestamp" }, { 19, "client_certificate_type" }, { 20, "server_certificate_type" },
	{ 21, "padding" }, { 22, "encrypt_then_mac" }, { 23, "extended_master_secret" }, { 24, "token_binding" },
	{ 25, "cached_info" }, { 26, "tls_lts" }, { 27, "compress_certificate" }, { 28, "record_size_limit" },
	{ 29, "pwd_protect" }, { 30, "pwd_clear" }, { 31, "password_salt" }, { 32, "ticket_pinning" },
	{ 33, "tls_cert_with_extern_psk" }, { 34, "delegated_credential" }, { 35, "session_ticket" },
	{ 36, "TLMSP" }, { 37, "TLMSP_proxying" }, { 38, "TLMSP_delegate" }, { 39, "supported_ekt_ciphers" },
	{ 41, "pre_shared_key" }, { 42, "early_data" }, { 43, "supported_versions" }, { 44, "cookie" },
	{ 45, "psk_key_exchange_modes" }, { 47, "certificate_authorities" }, { 48, "oid_filters" },
	{ 49, "post_handshake_auth" }, { 50, "signature_algorithms_cert" }, { 51, "key_share" },
	{ 52, "transparency_info" }, { 53, "connection_id_deprecated" }, { 54, "connection_id" },
	{ 55, "external_id_hash" }, { 56, "external_session_id" }, { 57, "quic_transport_parameters" },
	{ 58, "ticket_request" }, { 59, "dnssec_chain" }, { 60, "sequence_number_encryption_algorithms" },
	{ 61, "rrc" }, { 13172, "next_protocol_negotiation" }, { 17513, "application_settings (old)" },
	{ 17613, "application_settings" },
	{ 64768, "ech_outer_extensions" }, { 65037, "encrypted_client_hello" }, { 65281, "renegotiation_info" },
};

/* RFC 8446 §4 and RFC 5246 §7.4, spelt as the RFCs name the messages */
static const struct code_name handshakes[] = {
	{ 0, "HelloRequest" }, { 1, "ClientHello" }, { 2, "ServerHello" }, { 3, "HelloVerifyRequest" },
	{ 4, "NewSessionTicket" }, { 5, "EndOfEarlyData" }, { 6, "HelloRetryRequest (RESERVED)" },
	{ 8, "EncryptedExtensions" },
	{ 9, "RequestConnectionId" }, { 10, "NewConnectionId" }, { 11, "Certificate" }, { 12, "ServerKeyExchange" },
	{ 13, "CertificateRequest" }, { 14, "ServerHelloDone" }, { 15, "CertificateVerify" },
	{ 16, "ClientKeyExchange" }, { 17, "ClientCertificateRequest" }, { 20, "Finished" },
	{ 21, "CertificateURL" }, { 22, "CertificateStatus" }, { 23, "SupplementalData" }, { 24, "KeyUpdate" },
	{ 25, "CompressedCertificate" }, { 26, "EKTKey" }, { 254, "MessageHash" },
};

/* IANA "TLS ContentType": RFC 8446 §5.1, RFC 6520 (heartbeat), RFC 9146, RFC 9147 */
static const struct code_name content_types[] = {
	{ 20, "change_cipher_spec" }, { 21, "alert" }, { 22, "handshake" }, { 23, "application_data" },
	{ 24, "heartbeat" }, { 25, "tls12_cid" }, { 26, "ACK" },
};

/* ProtocolVersion: RFC 6101, 2246, 4346, 5246, 8446; DTLS: RFC 4347, 6347, 9147 */
static const struct code_name versions[] = {
	{ 0x0002, "SSL 2.0" }, { 0x0300, "SSL 3.0" }, { 0x0301, "TLS 1.0" }, { 0x0302, "TLS 1.1" },
	{ 0x0303, "TLS 1.2" }, { 0x0304, "TLS 1.3" }, { 0xfefc, "DTLS 1.3" }, { 0xfefd, "DTLS 1.2" },
	{ 0xfeff, "DTLS 1.0" },
};

/* RFC 5246 §7.4.4 ClientCertificateType, RFC 8422 §5.5 */
static const struct code_name cert_types[] = {
	{ 1, "rsa_sign" }, { 2, "dss_sign" }, { 3, "rsa_fixed_dh" }, { 4, "dss_fixed_dh" },
	{ 5, "rsa_ephemeral_dh_RESERVED" }, { 6, "dss_ephemeral_dh_RESERVED" }, { 20, "fortezza_dms_RESERVED" },
	{ 64, "ecdsa_sign" }, { 65, "rsa_fixed_ecdh" }, { 66, "ecdsa_fixed_ecdh" },
};

const char *names_group(uint16_t id)
{
	return lookup(groups, COUNT(groups), id);
}

uint16_t names_group_by_name(const char *name)
{
	for (size_t i = 0; i < COUNT(groups); i++)
		if (same_name(groups[i].name, name))
			return groups[i].code;
	return 0;
}

const char *names_sigscheme(uint16_t id)
{
	return lookup(sigschemes, COUNT(sigschemes), id);
}

uint16_t names_sigscheme_by_name(const char *name)
{
	for (size_t i = 0; i < COUNT(sigschemes); i++)
		if (same_name(sigschemes[i].name, name))
			return sigschemes[i].code;
	return 0;
}

/* What an alert says, for a student: the common ones, with where the RFCs define them. */
static const struct {
	uint8_t code;
	const char *text;
} alert_texts[] = {
	{ 0, "close_notify: the sender will send nothing more; the orderly end that rules out truncation (RFC 5246 7.2.1)" },
	{ 10, "unexpected_message: a message came that is not allowed at this point of the protocol" },
	{ 20, "bad_record_mac: a record failed its integrity check (MAC or AEAD tag) (RFC 5246 7.2.2)" },
	{ 40, "handshake_failure: no acceptable set of parameters, e.g. no cipher suite in common" },
	{ 41, "no_certificate_RESERVED: SSL 3.0's 'I have no certificate', reserved since TLS 1.0. A TLS 1.3 "
	      "server lacking a required client certificate should send certificate_required (116, RFC 8446 "
	      "4.4.2.4); some stacks, mbed TLS 3.6 among them, still send this one" },
	{ 42, "bad_certificate: a certificate was corrupt or did not verify, e.g. a name that does not match" },
	{ 43, "unsupported_certificate: a certificate of a kind the receiver does not support" },
	{ 45, "certificate_expired: a certificate is outside its validity period" },
	{ 46, "certificate_unknown: some other problem with a certificate made it unacceptable" },
	{ 47, "illegal_parameter: a field was out of range or inconsistent with the others" },
	{ 48, "unknown_ca: the chain does not lead to a CA the receiver trusts" },
	{ 50, "decode_error: a message could not be decoded (a length out of range, a malformed field)" },
	{ 51, "decrypt_error: a handshake cryptographic check failed: a signature, or a Finished that does not match" },
	{ 70, "protocol_version: the peer's version is recognized but not supported (RFC 5246 E.1, RFC 8446 D.2)" },
	{ 71, "insufficient_security: the server requires parameters more secure than the client offered" },
	{ 80, "internal_error: a failure of the sender unrelated to the protocol" },
	{ 86, "inappropriate_fallback: the client retried with a lower version than the server supports (RFC 7507)" },
	{ 109, "missing_extension: a required extension was not sent (RFC 8446 6.2)" },
	{ 110, "unsupported_extension: an extension came that was not asked for or not allowed here" },
	{ 112, "unrecognized_name: the server has no host by the name in server_name (RFC 6066 3)" },
	{ 116, "certificate_required: the server requires a client certificate and got none (RFC 8446 6.2)" },
	{ 120, "no_application_protocol: none of the client's ALPN protocols is acceptable (RFC 7301 3.2)" },
};

const char *names_alert_explain(uint8_t description)
{
	for (size_t i = 0; i < sizeof(alert_texts) / sizeof(alert_texts[0]); i++)
		if (alert_texts[i].code == description)
			return alert_texts[i].text;
	return "what went wrong, or close_notify for an orderly end";
}

const char *names_alert(uint8_t description)
{
	return lookup(alerts, COUNT(alerts), description);
}

int names_alert_by_name(const char *name)
{
	static const char reserved[] = "_RESERVED";
	const size_t rn = sizeof(reserved) - 1;
	if (!name)
		return -1;
	for (size_t i = 0; i < COUNT(alerts); i++) {
		const char *a = alerts[i].name;
		size_t an = strlen(a);
		char bare[48];
		if (same_name(a, name))
			return alerts[i].code;
		/* "no_renegotiation" for "no_renegotiation_RESERVED" */
		if (an > rn && an - rn < sizeof(bare) && !strcmp(a + an - rn, reserved)) {
			memcpy(bare, a, an - rn);
			bare[an - rn] = '\0';
			if (same_name(bare, name))
				return alerts[i].code;
		}
	}
	return -1;
}

const char *names_alert_level(uint8_t level)
{
	return level == 1 ? "warning" : level == 2 ? "fatal" : NULL;
}

const char *names_extension(uint16_t type)
{
	return lookup(extensions, COUNT(extensions), type);
}

const char *names_handshake(uint8_t type)
{
	return lookup(handshakes, COUNT(handshakes), type);
}

const char *names_content_type(uint8_t type)
{
	return lookup(content_types, COUNT(content_types), type);
}

const char *names_version(uint16_t version)
{
	return lookup(versions, COUNT(versions), version);
}

const char *names_compression(uint8_t method)
{
	return method == 0 ? "null" : method == 1 ? "DEFLATE" : method == 64 ? "LZS" : NULL;
}

const char *names_ec_point_format(uint8_t f)
{
	return f == 0 ? "uncompressed" : f == 1 ? "ansiX962_compressed_prime" : f == 2 ? "ansiX962_compressed_char2" : NULL;
}

const char *names_cert_type(uint8_t t)
{
	return lookup(cert_types, COUNT(cert_types), t);
}

const char *names_status_type(uint8_t t)
{
	return t == 1 ? "ocsp" : t == 2 ? "ocsp_multi" : NULL;
}

const char *names_key_update(uint8_t t)
{
	return t == 0 ? "update_not_requested" : t == 1 ? "update_requested" : NULL;
}

/* RFC 8701 §2: 0x0a0a, 0x1a1a, ... 0xfafa. */
bool names_is_grease(uint16_t v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* RFC 8701 §2: the PskKeyExchangeMode values reserved for GREASE. */
bool names_is_grease8(uint8_t v)
{
	return v == 0x0b || v == 0x2a || v == 0x49 || v == 0x68 || v == 0x87 || v == 0xa6 || v == 0xc5 || v == 0xe4;
}

/* For tests: each table is sorted and has no duplicates. */
bool names_tables_sorted(void)
{
	const struct {
		const struct code_name *t;
		size_t n;
	} all[] = {
		{ groups, COUNT(groups) }, { sigschemes, COUNT(sigschemes) }, { alerts, COUNT(alerts) },
		{ extensions, COUNT(extensions) }, { handshakes, COUNT(handshakes) },
		{ content_types, COUNT(content_types) }, { versions, COUNT(versions) }, { cert_types, COUNT(cert_types) },
	};
	for (size_t i = 1; i < COUNT(suites); i++)
		if (suites[i - 1].id >= suites[i].id)
			return false;
	for (size_t k = 0; k < COUNT(all); k++)
		for (size_t i = 1; i < all[k].n; i++)
			if (all[k].t[i - 1].code >= all[k].t[i].code)
				return false;
	return true;
}
