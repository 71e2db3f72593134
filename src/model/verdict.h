/*
 * model/verdict.h — the last passes over a connection once it is built: each
 * handshake message's running transcript hash (RFC 5246 §7.4.9, RFC 8446 §4.4.1),
 * then the verdicts that compare what the libraries reported with what the wire
 * shows: the randoms, the two ends' premaster secrets, and every key against the
 * records it really opened (an AEAD tag or MAC verifies only under the sender's key).
 */
#ifndef TLSSTEP_MODEL_VERDICT_H
#define TLSSTEP_MODEL_VERDICT_H

#include "model/proof.h"

void proof_hashes(struct proof *p);
void proof_verdicts(struct proof *p);

#endif
