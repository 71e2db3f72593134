/* wire/ext.c — see ext.h. Each body decoder cites its RFC section. */
#include "wire/ext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/words.h"

#include "wire/names.h"
#include "wire/x509.h"

static const char *or_unknown(const char *s)
{
	return s ? s : "unknown";
}

int ext_dn_list(struct reader *list, int parent)
{
	while (rd_left(list)) {
		struct reader dn;
		size_t o = list->pos;
		if (rd_vec16(list, &dn, "distinguished name"))
			return -1;
		x509_dn_field(list->out, parent, list->p, o + 2, dn.size);
	}
	return 0;
}

int ext_sigalgs_block(struct reader *r, int parent, const char *name)
{
	struct reader v;
	size_t at = r->pos;
	if (rd_vec16(r, &v, name))
		return -1;
	if (v.size % 2)
		return rd_fail(r, ALERT_DECODE_ERROR, at, "%s must be a list of 2-byte codes", name);
	int g = fields_add(r->out, parent, FIELD_GROUP, name, at, v.size + 2,
	                   "signature algorithms the sender accepts, most preferred first", "%zu", v.size / 2);
	while (rd_left(&v)) {
		size_t o = v.pos;
		uint16_t s;
		rd_u16(&v, &s);
		fields_add(r->out, g, FIELD_TEXT, "signature_scheme", o, 2, "one accepted scheme",
		           "%s (0x%04x)", names_is_grease(s) ? "GREASE" : or_unknown(names_sigscheme(s)), s);
	}
	return 0;
}

static int group_list(struct reader *b, int e)
{
	struct reader v;
	size_t at = b->pos;
	if (rd_vec16(b, &v, "named_group_list"))
		return -1;
	if (v.size % 2)
		return rd_fail(b, ALERT_DECODE_ERROR, at, "supported_groups must be a list of 2-byte codes");
	while (rd_left(&v)) {
		size_t o = v.pos;
		uint16_t g;
		rd_u16(&v, &g);
		fields_add(b->out, e, FIELD_TEXT, "named_group", o, 2, "a group for (EC)DHE the client can use",
		           "%s (0x%04x)", names_is_grease(g) ? "GREASE" : or_unknown(names_group(g)), g);
	}
	return 0;
}

/* RFC 6066 §3 */
static int server_name(struct reader *b, int e, enum ext_ctx c)
{
	if (c != EXT_CTX_CLIENT_HELLO)
		return 0; /* the server's echo is empty */
	struct reader list;
	if (rd_vec16(b, &list, "server_name_list"))
		return -1;
	while (rd_left(&list)) {
		size_t o = list.pos;
		uint8_t type;
		struct reader host;
		if (rd_u8(&list, &type) || rd_vec16(&list, &host, "host_name"))
			return -1;
		fields_add_text(b->out, e, "host_name", o, host.size + 3,
		                "the name the client wants to reach, sent in clear text", b->p + host.pos, host.size, 0);
	}
	return 0;
}

/* RFC 8446 §4.2.8 */
static int key_share(struct reader *b, int e, enum ext_ctx c, struct ext_result *res)
{
	if (c == EXT_CTX_HRR)
		return rd_named16(b, e, "selected_group", "the group the server wants a key share for: try again with this one",
		                  names_group, &res->key_share_group);
	struct reader list = *b;
	if (c == EXT_CTX_CLIENT_HELLO && rd_vec16(b, &list, "client_shares"))
		return -1;
	if (c != EXT_CTX_CLIENT_HELLO)
		b->pos = b->len;
	while (rd_left(&list)) {
		size_t o = list.pos;
		uint16_t g;
		struct reader ke;
		if (rd_u16(&list, &g) || rd_vec16(&list, &ke, "key_exchange"))
			return -1;
		int k = fields_add(b->out, e, FIELD_GROUP, "key_share_entry", o, ke.size + 4,
		                   "a public key share, sent before the server has chosen",
		                   "%s", or_unknown(names_group(g)));
		fields_add(b->out, k, FIELD_TEXT, "group", o, 2, "the group of this share",
		           "%s (0x%04x)", or_unknown(names_group(g)), g);
		fields_add_bytes(b->out, k, "key_exchange", b->p, o + 4, ke.size,
		                 "the public value; its private half stays with the sender");
		res->key_share_group = g;
	}
	return 0;
}

/* RFC 8446 §4.2.1 */
static int supported_versions(struct reader *b, int e, enum ext_ctx c, struct ext_result *res)
{
	if (c == EXT_CTX_CLIENT_HELLO) {
		struct reader v;
		if (rd_vec8(b, &v, "versions"))
			return -1;
		res->tls13_only = rd_left(&v) > 0;
		while (rd_left(&v)) {
			size_t o = v.pos;
			uint16_t ver;
			if (rd_u16(&v, &ver))
				return -1;
			if (ver < 0x0304)
				res->tls13_only = false;
			fields_add(b->out, e, FIELD_TEXT, "version", o, 2, "a version the client speaks",
			           "%s (0x%04x)", names_is_grease(ver) ? "GREASE" : or_unknown(names_version(ver)), ver);
		}
		return 0;
	}
	return rd_named16(b, e, "selected_version", "the version the server chose", names_version, &res->selected_version);
}

/* RFC 7301 §3.1 */
static int alpn(struct reader *b, int e)
{
	struct reader list;
	if (rd_vec16(b, &list, "protocol_name_list"))
		return -1;
	while (rd_left(&list)) {
		size_t o = list.pos;
		struct reader n;
		if (rd_vec8(&list, &n, "protocol_name"))
			return -1;
		fields_add_text(b->out, e, "protocol_name", o, n.size + 1, "an application protocol (\"h2\", \"http/1.1\")",
		                b->p + n.pos, n.size, 0);
	}
	return 0;
}

/* RFC 8446 §4.2.11: identities and binders (ClientHello), or the identity chosen (ServerHello). */
static int pre_shared_key(struct reader *b, int e, enum ext_ctx c)
{
	if (c != EXT_CTX_CLIENT_HELLO) {
		size_t o = b->pos;
		uint16_t sel;
		if (rd_u16(b, &sel))
			return -1;
		fields_add(b->out, e, FIELD_TEXT, "selected_identity", o, 2,
		           "which of the client's offered PSKs the server accepts (0 = the first)", "%u", sel);
		return 0;
	}
	struct reader ids, binders;
	size_t at = b->pos;
	if (rd_vec16(b, &ids, "identities"))
		return -1;
	int g = fields_add(b->out, e, FIELD_GROUP, "identities", at, ids.size + 2,
	                   "the PSKs the client offers: tickets from earlier connections", "%s", "");
	unsigned n = 0;
	while (rd_left(&ids)) {
		struct reader id;
		size_t o = ids.pos;
		uint32_t age;
		if (rd_vec16(&ids, &id, "identity") || rd_u32(&ids, &age))
			return -1;
		int k = fields_add(b->out, g, FIELD_GROUP, "PskIdentity", o, id.size + 6, "one offered PSK", "%u", n++);
		fields_add_bytes(b->out, k, "identity", b->p, o + 2, id.size,
		                 "the ticket exactly as the server sent it in NewSessionTicket");
		fields_add(b->out, k, FIELD_TEXT, "obfuscated_ticket_age", o + 2 + id.size, 4,
		           "the ticket's age in ms plus ticket_age_add, so eavesdroppers cannot link connections",
		           "0x%08x", age);
	}
	at = b->pos;
	if (rd_vec16(b, &binders, "binders"))
		return -1;
	g = fields_add(b->out, e, FIELD_GROUP, "binders", at, binders.size + 2,
	               "an HMAC per PSK over the ClientHello so far: proves the client holds the PSK", "%s", "");
	while (rd_left(&binders)) {
		struct reader bd;
		size_t o = binders.pos;
		if (rd_vec8(&binders, &bd, "binder"))
			return -1;
		fields_add_bytes(b->out, g, "binder", b->p, o + 1, bd.size, "HMAC(finished key derived from the binder key, hash of this ClientHello up to its binders) (RFC 8446 4.2.11.2)");
	}
	return 0;
}

/* An extension whose presence is its whole message. */
static int empty(struct reader *b, int e, const char *meaning)
{
	if (rd_left(b))
		return rd_fail(b, ALERT_DECODE_ERROR, b->pos, "this extension must be empty, it holds %zu %s", rd_left(b),
		               bytes_word(rd_left(b)));
	fields_add(b->out, e, FIELD_TEXT, "extension_data", b->pos, 0, meaning, "(empty)");
	return 0;
}

static int body(struct reader *b, int e, uint16_t type, enum ext_ctx c, struct ext_result *res)
{
	switch (type) {
	case 1: { /* RFC 6066 §4 */
		size_t o = b->pos;
		uint8_t m;
		if (rd_u8(b, &m))
			return -1;
		fields_add(b->out, e, FIELD_TEXT, "max_fragment_length", o, 1, "the largest record body the sender accepts",
		           m >= 1 && m <= 4 ? "2^%u bytes (%u)" : "invalid (%u)", m >= 1 && m <= 4 ? 8u + m : m, m);
		return 0;
	}
	case 5: /* RFC 6066 §8 */
		if (c == EXT_CTX_CLIENT_HELLO) {
			struct reader v;
			if (rd_named8(b, e, "status_type", "1 = ocsp: please staple an OCSP response", names_status_type, NULL) ||
			    rd_vec16(b, &v, "responder_id_list"))
				return -1;
			fields_add(b->out, e, FIELD_TEXT, "responder_id_list", v.pos - 2, v.size + 2,
			           "OCSP responders the client trusts (empty: any)", "%zu %s", v.size, bytes_word(v.size));
			if (rd_vec16(b, &v, "request_extensions"))
				return -1;
			fields_add(b->out, e, FIELD_TEXT, "request_extensions", v.pos - 2, v.size + 2,
			           "OCSP request extensions", "%zu %s", v.size, bytes_word(v.size));
			return 0;
		}
		return rd_left(b) ? 0 : empty(b, e, "the server will staple an OCSP response");
	case 21: /* RFC 7685 */
		fields_add_bytes(b->out, e, "padding", b->p, b->pos, rd_left(b),
		                 "zero bytes that only make the ClientHello longer (works around buggy middleboxes)");
		b->pos = b->len;
		return 0;
	case 22:
		return empty(b, e, "encrypt-then-MAC: CBC records carry their MAC over the ciphertext");
	case 23:
		return empty(b, e, "extended master secret: the master secret is derived from the hash of the handshake up to the ClientKeyExchange (RFC 7627 3, 4)");
	case 49:
		return empty(b, e, "the client will answer a CertificateRequest after the handshake");
	case 28: { /* RFC 8449 */
		size_t o = b->pos;
		uint16_t lim;
		if (rd_u16(b, &lim))
			return -1;
		fields_add(b->out, e, FIELD_TEXT, "record_size_limit", o, 2, "the largest record the sender will accept",
		           "%u %s", lim, bytes_word(lim));
		return 0;
	}
	case 35: /* RFC 5077 §3.2 */
		if (!rd_left(b))
			return empty(b, e, c == EXT_CTX_CLIENT_HELLO ? "empty: the client would like a ticket"
			                                             : "the server will send a NewSessionTicket");
		fields_add_bytes(b->out, e, "ticket", b->p, b->pos, rd_left(b),
		                 "a ticket from an earlier connection: the server's sealed session state");
		b->pos = b->len;
		return 0;
	case 41:
		return pre_shared_key(b, e, c);
	case 42: /* RFC 8446 §4.2.10 */
		if (c == EXT_CTX_NEW_SESSION_TICKET) {
			size_t o = b->pos;
			uint32_t max;
			if (rd_u32(b, &max))
				return -1;
			fields_add(b->out, e, FIELD_TEXT, "max_early_data_size", o, 4,
			           "how much 0-RTT data a client may send with this ticket", "%u %s", max, bytes_word(max));
			return 0;
		}
		return empty(b, e, "0-RTT: application data sent before the handshake completes");
	case 44: { /* RFC 8446 §4.2.2 */
		struct reader v;
		size_t o = b->pos;
		if (rd_vec16(b, &v, "cookie"))
			return -1;
		fields_add_bytes(b->out, e, "cookie", b->p, o + 2, v.size,
		                 "state the server hands out in HelloRetryRequest; the client echoes it");
		return 0;
	}
	case 47: { /* RFC 8446 §4.2.4 */
		struct reader v;
		if (rd_vec16(b, &v, "authorities"))
			return -1;
		return ext_dn_list(&v, e);
	}
	case 0:
		return server_name(b, e, c);
	case 10:
		return group_list(b, e);
	case 11: { /* RFC 8422 §5.1.2 */
		struct reader v;
		if (rd_vec8(b, &v, "ec_point_format_list"))
			return -1;
		while (rd_left(&v))
			rd_named8(&v, e, "ec_point_format", "an accepted point encoding", names_ec_point_format, NULL);
		return 0;
	}
	case 13:
	case 50:
		return ext_sigalgs_block(b, e, "supported_signature_algorithms");
	case 16:
		return alpn(b, e);
	case 43:
		return supported_versions(b, e, c, res);
	case 51:
		return key_share(b, e, c, res);
	case 45: { /* RFC 8446 §4.2.9 */
		struct reader v;
		if (rd_vec8(b, &v, "ke_modes"))
			return -1;
		while (rd_left(&v)) {
			size_t o = v.pos;
			uint8_t m;
			rd_u8(&v, &m);
			fields_add(b->out, e, FIELD_TEXT, "ke_mode", o, 1, "how a resumed session may get its keys",
			           "%s (%u)", m == 0 ? "psk_ke" : m == 1 ? "psk_dhe_ke" : "unknown", m);
		}
		return 0;
	}
	case 65281: { /* RFC 5746 §3.2 */
		struct reader v;
		if (rd_vec8(b, &v, "renegotiated_connection"))
			return -1;
		int f = fields_add(b->out, e, FIELD_TEXT, "renegotiated_connection", v.pos - 1, v.size + 1,
		                   v.size ? "the Finished of the handshake before, quoted: this one continues that one"
		                          : "empty on a first handshake: binds renegotiations to it",
		                   "%zu %s", v.size, bytes_word(v.size));
		/* A renegotiation quotes verify_data: the client's (§3.5), or the client's then the server's (§3.6). */
		size_t half = c == EXT_CTX_CLIENT_HELLO ? v.size : v.size / 2;
		if (v.size && (c == EXT_CTX_CLIENT_HELLO || v.size % 2 == 0)) {
			fields_add_bytes(b->out, f, "client_verify_data", b->p, v.pos, half,
			                 "the client's Finished of the handshake before");
			if (c != EXT_CTX_CLIENT_HELLO)
				fields_add_bytes(b->out, f, "server_verify_data", b->p, v.pos + half, half,
				                 "the server's Finished of the handshake before");
		}
		return 0;
	}
	default:
		return 0; /* shown as bytes by the caller */
	}
}

static const char *ext_explain(uint16_t type)
{
	switch (type) {
	case 0: return "SNI: which host the client wants (RFC 6066 §3)";
	case 1: return "a smaller maximum record size (RFC 6066 §4)";
	case 5: return "OCSP stapling: the server includes its certificate's revocation status (RFC 6066 §8)";
	case 21: return "padding (RFC 7685)";
	case 28: return "the largest record the sender accepts (RFC 8449)";
	case 41: return "pre-shared keys offered for resumption, or the one accepted (RFC 8446 §4.2.11)";
	case 42: return "early (0-RTT) data (RFC 8446 §4.2.10)";
	case 44: return "a cookie from HelloRetryRequest (RFC 8446 §4.2.2)";
	case 47: return "the CAs the sender trusts (RFC 8446 §4.2.4)";
	case 49: return "post-handshake client authentication (RFC 8446 §4.2.6)";
	case 50: return "signature algorithms accepted in certificates (RFC 8446 §4.2.3)";
	case 10: return "groups for (EC)DHE the sender supports (RFC 8422, RFC 8446 §4.2.7)";
	case 11: return "point encodings for elliptic curves (RFC 8422 §5.1.2)";
	case 13: return "signature algorithms the sender accepts (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3)";
	case 16: return "ALPN: which application protocol to speak (RFC 7301)";
	case 22: return "encrypt-then-MAC for CBC suites (RFC 7366)";
	case 23: return "extended master secret: binds the master secret to the handshake up to the ClientKeyExchange (RFC 7627)";
	case 35: return "session tickets: resumption without server-side state (RFC 5077)";
	case 43: return "the real version negotiation of TLS 1.3 (RFC 8446 §4.2.1)";
	case 45: return "PSK key exchange modes (RFC 8446 §4.2.9)";
	case 51: return "key shares for TLS 1.3's one round trip (RFC 8446 §4.2.8)";
	case 65281: return "secure renegotiation (RFC 5746)";
	default: return "an extension";
	}
}

int ext_list_result(struct reader *r, enum ext_ctx c, struct ext_result *res)
{
	struct reader list;
	size_t at = r->pos;
	if (rd_vec16(r, &list, "extensions"))
		return -1;
	int g = fields_add(r->out, FIELD_NONE, FIELD_GROUP, "extensions", at, list.size + 2,
	                   "optional features, each a type and a length-prefixed body", "%s", "");
	unsigned n = 0;
	while (rd_left(&list)) {
		size_t o = list.pos;
		uint16_t type;
		struct reader b;
		if (rd_u16(&list, &type) || rd_vec16(&list, &b, "extension_data"))
			return -1;
		const char *name = names_is_grease(type) ? "GREASE" : names_extension(type);
		char label[64];
		snprintf(label, sizeof(label), "%s", name ? name : "unknown");
		int e = fields_add(r->out, g, FIELD_GROUP, label, o, b.size + 4, ext_explain(type),
		                   "type %u, %zu %s", type, b.size, bytes_word(b.size));
		size_t body_at = b.pos;
		if (body(&b, e, type, c, res))
			return -1;
		if (b.pos == body_at && b.size) {
			fields_add_bytes(r->out, e, "extension_data", r->p, body_at, b.size, "the extension's body");
			b.pos = b.len;
		}
		if (rd_left(&b))
			return rd_fail(r, ALERT_DECODE_ERROR, b.pos, "%zu %s left over inside extension %s",
			               rd_left(&b), bytes_word(rd_left(&b)), label);
		n++;
	}
	/* The count is known only now: replace the group's placeholder value. */
	free(r->out->v[g].value);
	char text[32];
	snprintf(text, sizeof(text), "%u", n);
	r->out->v[g].value = xstrdup(text);
	return 0;
}

int ext_list(struct reader *r, enum ext_ctx c)
{
	struct ext_result res;
	memset(&res, 0, sizeof(res));
	return ext_list_result(r, c, &res);
}
