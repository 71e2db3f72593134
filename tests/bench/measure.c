/* tests/bench/measure.c — see measure.h. */
#define _DEFAULT_SOURCE /* wait4: one child's own CPU time and peak memory */
#include "measure.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The child's side of a fork: output to /dev/null (or to fd `err` for standard error), then exec. */
static void exec_quiet(char *const argv[], int err)
{
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(err >= 0 ? err : null, 2);
	}
	execv(argv[0], argv);
	_exit(127);
}

int proc_run(char *const argv[], struct proc_cost *c)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		exec_quiet(argv, -1);
	int st = 0;
	struct rusage ru;
	if (wait4(pid, &st, 0, &ru) != pid)
		return -1;
	c->wall_ms = now_ms() - t0;
	c->cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	c->rss_kb = ru.ru_maxrss;
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return 0;
}

bool proc_have_valgrind(void)
{
	return system("command -v valgrind >/dev/null 2>&1") == 0;
}

double proc_instructions(char *const argv[])
{
	enum { MAX_ARGS = 16 };
	char *v[MAX_ARGS + 4];
	size_t n = 0;
	v[n++] = "/usr/bin/env";
	v[n++] = "valgrind";
	v[n++] = "--tool=callgrind";
	v[n++] = "--callgrind-out-file=/dev/null";
	for (size_t i = 0; argv[i] && n < MAX_ARGS + 3; i++)
		v[n++] = argv[i];
	v[n] = NULL;
	int fd[2];
	if (pipe(fd))
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		exec_quiet(v, fd[1]);
	}
	close(fd[1]);
	FILE *f = fdopen(fd[0], "r");
	char line[512];
	double ir = -1;
	while (f && fgets(line, sizeof(line), f)) {
		const char *p = strstr(line, "Collected :");
		if (p)
			ir = strtod(p + strlen("Collected :"), NULL);
	}
	if (f)
		fclose(f);
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? ir : -1;
}
