/* check/sig.c — see sig.h. */
#include "check/sig.h"

#include <stdio.h>

#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "check/kdf.h"

int check_signature(const uint8_t *cert, size_t cert_len, uint16_t scheme, const uint8_t *content,
                    size_t content_len, const uint8_t *sig, size_t sig_len, char *err, size_t errlen)
{
	mbedtls_md_type_t md;
	switch (scheme & 0xff00) {
	case 0x0200: md = MBEDTLS_MD_SHA1; break;
	case 0x0400: md = MBEDTLS_MD_SHA256; break;
	case 0x0500: md = MBEDTLS_MD_SHA384; break;
	case 0x0600: md = MBEDTLS_MD_SHA512; break;
	case 0x0800:
		md = scheme == 0x0804 || scheme == 0x0809 ? MBEDTLS_MD_SHA256
		   : scheme == 0x0805 || scheme == 0x080a ? MBEDTLS_MD_SHA384
		   : scheme == 0x0806 || scheme == 0x080b ? MBEDTLS_MD_SHA512 : MBEDTLS_MD_NONE;
		break;
	default: md = MBEDTLS_MD_NONE; break;
	}
	if (md == MBEDTLS_MD_NONE) {
		snprintf(err, errlen, "signature scheme 0x%04x is not one tlsstep checks", scheme);
		return CHECK_ERR_BAD_INPUT;
	}
	const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md);
	uint8_t hash[64];
	mbedtls_x509_crt crt;
	int rc, ret = CHECK_ERR_CRYPTO;
	mbedtls_x509_crt_init(&crt);
	if ((rc = mbedtls_x509_crt_parse_der(&crt, cert, cert_len)) != 0) {
		char why[100];
		mbedtls_strerror(rc, why, sizeof(why));
		snprintf(err, errlen, "the certificate does not parse: %s", why);
		goto out;
	}
	if (mbedtls_md(info, content, content_len, hash) != 0)
		goto out;
	if ((scheme & 0xff00) == 0x0800) {
		/* RSASSA-PSS with MGF1 of the same hash and a salt as long as the hash (RFC 8446 §4.2.3). */
		mbedtls_pk_rsassa_pss_options opts = { md, (int)mbedtls_md_get_size(info) };
		rc = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &opts, &crt.pk, md, hash, mbedtls_md_get_size(info), sig,
		                           sig_len);
	} else {
		rc = mbedtls_pk_verify(&crt.pk, md, hash, mbedtls_md_get_size(info), sig, sig_len);
	}
	if (rc != 0) {
		char why[100];
		mbedtls_strerror(rc, why, sizeof(why));
		snprintf(err, errlen, "%s", why);
		ret = CHECK_ERR_AUTH;
		goto out;
	}
	ret = 0;
out:
	mbedtls_x509_crt_free(&crt);
	return ret;
}

bool check_ske_content(const struct fields *f, const uint8_t *msg, const uint8_t client_random[32],
                       const uint8_t server_random[32], struct buf *content)
{
	size_t plen = 0;
	const uint8_t *params = fields_bytes(f, msg, "ecdh_params", false, &plen);
	if (!params)
		params = fields_bytes(f, msg, "dh_params", false, &plen);
	if (!params)
		return false;
	buf_append(content, client_random, 32);
	buf_append(content, server_random, 32);
	buf_append(content, params, plen);
	return true;
}
