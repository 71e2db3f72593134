/*
 * wire/decode_records.c — see decode.h: what is not a handshake message (alerts,
 * ChangeCipherSpec, application data) and the record layer itself, as fields.
 * Handshake messages are in wire/decode.c, extension bodies in wire/ext.c.
 */
#include "wire/decode.h"

#include <stdio.h>

#include "wire/names.h"
#include "wire/reader.h"

int decode_alert(const uint8_t *p, size_t len, struct fields *out, struct wire_error *err)
{
	struct reader r;
	rd_init(&r, p, len, out, err);
	if (len != 2)
		return rd_fail(&r, ALERT_DECODE_ERROR, 0, "an alert is exactly 2 bytes, got %zu", len);
	const char *lv = names_alert_level(p[0]);
	const char *d = names_alert(p[1]);
	fields_add(out, FIELD_NONE, FIELD_TEXT, "level", 0, 1, "fatal ends the connection at once; warning may not",
	           "%s (%u)", lv ? lv : "unknown", p[0]);
	fields_add(out, FIELD_NONE, FIELD_TEXT, "description", 1, 1, names_alert_explain(p[1]), "%s (%u)",
	           d ? d : "unknown", p[1]);
	return 0;
}

int decode_ccs(const uint8_t *p, size_t len, struct fields *out, struct wire_error *err)
{
	struct reader r;
	rd_init(&r, p, len, out, err);
	if (len != 1 || p[0] != 1)
		return rd_fail(&r, ALERT_DECODE_ERROR, 0, "ChangeCipherSpec is the single byte 1");
	fields_add(out, FIELD_NONE, FIELD_TEXT, "type", 0, 1,
	           "from the next record on, this side encrypts with the new keys", "change_cipher_spec (1)");
	return 0;
}

int decode_appdata(const uint8_t *p, size_t len, struct fields *out, struct wire_error *err)
{
	(void)err;
	fields_add(out, FIELD_NONE, FIELD_TEXT, "length", 0, len, "bytes of application data in this record", "%zu", len);
	fields_add_bytes(out, FIELD_NONE, "data", p, 0, len, "what the application sent, after decryption");
	/* The same bytes as text, escaped; the whole bytes are in `data` just above. */
	fields_add_text(out, FIELD_NONE, "as_text", 0, len, "the same bytes read as text", p, len, 200);
	return 0;
}

/* RFC 5246 §6.2, RFC 8446 §5.1–5.2 */
int decode_records(const uint8_t *rec, size_t len, const struct record_info *info, struct fields *out,
                   struct wire_error *err)
{
	struct reader r;
	rd_init(&r, rec, len, out, err);
	unsigned n = 0;
	while (rd_left(&r)) {
		size_t at = r.pos;
		struct reader body;
		if (rd_left(&r) < 5)
			return rd_fail(&r, ALERT_DECODE_ERROR, at, "a record header is 5 bytes, only %zu are left", rd_left(&r));
		char label[24];
		snprintf(label, sizeof(label), "record[%u]", n++);
		int g = fields_add(out, FIELD_NONE, FIELD_GROUP, label, at, 0,
		                   "one TLS record: a 5-byte header, then its body", "%s",
		                   info->layout == LAYOUT_PLAIN ? "in clear" : "protected");
		rd_named8(&r, g, "content_type",
		          info->layout == LAYOUT_TLS13 ? "outer type: TLS 1.3 hides the real one inside the encryption"
		                                       : "what the record carries",
		          names_content_type, NULL);
		rd_named16(&r, g, "legacy_record_version", "kept for old middleboxes; not used to negotiate", names_version,
		           NULL);
		if (rd_vec16(&r, &body, "record body"))
			return -1;
		fields_add(out, g, FIELD_TEXT, "length", at + 3, 2, "bytes of record body that follow", "%zu", body.size);
		out->v[g].length = body.size + 5;
		size_t b = body.pos, bl = body.size, tl = info->tag_len;
		switch (info->layout) {
		case LAYOUT_PLAIN:
			fields_add_bytes(out, g, "fragment", rec, b, bl, "the record's content, in clear");
			break;
		case LAYOUT_AEAD_EXPLICIT:
			if (bl < 8 + tl)
				break;
			fields_add_bytes(out, g, "explicit_nonce", rec, b, 8,
			                 "sent in clear; with the 4-byte IV from the key block it makes the nonce (RFC 5288)");
			fields_add_bytes(out, g, "ciphertext", rec, b + 8, bl - 8 - tl, "the encrypted content");
			fields_add_bytes(out, g, "tag", rec, b + bl - tl, tl,
			                 "the AEAD tag: any change to the record or its header makes decryption fail");
			break;
		case LAYOUT_AEAD:
		case LAYOUT_TLS13:
			if (bl < tl)
				break;
			fields_add_bytes(out, g, info->layout == LAYOUT_TLS13 ? "encrypted_record" : "ciphertext", rec, b, bl - tl,
			                 info->layout == LAYOUT_TLS13 ? "the encrypted content, its real type and padding"
			                                              : "the encrypted content (the nonce is the IV XOR the sequence number)");
			fields_add_bytes(out, g, "tag", rec, b + bl - tl, tl,
			                 "the AEAD tag: any change to the record or its header makes decryption fail");
			if (info->layout == LAYOUT_TLS13 && info->inner_type >= 0) {
				const char *t = names_content_type((uint8_t)info->inner_type);
				fields_add(out, g, FIELD_TEXT, "inner_content_type", b, bl - tl,
				           "the real content type, found inside after decryption (RFC 8446 §5.2)", "%s (%d)",
				           t ? t : "unknown", info->inner_type);
			}
			break;
		case LAYOUT_CBC:
		case LAYOUT_CBC_ETM:
			if (bl < 16 + (info->layout == LAYOUT_CBC_ETM ? tl : 0))
				break;
			fields_add_bytes(out, g, "iv", rec, b, 16, "this record's IV, sent in clear (TLS 1.1+; RFC 5246 6.2.3.2 asks that it be unpredictable)");
			if (info->layout == LAYOUT_CBC_ETM) {
				fields_add_bytes(out, g, "ciphertext", rec, b + 16, bl - 16 - tl,
				                 "content and padding, encrypted with AES-CBC");
				fields_add_bytes(out, g, "mac", rec, b + bl - tl, tl,
				                 "HMAC over the ciphertext: checked before anything is decrypted (RFC 7366)");
			} else {
				fields_add_bytes(out, g, "ciphertext", rec, b + 16, bl - 16,
				                 "content, its MAC and padding, all encrypted (MAC-then-encrypt)");
				if (n - 1 < info->ncbc && info->cbc[n - 1].len == bl - 16)
					cbc_fields_add(out, g, b + 16, &info->cbc[n - 1]);
			}
			break;
		case LAYOUT_OPAQUE:
			fields_add_bytes(out, g, "protected", rec, b, bl, "encrypted with keys tlsstep does not know");
			break;
		}
	}
	return 0;
}
