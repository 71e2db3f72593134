/*
 * util/pcaplib.h — libpcap, opened (dlopen) the first time a capture is written
 * or read.
 *
 * Linked, libpcap and the eight libraries it pulls in (D-Bus, systemd, libgcrypt,
 * compressors) were loaded by every launch, for a first frame that never needs
 * them; its static archive needs D-Bus and systemd too, so linking it in would not
 * help. $TLSSTEP_LIBPCAP names another copy to use.
 */
#ifndef TLSSTEP_UTIL_PCAPLIB_H
#define TLSSTEP_UTIL_PCAPLIB_H

/* libpcap's headers use the BSD integer types (u_int, u_char): include this first,
 * or define _DEFAULT_SOURCE before any system header. */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <pcap/pcap.h>

/* The part of libpcap tlsstep uses, with libpcap's own signatures. */
struct pcaplib {
	pcap_t *(*open_dead)(int, int);
	pcap_dumper_t *(*dump_fopen)(pcap_t *, FILE *);
	void (*dump)(u_char *, const struct pcap_pkthdr *, const u_char *);
	int (*dump_flush)(pcap_dumper_t *);
	FILE *(*dump_file)(pcap_dumper_t *);
	void (*dump_close)(pcap_dumper_t *);
	void (*close)(pcap_t *);
};

/*
 * libpcap's functions (loaded once), or NULL with a sentence in err when it is
 * missing or lacks one of them.
 */
const struct pcaplib *pcaplib_get(char *err, size_t errlen);

#endif
