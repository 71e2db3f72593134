/*
 * util/pcaplib.h — libpcap, opened (dlopen) the first time a capture is read
 * or written, never at start-up.
 *
 * Linked, libpcap and the libraries it pulls in (D-Bus, systemd, libgcrypt,
 * compressors) are loaded by every launch of tlsstep, for a first frame that
 * never needs them; its static archive needs D-Bus and systemd too. So the
 * few functions a capture needs are looked up here, once, for both the reader
 * (capture/reader.c) and the writer (export/pcap.c).
 * $TLSSTEP_LIBPCAP names another copy; otherwise the names distributions give
 * it are tried (Debian's soname libpcap.so.0.8, upstream's libpcap.so.1).
 */
#ifndef TLSSTEP_UTIL_PCAPLIB_H
#define TLSSTEP_UTIL_PCAPLIB_H

/* libpcap's headers use the BSD integer types (u_int, u_char), which glibc shows only here. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <stddef.h>
#include <stdio.h>

#include <pcap/pcap.h>

struct pcaplib {
	/* reading */
	pcap_t *(*fopen_offline)(FILE *, char *);
	int (*next_ex)(pcap_t *, struct pcap_pkthdr **, const u_char **);
	int (*datalink)(pcap_t *);
	const char *(*datalink_val_to_name)(int);
	char *(*geterr)(pcap_t *);
	void (*close)(pcap_t *);
	/* writing */
	pcap_t *(*open_dead)(int, int);
	pcap_dumper_t *(*dump_fopen)(pcap_t *, FILE *);
	void (*dump)(u_char *, const struct pcap_pkthdr *, const u_char *);
	int (*dump_flush)(pcap_dumper_t *);
	FILE *(*dump_file)(pcap_dumper_t *);
	void (*dump_close)(pcap_dumper_t *);
};

/*
 * The table, loaded on the first call (every later call returns the same answer).
 * NULL with "libpcap is needed to read or write a capture and could not be
 * loaded: REASON" (or which function it lacks) in err.
 */
const struct pcaplib *pcaplib_load(char *err, size_t errlen);

#endif
