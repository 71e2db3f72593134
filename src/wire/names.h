/*
 * wire/names.h — IANA name tables (TLS parameters registry).
 *
 * Pure lookups over const tables: no allocation, no mbed TLS. Every function
 * returns NULL (or false) for a code it does not know; callers then show the
 * code as "unknown (0x....)", never drop it.
 */
#ifndef TLSSTEP_WIRE_NAMES_H
#define TLSSTEP_WIRE_NAMES_H

#include <stdbool.h>
#include <stdint.h>

/* A cipher suite and its parts, as a student reads the name. */
struct suite_info {
	uint16_t id;
	const char *name;   /* IANA: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" */
	const char *kx;     /* key exchange: "ECDHE", "RSA", "DHE", "PSK", ... ; TLS 1.3: "any (TLS 1.3)" */
	const char *auth;   /* authentication: "RSA", "ECDSA", "PSK", ...; TLS 1.3: "any (TLS 1.3)" */
	const char *cipher; /* bulk cipher: "AES-128-GCM", "CHACHA20-POLY1305", "AES-128-CBC", ... */
	const char *mac;    /* MAC or PRF hash: "SHA256", "SHA384", "SHA1", "AEAD (SHA256 for the PRF)" ... */
	bool tls13;         /* a TLS 1.3 suite (0x13xx) */
};

const struct suite_info *names_suite(uint16_t id);
/* Lookup by IANA name, case-insensitive; also accepts mbed TLS's spelling
 * ("TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256", "TLS1-3-AES-128-GCM-SHA256"). */
const struct suite_info *names_suite_by_name(const char *name);
/* Iteration over the whole table: i from 0 while it returns non-NULL. */
const struct suite_info *names_suite_at(unsigned i);
/* Added: whether the suite's key exchange is ephemeral (forward secrecy): every TLS 1.3 suite,
 * DHE, ECDHE, anonymous DH/ECDH, EC J-PAKE; not RSA key transport, static ECDH, plain PSK or
 * RSA-PSK, nor the signalling values. */
bool names_suite_forward_secret(const struct suite_info *s);

const char *names_group(uint16_t id);           /* "x25519", "secp256r1", "ffdhe2048" */
/* Lookup by name, case-insensitive; 0 if unknown (0 is no group). */
uint16_t names_group_by_name(const char *name);
const char *names_sigscheme(uint16_t id);       /* "rsa_pss_rsae_sha256", "ecdsa_secp256r1_sha256" */
/* Lookup by name, case-insensitive; 0 if unknown. */
uint16_t names_sigscheme_by_name(const char *name);
const char *names_alert(uint8_t description);   /* "handshake_failure" */
/* A sentence on what the alert means, for the description field (never NULL). */
const char *names_alert_explain(uint8_t description);
/* Added: lookup by name, case-insensitive; a "_RESERVED" suffix may be left out
 * ("no_renegotiation" -> 100). -1 if unknown (0 is close_notify). */
int names_alert_by_name(const char *name);
const char *names_alert_level(uint8_t level);   /* "warning", "fatal" */
const char *names_extension(uint16_t type);     /* "server_name", "key_share" */
const char *names_handshake(uint8_t type);      /* "ClientHello", "ServerKeyExchange" (RFC spelling) */
const char *names_content_type(uint8_t type);   /* "handshake", "change_cipher_spec", "alert", "application_data" */
const char *names_version(uint16_t version);    /* 0x0303 -> "TLS 1.2", 0x0300 -> "SSL 3.0" */
const char *names_compression(uint8_t method);  /* 0 -> "null" */
const char *names_ec_point_format(uint8_t f);   /* 0 -> "uncompressed" */
const char *names_cert_type(uint8_t t);         /* ClientCertificateType: 1 -> "rsa_sign", 64 -> "ecdsa_sign" */
const char *names_status_type(uint8_t t);       /* RFC 6066 §8: 1 -> "ocsp" */
const char *names_key_update(uint8_t t);        /* RFC 8446 §4.6.3: 0 -> "update_not_requested" */
/* RFC 8701 GREASE values (0x0a0a, 0x1a1a, ... 0xfafa). */
bool names_is_grease(uint16_t v);
/* RFC 8701 one-byte GREASE values (psk_key_exchange_modes: 0x0b, 0x2a, ... 0xe4). */
bool names_is_grease8(uint8_t v);

/* For the unit test: every table is sorted by code with no duplicates (lookups bisect). */
bool names_tables_sorted(void);

#endif
