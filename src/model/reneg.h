/*
 * model/reneg.h — a TLS 1.2 renegotiation (RFC 5246 §7.4.1, RFC 5746): a second
 * handshake inside the connection, under the first one's record keys.
 *
 * Each handshake of a connection gets a proof of its own (its transcript, master
 * secret, key block and Finished are re-derived as the first one's are). What
 * carries over from the handshake before is the record protection in use, per
 * direction, until that side's ChangeCipherSpec of the new handshake (its keys wait
 * as pending until then), and the two verify_data that the new hellos must quote in
 * renegotiation_info: the client's in the ClientHello, the client's then the
 * server's in the ServerHello (RFC 5746 §3.4-3.7), checked here against the
 * Finished messages tlsstep verified.
 */
#ifndef TLSSTEP_MODEL_RENEG_H
#define TLSSTEP_MODEL_RENEG_H

#include <stdbool.h>

#include "model/proof.h"

/* Whether a handshake message of this type from `from` starts a new handshake in a TLS 1.2
 * connection whose handshake is over at both ends: a ClientHello, or a server's HelloRequest. */
bool reneg_starts(const struct proof *p, enum side from, uint8_t hs_type, bool both_over);

/* p is freshly initialised for the next handshake of prev's connection: takes over the record
 * protection in use (keys and sequence numbers) and the verify_data of prev's Finished. */
void reneg_carry(struct proof *p, const struct proof *prev);

/* d gets keys of its handshake: in use at once, or pending when the handshake before's still are. */
void proof_dir_set_keys(struct proof_dir *d, const struct record_keys *k);

/* `from` sent a ChangeCipherSpec (after its record was decrypted): its pending keys take over,
 * from sequence number 0 (RFC 5246 §6.1). */
void reneg_on_ccs(struct proof *p, enum side from);

/* A hello of this handshake was added (proof_on_message has seen it): shows and checks what its
 * renegotiation_info quotes against the verify_data of the handshake before. */
void reneg_on_message(struct proof *p, struct step *st);

#endif
