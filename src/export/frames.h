/*
 * export/frames.h — the run as the Ethernet/IPv4/TCP frames a capture holds: each
 * TLS connection one TCP connection (see frames.c). The capture writers (pcap.c
 * through libpcap, pcapng.c) differ only in how a frame is stored. Reads the
 * timeline only.
 */
#ifndef TLSSTEP_EXPORT_FRAMES_H
#define TLSSTEP_EXPORT_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include "model/timeline.h"

/* Takes one frame: its time in microseconds since the epoch, its bytes (borrowed for the
 * call). Returns 0 to go on, nonzero to stop. */
typedef int (*frame_sink)(void *ctx, uint64_t time_us, const uint8_t *frame, size_t len);

/*
 * Gives sink every frame of the run, in order. Deterministic: the same timeline gives
 * the same frames. Returns 0, or the first nonzero sink returned (no frame after it).
 */
int frames_emit(const struct timeline *tl, frame_sink sink, void *ctx);

#endif
