/*
 * model/proof.h — re-deriving what the library reported, while the timeline is
 * built: the transcript, the TLS 1.2 master secret (RFC 5246 §8.1, RFC 7627 §4),
 * the key block (RFC 5246 §6.3), Finished (RFC 5246 §7.4.9), and TLS 1.3 traffic
 * keys (RFC 8446 §7.3); and decrypting encrypted records with the keys derived
 * here, so that what a learner sees of an encrypted message comes from our own
 * decryption, and an authenticated decryption proves the keys.
 *
 * Uses only the check layer's primitives; never asks mbed TLS's TLS code.
 */
#ifndef TLSSTEP_MODEL_PROOF_H
#define TLSSTEP_MODEL_PROOF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check/record.h"
#include "wire/decode.h"
#include "model/timeline.h"


/* A secret in the timeline, addressed by position: a step's array moves as it grows. */
struct secret_ref {
	size_t step;                /* 1-based; 0 = none */
	size_t idx;
};

#define PROOF_MAX_KEYREFS 12

/* One direction of one connection: the keys we derived for the records it sends. */
struct proof_dir {
	bool keyed;                 /* TLS 1.2: keys for this direction are known */
	bool own_keys;              /* ... derived from the sending end's own master secret */
	struct record_keys keys;
	uint64_t seq;
	bool master_checked;        /* TLS 1.2: this end's master secret was compared */
	bool hs_keyed;              /* TLS 1.3: handshake keys, kept for records still sent under them */
	struct record_keys hs_keys;
	uint64_t hs_seq;
	bool app_due;               /* TLS 1.3: this side's Finished passed; switch to application keys */
	bool app_keyed;
	struct record_keys app_keys;
	uint64_t app_seq;
	bool app_active;
	bool early_keyed;           /* TLS 1.3 0-RTT (the client only): keys from client_early_traffic_secret */
	bool early_done;            /* ... until its EndOfEarlyData */
	struct record_keys early_keys;
	uint64_t early_seq;
	unsigned early_decrypted;
	uint8_t app_secret[48];     /* TLS 1.3: the traffic secret app_keys come from (a KeyUpdate's input) */
	size_t app_secret_len;
	unsigned updates;           /* KeyUpdates this side sent (its secret is _N after N of them) */
	unsigned decrypted;         /* records that authenticated under our keys */
	unsigned hs_decrypted, app_decrypted; /* TLS 1.3: of those, under each key set */
	struct secret_ref keyrefs[PROOF_MAX_KEYREFS]; /* key secrets proven by those records */
	size_t nkeyrefs;
	/* A renegotiation (model/reneg.h): `keys` are the handshake before's, still protecting
	 * this direction's records until its ChangeCipherSpec; this handshake's wait in pending. */
	bool carried;
	bool pending;
	struct record_keys pending_keys;
};

struct early;

struct proof {
	struct timeline *tl;
	bool keylog;                /* a capture's: the secrets are the key log's (HOLDER_KEYLOG), taken as given */
	uint16_t early_suite;       /* a capture's: the suite its 0-RTT data is protected with (the ServerHello's,
	                             * RFC 8446 §4.2.10), known before the ServerHello crosses; 0: none */
	bool master_derived;        /* a capture's master secret is tlsstep's own, from the premaster secret
	                             * --server-key decrypted (no library value to compare it with) */
	struct buf transcript;      /* every handshake message so far, headers included */
	size_t transcript_at_cke;   /* its length after ClientKeyExchange (EMS session hash) */
	/* A message a rewrite fault changed on the way (step sent_plain): its bytes as sent, where
	 * the crossed one sits in the transcript and who sent it, so that a Finished that differs
	 * from the PRF of the transcript on the wire is tried on the transcript its sender hashed. */
	struct buf sent_msg;
	size_t sent_at, sent_len;
	enum side sent_from;
	uint8_t client_random[32], server_random[32];
	bool have_cr, have_sr;
	size_t sr_step;             /* the ServerHello's step */
	size_t ticket12_step, ticket12_end; /* a TLS 1.2 NewSessionTicket: its step, the transcript's end after it */
	bool ems;                   /* both hellos carried extended_master_secret */
	bool ems_offered;
	bool etm;                   /* both hellos carried encrypt_then_mac (RFC 7366) */
	bool etm_offered;
	uint16_t suite;
	uint16_t version;
	struct secret_ref premaster[2]; /* as each end reported it */
	struct secret_ref master[2];    /* the library's master secret, per end */
	uint8_t master_ours[48];        /* re-derived: the first end's (connection 2 resumes from it) */
	bool have_master;
	/* TLS 1.2, per end: the master secret we re-derived from that end's own premaster
	 * secret. The ends differ only when the key exchange was tampered with; then each
	 * end's key block is its own, and a record decrypts under its sender's keys. */
	uint8_t end_master[2][48];
	bool have_end_master[2];
	bool cke_seen;
	struct proof_dir dir[2];
	/* TLS 1.3 traffic secrets reported before the ServerHello said which suite (the
	 * server derives its handshake secrets before sending it): handled at the ServerHello. */
	int connection;             /* which connection of the timeline this proof covers */
	int handshake;              /* ... and which handshake of it (2 and on: renegotiations) */
	/* A renegotiation: the verify_data of the handshake before's Finished messages, as tlsstep
	 * verified them, and their steps (RFC 5746 §3.1: what renegotiation_info must quote). */
	uint8_t prev_vd[2][12];
	bool have_prev_vd[2];
	size_t prev_vd_step[2];
	struct early *early;        /* checks started during the run (model/early.h), or NULL */
	uint8_t lib_cr[2][32], lib_sr[2][32]; /* the randoms each end's key-export callback reported */
	bool lib_randoms[2];
	uint8_t prev_master[48];    /* a resumed TLS 1.2 session reuses the first connection's master */
	bool have_prev_master;
	/* TLS 1.3 (model/proof13.c): where each handshake message sits in the transcript,
	 * each end's (EC)DHE shared secret, and the PSK a resumed connection starts from. */
	struct proof_msg {
		uint8_t type;
		enum side from;
		bool hrr;
		size_t start, len;
		size_t step;
	} msgs[48];
	size_t nmsgs;
	struct secret_ref shared[2];
	uint8_t psk[48];
	char *psk_recipe;           /* the recipe of psk from connection 1's values (model/recipe.h), owned */
	size_t psk_len;
	mbedtls_md_type_t psk_md;   /* the hash of the suite the PSK was made under */
	bool psk_accepted;          /* the ServerHello carried pre_shared_key */
	bool sh_key_share;          /* ... and key_share: psk_dhe_ke; without it psk_ke */
	uint8_t res_master[48];     /* this connection's resumption_master_secret, once derived */
	bool have_res_master;
	uint8_t ticket_nonce[255];  /* the last NewSessionTicket's nonce */
	size_t ticket_nonce_len;
	bool have_ticket;
	/* Each end's (EC)DHE private value as the engine captured it (engine/agree.c), the
	 * last one of this connection: only the recipe of the shared secret uses it. */
	uint8_t eph[2][1024];
	size_t eph_len[2];
	/* Each end's first Finished record that decrypted under our keys, with the keys and
	 * its sequence number: the verify_data recipe decrypts it again with openssl. */
	struct proof_fin {
		struct buf rec;
		struct record_keys keys;
		uint64_t seq;
		bool have;
	} fin[2];
	struct secret_ref early13[4];
	enum side early13_side[4];
	size_t nearly13;
};

void proof_init(struct proof *p, struct timeline *tl, int connection);
void proof_free(struct proof *p);

/* A handshake message was added as step st (plain holds it). */
void proof_on_message(struct proof *p, struct step *st);

/*
 * The library reported secret s (already attached to its step) on side `side`;
 * cr and sr are the randoms its key-export callback gave with it, or NULL.
 */
void proof_on_secret(struct proof *p, enum side side, struct secret *s, const uint8_t *cr, const uint8_t *sr);

/* The engine captured side's (EC)DHE private value. */
void proof_on_ephemeral(struct proof *p, enum side side, const uint8_t *v, size_t n);

/* TLS 1.3 0-RTT: the client's early data keys from its client_early_traffic_secret s (at step `at`), under
 * p->early_suite (model/proof_update.c). */
void proof_early_keys(struct proof *p, struct secret *s, size_t at);
/* The record keys of a suite (RFC 8446 §5.3 for TLS 1.3); false for one tlsstep does not decrypt. */
bool proof_suite_keys(uint16_t suite, uint16_t version, struct record_keys *k);

/* A TLS 1.3 KeyUpdate (st) from st->from: its next traffic secret and keys (model/proof_update.c). */
void proof_key_update(struct proof *p, struct step *st);

/* A resumed session (RFC 5246 §7.3) keeps this master secret, re-derived on the first connection. */
void proof_resumes(struct proof *p, const uint8_t master[48]);

/*
 * Decrypts one protected record sent by `from`. Returns 0 with the plaintext and
 * its real content type, or -1 when no key is known or it does not authenticate.
 */
int proof_decrypt(struct proof *p, enum side from, const uint8_t *rec, size_t len,
                  struct buf *plain, uint8_t *inner_type);

/* How a record from `from` is laid out on the wire, as far as the keys tell. */
/*
 * TLS 1.2 CBC with MAC-then-encrypt: decrypts each record of rec[0..len) (a step's,
 * its sender's latest, already passed to proof_decrypt) again into plain[j] and
 * says in out[j] where its content, MAC and padding lie and whether each holds,
 * for the record fields. Returns how many records it filled (at most max), 0 for
 * any other protection. The caller owns plain[0..max) and wipes and frees it.
 */
size_t proof_cbc_inner(const struct proof *p, enum side from, const uint8_t *rec, size_t len, struct buf *plain,
                       struct record_cbc_inner *out, size_t max);

void proof_record_info(const struct proof *p, enum side from, bool encrypted, int inner_type,
                       struct record_info *ri);




/* For the passes over a built connection (model/proof13.c, sigcheck.c, formula.c, verdict.c). */
/* Whether st belongs to the handshake p covers: its connection, and its handshake in it (a renegotiation). */
bool proof_covers(const struct proof *p, const struct step *st);
void proof_transcript_hash(const struct proof *p, mbedtls_md_type_t md, size_t upto, uint8_t *out);
struct secret *proof_deref(struct proof *p, struct secret_ref r);
struct secret_ref proof_add(struct proof *p, size_t at, const char *name, unsigned holders, const uint8_t *v,
                            size_t n);
#define proof_set_text timeline_set_text
/* A resumed TLS 1.2 master secret: the recipe it had where it was made (owned), or NULL. */
char *proof_earlier_recipe(const struct proof *p, const uint8_t master[48]);
/* From proof_decrypt: keeps from's first record holding a Finished, its keys and sequence number. */
void proof_keep_finished(struct proof *p, enum side from, const struct record_keys *k, uint64_t seq,
                         const uint8_t *rec, size_t len, const struct buf *plain, uint8_t inner_type);
/* The recipe that decrypts from's Finished record and prints its n bytes of verify_data, or NULL. */
char *proof_finished_recipe(const struct proof *p, enum side from, size_t n);
/* Gives s its recipe (owned text from model/recipe.h; NULL leaves none). */
void proof_set_recipe(struct secret *s, char *text);
mbedtls_md_type_t proof_suite_md(const struct proof *p);
const char *proof_md_name(mbedtls_md_type_t md);

#endif
