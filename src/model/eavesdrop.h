/*
 * model/eavesdrop.h — forward secrecy as an experiment (RFC 5246 §7.4.7.1,
 * RFC 8446 §1.2): someone recorded the connection and later steals the server's
 * private key. What it reveals is outcome.eavesdrop, one paragraph per connection;
 * under RSA key exchange tlsstep really decrypts the recorded ClientKeyExchange
 * (a premaster_secret_decrypted secret on its step).
 *
 * A pass over the finished timeline, run only when something shows it: the
 * decryption is a private-key operation as costly as the server's own, so a run
 * nobody looks at this way (the tamper sweep, --keylog, --pcap, a TUI that never
 * reaches the ClientKeyExchange) never pays for it. It uses the server's key as
 * the server loaded and used it (timeline.server_key).
 */
#ifndef TLSSTEP_MODEL_EAVESDROP_H
#define TLSSTEP_MODEL_EAVESDROP_H

#include <stddef.h>

#include "model/timeline.h"

/*
 * Makes the experiment's results part of tl if a view of steps 1..upto could show
 * them (upto 0: the whole run, as an export or the e view shows it). Runs once per
 * timeline; later calls return at once. Adding a secret may move the array of the
 * ClientKeyExchange step's secrets: call it before taking pointers into them.
 */
void eavesdrop_ensure(struct timeline *tl, size_t upto);

#endif
