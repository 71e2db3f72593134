/* ui/copy.c — see copy.h. */
#include "ui/copy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>

#include "model/dh_recipe.h"
#include "ui/progress.h"
#include "util/hex.h"
#include "util/outfile.h"

char *copy_script(const struct known *k, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	fprintf(f, "#!/bin/sh\n# tlsstep: do it yourself. Each recipe prints its value in hex, once per way it is computed.\n");
	for (size_t i = 0; i < n; i++) {
		const struct secret *s = k[i].s;
		if (!s->recipe)
			continue;
		char *hx = hex_string(s->value.data, s->value.len, '\0');
		fprintf(f, "\n# ---- %s (step %d%s), expect:\n# %s\necho '%s:'\n%s", s->name, k[i].step,
		        k[i].connection > 1 ? ", connection 2" : "", hx ? hx : "", s->name, s->recipe);
		free(hx);
	}
	fclose(f);
	return text;
}

/* OSC 52 (xterm's "manipulate selection data"): ESC ] 52 ; c ; base64 BEL. */
static int osc52(FILE *tty, const char *text)
{
	size_t n = strlen(text), need = 0;
	mbedtls_base64_encode(NULL, 0, &need, (const unsigned char *)text, n);
	unsigned char *b = malloc(need);
	if (!b || mbedtls_base64_encode(b, need, &need, (const unsigned char *)text, n)) {
		free(b);
		return -1;
	}
	fprintf(tty, "\033]52;c;%s\a", b);
	fflush(tty);
	free(b);
	return 0;
}

int copy_out(const char *name, const char *text, FILE *tty, char *msg, size_t cap)
{
	char path[4200], err[300];
	if (!progress_path(path, sizeof(path) - 400)) {
		snprintf(msg, cap, "recipe not written: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	/* .../tlsstep/progress -> .../tlsstep/recipes/NAME.sh */
	char *slash = strrchr(path, '/');
	snprintf(slash + 1, sizeof(path) - (size_t)(slash + 1 - path), "recipes/%s.sh", name);
	if (progress_make_parents(path)) {
		snprintf(msg, cap, "%s: cannot create its folder: %s", path, strerror(errno));
		return -1;
	}
	if (outfile_write(path, text, strlen(text), OUTFILE_SECRET, err, sizeof(err))) {
		snprintf(msg, cap, "%s", err);
		return -1;
	}
	bool clip = tty && osc52(tty, text) == 0;
	snprintf(msg, cap, "written to %s%s", path, clip ? " and sent to the clipboard" : "");
	return 0;
}

/* c: the recipe of the secret chosen in the secrets pane (when it has the focus), else every one so far. */
void copy_recipes(struct ui_view *v, bool all)
{
	struct known k[96];
	dh_recipe_ensure(v->tl); /* the (EC)DH recipes are made when first asked */
	size_t n = known_collect(v->tl, v->cur, k, 96), from = 0;
	char name[200];
	if (!all && n) {
		from = v->sec_sel >= 0 && (size_t)v->sec_sel < n ? (size_t)v->sec_sel : n - 1;
		snprintf(name, sizeof(name), "%s-step%zu-%s", v->sc->name, v->cur, k[from].s->name);
		n = from + 1;
	} else {
		snprintf(name, sizeof(name), "%s-step%zu", v->sc->name, v->cur);
	}
	bool any = false;
	for (size_t i = from; i < n; i++)
		any |= k[i].s->recipe != NULL;
	if (!any) {
		snprintf(v->status, sizeof(v->status), " no recipe to copy at this step");
		return;
	}
	char *text = copy_script(k + from, n - from), msg[sizeof(v->status) - 16];
	if (!text) {
		snprintf(v->status, sizeof(v->status), " out of memory");
		return;
	}
	int rc = copy_out(name, text, stdout, msg, sizeof(msg));
	snprintf(v->status, sizeof(v->status), " %s%s", rc ? "" : all ? "recipes " : "recipe ", msg);
	free(text);
}
