/* app/outputs.c — see outputs.h. */
#include "app/outputs.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "export/escape.h"
#include "lesson/catalog.h"
#include "util/outfile.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* An input of the run: the scenario or lesson file, and each credential file it names. */
struct input {
	char path[1200];
	const char *what;
};

static size_t inputs_of(const struct scenario *sc, const char *target, const char *lessons_dir,
                        const char *assets_dir, struct input *in, size_t cap)
{
	size_t n = 0;
	const char *t = target ? target : CATALOG_DEFAULT;
	if (!sc) { /* a capture (app/open.h): the file itself is the input */
		snprintf(in[n].path, sizeof(in[n].path), "%s", t);
		in[n++].what = "the capture this run reads";
		return n;
	}
	/* A bundled name is one of two files in the lessons folder (lesson/catalog.c); both are checked. */
	if (strchr(t, '/') || ends_with(t, ".scenario") || ends_with(t, ".lesson")) {
		snprintf(in[n].path, sizeof(in[n].path), "%s", t);
		in[n++].what = ends_with(t, ".lesson") ? "the lesson file this run reads" : "the scenario file this run reads";
	} else {
		snprintf(in[n].path, sizeof(in[n].path), "%s/%s.lesson", lessons_dir, t);
		in[n++].what = "the lesson file this run reads";
		snprintf(in[n].path, sizeof(in[n].path), "%s/scenarios/%s.scenario", lessons_dir, t);
		in[n++].what = "the scenario file this run reads";
	}
	const struct endpoint_spec *ends[2] = { &sc->client, &sc->server };
	for (int e = 0; e < 2; e++) {
		const char *names[5] = { ends[e]->cert, ends[e]->key, ends[e]->ca, ends[e]->chain, ends[e]->crl };
		static const char *const whats[5] = { "a certificate this run reads", "a private key this run reads",
			                              "a CA certificate this run reads", "a chain of certificates this run reads",
			                              "a CRL this run reads" };
		for (int k = 0; k < 5 && n < cap; k++)
			if (names[k]) {
				scenario_credential_path(names[k], assets_dir, in[n].path, sizeof(in[n].path));
				in[n++].what = whats[k];
			}
	}
	return n;
}

/*
 * An output must not destroy what the run reads, nor another output: refuses a name
 * ending in .scenario or .lesson (`--markdown week4.lesson`, the output file forgotten),
 * the same file as an input (also through a symbolic or hard link), and two outputs
 * to one file (both "-" included). Returns 0, or -1 after saying which and why.
 */
int outputs_sound(const struct output *out, size_t nout, const struct scenario *sc, const char *target,
                  const char *lessons_dir, const char *assets_dir)
{
	struct input in[2 + 2 * 5]; /* the scenario or lesson files, then five credentials of each end */
	size_t nin = inputs_of(sc, target, lessons_dir, assets_dir, in, sizeof(in) / sizeof(in[0]));
	static struct outfile_id id[6], iid; /* one per output main.c knows */
	for (size_t i = 0; i < nout; i++) {
		const struct output *o = &out[i];
		if (ends_with(o->path, ".scenario") || ends_with(o->path, ".lesson")) {
			escape_printf(stderr, "tlsstep: %s %s: that names a %s file, which tlsstep reads and never writes; "
			              "give the %s a name of its own (ending in %s)\n", o->option, o->path,
			              ends_with(o->path, ".lesson") ? "lesson" : "scenario", o->what, o->suffix);
			return -1;
		}
		outfile_identify(o->path, &id[i]);
		for (size_t k = 0; id[i].exists && k < nin; k++) {
			outfile_identify(in[k].path, &iid);
			if (iid.exists && outfile_same(&id[i], &iid)) {
				escape_printf(stderr, "tlsstep: %s %s: that is %s (%s); writing there would destroy it\n",
				              o->option, o->path, in[k].what, in[k].path);
				return -1;
			}
		}
		for (size_t k = 0; k < i; k++)
			if (outfile_same(&id[i], &id[k]) || (!strcmp(o->path, "-") && !strcmp(out[k].path, "-"))) {
				escape_printf(stderr, "tlsstep: %s %s: %s already writes %s; give each output its own file\n",
				              o->option, o->path, out[k].option,
				              !strcmp(out[k].path, "-") ? "to standard output" : "there");
				return -1;
			}
	}
	return 0;
}

/*
 * Writes every output, each whole or not at all in a file (util/outfile.h), going on after a
 * failure so that one bad path costs only its own file. Returns how many failed,
 * each said with its option, path and the system's reason.
 */
int write_outputs(const struct output *out, size_t nout, const struct timeline *tl, const struct comparison *cmp)
{
	int failed = 0;
	for (size_t i = 0; i < nout; i++) {
		const struct output *o = &out[i];
		char err[600];
		struct outfile of;
		/* Streamed into the file as it is made (a 1 MB run's JSON is 21 MB): never whole in memory. */
		int rc = outfile_open(&of, o->path, o->flags, err, sizeof(err)) ? 0 : -1;
		if (!rc) {
			bool made = (cmp ? o->emit_compare(of.f, cmp) : o->emit(of.f, tl)) >= 0;
			rc = outfile_close(&of, made, err, sizeof(err));
		}
		if (rc < 0) {
			escape_printf(stderr, "tlsstep: %s %s: cannot write %s: %s\n", o->option, o->path, o->what, err);
			failed++;
		}
	}
	if (failed > 1)
		fprintf(stderr, "tlsstep: %d of the %zu outputs were not written\n", failed, nout);
	return failed;
}

int write_transcript(const char *option, int (*render)(FILE *m, const void *arg), const void *arg)
{
	char *text = NULL, err[600] = "out of memory";
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int rc = m ? render(m, arg) : -1;
	if (m && fclose(m))
		rc = -1;
	if (rc == 0)
		rc = outfile_write("-", text, len, 0, err, sizeof(err));
	free(text);
	if (rc)
		fprintf(stderr, "tlsstep: %s: cannot write the transcript: %s\n", option, err);
	return rc;
}
