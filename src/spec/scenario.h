/*
 * spec/scenario.h — the plain-data description of a run.
 *
 * A layer of its own below both engine (which consumes it) and lesson (which
 * will read it from files): design.md §2 puts engine and lesson side by side,
 * and neither may include the other, so the data they share lives beneath them.
 * Only plain data and its lifetime here; no parsing, no TLS.
 */
#ifndef TLSSTEP_SPEC_SCENARIO_H
#define TLSSTEP_SPEC_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum side { SIDE_CLIENT = 0, SIDE_SERVER = 1 };

const char *side_name(enum side s); /* "client", "server" */
enum side side_peer(enum side s);

enum tls_version {
	TLS_V12 = 0x0303,
	TLS_V13 = 0x0304,
};

enum client_auth {
	CLIENT_AUTH_NONE = 0,
	CLIENT_AUTH_OPTIONAL,
	CLIENT_AUTH_REQUIRED,
};

#define SPEC_MAX_SUITES 32
#define SPEC_MAX_GROUPS 16
#define SPEC_MAX_ALPN 4
#define SPEC_MAX_NAMES 4
#define SPEC_MAX_FAULTS 8

/* A setting that may be left to the library. */
enum tristate { TRI_DEFAULT = 0, TRI_ON, TRI_OFF };

/* One end's configuration. Strings are owned (freed by scenario_free). */
struct endpoint_spec {
	uint16_t min_version;           /* TLS_V12 ... */
	uint16_t max_version;
	uint16_t suites[SPEC_MAX_SUITES]; /* IANA ids in preference order; 0 terminated; empty = library default */
	char *cert;                     /* certificate file: a bundled name in assets/ or a path; NULL = none */
	char *key;                      /* its private key */
	char *ca;                       /* the CA this end trusts; NULL = none */
	char *chain;                    /* certificates sent after `cert` (its issuing CAs, leaf first); NULL = none */
	char *crl;                      /* a CRL this end checks the peer's chain against; NULL = none */
	char *names[SPEC_MAX_NAMES + 1]; /* server: the only host names it serves (SNI), NULL terminated; empty = any */
	uint16_t groups[SPEC_MAX_GROUPS]; /* (EC)DHE groups in preference order; 0 terminated; empty = default */
	uint16_t sig_algs[SPEC_MAX_GROUPS]; /* signature schemes accepted, preferred first; 0 terminated; empty = default */
	char *alpn[SPEC_MAX_ALPN + 1];  /* ALPN protocol names, NULL terminated */
	enum tristate ems;              /* extended master secret (RFC 7627) */
	enum tristate etm;              /* encrypt-then-MAC (RFC 7366) */
	unsigned kex_modes;             /* TLS 1.3 key exchange modes, SPEC_KEX_* bits; 0 = the library's default */
	unsigned resume_kex_modes;      /* the same for connection 2 (a resumption) alone; 0 = as kex_modes */
	/* Where the file said cert, key, ca, chain and crl (0: not from a file), for messages about them. */
	const char *file;               /* borrowed from the scenario's `file`; NULL = built in */
	int cert_line, key_line, ca_line, chain_line, crl_line;
};

/* TLS 1.3 key exchange modes (RFC 8446 §4.2.9), as mbed TLS's bits. */
#define SPEC_KEX_PSK (1u << 0)           /* psk_ke: the PSK alone */
#define SPEC_KEX_EPHEMERAL (1u << 1)     /* a full (EC)DHE handshake, no PSK */
#define SPEC_KEX_PSK_EPHEMERAL (1u << 2) /* psk_dhe_ke: the PSK and a fresh (EC)DHE */

/* What a fault does to the record it hits (design.md §6). */
enum fault_action {
	FAULT_FLIP,        /* flip one bit of one byte */
	FAULT_SET,         /* set one byte */
	FAULT_TRUNCATE,    /* cut the record body to `offset` bytes (the header is fixed to match) */
	FAULT_DROP,        /* the record never arrives */
	FAULT_DUPLICATE,   /* it arrives twice */
	FAULT_REORDER,     /* it arrives after the sender's next record */
	FAULT_REWRITE,     /* a decoded field set to new codes, every length around it fixed (wire/rewrite.h) */
};

/*
 * A fault on the pipe, at the first record from `from` that carries `message`
 * ("ClientHello", "Finished", ...), or at the sender's n-th record when
 * message is empty. Offsets count from the first byte after the record header.
 */
struct fault {
	enum side from;
	char message[32];
	unsigned record;                /* 1-based, when message is empty */
	enum fault_action action;
	size_t offset;
	uint8_t bit;                    /* FLIP: 0..7 */
	uint8_t value;                  /* SET */
	char field[32];                 /* REWRITE: the field's decoded name ("cipher_suites") */
	uint16_t codes[SPEC_MAX_SUITES]; /* REWRITE: its new value, in order */
	size_t ncodes;
	int line;                       /* where the scenario file said it, for messages */
};

enum resumption {
	RESUME_NONE = 0,
	RESUME_SESSION_ID,              /* TLS 1.2 session cache (RFC 5246 §7.3) */
	RESUME_TICKET,                  /* TLS 1.2 ticket (RFC 5077) or TLS 1.3 PSK from a ticket (RFC 8446 §2.2) */
};

/* Who starts a renegotiation (RFC 5246 §7.4.1.1, RFC 5746) after the first exchange of data. */
enum renegotiation {
	RENEG_NONE = 0,
	RENEG_CLIENT,                   /* the client sends a new ClientHello (mbedtls_ssl_renegotiate) */
	RENEG_SERVER,                   /* the server asks for one with HelloRequest */
};

/* A fault whose `message` is this acts on what an end remembers of the first handshake's
 * Finished, as it writes its renegotiation_info (engine/fault.h: fault_verify_data). */
#define FAULT_RENEG_INFO "renegotiation_info"

/* What the run is expected to end in. */
struct expectation {
	bool success;
	enum side failing_side;         /* when !success */
	int alert;                      /* alert description expected on the wire, or one of: */
};
#define EXPECT_ALERT_ANY (-1)           /* whatever alert, or none */
#define EXPECT_NO_ALERT  (-2)           /* the failing end must send no alert at all */

#define LESSON_MAX_STEPS 64
#define LESSON_MAX_CHOICES 6
#define LESSON_MAX_TRIES 6
#define LESSON_MAX_ROWS 128 /* a comparison's rows: at most both runs' steps */

/* Panes an instructor's lesson can hide until a point of the run, or open at a step. */
enum lesson_pane {
	PANE_KEYS = 1u << 0,       /* the keys and proofs view (k) */
	PANE_KNOWLEDGE = 1u << 1,  /* the "who knows what" row */
	PANE_EAVES = 1u << 2,      /* the eavesdropper view (e) */
	PANE_HEX = 1u << 3,        /* the bytes pane */
};

/* What a lesson says at one step of its run (1-based), and what it asks before showing it. */
struct lesson_step {
	char *say;                      /* narration, shown with the step */
	char *ask;                      /* a checkpoint question asked before the step is revealed, or NULL */
	char *choices[LESSON_MAX_CHOICES];
	int answer;                     /* 1-based index into choices */
	char *explain;                  /* shown after the answer */
	int line;                       /* where the file says it, for messages */
	unsigned show;                  /* lesson_pane bits opened when the step is reached (keys, eaves) */
	/* A value checkpoint (lessons/README.md "Checkpoints that ask for a value"): the
	 * learner types the value answer_from names (a reference as a placeholder has
	 * inside its braces, "step 6 ecdh_Yc", "premaster_secret"), its first ask_bytes
	 * bytes as hex, or (ask_bytes 0) a number. answer_value is the expected answer,
	 * filled in from the run (model/narration.c); NULL in a file just read. */
	char *answer_from;
	int answer_from_line;
	int ask_bytes;                  /* hex N: N bytes; 0 with ask_number */
	bool ask_number;
	char *answer_value;             /* lowercase hex without spaces, or a decimal number */
};

/* Where a lesson's narration quotes the run ({...}) or writes a literal that looks
 * like a run value: what --check reports, with the line it is on. */
struct lesson_ref {
	int line;
	bool literal;                   /* a literal hex string outside a placeholder */
	bool row;                       /* in a [row N]: expanded against both runs (model/compare.h) */
	char *text;                     /* the placeholder's inside, or the literal */
};

/* The words around a scenario (NULL title: not a lesson). */
struct lesson {
	char *title;
	char *intro;                    /* shown before the first message */
	char *summary;                  /* the closing summary */
	char *tries[LESSON_MAX_TRIES];  /* "try this" suggestions */
	struct lesson_step steps[LESSON_MAX_STEPS + 1]; /* [1..] */
	int nsteps;                     /* highest step the lesson speaks about */
	/* Instructor mode: these panes stay hidden until phase hide_phase (or step
	 * hide_step) is reached, so a live demonstration follows its script. */
	unsigned hide;
	int hide_phase, hide_step;
	int hide_line;                  /* where the file says hide, for messages */
	struct lesson_ref *refs;        /* every placeholder and literal of the narration, in file order */
	int nrefs;
	/* A two-run lesson: the run it compares with (`compare = NAME`: a bundled name or a
	 * path, as on the command line); NULL for a lesson of one run. */
	char *compare;
	int compare_line;
	/* Its words for the pair (`[row N]`, N the comparison's row as --batch --compare numbers
	 * it): what --compare shows at that row, in place of each run's own [step N] words, and
	 * the checkpoints asked there. [1..nrows], NULL without any; `{b ...}` placeholders quote
	 * run B (lessons/README.md "Two-run lessons"). */
	struct lesson_step *rows;
	int nrows;
};

struct scenario {
	char *name;                     /* stem: "tls12-ecdhe-rsa" */
	char *title;                    /* one line for --list */
	char *source;                   /* file it came from, or "built-in" */
	char *file;                     /* the path it was read from, for file:line messages; NULL = built in */
	uint64_t seed;
	int64_t sim_time;               /* simulation clock, seconds since the epoch (UTC) */
	char *hostname;                 /* SNI and the name the client checks; NULL = none */
	enum client_auth client_auth;
	struct endpoint_spec client;
	struct endpoint_spec server;
	char *client_data;              /* application data the client sends after the handshake */
	char *server_data;              /* and the server's reply */
	enum resumption resume;         /* a second connection resumes the first's session */
	enum renegotiation renegotiate; /* a second handshake inside the first's connection */
	struct fault faults[SPEC_MAX_FAULTS];
	size_t nfaults;
	struct expectation expect;
	struct lesson lesson;           /* empty unless the file is a lesson */
	/*
	 * A man in the middle (an [attacker] section): a third party that is an mbed TLS
	 * server to the client (attacker.cert and .key, otherwise the server's settings) and
	 * an mbed TLS client to the server (the client's settings, verifying nothing), on two
	 * pipes: connection 1 client <-> attacker, connection 2 attacker <-> server. It relays
	 * the application data it decrypts, the request with replace_from changed into
	 * replace_to (first occurrence, same length: the server reads as many bytes as the
	 * client wrote). Only cert, key, file and the lines of `attacker` are used.
	 */
	bool has_attacker;
	struct endpoint_spec attacker;
	char *replace_from, *replace_to; /* NULL: relayed unchanged */
	int attacker_line, replace_line;
};

/*
 * Where a credential named in a scenario lives: a bare name ("server-rsa.crt") is
 * a file in the assets directory; anything with a '/' is a path as given.
 */
void scenario_credential_path(const char *name, const char *assets_dir, char *out, size_t cap);

/* The credentials of one end. */
enum credential { CRED_CERT, CRED_KEY, CRED_CA, CRED_CHAIN, CRED_CRL };
#define CRED_COUNT 5

/* What the file calls it ("cert", "key", "ca", "chain", "crl") and what it holds ("certificate", "private key",
 * "CA certificate", "chain of CA certificates", "CRL"). */
const char *scenario_credential_key(enum credential k);
const char *scenario_credential_what(enum credential k);

/*
 * The start of a message about e's credential k: "FILE:LINE: cert = " when a
 * file named it, "" when it is built in. Written into out (cap bytes).
 */
void scenario_credential_where(const struct endpoint_spec *e, enum credential k, char *out, size_t cap);

/*
 * Resolves e's credential k (as scenario_credential_path, into path) and checks it
 * is a regular file that opens for reading, so the learner sees the system's
 * reason and a FIFO is never waited on. None named: 0, path "". Returns 0, or -1
 * with "FILE:LINE: cert = PATH: is a directory; expected a PEM certificate file"
 * or "...: PATH: cannot open certificate file: REASON" (no FILE:LINE when built in).
 */
int scenario_credential_check(const struct endpoint_spec *e, enum credential k, const char *assets_dir, char *path,
                              size_t cap, char *err, size_t errlen);

/*
 * Checks that every credential the scenario names can be opened for reading, as
 * scenario_credential_check says. Returns 0, or -1 with its message in err.
 */
int scenario_check_files(const struct scenario *sc, const char *assets_dir, char *err, size_t errlen);

/* Names for messages ("flip", "set", ...). */
const char *fault_action_name(enum fault_action a);


/* The simulation date used when a scenario names none: 2025-06-01 12:00:00 UTC. */
#define SPEC_DEFAULT_TIME INT64_C(1748779200)
#define SPEC_DEFAULT_SEED UINT64_C(1)

void scenario_init(struct scenario *sc);
void scenario_free(struct scenario *sc);

/* Fills sc with the default scenario (tls12-ecdhe-rsa); sc must be freshly initialised. */
void scenario_default(struct scenario *sc);

#endif
