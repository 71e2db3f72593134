/* model/field_words.c — see field_words.h. */
#include "model/field_words.h"

#include <string.h>

enum when {
	ANY,
	TLS12,        /* the run negotiated TLS 1.2 or older */
	TLS13,        /* the run negotiated TLS 1.3 */
	OFFERS13,     /* the ClientHello's supported_versions lists TLS 1.3 */
};

enum fill { EITHER, EMPTY, NONEMPTY };

static const struct {
	const char *message;    /* "ClientHello"; "record" for the record layer's fields */
	const char *field;
	enum when when;
	enum fill fill;         /* the value is "(empty)" or not */
	const char *text;
} table[] = {
	/* RFC 8446 §4.1.2, §D.4: a client offering TLS 1.3 fills legacy_session_id for middleboxes,
	 * or with a TLS 1.2 session it would resume should the server speak only TLS 1.2: which
	 * one the bytes cannot say, so the words give both. */
	{ "ClientHello", "session_id", OFFERS13, NONEMPTY,
	  "legacy_session_id: to a TLS 1.3 server not a resumption (TLS 1.3 resumes with pre_shared_key), only bytes it "
	  "echoes: most stacks send 32 random ones for middlebox compatibility (RFC 8446 4.1.2, D.4); a TLS 1.2 server "
	  "may find a session of its own by them and resume it" },
	{ "ClientHello", "session_id", OFFERS13, EMPTY,
	  "legacy_session_id, empty: no middlebox compatibility mode; a TLS 1.2 server would start a new session "
	  "(RFC 8446 4.1.2)" },
	/* RFC 8446 §4.1.3: the echo says nothing about resumption. */
	{ "ServerHello", "session_id", TLS13, EITHER,
	  "legacy_session_id_echo: a TLS 1.3 server echoes the client's legacy_session_id whatever it held; it says "
	  "nothing about resumption, which TLS 1.3 does with pre_shared_key (RFC 8446 4.1.3)" },
	/* RFC 5246 §7.4.1.3: an empty session_id says the session will not be cached. */
	{ "ServerHello", "session_id", TLS12, EMPTY,
	  "empty: the server will not keep this session for resumption by id (a session ticket may still resume it, "
	  "RFC 5246 7.4.1.3, RFC 5077 3.4)" },
	{ "HelloRetryRequest", "session_id", ANY, EITHER,
	  "legacy_session_id_echo: the client's legacy_session_id, echoed (RFC 8446 4.1.3, 4.1.4)" },
	/* RFC 8446 §4.2.8: the ServerHello's entry answers one of the client's shares. */
	{ "ServerHello", "key_share_entry", ANY, EITHER,
	  "the server's public key share, in the group it chose among the client's shares (RFC 8446 4.2.8)" },
	/* RFC 5246 §6.2.1 names it "version"; legacy_record_version is TLS 1.3's word for it (RFC 8446 §5.1). */
	{ "record", "legacy_record_version", TLS12, EITHER,
	  "the record's version (RFC 5246 6.2.1): 0x0303 in TLS 1.2; a first ClientHello may say 0x0301 so that old "
	  "servers read it" },
	/* RFC 8446 §4.4.2.1: status_request in a CertificateRequest asks the client to staple. */
	{ "CertificateRequest", "status_request", TLS13, EITHER,
	  "the server asks the client to send an OCSP response for its own certificate (RFC 8446 4.4.2.1)" },
};

/* Phrases that are true of one version only. */
static const char *const forbidden12[] = { "HKDF", "legacy_session_id_echo", "handshake traffic secret", NULL };
static const char *const forbidden13[] = {
	"premaster", "key block", "the same if resuming", "the session it wants to resume", "ServerHelloDone", NULL,
};

const char *const *field_words_forbidden(uint16_t version)
{
	return version == 0x0304 ? forbidden13 : forbidden12;
}

/* Whether the ClientHello's supported_versions extension lists TLS 1.3. */
static bool offers13(const struct fields *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct field *f = &fs->v[i];
		if (f->parent != FIELD_NONE && !strcmp(fs->v[f->parent].name, "supported_versions") &&
		    !strncmp(f->value, "TLS 1.3", 7))
			return true;
	}
	return false;
}

static void apply(const char *message, struct fields *fs, uint16_t version, bool offer13)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct field *f = &fs->v[i];
		for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++) {
			bool when = table[t].when == ANY || (table[t].when == TLS12 && version && version < 0x0304) ||
			            (table[t].when == TLS13 && version == 0x0304) || (table[t].when == OFFERS13 && offer13);
			bool empty = !strcmp(f->value, "(empty)");
			bool fill = table[t].fill == EITHER || (table[t].fill == EMPTY) == empty;
			if (when && fill && !strcmp(table[t].message, message) && !strcmp(table[t].field, f->name)) {
				f->explain = table[t].text;
				break;
			}
		}
	}
}

void field_words_apply(const struct timeline *tl, struct step *st)
{
	apply(st->message, &st->fields, tl->tls_version, !strcmp(st->message, "ClientHello") && offers13(&st->fields));
	apply("record", &st->record_fields, tl->tls_version, false);
}
