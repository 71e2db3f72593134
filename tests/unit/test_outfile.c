/* util/outfile: whole or not at all (and streamed), 0600 for secrets, the system's reason, links seen through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/outfile.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_outfile.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[400];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

static char *in_dir(const char *name)
{
	static char p[4][300];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static void check_content(const char *path, const char *want)
{
	char got[256] = "";
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	assert_string_equal(got, want);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* Only the files the test made: no temporary file left behind. */
static int entries(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	rewinddir(d);
	while ((e = readdir(d)))
		n += e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..") ? 1000 : 0;
	closedir(d);
	return n;
}

static void modes(void **state)
{
	(void)state;
	char err[600];
	mode_t old = umask(022);
	assert_int_equal(outfile_write(in_dir("new.keys"), "k\n", 2, OUTFILE_SECRET, err, sizeof(err)), 0);
	assert_int_equal(mode_of(in_dir("new.keys")), 0600);
	put(in_dir("old.keys"), "old", 0666);
	assert_int_equal(outfile_write(in_dir("old.keys"), "new\n", 4, OUTFILE_SECRET, err, sizeof(err)), 0);
	assert_int_equal(mode_of(in_dir("old.keys")), 0600);
	check_content(in_dir("old.keys"), "new\n");
	assert_int_equal(outfile_write(in_dir("new.md"), "# h\n", 4, 0, err, sizeof(err)), 0);
	assert_int_equal(mode_of(in_dir("new.md")), 0644);
	put(in_dir("old.md"), "old", 0640);
	assert_int_equal(outfile_write(in_dir("old.md"), "# h\n", 4, 0, err, sizeof(err)), 0);
	assert_int_equal(mode_of(in_dir("old.md")), 0640);
	umask(old);
	assert_int_equal(entries(), 4);
}

static void failures(void **state)
{
	(void)state;
	char err[600];
	assert_int_equal(outfile_write("/dev/full", "x", 1, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No space left on device"));
	assert_int_equal(outfile_write(in_dir("no-such-folder/x.json"), "x", 1, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No such file or directory (creating a temporary file in"));
	assert_int_equal(outfile_write(dir, "x", 1, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Is a directory"));
	assert_int_equal(outfile_write("/dev/null", "x", 1, 0, err, sizeof(err)), 0); /* a device: written directly */
	assert_int_equal(entries(), 0);
}

/*
 * An output is streamed into the temporary file as it is made, not held in memory:
 * a megabyte written is on disk (bar stdio's buffer) before the end, while the target
 * still holds what it held. An output that could not be made leaves the target as it
 * was and no temporary file; one that was made replaces it.
 */
static void streamed(void **state)
{
	(void)state;
	char err[600];
	static char chunk[4096];
	memset(chunk, 'j', sizeof(chunk));
	put(in_dir("out.json"), "old", 0644);
	for (int made = 0; made < 2; made++) {
		struct outfile of;
		assert_non_null(outfile_open(&of, in_dir("out.json"), 0, err, sizeof(err)));
		for (int i = 0; i < 256; i++)
			assert_int_equal(fwrite(chunk, 1, sizeof(chunk), of.f), sizeof(chunk));
		struct stat st;
		assert_int_equal(fstat(of.fd, &st), 0);
		assert_true(st.st_size >= (1 << 20) - (1 << 16));
		check_content(in_dir("out.json"), "old");
		assert_int_equal(entries(), 1001); /* the target and the temporary file */
		int rc = outfile_close(&of, made, err, sizeof(err));
		assert_int_equal(entries(), 1);
		if (!made) {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(err, "could not be made"));
			check_content(in_dir("out.json"), "old");
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(stat(in_dir("out.json"), &st), 0);
			assert_int_equal(st.st_size, 1 << 20);
			assert_int_equal(mode_of(in_dir("out.json")), 0644);
		}
	}
	/* A device written to as it is made: the system's reason at the end. */
	struct outfile of;
	assert_non_null(outfile_open(&of, "/dev/full", 0, err, sizeof(err)));
	for (int i = 0; i < 64; i++)
		fwrite(chunk, 1, sizeof(chunk), of.f);
	assert_int_equal(outfile_close(&of, !ferror(of.f), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No space left on device"));
}

static void links(void **state)
{
	(void)state;
	char err[600];
	put(in_dir("real.txt"), "old", 0644);
	assert_int_equal(symlink("real.txt", in_dir("sym.txt")), 0);
	assert_int_equal(link(in_dir("real.txt"), in_dir("hard.txt")), 0);
	struct outfile_id a, b, c, d, n1, n2;
	outfile_identify(in_dir("real.txt"), &a);
	outfile_identify(in_dir("sym.txt"), &b);
	outfile_identify(in_dir("hard.txt"), &c);
	assert_true(a.exists && outfile_same(&a, &b) && outfile_same(&a, &c));
	outfile_identify(in_dir("other.txt"), &d);
	assert_false(d.exists);
	assert_false(outfile_same(&a, &d));
	/* Not there yet: one file however the folder is spelt. */
	char spelt[300];
	snprintf(spelt, sizeof(spelt), "%s/./other.txt", dir);
	outfile_identify(spelt, &n1);
	outfile_identify(in_dir("other.txt"), &n2);
	assert_true(outfile_same(&n1, &n2));
	/* The null device takes any number of outputs. */
	outfile_identify("/dev/null", &n1);
	outfile_identify("/dev/null", &n2);
	assert_true(n1.is_null);
	assert_false(outfile_same(&n1, &n2));
	/* Written through the symbolic link: the target replaced, the link kept. */
	assert_int_equal(outfile_write(in_dir("sym.txt"), "new", 3, 0, err, sizeof(err)), 0);
	struct stat st;
	assert_int_equal(lstat(in_dir("sym.txt"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	check_content(in_dir("real.txt"), "new");
	check_content(in_dir("hard.txt"), "old"); /* a rename makes a new file; the other name keeps the old one */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(modes, setup, teardown),
		cmocka_unit_test_setup_teardown(failures, setup, teardown),
		cmocka_unit_test_setup_teardown(links, setup, teardown),
		cmocka_unit_test_setup_teardown(streamed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
