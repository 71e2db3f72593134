/*
 * tests/bench/measure.h — what the benchmark measures with: clocks, medians,
 * whole processes (wall, CPU of all threads, peak memory) and, where valgrind is
 * installed, their instruction counts.
 */
#ifndef TLSSTEP_BENCH_MEASURE_H
#define TLSSTEP_BENCH_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

double now_ms(void);
/* CPU time of this process, every thread: what the work costs, wherever it ran. */
double cpu_ms(void);
/* The median of v[0..n) (sorts v). */
double median(double *v, size_t n);

struct proc_cost {
	double wall_ms; /* fork to exit */
	double cpu_ms;  /* user + system time of the child, every thread (wait4) */
	long rss_kb;    /* its peak resident set */
	int status;     /* exit status, or -1 if it did not exit */
};

/* Runs argv[0] (a path) with argv, standard output and error to /dev/null. Returns 0 or -1. */
int proc_run(char *const argv[], struct proc_cost *c);

/* Whether valgrind is on the PATH. */
bool proc_have_valgrind(void);

/* The instructions the whole process executes (callgrind's Ir, every thread), or -1. */
double proc_instructions(char *const argv[]);

#endif
