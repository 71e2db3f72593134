/*
 * export/pcap.h — the run as a capture that Wireshark and tshark open, written
 * with libpcap (see pcap.c for how connections become TCP). Reads the timeline only.
 */
#ifndef TLSSTEP_EXPORT_PCAP_H
#define TLSSTEP_EXPORT_PCAP_H

#include <stddef.h>

#include "model/timeline.h"

/* Writes the capture to path; returns 0, or -1 with a sentence in err. */
int pcap_write(const char *path, const struct timeline *tl, char *err, size_t errlen);

#endif
