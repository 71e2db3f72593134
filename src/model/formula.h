/*
 * model/formula.h — what the secrets no key derivation produces are: the (EC)DH
 * shared value with the public values that crossed the wire, the RSA premaster
 * secret's layout, a TLS 1.2 random's time and random bytes. Each derived_as is
 * built from the decoded messages of the run, whole values.
 */
#ifndef TLSSTEP_MODEL_FORMULA_H
#define TLSSTEP_MODEL_FORMULA_H

#include "model/proof.h"

/*
 * At the end of a connection (from proof_finish): sets derived_as of its
 * premaster_secret (TLS 1.2), shared_secret (TLS 1.3) and, where the hello carries
 * gmt_unix_time, client_random and server_random. A secret whose inputs are not on
 * the wire (a message missing or not decoded) keeps what it had.
 */
void formula_finish(struct proof *p);

#endif
