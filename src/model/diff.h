/*
 * model/diff.h — what differs between two aligned runs, and why.
 *
 * Field level: two decoded trees compared by where a field sits (its path of
 * names, a repeated name counted: "extensions/key_share#2"), so nested fields,
 * lists of different lengths and fields present in one tree only are each
 * told. A message present in one run only gets one sentence, taken from the two
 * runs' versions, suites and modes (model/align.h says which rows those are).
 * Reads timelines only, as the rest of model/ does.
 */
#ifndef TLSSTEP_MODEL_DIFF_H
#define TLSSTEP_MODEL_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "model/timeline.h"
#include "wire/fields.h"

enum diff_kind {
	DIFF_CHANGED,           /* in both, with different values */
	DIFF_ONLY_A,            /* in A only (its children are not listed again) */
	DIFF_ONLY_B,
};

/* Why a value differs when two runs agree on everything else. */
enum diff_cause {
	CAUSE_SETTINGS = 0,     /* the runs were set up differently (or a fault changed it) */
	CAUSE_RANDOM,           /* a random each end draws afresh */
	CAUSE_KEY_SHARE,        /* an ephemeral public key */
	CAUSE_SIGNATURE,        /* a signature (over fresh randoms or keys, or randomised: RSA-PSS) */
	CAUSE_SECRET,           /* computed from the secrets (Finished, binders, an encrypted premaster) */
	CAUSE_SESSION,          /* a session id, ticket or PSK identity the server chose */
	CAUSE_CIPHERTEXT,       /* encrypted bytes, their tag and nonce */
};

struct field_diff {
	enum diff_kind kind;
	bool record;            /* a field of the record layer (else of the message) */
	int fa, fb;             /* field indexes in A's and B's tree, FIELD_NONE where absent */
	char path[160];         /* "random/random_bytes", "extensions/key_share#2" */
	enum diff_cause cause;  /* a field in one run only: always CAUSE_SETTINGS */
	bool implied;           /* under a changed field that is no group: its value's parts
	                           (a cipher suite's key exchange), told by that field already */
};

struct step_diff {
	struct field_diff *v;   /* owned */
	size_t n, cap;
};

void step_diff_init(struct step_diff *d);
void step_diff_free(struct step_diff *d);

/* Appends the differences of trees a and b to d (record: which tree they are). */
void diff_fields(const struct fields *a, const struct fields *b, bool record, struct step_diff *d);

/* The differences of two aligned steps: their message trees, then their record layers. */
void diff_steps(const struct step *a, const struct step *b, struct step_diff *d);

/* The cause of a difference in a field of this name (the last part of its path); record:
 * a field of the record layer, where "tag", "mac", "iv" are the encryption's. */
enum diff_cause diff_cause_of(const char *name, bool record);
/* "a fresh random", ..., "the runs' settings". */
const char *diff_cause_words(enum diff_cause c);

/* Whether field i of tree f differs in d (on side A when a_side, else B): the UI's highlight. */
bool diff_marks(const struct step_diff *d, bool a_side, int i);

/*
 * One sentence on why step i of `has` has no counterpart in `lacks`, taken from
 * their versions, suites, client authentication, resumption and outcome. The
 * sentence names the runs by has_name and lacks_name ("A", "B"). lacks_ended:
 * `lacks` had no step after this row (it had stopped, or was over).
 */
void diff_only_reason(const struct timeline *has, const char *has_name, const struct timeline *lacks,
                      const char *lacks_name, size_t i, bool lacks_ended, char *out, size_t cap);

/* The secrets (by name) known at the end of one run and never in the other: written to out as
 * "name, name" (empty when none). Returns how many. */
size_t diff_secrets_only(const struct timeline *has, const struct timeline *lacks, char *out, size_t cap);

#endif
