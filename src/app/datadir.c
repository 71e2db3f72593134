/*
 * app/datadir.c — see datadir.h.
 *
 * The build tree is told apart from an installed copy by the program's own folder:
 * it is the build folder compiled in (TLSSTEP_BUILD_DIR), or it is not. An installed
 * program thus never reads the source tree, even when that tree still exists, and a
 * build tree whose program is run in place keeps reading its sources, as before.
 */
/* realpath is X/Open, which glibc shows only with this (ncurses' flags happen to give it too). */
#define _DEFAULT_SOURCE 1

#include "app/datadir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

struct places {
	bool found;
	char lessons[PATH_MAX + 32];
	char assets[PATH_MAX + 32];
};

static struct places places; /* worked out once, on first use */

/* The folder the running program is in, resolved (no links); false when /proc is not there. */
static bool own_folder(char *buf, size_t cap)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return snprintf(buf, cap, "%s", exe[0] ? exe : "/") < (int)cap;
}

/* Whether folder (resolved) is the build folder, when it is reached through a link. */
static bool is_build_tree(const char *folder)
{
	char build[PATH_MAX];
	return realpath(TLSSTEP_BUILD_DIR, build) && !strcmp(build, folder);
}

/* Whether top holds the lessons, as an installed share/tlsstep does. */
static bool holds_data(const char *top)
{
	char lessons[PATH_MAX + 16];
	snprintf(lessons, sizeof(lessons), "%s/lessons", top);
	return access(lessons, F_OK) == 0;
}

static void set_both(const char *top)
{
	snprintf(places.lessons, sizeof(places.lessons), "%s/lessons", top);
	snprintf(places.assets, sizeof(places.assets), "%s/assets", top);
}

/*
 * share/tlsstep as seen from the program's folder, resolved (bin/../share becomes share)
 * when it exists; false when there is no such way (a bindir or datadir outside the
 * prefix) or the path does not fit.
 */
static bool beside(const char *folder, char *top, size_t cap)
{
	char joined[PATH_MAX];
	if (!TLSSTEP_DATA_FROM_BIN[0])
		return false;
	int n = snprintf(joined, sizeof(joined), "%s/%s", strcmp(folder, "/") ? folder : "", TLSSTEP_DATA_FROM_BIN);
	if (n <= 0 || (size_t)n >= sizeof(joined) || (size_t)n >= cap)
		return false;
	if (!realpath(joined, top))
		memcpy(top, joined, (size_t)n + 1);
	return true;
}

static void build_tree(void)
{
	snprintf(places.lessons, sizeof(places.lessons), "%s", TLSSTEP_LESSONS_DIR);
	snprintf(places.assets, sizeof(places.assets), "%s", TLSSTEP_ASSETS_DIR);
}

static void find(void)
{
	char folder[PATH_MAX], top[PATH_MAX];
	const char *data = getenv("TLSSTEP_DATA");
	bool own = own_folder(folder, sizeof(folder)), near = own && beside(folder, top, sizeof(top));
	/* The build folder is compared as a string first and resolved only when no data sits
	 * beside the program, so an installed copy never touches the source tree's path. */
	if (data && *data)
		set_both(data);
	else if (own && (!strcmp(folder, TLSSTEP_BUILD_DIR) || (!(near && holds_data(top)) && is_build_tree(folder))))
		build_tree();
	else if (near)
		set_both(top);
	else
		set_both(TLSSTEP_DATA_DIR);
	const char *l = getenv("TLSSTEP_LESSONS"), *a = getenv("TLSSTEP_ASSETS");
	if (l && *l)
		snprintf(places.lessons, sizeof(places.lessons), "%s", l);
	if (a && *a)
		snprintf(places.assets, sizeof(places.assets), "%s", a);
	places.found = true;
}

const char *datadir_lessons(void)
{
	if (!places.found)
		find();
	return places.lessons;
}

const char *datadir_assets(void)
{
	if (!places.found)
		find();
	return places.assets;
}
