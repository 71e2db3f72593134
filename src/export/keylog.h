/*
 * export/keylog.h — the run's secrets in the NSS key log format that Wireshark,
 * tshark and curl understand: CLIENT_RANDOM for TLS 1.2, the four traffic
 * secrets for TLS 1.3, one block per connection. Reads the timeline only.
 */
#ifndef TLSSTEP_EXPORT_KEYLOG_H
#define TLSSTEP_EXPORT_KEYLOG_H

#include <stdio.h>

#include "model/timeline.h"

/* Writes the key log; returns the number of lines written, or -1 on a write error. */
int keylog_write(FILE *out, const struct timeline *tl);

#endif
