/*
 * ui/copy.h — "do it yourself" recipes handed to the learner (issue 13): a key in
 * the view writes the recipe text to a file in the XDG state directory
 * ($XDG_STATE_HOME/tlsstep/recipes/, else ~/.local/state/tlsstep/recipes/) and
 * sends it to the terminal's clipboard with an OSC 52 escape, which terminals that
 * allow it (xterm, kitty, iTerm2, tmux with set-clipboard) honour and the others
 * ignore.
 */
#ifndef TLSSTEP_UI_COPY_H
#define TLSSTEP_UI_COPY_H

#include <stddef.h>
#include <stdio.h>

#include "ui/view.h"

/* The recipes of these secrets as one sh script, each under a comment naming it and its value. */
char *copy_script(const struct known *k, size_t n);

/*
 * Writes text to the state directory as NAME.sh (mode 0600: it holds secrets) and,
 * when tty is not NULL, to its clipboard (OSC 52). Returns 0 with "copied to PATH
 * and the clipboard" in msg, or -1 with the reason.
 */
int copy_out(const char *name, const char *text, FILE *tty, char *msg, size_t cap);

/*
 * c in the view: the recipe of the secret chosen in the secrets pane (all false),
 * or of every secret known at this step, through copy_out; the outcome goes to
 * v->status.
 */
void copy_recipes(struct ui_view *v, bool all);

#endif
