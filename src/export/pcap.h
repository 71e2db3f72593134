/*
 * export/pcap.h — the run as a capture that Wireshark and tshark open, written
 * with libpcap (see pcap.c for how connections become TCP). Reads the timeline only.
 */
#ifndef TLSSTEP_EXPORT_PCAP_H
#define TLSSTEP_EXPORT_PCAP_H

#include <stddef.h>

#include "model/timeline.h"

/*
 * Writes the run to path as a pcap file (Ethernet, one TCP connection per TLS
 * connection); borrows tl. Deterministic: the same timeline gives the same bytes.
 * Returns 0, or -1 with "PATH: cannot write capture: REASON" in err.
 */
int pcap_write(const char *path, const struct timeline *tl, char *err, size_t errlen);

#endif
