/*
 * export/pcapng.h — the run as one pcapng file that Wireshark opens decrypted: the
 * frames of export/frames.h with the run's key log (export/keylog.h) embedded in a
 * Decryption Secrets Block, so no tls.keylog_file preference is needed. Reads the
 * timeline only.
 */
#ifndef TLSSTEP_EXPORT_PCAPNG_H
#define TLSSTEP_EXPORT_PCAPNG_H

#include <stdio.h>

#include "model/timeline.h"

/*
 * Writes to out a pcapng file: a Section Header Block, one Ethernet Interface
 * Description Block, a Decryption Secrets Block holding the NSS key log (left out
 * when the run made no secret), then one Enhanced Packet Block per frame. The
 * same timeline gives the same bytes. It holds the secrets: write it as a secret
 * (OUTFILE_SECRET). Returns 0, or -1 when out of memory or on a write error.
 */
int pcapng_write(FILE *out, const struct timeline *tl);

#endif
