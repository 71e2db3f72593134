/*
 * model/timeline.h — the timeline: the one source of truth every front end reads.
 *
 * A run of a scenario produces an ordered list of steps. A step is one thing
 * that crossed the pipe (a handshake message, a ChangeCipherSpec, an alert or an
 * application-data record) with its record bytes, its plaintext, its decoded
 * fields and the secrets that became known at that step. Stepping back in a UI
 * is moving a cursor over a finished timeline, never re-running the library.
 */
#ifndef TLSSTEP_MODEL_TIMELINE_H
#define TLSSTEP_MODEL_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/scenario.h"
#include "util/buf.h"
#include "wire/decode.h"
#include "wire/fields.h"

enum step_type {
	STEP_HANDSHAKE,
	STEP_CHANGE_CIPHER_SPEC,
	STEP_ALERT,
	STEP_APPLICATION_DATA,
	STEP_UNKNOWN,          /* a record of an unknown content type, or bytes that are no record */
};

/*
 * Phases: a step's `phase` is a number; what it means depends on the version.
 * TLS 1.2 and older, the four phases of RFC 5246 §7.3: 1 hello; 2 server authentication
 * and key exchange; 3 client authentication and key exchange; 4 change cipher spec and
 * Finished. TLS 1.3, the grouping of RFC 8446 §2 (figure 1): 1 key exchange; 2 server
 * parameters; 3 authentication (no phase 4). Every version: PHASE_DATA, after the
 * handshake (application data, post-handshake messages such as a TLS 1.3
 * NewSessionTicket, closure), which is shown without a number. Within a connection
 * phases never go backwards, except into a new hello.
 */
enum { PHASE_HELLO = 1, PHASE_SERVER = 2, PHASE_CLIENT = 3, PHASE_FINISH = 4, PHASE_DATA = 5 };
enum { PHASE13_KEY_EXCHANGE = 1, PHASE13_SERVER_PARAMS = 2, PHASE13_AUTH = 3 };

/* Who knows a secret: a bit set. HOLDER_KEYLOG: read from a capture's key log (model/from_capture.h),
 * which neither end handed to tlsstep; shown "key log". */
enum { HOLDER_CLIENT = 1, HOLDER_SERVER = 2, HOLDER_WIRE = 4, HOLDER_KEYLOG = 8 };

enum agreement {
	AGREE_UNCHECKED = 0,   /* nothing independent to compare with (yet) */
	AGREE_YES,
	AGREE_NO,
};

struct secret {
	char name[64];          /* "client_random", "premaster_secret", "master_secret", ... */
	unsigned holders;       /* HOLDER_* bits: who came to know it at this step */
	struct buf value;
	char *derived_as;       /* how it is computed, with real inputs; NULL for a fresh random value */
	enum agreement agrees;  /* the independent re-derivation agreed with the library */
	char *check_note;       /* what was compared, or why it could not be */
	char *recipe;           /* shell text that prints value as hex (model/recipe.h), or NULL */
};

struct step {
	int index;              /* 1-based */
	int connection;         /* 1-based */
	int handshake;          /* 1-based within its connection: 2 and on are renegotiations (TLS 1.2) */
	int phase;
	enum side from;
	enum step_type type;
	char message[48];       /* "ClientHello", "ChangeCipherSpec", "Alert", "ApplicationData" */
	bool encrypted;         /* travelled encrypted on the wire */
	bool have_plain;        /* plain holds the real plaintext (decrypted where encrypted) */
	struct buf record;      /* the record(s) as they crossed the pipe */
	uint64_t stream_end;    /* where record ends in its sender's byte stream: steps that share a record share it */
	struct buf plain;       /* handshake: the message with its 4-byte header */
	struct buf sent_plain;  /* a message a rewrite fault changed: as its sender wrote it (else empty) */
	struct fields fields;   /* decoded from plain; offsets into plain */
	struct fields record_fields; /* the record layer; offsets into record */
	struct wire_error decode_error;
	uint8_t hs_type;
	uint8_t inner_type;     /* the content type it carried (the real one, for TLS 1.3) */
	uint8_t alert_level, alert_desc;
	struct secret *secrets; /* became known at this step */
	size_t nsecrets;
	char *fault_note;       /* what a scenario fault did just before this step crossed, or NULL */
	uint8_t transcript_hash[48]; /* handshake messages: the running transcript hash after this one */
	size_t transcript_hash_len;  /* 0 when not a transcript message or no suite was agreed */
	const char *transcript_hash_md; /* "SHA-256" ... */
	struct buf signed_content;      /* ServerKeyExchange, CertificateVerify: exactly what was signed */
	enum agreement signature_ok;    /* tlsstep verified the signature with the signer's certificate */
	char *signature_note;
	/* What went wrong where (model/failure.h reads these). */
	bool in_flight;         /* sent before the peer's fatal alert reached this sender */
	/* The bytes a scenario fault changed: offsets into `record` (which holds the step's
	 * record or records back to back as they crossed, 5-byte headers included), each
	 * byte's value before the fault (record.data[fault_off[i]] is the value after). A
	 * message that travelled in several records counts from the first one's header. */
	size_t fault_off[4];
	uint8_t fault_was[4];
	size_t nfault;
	enum agreement record_ok; /* encrypted: YES its tag/MAC verified under tlsstep's keys; NO tlsstep had
	                             keys for it and the check failed; UNCHECKED no keys, or not encrypted */
};

struct end_outcome {
	bool failed;
	int error;              /* mbed TLS error code */
	char error_text[160];
	uint32_t verify_flags;
	char verify_text[320];
	bool cert_not_server;   /* its own certificate may not serve a TLS server (no serverAuth) */
	bool handshake_done;
	bool finished;
	bool never_connected;   /* a man in the middle's run: this end's connection was never opened */
};

struct outcome {
	bool ok;                /* both ends completed handshake, data and closure */
	bool expected;          /* the outcome is the one the scenario expects */
	struct end_outcome end[2];
	bool alert_seen;        /* a fatal alert (or a non-close_notify warning) crossed the pipe */
	enum side alert_from;   /* its sender's role in its connection (model/mitm.h names who that is) */
	int alert_connection;
	uint8_t alert_level, alert_desc;
	bool stalled;
	char stall_text[320];
	bool detected;          /* an end detected a failure ... */
	enum side detected_by;  /* ... this one: the sender of the fatal alert, else the end that failed */
	char summary[400];      /* one sentence for people */
	char *fault_note;       /* faults reported after the last step (or that hit nothing) */
	char *eavesdrop;        /* per connection: what stealing the server's key later reveals; filled
	                           only when asked (model/eavesdrop.h: eavesdrop_ensure) */
	enum agreement plaintext_agrees; /* our decrypted application data == what each library delivered */
	/* A man in the middle (model/mitm.h): its two ends, attacker[role], and what it read, in words. */
	bool mitm;
	struct end_outcome attacker[2];
	char *attacker_read;
};

struct trace_line {
	enum side side;
	int step;               /* the step after which it happened (0: before any) */
	char text[96];
};

/* A placeholder of the lesson that names nothing in this run (model/narration.h). */
struct narration_error {
	int line;
	char text[240];
};

/* A timeline read from a capture (model/from_capture.h); file NULL for a run of the engine. */
struct timeline_capture {
	char *file;                 /* owned: the capture as it was named */
	char *keylog;               /* owned: the key log read with it, or NULL */
	int connection;             /* 1-based, in the capture */
	char client[64], server[64];/* address:port */
	char *sni;                  /* owned, or NULL */
	char *keys_note;            /* owned: what the key log held for it ("yes", "no", "partly: ...") */
	char *reveals;              /* owned: what the capture shows and hides without its key log */
	char *server_key_note;      /* owned: why --server-key gave no premaster secret, or NULL */
	size_t resumed_from;        /* TLS 1.2: the earlier connection whose key log line it uses (0: its own) */
	const char *resumed_by;     /* static: "session id" or "ticket" */
	const char *const *not_in_keylog; /* static, NULL-terminated: secrets of this version no key log gives */
};

struct timeline {
	const struct scenario *sc;  /* borrowed; for a lesson, &own once the run is built */
	uint64_t seed;
	uint16_t tls_version;
	uint16_t suite_id;
	char suite_name[64];
	char library_version[32];
	unsigned early_hits;        /* checks whose result was computed during the run (model/early.h) */
	struct step *steps;
	size_t nsteps, cap;
	struct outcome outcome;
	struct trace_line *trace;
	size_t ntrace;
	char *failure;              /* explain_failure's paragraph (model/failure.h); NULL when the run did not fail */
	/* RSA key exchange: the ClientKeyExchange that crossed is the client's premaster secret
	 * re-encrypted with the certificate's public key (model/rsa_cke.h); UNCHECKED without one. */
	enum agreement rsa_cke_ok;
	struct mbedtls_pk_context *server_key; /* the server's key as it loaded it, for model/eavesdrop.h */
	bool eavesdrop_done;        /* eavesdrop_ensure ran */
	bool chainwalk_done;        /* chainwalk_ensure ran (model/chainwalk.h) */
	struct dh_recipes *dh_recipes; /* the (EC)DH recipes still to verify (model/dh_recipe.h), owned */
	/* A lesson's words with their live values expanded (model/narration.h): the
	 * scenario's copy, borrowing all but the lesson's prose. Do not copy a timeline. */
	struct scenario own;
	struct narration_error *narration_errors;
	size_t nnarration_errors;
	char *assets_dir;           /* where the run's credential files are (a copy), for recipes that name them */
	struct timeline_capture capture;
};

struct run_options {
	const char *assets_dir;
	uint64_t seed;
};

#define TIMELINE_ERR_INPUT   (-1)
#define TIMELINE_ERR_LIBRARY (-2)

void timeline_init(struct timeline *tl);
void timeline_free(struct timeline *tl);

/*
 * Runs the scenario and builds its timeline. Returns 0 (whatever the TLS outcome)
 * or TIMELINE_ERR_* with a sentence in err (bad credential, library refused).
 */
int timeline_run(const struct scenario *sc, const struct run_options *o, struct timeline *tl,
                 char *err, size_t errlen);

/* For model/ only: appends a secret to a step; returns it (valid until the next add to that step). */
struct secret *step_add_secret(struct step *st, const char *name, unsigned holders,
                               const uint8_t *p, size_t n);

/* For model/ only: sets *dst (freed first) to the formatted text. */
void timeline_set_text(char **dst, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The phase's words for this run's version: "Hello", ..., TLS 1.3 "Key exchange", ...,
 * "After the handshake" for PHASE_DATA. Never NULL ("?" for a number the version lacks). */
const char *timeline_phase_title(const struct timeline *tl, int phase);
/* Whether the phase is one of the numbered handshake phases (false for PHASE_DATA). */
/* Whether the run's version has this phase (TLS 1.3 has three, RFC 8446 §2). */
bool timeline_has_phase(const struct timeline *tl, int phase);
bool timeline_phase_numbered(int phase);
/* A TLS 1.3 ChangeCipherSpec (middlebox compatibility, RFC 8446 §D.4). */
bool step_is_compat_ccs(const struct timeline *tl, const struct step *st);
/* How the step's records read in a listing: "136-byte record", or "3 records, 1009 bytes" for a
 * message that travelled in several (or a fault made one record's length swallow the next). */
void step_record_words(const struct step *st, char *out, size_t cap);
/* Deprecated, for the old UI only: TLS 1.2's words for a phase, whatever the run's
 * version ("After the handshake" for PHASE_DATA). Use timeline_phase_title. */
const char *timeline_phase_name(int phase);
const char *timeline_step_type_name(enum step_type t); /* JSON names: "handshake", ... */

/* The agreed suite by its IANA name (what the RFCs, the fields and Wireshark say); mbed TLS's
 * own spelling (tl->suite_name) where the registry does not know it; "" when none was agreed. */
const char *timeline_suite_iana(const struct timeline *tl);

/*
 * Runs every pass that computes only when asked (model/eavesdrop.h, chainwalk.h,
 * dh_recipe.h), each once: for an output or a comparison that shows the whole run.
 * A view that shows part of it asks each pass itself, for what it shows.
 */
void timeline_ensure_all(struct timeline *tl);
/* Words before the first message (no lesson speaking): a run's two ends, or a capture's connection
 * (one or two sentences; a front end adds how to go on). */
const char *timeline_intro_words(const struct timeline *tl);
/* What an eavesdropper on the wire sees: in general, or what this capture shows without its key log. */
const char *timeline_wire_words(const struct timeline *tl);

/* The latest value of a secret known at or before step `upto` (1-based; 0 = the end). */
const struct secret *timeline_secret(const struct timeline *tl, const char *name, size_t upto);

#endif
