/*
 * export/pcap.h — the run as a capture that Wireshark and tshark open, written
 * with libpcap (export/frames.h: how connections become TCP). Reads the timeline only.
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

#endif
