/* wire/cbc_fields.c — see cbc_fields.h. */
#include "wire/cbc_fields.h"

#include <stdlib.h>

#include "util/hex.h"

/*
 * The hex of decrypted bytes p[0..n), pointing at the record's [at, at + n) they were
 * decrypted from. A text field, not FIELD_BYTES: a byte field's value is always the
 * very bytes at its offset, and these are not the ciphertext's.
 */
static int add_decrypted(struct fields *out, int parent, const char *name, size_t at, const uint8_t *p, size_t n,
                         const char *explain)
{
	char *hex = hex_string(p, n, '\0');
	int i = fields_add(out, parent, FIELD_TEXT, name, at, n, explain, "%s", hex ? hex : "");
	free(hex);
	return i;
}

int cbc_fields_add(struct fields *out, int parent, size_t at, const struct record_cbc_inner *in)
{
	if (!in || !in->plain || !in->len || in->content_len + in->mac_len + in->pad_len + 1 != in->len)
		return FIELD_NONE;
	int g = fields_add(out, parent, FIELD_GROUP, "decrypted", at, in->len,
	                   "what the ciphertext decrypts to: content || MAC || padding || padding_length (RFC 5246 6.2.3.2)",
	                   "%zu content + %zu MAC + %zu padding + 1", in->content_len, in->mac_len, in->pad_len);
	add_decrypted(out, g, "content", at, in->plain, in->content_len, "the record's content, as the MAC covers it");
	size_t m = at + in->content_len;
	add_decrypted(out, g, "mac", m, in->plain + in->content_len, in->mac_len,
	              "HMAC(MAC_write_key, seq_num || type || version || length || content), encrypted with the content");
	fields_add(out, g, FIELD_TEXT, "mac_check", m, in->mac_len,
	           "tlsstep's own HMAC over the sequence number, header and content, compared with this one", "%s",
	           in->mac_ok ? "verified: equals the HMAC tlsstep computed" : "wrong: differs from the HMAC tlsstep computed");
	size_t p = m + in->mac_len;
	if (in->pad_len)
		add_decrypted(out, g, "padding", p, in->plain + in->content_len + in->mac_len, in->pad_len,
		              "fills the last block; every byte must equal padding_length");
	fields_add(out, g, FIELD_TEXT, "padding_length", p + in->pad_len, 1,
	           "how many padding bytes come before this one (0 to 255)", "%u", (unsigned)in->plain[in->len - 1]);
	fields_add(out, g, FIELD_TEXT, "padding_check", p, in->pad_len + 1,
	           "checked apart from the MAC: the receiver must answer bad_record_mac for either, alike", "%s",
	           in->pad_ok ? "valid: every padding byte equals padding_length"
	                      : "invalid: a padding byte differs from padding_length, or it leaves no room for a MAC");
	return g;
}
