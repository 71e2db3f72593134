/*
 * model/sigcheck.h — every handshake signature of a built connection checked by
 * tlsstep itself with the signer's certificate as it crossed (see sigcheck.c);
 * the ServerKeyExchange's from the check started during the run (model/early.h).
 */
#ifndef TLSSTEP_MODEL_SIGCHECK_H
#define TLSSTEP_MODEL_SIGCHECK_H

#include "model/proof.h"

void sigcheck_finish(struct proof *p);

#endif
