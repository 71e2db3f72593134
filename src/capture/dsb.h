/*
 * capture/dsb.h — the TLS key logs a pcapng file carries in Decryption Secrets
 * Blocks (pcapng §4.7; `editcap --inject-secrets tls,KEYS` writes them).
 *
 * libpcap (1.10) reads pcapng but skips every block that is not a packet,
 * interface or section header block, and has no call that hands a DSB out;
 * so the blocks are found here, by walking the block headers, and their text is
 * read as any key log is (capture/keylog.c).
 */
#ifndef TLSSTEP_CAPTURE_DSB_H
#define TLSSTEP_CAPTURE_DSB_H

#include <stddef.h>
#include <stdint.h>

#include "capture/keylog.h"

/*
 * Reads the TLS key log of every Decryption Secrets Block of the pcapng file at
 * path (a pcap file has none) into k, named "PATH (Decryption Secrets Block)"
 * in messages. Returns the number of such blocks (0: none, k left empty), or -1
 * with "PATH (Decryption Secrets Block):LINE: ..." in err when a key log is
 * malformed (several blocks' texts are read as one, LINE counting through them). A file whose blocks are damaged is libpcap's to report: the walk
 * stops there.
 */
int dsb_read(struct keylog *k, const char *path, char *err, size_t errlen);

/* The same from bytes in memory (the fuzz target). */
int dsb_read_memory(struct keylog *k, const char *name, const uint8_t *p, size_t n, char *err, size_t errlen);

#endif
