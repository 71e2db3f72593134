/*
 * app/datadir.h — where the program finds its bundled lessons and scenarios and
 * the test credentials, in the build tree and once installed.
 */
#ifndef TLSSTEP_APP_DATADIR_H
#define TLSSTEP_APP_DATADIR_H

/*
 * The folder of the bundled lessons (holding scenarios/) and that of the credentials,
 * found in this order:
 *   1. $TLSSTEP_LESSONS, $TLSSTEP_ASSETS: each folder given on its own;
 *   2. $TLSSTEP_DATA: a folder laid out as an installed share/tlsstep (lessons/, assets/);
 *   3. the program is the one in its build tree: the source tree's lessons/ and assets/;
 *   4. installed: share/tlsstep beside the program's own folder (../share/tlsstep from
 *      /proc/self/exe's folder), so a tree moved or copied elsewhere still works; without
 *      /proc (or with a bindir and datadir that cannot be related), the configured
 *      PREFIX/share/tlsstep.
 * Worked out once; the strings are static and stay valid.
 */
const char *datadir_lessons(void);
const char *datadir_assets(void);

#endif
