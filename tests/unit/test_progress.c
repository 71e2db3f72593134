/*
 * ui/progress.c against a real state directory (XDG_STATE_HOME set to a fresh
 * temporary directory): records with counts, old name-only lines still read, a
 * better record replaces a line and a worse one does not, other lessons' lines
 * are never lost, no temporary file is left behind, a file that cannot be read
 * is an empty record and one that cannot be written is reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui/progress.h"

static char root[256];
static char dir[300];  /* root/tlsstep */
static char file[320]; /* root/tlsstep/progress */

static void rm_rf(const char *path)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fail_msg("cannot remove %s", path);
}

/* Each test starts with an empty state directory. */
static int fresh(void **state)
{
	snprintf(root, sizeof(root), "/tmp/tlsstep-progress-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	snprintf(dir, sizeof(dir), "%s/tlsstep", root);
	snprintf(file, sizeof(file), "%s/progress", dir);
	setenv("XDG_STATE_HOME", root, 1);
	return 0;
}

static int cleanup(void **state)
{
	chmod(file, 0600);
	rm_rf(root);
	return 0;
}

static char *slurp(void)
{
	static char buf[4096];
	FILE *f = fopen(file, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void spill(const char *text)
{
	mkdir(dir, 0700);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Only "progress" in the directory: every temporary file was renamed or removed. */
static void no_leftovers(void)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "progress"))
			fail_msg("left behind in %s: %s", dir, e->d_name);
	closedir(d);
}

static void expect(const char *name, bool done, int answered, int right, int total)
{
	struct progress_entry e;
	assert_int_equal(progress_get(name, &e), done);
	assert_int_equal(e.done, done);
	assert_int_equal(e.answered, answered);
	assert_int_equal(e.right, right);
	assert_int_equal(e.total, total);
	assert_int_equal(progress_done(name), done);
}

static void path_follows_xdg_then_home(void **state)
{
	char p[512], want[512];
	assert_true(progress_path(p, sizeof(p)));
	assert_string_equal(p, file);
	setenv("XDG_STATE_HOME", "relative/dir", 1); /* invalid by the XDG spec: ignored */
	setenv("HOME", "/home/learner", 1);
	assert_true(progress_path(p, sizeof(p)));
	snprintf(want, sizeof(want), "/home/learner/.local/state/tlsstep/progress");
	assert_string_equal(p, want);
	setenv("XDG_STATE_HOME", root, 1);
}

static void empty_record(void **state)
{
	expect("01-four-phases", false, -1, -1, -1);
}

static void mark_with_counts(void **state)
{
	char err[600] = "";
	assert_int_equal(progress_mark("01-four-phases", 2, 1, 3, err, sizeof(err)), 0);
	assert_string_equal(slurp(), "01-four-phases 2/3 1\n");
	expect("01-four-phases", true, 2, 1, 3);
	expect("02-cipher-suites", false, -1, -1, -1);
	no_leftovers();
}

static void old_lines_read_and_upgrade(void **state)
{
	char err[600] = "";
	spill("02-cipher-suites\n01-four-phases\n07-sessions 1/2 1\n");
	expect("01-four-phases", true, -1, -1, -1);
	expect("07-sessions", true, 1, 1, 2);
	expect("01-four", false, -1, -1, -1); /* a prefix is another lesson */
	/* Known counts are better than none: the line is replaced where it stood. */
	assert_int_equal(progress_mark("01-four-phases", 1, 0, 3, err, sizeof(err)), 0);
	assert_string_equal(slurp(), "02-cipher-suites\n01-four-phases 1/3 0\n07-sessions 1/2 1\n");
	/* Unknown counts never replace known ones. */
	assert_int_equal(progress_mark("01-four-phases", -1, -1, -1, err, sizeof(err)), 0);
	expect("01-four-phases", true, 1, 0, 3);
	/* A lesson not yet recorded, with unknown counts, as the old UI does: its name alone. */
	assert_int_equal(progress_mark("03-rsa-key-exchange", -1, -1, -1, err, sizeof(err)), 0);
	assert_string_equal(slurp(),
	                    "02-cipher-suites\n01-four-phases 1/3 0\n07-sessions 1/2 1\n03-rsa-key-exchange\n");
	expect("03-rsa-key-exchange", true, -1, -1, -1);
	no_leftovers();
}

static void better_replaces_worse_does_not(void **state)
{
	char err[600] = "";
	assert_int_equal(progress_mark("05-certificates", 2, 1, 3, err, sizeof(err)), 0);
	assert_int_equal(progress_mark("06-mutual-tls", 3, 3, 3, err, sizeof(err)), 0);
	assert_int_equal(progress_mark("05-certificates", 1, 1, 3, err, sizeof(err)), 0); /* fewer answered */
	expect("05-certificates", true, 2, 1, 3);
	assert_int_equal(progress_mark("05-certificates", 2, 0, 3, err, sizeof(err)), 0); /* as many, fewer right */
	expect("05-certificates", true, 2, 1, 3);
	assert_int_equal(progress_mark("05-certificates", 2, 2, 3, err, sizeof(err)), 0); /* as many, more right */
	expect("05-certificates", true, 2, 2, 3);
	assert_int_equal(progress_mark("05-certificates", 3, 0, 3, err, sizeof(err)), 0); /* more answered */
	expect("05-certificates", true, 3, 0, 3);
	assert_string_equal(slurp(), "05-certificates 3/3 0\n06-mutual-tls 3/3 3\n");
	no_leftovers();
}

static void other_lines_never_lost(void **state)
{
	char err[600] = "";
	/* Lines this version does not understand are someone's record too: kept as they are. */
	spill("a lesson with spaces 1/1 1\nnot/a/count x/y z\n\n10-tls13 0/2 0");
	expect("a lesson with spaces", true, 1, 1, 1);
	expect("not/a/count x/y z", true, -1, -1, -1);
	expect("10-tls13", true, 0, 0, 2); /* the last line has no newline */
	assert_int_equal(progress_mark("10-tls13", 2, 2, 2, err, sizeof(err)), 0);
	assert_int_equal(progress_mark("11-after-the-handshake", 1, 1, 2, err, sizeof(err)), 0);
	assert_string_equal(slurp(), "a lesson with spaces 1/1 1\nnot/a/count x/y z\n10-tls13 2/2 2\n"
	                             "11-after-the-handshake 1/2 1\n");
	no_leftovers();
}

static void unreadable_is_empty_unwritable_is_reported(void **state)
{
	char err[600] = "";
	/* The record's path is a directory: nothing can be read from it, nor renamed over it. */
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(file, 0700), 0);
	expect("01-four-phases", false, -1, -1, -1);
	assert_int_equal(progress_mark("01-four-phases", 1, 1, 3, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "progress not kept"));
	assert_non_null(strstr(err, file));
	assert_int_equal(rmdir(file), 0);
	no_leftovers();
	/* The directory it should be in is a file: reported, not fatal. */
	assert_int_equal(rmdir(dir), 0);
	FILE *f = fopen(dir, "w");
	assert_non_null(f);
	fclose(f);
	err[0] = '\0';
	assert_int_equal(progress_mark("01-four-phases", 1, 1, 3, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "progress not kept"));
	expect("01-four-phases", false, -1, -1, -1);
	unlink(dir);
}

static void unreadable_file_is_not_overwritten(void **state)
{
	if (geteuid() == 0)
		skip(); /* root reads a file whatever its mode */
	char err[600] = "";
	spill("02-cipher-suites 2/2 2\n");
	assert_int_equal(chmod(file, 0), 0);
	expect("02-cipher-suites", false, -1, -1, -1); /* cannot be read: an empty record */
	/* Replacing it would lose the lines it holds: reported instead. */
	assert_int_equal(progress_mark("01-four-phases", 1, 1, 3, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "progress not kept"));
	assert_int_equal(chmod(file, 0600), 0);
	assert_string_equal(slurp(), "02-cipher-suites 2/2 2\n");
	no_leftovers();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(path_follows_xdg_then_home, fresh, cleanup),
		cmocka_unit_test_setup_teardown(empty_record, fresh, cleanup),
		cmocka_unit_test_setup_teardown(mark_with_counts, fresh, cleanup),
		cmocka_unit_test_setup_teardown(old_lines_read_and_upgrade, fresh, cleanup),
		cmocka_unit_test_setup_teardown(better_replaces_worse_does_not, fresh, cleanup),
		cmocka_unit_test_setup_teardown(other_lines_never_lost, fresh, cleanup),
		cmocka_unit_test_setup_teardown(unreadable_is_empty_unwritable_is_reported, fresh, cleanup),
		cmocka_unit_test_setup_teardown(unreadable_file_is_not_overwritten, fresh, cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
