/*
 * engine/mitm.h — a man in the middle's ends (scenario.h: has_attacker), for engine.c only.
 *
 * Two more ends: end[2], an mbed TLS server with the attacker's certificate facing the client
 * on the first pipe, and end[3], an mbed TLS client facing the server on a second pipe
 * (connection 2). See mitm.c for what each does and when.
 */
#ifndef TLSSTEP_ENGINE_MITM_H
#define TLSSTEP_ENGINE_MITM_H

#include "engine/engine_int.h"

/* Before setup_end: four ends, their settings (spec[], which must outlive the run) and pipes. */
void mitm_setup(struct engine *e, const struct scenario *sc, struct endpoint_spec spec[2]);
/* After program(): the attacker's ends and the server in the order a relay needs. */
void mitm_programs(struct engine *e, const struct scenario *sc);
/* OP_OPEN, OP_ACCEPT, OP_RELAY: 1 if it got anywhere, 0 if it waits. */
int mitm_drive(struct engine *e, struct end *x);

#endif
