/*
 * wire/ext.h — hello extensions (RFC 8446 §4.2, RFC 6066, RFC 7627, ...); internal
 * to wire/. Unknown extensions are shown with their bytes, never dropped.
 */
#ifndef TLSSTEP_WIRE_EXT_H
#define TLSSTEP_WIRE_EXT_H

#include <stdbool.h>
#include <stdint.h>

#include "wire/reader.h"

/* Which message the extensions are in: some bodies differ (key_share, supported_versions). */
enum ext_ctx {
	EXT_CTX_CLIENT_HELLO,
	EXT_CTX_SERVER_HELLO,
	EXT_CTX_HRR,
	EXT_CTX_ENCRYPTED_EXTENSIONS,
	EXT_CTX_CERTIFICATE_REQUEST,
	EXT_CTX_NEW_SESSION_TICKET,
	EXT_CTX_CERTIFICATE,        /* a TLS 1.3 CertificateEntry's (RFC 8446 §4.4.2) */
};

struct ext_result {
	uint16_t selected_version;  /* ServerHello/HRR supported_versions */
	uint16_t key_share_group;   /* ServerHello key_share group or HRR selected_group */
	bool tls13_only;            /* ClientHello supported_versions lists nothing below TLS 1.3 */
};

/* The 2-byte-length extensions block at r: a group field "extensions" with one child each. */
int ext_list(struct reader *r, enum ext_ctx c);
int ext_list_result(struct reader *r, enum ext_ctx c, struct ext_result *res);
/* The same block as a group "extensions" under parent (a TLS 1.3 certificate entry). */
int ext_list_in(struct reader *r, int parent, enum ext_ctx c);
/* A list of DistinguishedName (2-byte length each), RFC 5246 §7.4.4 / RFC 8446 §4.2.4, under parent. */
int ext_dn_list(struct reader *list, int parent);
/* A 2-byte-length list of signature schemes as a group field. */
int ext_sigalgs_block(struct reader *r, int parent, const char *name);

#endif
