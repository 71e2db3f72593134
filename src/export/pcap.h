/*
 * export/pcap.h — the run as a capture that Wireshark and tshark open, written
 * with libpcap (see pcap.c for how connections become TCP). Reads the timeline only.
 */
#ifndef TLSSTEP_EXPORT_PCAP_H
#define TLSSTEP_EXPORT_PCAP_H

#include <stdio.h>

#include "model/timeline.h"

/*
 * Writes the run to out as a pcap file (Ethernet, one TCP connection per TLS
 * connection); borrows tl and out. Deterministic: the same timeline gives the
 * same bytes. Returns 0, or -1 when out of memory, on a write error or without libpcap.
 */
int pcap_write(FILE *out, const struct timeline *tl);

/*
 * Loads libpcap (once; $TLSSTEP_LIBPCAP names a copy of it to use instead). Returns 0,
 * or -1 with a sentence in err when it is missing or lacks what a capture needs.
 */
int pcap_load(char *err, size_t errlen);

#endif
