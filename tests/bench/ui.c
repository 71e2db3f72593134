/* tests/bench/ui.c — see ui.h. */
#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "measure.h"

enum { QUIET_MS = 60 };

struct pty_child {
	pid_t pid;
	int fd;
	double started;
};

/* args: the program's arguments after its name, NULL-terminated (NULL: none). */
static int launch(struct pty_child *c, const struct ui_size *size, const char *const *args, const char *state_dir)
{
	struct winsize ws = { .ws_row = size->rows, .ws_col = size->cols };
	c->started = now_ms();
	c->pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("XDG_STATE_HOME", state_dir, 1); /* no progress written into the user's own */
		unsetenv("NO_COLOR");
		const char *argv[8] = { "tlsstep" };
		for (int i = 0; args && args[i] && i < 6; i++)
			argv[i + 1] = args[i];
		execv(TLSSTEP_BIN, (char *const *)argv);
		_exit(127);
	}
	return 0;
}

/*
 * Reads what the program writes until QUIET_MS pass without a byte, and returns
 * the time of the last byte (or -1 if nothing came within `wait_ms`).
 */
static double drain(int fd, double wait_ms, size_t *bytes)
{
	double last = -1, start = now_ms();
	char b[65536];
	*bytes = 0;
	for (;;) {
		double limit = last < 0 ? start + wait_ms : last + QUIET_MS;
		int left = (int)(limit - now_ms());
		if (left <= 0)
			return last;
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return last;
		ssize_t n = read(fd, b, sizeof(b));
		if (n <= 0)
			return last;
		*bytes += (size_t)n;
		last = now_ms();
	}
}

static long peak_rss_kb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

static int quit(struct pty_child *c)
{
	size_t n;
	int st = 0;
	if (write(c->fd, "q", 1) != 1)
		kill(c->pid, SIGTERM);
	drain(c->fd, 1000, &n);
	waitpid(c->pid, &st, 0);
	close(c->fd);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

double ui_launch_ms(const struct ui_size *size, const char *const *args, const char *state_dir)
{
	struct pty_child c;
	size_t n;
	if (launch(&c, size, args, state_dir))
		return -1;
	double last = drain(c.fd, 5000, &n);
	if (last < 0 || n < 1000) {
		fprintf(stderr, "bench: the UI wrote no first screen (%zu bytes)\n", n);
		quit(&c);
		return -1;
	}
	return quit(&c) ? -1 : last - c.started;
}

int ui_keys_measure(const struct ui_size *size, const char *scenario, size_t steps, size_t focus,
                    const char *state_dir, struct ui_keys *out)
{
	struct pty_child c;
	size_t n;
	const char *args[] = { scenario, NULL };
	if (launch(&c, size, args, state_dir))
		return -1;
	if (drain(c.fd, 5000, &n) < 0) {
		quit(&c);
		return -1;
	}
	size_t presses = 2 * (steps - 1);
	double *t = calloc(presses, sizeof(double));
	size_t k = 0;
	for (size_t i = 0; t && i < presses; i++) {
		const char *key = i < steps - 1 ? "n" : "b";
		double t0 = now_ms();
		if (write(c.fd, key, 1) != 1)
			break;
		double end = drain(c.fd, 2000, &n);
		if (end < 0)
			break; /* no frame: the key changed nothing */
		t[k++] = end - t0;
	}
	out->rss_kb = peak_rss_kb(c.pid);
	/* Press i forward lands on step i + 2; press steps - 1 + j backward on step steps - 1 - j. */
	out->focus_ms = 0;
	for (size_t i = 0; i < k; i++) {
		size_t lands = i < steps - 1 ? i + 2 : steps - 1 - (i - (steps - 1));
		if (lands == focus && t[i] > out->focus_ms)
			out->focus_ms = t[i];
	}
	int rc = quit(&c);
	out->presses = k;
	out->max_ms = 0;
	for (size_t i = 0; i < k; i++)
		if (t[i] > out->max_ms)
			out->max_ms = t[i];
	out->median_ms = k ? median(t, k) : -1;
	free(t);
	return rc || k != presses ? -1 : 0;
}
