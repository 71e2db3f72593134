/*
 * model/proof_keylog.h — the verdicts on a capture's key log secrets (see proof_keylog.c).
 */
#ifndef TLSSTEP_MODEL_PROOF_KEYLOG_H
#define TLSSTEP_MODEL_PROOF_KEYLOG_H

#include "model/proof.h"

/*
 * A pass over a built connection of a capture (p->keylog), after proof_verdicts:
 * each secret read from the key log (HOLDER_KEYLOG, no derivation) is marked
 * confirmed (AGREE_YES) only when what depends on it held: the records decrypted
 * and authenticated under the keys derived from it and, for a master secret or a
 * handshake traffic secret, the Finished it keys equal to ours; its note says so.
 */
void proof_keylog_verdicts(struct proof *p);

/* For proof.c: --server-key's premaster secret of `side` (already attached) gives the master secret,
 * tlsstep's own (added beside it as p->master[side]; p->master_derived set). */
void proof_master_from_premaster(struct proof *p, enum side side);

#endif
