/*
 * tests/bench/ui.h — the terminal UI driven as a learner drives it: the real
 * binary (TLSSTEP_BIN) in a pseudo-terminal (TERM=xterm-256color, a UTF-8 locale).
 * A frame ends at the last byte the program writes before QUIET_MS pass without one.
 */
#ifndef TLSSTEP_BENCH_UI_H
#define TLSSTEP_BENCH_UI_H

#include <stddef.h>

struct ui_size {
	unsigned short cols, rows;
};

/* From fork to the last byte of the first screen of the program run with args (after its
 * name, NULL-terminated; NULL: the default lesson); -1 if none came. */
double ui_launch_ms(const struct ui_size *size, const char *const *args, const char *state_dir);

struct ui_keys {
	double median_ms, max_ms; /* key press to the end of the frame it causes */
	double focus_ms;          /* the slower of the two presses that land on the focus step */
	size_t presses;
	long rss_kb; /* peak resident set (VmHWM) after stepping through and back */
};

/*
 * Opens `scenario` (a name or a path), presses n through its `steps` steps and b
 * back, and times each press; `focus` is a step (1-based) whose presses are also
 * given alone. Returns 0, or -1 if the UI did not answer a press.
 */
int ui_keys_measure(const struct ui_size *size, const char *scenario, size_t steps, size_t focus,
                    const char *state_dir, struct ui_keys *out);

#endif
