/*
 * app/open.h — `tlsstep --open CAPTURE`: a capture made by any TLS stack, with
 * its key log (issue 17). Its own file, so that main.c only routes to it.
 */
#ifndef TLSSTEP_APP_OPEN_H
#define TLSSTEP_APP_OPEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/timeline.h"
#include "spec/scenario.h"
#include "ui/ui.h"

struct open_options {
	const char *capture;     /* the pcap or pcapng file */
	const char *keylog;      /* an NSS key log to read, or NULL */
	long connection;         /* --connection N, 0 when not given */
	bool list;               /* --list-connections */
	bool batch;
	bool menu;               /* the UI will show it: several connections and no --connection open a menu */
	const char *server_key;  /* --server-key FILE, or NULL */
};

/* True when path names a regular file that begins with a pcap or pcapng magic number. */
bool open_is_capture(const char *path);

/*
 * Runs the options: the connection list on stdout (--list-connections) or on
 * stderr (several connections and no --connection); else builds the chosen
 * connection's timeline into tl, with its stand-in scenario in sc, and sets
 * *built (the caller then frees both and writes what was asked). With o->menu,
 * several connections and no --connection: every connection is built, the first
 * into tl and sc, and menu lists them all for the UI (menu->n = 0 otherwise). Every problem is said on stderr with the
 * file it is in. Returns the exit status: 0, or 2 for bad input (not a capture,
 * one cut short, no TLS in it, a malformed key log or one that matches no
 * connection, a connection number out of range) after showing what could be read.
 */
int open_run(const struct open_options *o, struct timeline *tl, struct scenario *sc, bool *built,
             struct ui_capture *menu);

/* Frees what open_run put in menu beyond tl and sc (every other connection, the lines). */
void open_menu_free(struct ui_capture *menu);

#endif
