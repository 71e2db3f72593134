/* wire/sct.c — see sct.h. The structures are TLS's presentation language (RFC 6962 §3.2). */
#include "wire/sct.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "util/words.h"
#include "wire/names.h"

/* RFC 5246 §7.4.1.4.1: the two bytes of a SignatureAndHashAlgorithm, each named. */
static const char *hash_name(uint8_t h)
{
	static const char *const n[] = { "none", "md5", "sha1", "sha224", "sha256", "sha384", "sha512" };
	return h < sizeof(n) / sizeof(n[0]) ? n[h] : NULL;
}

static const char *sig_name(uint8_t s)
{
	return s == 0 ? "anonymous" : s == 1 ? "rsa" : s == 2 ? "dsa" : s == 3 ? "ecdsa" : NULL;
}

/*
 * struct { Version sct_version; LogID id; uint64 timestamp; CtExtensions extensions;
 *          digitally-signed struct { ... } } SignedCertificateTimestamp;  (RFC 6962 §3.2)
 */
static int one_sct(struct reader *s, int g)
{
	size_t at = s->pos;
	uint8_t version;
	if (rd_u8(s, &version))
		return -1;
	fields_add(s->out, g, FIELD_TEXT, "sct_version", at, 1, "0 = v1, the only version RFC 6962 defines", "%s (%u)",
	           version == 0 ? "v1" : "unknown", version);
	if (version != 0) {
		/* RFC 6962 §3.3: a client must ignore an SCT of a version it does not know; its layout is unknown too. */
		fields_add_bytes(s->out, g, "sct_data", s->p, s->pos, rd_left(s), "the rest of an SCT of an unknown version");
		s->pos = s->len;
		return 0;
	}
	at = s->pos;
	if (rd_skip(s, 32, "log_id"))
		return -1;
	fields_add_bytes(s->out, g, "log_id", s->p, at, 32,
	                 "SHA-256 of the log's public key: which Certificate Transparency log promised to publish it");
	at = s->pos;
	uint32_t hi, lo;
	if (rd_u32(s, &hi) || rd_u32(s, &lo))
		return -1;
	uint64_t ms = (uint64_t)hi << 32 | lo;
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char when[40] = "?";
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	fields_add(s->out, g, FIELD_TEXT, "timestamp", at, 8,
	           "when the log saw the certificate, in milliseconds since 1970 (UTC)", "%s.%03u UTC (%" PRIu64 ")", when,
	           (unsigned)(ms % 1000), ms);
	at = s->pos;
	struct reader ext;
	if (rd_vec16(s, &ext, "extensions"))
		return -1;
	if (ext.size)
		fields_add_bytes(s->out, g, "extensions", s->p, at + 2, ext.size,
		                 "CtExtensions: none are defined by RFC 6962; the log signed these bytes too");
	else
		fields_add(s->out, g, FIELD_TEXT, "extensions", at, 2, "CtExtensions: none (RFC 6962 defines none)", "(empty)");
	at = s->pos;
	uint8_t h, a;
	if (rd_u8(s, &h) || rd_u8(s, &a))
		return -1;
	const char *hn = hash_name(h), *an = sig_name(a);
	fields_add(s->out, g, FIELD_TEXT, "hash_algorithm", at, 1, "the hash the log signed with (RFC 5246 §7.4.1.4.1)",
	           "%s (%u)", hn ? hn : "unknown", h);
	fields_add(s->out, g, FIELD_TEXT, "signature_algorithm", at + 1, 1,
	           "the log's key type: RFC 6962 allows ECDSA on P-256 or RSA", "%s (%u)", an ? an : "unknown", a);
	at = s->pos;
	struct reader sig;
	if (rd_vec16(s, &sig, "signature"))
		return -1;
	fields_add_bytes(s->out, g, "signature", s->p, at + 2, sig.size,
	                 "the log's signature over the version, timestamp, certificate and extensions: its promise");
	if (rd_left(s))
		return rd_fail(s, ALERT_DECODE_ERROR, s->pos, "%zu %s left over after an SCT's signature", rd_left(s),
		               bytes_word(rd_left(s)));
	fields_set_value(s->out, g, "v1, %s.%03u UTC", when, (unsigned)(ms % 1000));
	return 0;
}

/* SerializedSCT sct_list <1..2^16-1>; each opaque SerializedSCT<1..2^16-1> (RFC 6962 §3.3) */
int sct_list(struct reader *r, int parent)
{
	struct reader list;
	size_t at = r->pos;
	if (rd_vec16(r, &list, "sct_list"))
		return -1;
	if (!list.size)
		return rd_fail(r, ALERT_DECODE_ERROR, at, "an SCT list holds at least one SCT (RFC 6962 §3.3)");
	int g = fields_add(r->out, parent, FIELD_GROUP, "sct_list", at, list.size + 2,
	                   "Signed Certificate Timestamps: logs' signed promises that this certificate is public", "%s", "");
	unsigned n = 0;
	while (rd_left(&list)) {
		struct reader s;
		size_t o = list.pos;
		if (rd_vec16(&list, &s, "SerializedSCT"))
			return -1;
		if (!s.size)
			return rd_fail(r, ALERT_DECODE_ERROR, o, "an SCT is at least one byte (RFC 6962 §3.3)");
		char label[24];
		snprintf(label, sizeof(label), "sct[%u]", n++);
		int k = fields_add(r->out, g, FIELD_GROUP, label, o, s.size + 2, "one log's signed certificate timestamp",
		                   "%zu %s", s.size, bytes_word(s.size));
		if (one_sct(&s, k))
			return -1;
	}
	fields_set_value(r->out, g, "%u", n);
	return 0;
}
