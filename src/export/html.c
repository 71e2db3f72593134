/* export/html.c — see html.h. */
#include "export/html.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "export/escape.h"
#include "export/html_assets.h"
#include "export/transcript.h"
#include "model/explain.h"
#include "model/mitm.h"
#include "model/narration.h"
#include "util/hex.h"

void html_text(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
}

/* Prose from a lesson or the library: a blank line starts a new paragraph, a single newline is a space. */
static void paras(FILE *out, const char *text, const char *cls)
{
	const char *p = text;
	while (*p) {
		while (*p == '\n')
			p++;
		if (!*p)
			break;
		const char *e = strstr(p, "\n\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *piece = xmalloc(n + 1);
		for (size_t i = 0; i < n; i++)
			piece[i] = p[i] == '\n' ? ' ' : p[i];
		piece[n] = '\0';
		fprintf(out, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
		html_text(out, piece);
		fputs("</p>\n", out);
		free(piece);
		p += n;
	}
}

void html_head(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"tlsstep " TLSSTEP_VERSION "\">\n<title>", out);
	html_text(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_css);
	/* Shown by the script only: without it there is nothing to step. */
	fputs("<div class=\"controls\" id=\"controls\" hidden><button type=\"button\" id=\"onestep\" "
	      "aria-pressed=\"false\">One step at a time</button> <span id=\"where\" aria-live=\"polite\"></span> "
	      "<small>keys: o starts; n, space or &#8594; next; b, p or &#8592; back; Home, End; Esc shows all</small>"
	      "</div>\n",
	      out);
}

void html_tail(FILE *out)
{
	fprintf(out, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", html_js);
}

int html_finish(FILE *out, const char *text, size_t len)
{
	return escape_write(out, text, len);
}

/* "the client, the server and anyone on the wire" */
static void holders(FILE *out, unsigned w)
{
	const char *who[3] = { w & HOLDER_CLIENT ? "the client" : NULL, w & HOLDER_SERVER ? "the server" : NULL,
		               w & HOLDER_WIRE ? "anyone on the wire" : NULL };
	int n = 0, total = !!who[0] + !!who[1] + !!who[2];
	for (int i = 0; i < 3; i++)
		if (who[i]) {
			fprintf(out, "%s%s", n == 0 ? "" : n + 1 == total ? " and " : ", ", who[i]);
			n++;
		}
	if (!total)
		fputs("no one yet", out);
}

/* A check's mark: a sign and a word, so colour is never all it says. */
static void mark(FILE *out, enum agreement a, const char *yes, const char *no, const char *unchecked)
{
	if (a == AGREE_YES)
		fprintf(out, "<span class=\"ok\" data-check=\"yes\">&#10003; %s</span>", yes);
	else if (a == AGREE_NO)
		fprintf(out, "<span class=\"bad\" data-check=\"no\">&#10007; %s</span>", no);
	else
		fprintf(out, "<span class=\"unch\" data-check=\"unchecked\">&#8211; %s</span>", unchecked);
}

static void secrets(FILE *out, const struct step *st, const char *id, int lv)
{
	fprintf(out, "<h%d>Secrets known from here on</h%d>\n<table class=\"secrets\">\n<thead><tr><th scope=\"col\">"
	             "Secret</th><th scope=\"col\">Known to</th><th scope=\"col\">Value</th><th scope=\"col\">How it is "
	             "computed</th><th scope=\"col\">tlsstep's own check</th></tr></thead>\n<tbody>\n",
	        lv, lv);
	for (size_t k = 0; k < st->nsecrets; k++) {
		const struct secret *s = &st->secrets[k];
		char *h = hex_string(s->value.data, s->value.len, '\0');
		fprintf(out, "<tr class=\"secret%s\" id=\"%s-k%zu\"><th scope=\"row\"><code>", s->agrees == AGREE_YES ? " verified" : "",
		        id, k);
		html_text(out, s->name);
		fputs("</code></th><td>", out);
		holders(out, s->holders);
		fprintf(out, "</td><td><code class=\"val\">%s</code> <small>(%zu bytes)</small></td><td>", h, s->value.len);
		free(h);
		if (s->derived_as) {
			fputs("<code class=\"formula\">", out);
			html_text(out, s->derived_as);
			fputs("</code>", out);
		} else {
			fputs("a fresh random value", out);
		}
		const char *recipe = s->recipe; /* model/recipe.h: shell text that prints the value */
		if (recipe) {
			fputs("<details class=\"recipe\"><summary>Do it yourself</summary><pre><code>", out);
			html_text(out, recipe);
			fputs("</code></pre></details>", out);
		}
		fputs("</td><td>", out);
		mark(out, s->agrees, "verified: two computations agree", "two computations DISAGREE",
		     "not independently checked");
		if (s->check_note) {
			fputs("<br><small>", out);
			html_text(out, s->check_note);
			fputs("</small>", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* Whether byte off of the record was changed by a fault; *was gets its value before. */
static bool faulted(const struct step *st, size_t off, unsigned *was)
{
	for (size_t i = 0; i < st->nfault; i++)
		if (st->fault_off[i] == off) {
			*was = st->fault_was[i];
			return true;
		}
	return false;
}

/* A tree of fields shown over a block of bytes: its fields' offsets start at base in the block. */
struct layer {
	const struct fields *fs;
	size_t base;
	const char *fid; /* its fields' ids: fid and the index */
};

/*
 * The bytes of b, each run of bytes in a span naming the innermost field it belongs to
 * (the shortest one that covers it, of any layer; on a tie the later one, as a child
 * comes after its parent and the message after the record layer), so every field's
 * range is covered by whole runs of its own or its children's. A byte no field covers
 * stands alone. st is non-NULL for the record, whose faulted bytes are marked.
 */
static void hexdump(FILE *out, const struct buf *b, const struct layer *ly, int nly, const char *hid,
                    const struct step *st)
{
	struct own {
		int layer, field;
	} *owner = xmalloc((b->len ? b->len : 1) * sizeof(*owner));
	for (size_t i = 0; i < b->len; i++)
		owner[i] = (struct own){ 0, FIELD_NONE };
	for (int l = 0; l < nly; l++)
		for (size_t i = 0; i < ly[l].fs->n; i++) {
			const struct field *f = &ly[l].fs->v[i];
			for (size_t o = ly[l].base + f->offset; o < ly[l].base + f->offset + f->length && o < b->len; o++)
				if (owner[o].field == FIELD_NONE ||
				    f->length <= ly[owner[o].layer].fs->v[owner[o].field].length)
					owner[o] = (struct own){ l, (int)i };
		}
	fprintf(out, "<div class=\"hex\" id=\"%s\"><code>", hid);
	int alt = 0;
	for (size_t i = 0; i < b->len;) {
		size_t j = i + 1;
		while (j < b->len && owner[j].field == owner[i].field && owner[j].layer == owner[i].layer)
			j++;
		const struct own *w = &owner[i];
		if (w->field != FIELD_NONE) {
			fprintf(out, "<span class=\"fb k%d\" data-o=\"%zu\" data-l=\"%zu\" data-f=\"%s%d\" title=\"", alt, i, j - i,
			        ly[w->layer].fid, w->field);
			html_text(out, ly[w->layer].fs->v[w->field].name);
			fputs("\">", out);
			alt ^= 1;
		}
		for (size_t k = i; k < j; k++) {
			unsigned was;
			if (st && faulted(st, k, &was))
				fprintf(out, "<mark class=\"fault\" title=\"a fault changed this byte; it was %02x\">%02x</mark> ",
				        was, b->data[k]);
			else
				fprintf(out, "%02x ", b->data[k]);
		}
		if (w->field != FIELD_NONE)
			fputs("</span>", out);
		i = j;
	}
	fputs("</code></div>\n", out);
	free(owner);
}

/* A field's value on the page: whole, except a long run of hex, whose bytes are in the block above. */
static void value(FILE *out, const struct field *f)
{
	size_t n = strlen(f->value);
	fputs(" <code class=\"v\">", out);
	if (f->kind == FIELD_BYTES && !n) {
		fputs("(empty)", out);
	} else if (f->kind == FIELD_BYTES && n > 96) {
		fprintf(out, "%.64s&#8230;</code> <small>(cut: %zu bytes, all marked above)</small>", f->value, f->length);
		return;
	} else {
		html_text(out, f->value);
	}
	fputs("</code>", out);
}

/* The fields of layer ly under parent, each naming its bytes' block hid and its range there. */
static void tree(FILE *out, const struct layer *ly, int parent, const char *hid)
{
	const struct fields *fs = ly->fs;
	fputs(parent == FIELD_NONE ? "<ul class=\"tree\">\n" : "<ul>\n", out);
	for (int i = fields_first(fs, parent); i != FIELD_NONE; i = fs->v[i].next_sibling) {
		const struct field *f = &fs->v[i];
		fprintf(out, "<li><span class=\"fn\" tabindex=\"0\" id=\"%s%d\" data-h=\"%s\" data-o=\"%zu\" data-l=\"%zu\">",
		        ly->fid, i, hid, ly->base + f->offset, f->length);
		html_text(out, f->name);
		fputs("</span>", out);
		value(out, f);
		if (f->length)
			fprintf(out, " <small class=\"at\">bytes %zu&#8211;%zu</small>", ly->base + f->offset,
			        ly->base + f->offset + f->length - 1);
		if (f->explain) {
			fputs("<span class=\"ex\">", out);
			html_text(out, f->explain);
			fputs("</span>", out);
		}
		if (f->first_child != FIELD_NONE)
			tree(out, ly, i, hid);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

/* A lesson's checkpoint: the question open, the answer folded inside it. */
static void checkpoint(FILE *out, const struct lesson_step *ls)
{
	fputs("<details class=\"checkpoint\"><summary><strong>Before you look:</strong> ", out);
	html_text(out, ls->ask);
	fputs("</summary>\n", out);
	if (ls->choices[0]) {
		fputs("<ol>", out);
		for (int i = 0; i < LESSON_MAX_CHOICES && ls->choices[i]; i++) {
			fputs("<li>", out);
			html_text(out, ls->choices[i]);
			fputs("</li>", out);
		}
		fputs("</ol>\n", out);
	}
	char hint[80];
	fputs("<details class=\"answer\"><summary>Answer</summary>\n<p><strong>", out);
	if (ls->answer_from) {
		html_text(out, ls->answer_value ? ls->answer_value : "(none)");
		fputs("</strong> (", out);
		html_text(out, narration_ask_hint(ls, hint, sizeof(hint)));
		fputs(")</p>\n", out);
	} else {
		fprintf(out, "%d.</strong>%s", ls->answer, ls->answer > 0 && ls->answer <= LESSON_MAX_CHOICES &&
		                                             ls->choices[ls->answer - 1] ? " " : "");
		if (ls->answer > 0 && ls->answer <= LESSON_MAX_CHOICES && ls->choices[ls->answer - 1])
			html_text(out, ls->choices[ls->answer - 1]);
		fputs("</p>\n", out);
	}
	if (ls->explain)
		paras(out, ls->explain, NULL);
	fputs("</details>\n</details>\n", out);
}

void html_step(FILE *out, const struct timeline *tl, const struct step *st, const char *pfx, int lv, size_t unit)
{
	char id[40];
	snprintf(id, sizeof(id), "%ss%d", pfx, st->index);
	fprintf(out, "<section class=\"step unit from-%s\" id=\"%s\" data-unit=\"%zu\" data-step=\"%d\">\n",
	        side_name(st->from), id, unit, st->index);
	const struct lesson_step *ls = explain_lesson_step(tl, st);
	if (ls && ls->ask)
		checkpoint(out, ls);
	fprintf(out, "<h%d>%d. ", lv, st->index);
	html_text(out, st->message);
	fprintf(out, "%s <small>(%s &#8594; %s)</small></h%d>\n", step_is_compat_ccs(tl, st) ? ", middlebox compatibility" : "",
	        step_from_party(tl, st), step_to_party(tl, st), lv);
	if (st->fault_note) {
		fputs("<p class=\"fault\"><strong>Fault:</strong> ", out);
		html_text(out, st->fault_note);
		fputs("</p>\n", out);
	}
	fputs("<div class=\"narration\">\n", out);
	paras(out, explain_narration(tl, st), NULL);
	fputs("</div>\n", out);
	if (st->signature_ok != AGREE_UNCHECKED || st->signature_note) {
		fputs("<p class=\"check\">Signature: ", out);
		mark(out, st->signature_ok, "verified with the signer's certificate", "does NOT verify", "not checked");
		if (st->signature_note) {
			fputs(" <small>", out);
			html_text(out, st->signature_note);
			fputs("</small>", out);
		}
		fputs("</p>\n", out);
	}
	if (st->encrypted) {
		fputs("<p class=\"check\">Record protection: ", out);
		mark(out, st->record_ok, "its tag verifies under tlsstep's own keys", "its tag does NOT verify",
		     "not checked (tlsstep has no keys for it)");
		fputs("</p>\n", out);
	}
	char rfid[48], mfid[48], rhid[48], mhid[48];
	snprintf(rfid, sizeof(rfid), "%s-r", id);
	snprintf(mfid, sizeof(mfid), "%s-m", id);
	snprintf(rhid, sizeof(rhid), "%s-rx", id);
	snprintf(mhid, sizeof(mhid), "%s-mx", id);
	struct layer ly[2] = { { &st->record_fields, 0, rfid }, { &st->fields, 5, mfid } };
	bool msg = st->have_plain && st->plain.len;
	/* A message in clear in one record is that record's body: one block of bytes for both trees. */
	bool one = msg && !st->encrypted && st->record.len == st->plain.len + 5 &&
	           !memcmp(st->record.data + 5, st->plain.data, st->plain.len);
	fprintf(out, "<h%d>The record as it crossed <small>(%zu bytes%s)</small></h%d>\n", lv + 1, st->record.len,
	        st->encrypted ? ", encrypted" : one ? ": a 5-byte header, then the message" : "", lv + 1);
	fputs(one ? "<div class=\"pair\">\n" : "", out);
	hexdump(out, &st->record, ly, one ? 2 : 1, rhid, st);
	fputs(one ? "<div>\n" : "", out);
	if (st->record_fields.n) {
		fputs("<details class=\"fields\"><summary>The record layer's fields</summary>\n", out);
		tree(out, &ly[0], FIELD_NONE, rhid);
		fputs("</details>\n", out);
	}
	if (one) {
		tree(out, &ly[1], FIELD_NONE, rhid);
		fputs("</div>\n</div>\n", out);
	} else if (msg) {
		fprintf(out, "<h%d>The message%s <small>(%zu bytes)</small></h%d>\n", lv + 1,
		        st->encrypted ? ", decrypted by tlsstep" : "", st->plain.len, lv + 1);
		ly[1].base = 0;
		fputs("<div class=\"pair\">\n", out);
		hexdump(out, &st->plain, &ly[1], 1, mhid, NULL);
		tree(out, &ly[1], FIELD_NONE, mhid);
		fputs("</div>\n", out);
	} else if (!st->have_plain) {
		fputs("<p>tlsstep has no plaintext for this record.</p>\n", out);
	}
	if (st->decode_error.text[0]) {
		fputs("<p class=\"fault\">", out);
		html_text(out, st->decode_error.text);
		fputs("</p>\n", out);
	}
	if (st->nsecrets)
		secrets(out, st, id, lv + 1);
	fputs("</section>\n", out);
}

/* The ladder: one table row per step, a body per phase, each row a link to its step. */
/* Each line of text as an item of the list just opened, which it then closes. */
static void list_items(FILE *out, const char *text)
{
	for (const char *e = text; *e;) {
		size_t n = strcspn(e, "\n");
		char *line = xmalloc(n + 1);
		memcpy(line, e, n);
		line[n] = '\0';
		fputs("<li>", out);
		html_text(out, line);
		fputs("</li>\n", out);
		free(line);
		e += n + (e[n] == '\n');
	}
	fputs("</ul>\n", out);
}

static void ladder(FILE *out, const struct timeline *tl, const char *pfx, int lv)
{
	fprintf(out, "<nav aria-label=\"The ladder\"><h%d>The ladder</h%d>\n<table class=\"ladder\">\n<thead><tr>"
	             "<th scope=\"col\">Client</th><th scope=\"col\">Message</th><th scope=\"col\">Server</th></tr>"
	             "</thead>\n",
	        lv, lv);
	int phase = 0, connection = 1;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->phase != phase || st->connection != connection) {
			if (phase)
				fputs("</tbody>\n", out);
			phase = st->phase;
			connection = st->connection;
			fputs("<tbody><tr><th colspan=\"3\" scope=\"rowgroup\">", out);
			html_phase_title(out, tl, st);
			fputs("</th></tr>\n", out);
		}
		bool cs = st->from == SIDE_CLIENT;
		fprintf(out, "<tr><td class=\"c\">%s</td><td class=\"msg %s\"><a href=\"#%ss%d\">%s%d. ", cs ? "sends" : "",
		        cs ? "toS" : "toC", pfx, st->index, cs ? "" : "&#8592; ", st->index);
		html_text(out, st->message);
		fprintf(out, "%s</a>%s</td><td class=\"s\">%s</td></tr>\n", step_is_compat_ccs(tl, st) ? " (compat)" : "",
		        cs ? " &#8594;" : "", cs ? "" : "sends");
	}
	if (phase)
		fputs("</tbody>\n", out);
	fputs("</table>\n</nav>\n", out);
}

void html_outcome(FILE *out, const struct timeline *tl, const char *pfx, int lv, size_t unit)
{
	const struct lesson *l = &tl->sc->lesson;
	fprintf(out, "<section class=\"unit\" id=\"%soutcome\" data-unit=\"%zu\">\n<h%d>Outcome</h%d>\n", pfx, unit, lv,
	        lv);
	if (tl->capture.file) /* a capture expects nothing: what crossed */
		fprintf(out, "<p class=\"%s\">%s ", tl->outcome.ok ? "ok" : "bad", "Read from the capture:");
	else
		fprintf(out, "<p class=\"%s\">%s ", tl->outcome.expected ? "ok" : "bad",
		        tl->outcome.expected ? "&#10003; as the scenario expects:" : "&#10007; NOT what the scenario expects:");
	html_text(out, tl->outcome.summary);
	fputs("</p>\n", out);
	if (tl->outcome.fault_note) {
		fputs("<p class=\"fault\">", out);
		html_text(out, tl->outcome.fault_note);
		fputs("</p>\n", out);
	}
	if (tl->outcome.attacker_read) { /* a man in the middle (model/mitm.h) */
		fputs("<p>What the attacker in the middle saw:</p>\n<ul>\n", out);
		list_items(out, tl->outcome.attacker_read);
	}
	if (tl->outcome.eavesdrop) {
		fprintf(out, "<h%d>The eavesdropper</h%d>\n", lv + 1, lv + 1);
		if (tl->capture.reveals) { /* a capture: what it shows to whoever holds it without the key log */
			fputs("<p>", out);
			html_text(out, tl->capture.reveals);
			fputs("</p>\n", out);
		}
		fputs("<p>Someone recorded everything and later steals the server's private key:</p>\n<ul>\n", out);
		list_items(out, tl->outcome.eavesdrop);
	}
	if (l->summary) {
		fprintf(out, "<h%d>In short</h%d>\n", lv + 1, lv + 1);
		paras(out, l->summary, NULL);
	}
	for (int i = 0; i < LESSON_MAX_TRIES && l->tries[i]; i++) {
		if (!i)
			fprintf(out, "<h%d>Try this</h%d>\n<ul class=\"tries\">\n", lv + 1, lv + 1);
		fputs("<li>", out);
		html_text(out, l->tries[i]);
		fputs("</li>\n", out);
	}
	if (l->tries[0])
		fputs("</ul>\n", out);
	fputs("</section>\n", out);
}

void html_phase_title(FILE *out, const struct timeline *tl, const struct step *st)
{
	if (st->connection > 1)
		fprintf(out, "Connection %d, ", st->connection);
	if (st->handshake > 1)
		fprintf(out, "Renegotiation (handshake %d), ", st->handshake);
	if (timeline_phase_numbered(st->phase))
		fprintf(out, "Phase %d: ", st->phase);
	html_text(out, timeline_phase_title(tl, st->phase));
}

void html_opening(FILE *out, const struct timeline *tl, const char *pfx, int lv)
{
	const struct scenario *sc = tl->sc;
	const struct lesson *l = &sc->lesson;
	if (tl->capture.file) { /* a capture's connection: read, not run */
		fputs("<p class=\"made\">Read by tlsstep " TLSSTEP_VERSION " from the capture <code>", out);
		html_text(out, tl->capture.file);
		fprintf(out, "</code>, connection %d: %s, ", tl->capture.connection,
		        tl->tls_version ? transcript_version_name(tl->tls_version) : "no version agreed");
		html_text(out, tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite agreed");
		fputs(". Every byte below crossed in the capture; a secret from the key log is marked verified only when "
		      "the records decrypt under the keys tlsstep derived from it and the Finished it keys equals "
		      "tlsstep's.</p>\n", out);
	} else {
		fputs("<p class=\"made\">Made with tlsstep " TLSSTEP_VERSION " from <code>", out);
		html_text(out, sc->name);
		fprintf(out, "</code>, seed %llu, ", (unsigned long long)tl->seed);
		html_text(out, tl->library_version);
		fprintf(out, ": %s, ", tl->tls_version ? transcript_version_name(tl->tls_version) : "no version agreed");
		html_text(out, tl->suite_id ? timeline_suite_iana(tl) : "no cipher suite agreed");
		fputs(". Every byte below crossed between the two ends; every secret marked verified was computed twice, "
		      "by the library and by tlsstep, and the two agree.</p>\n",
		      out);
	}
	if (l->intro)
		paras(out, l->intro, "intro");
	ladder(out, tl, pfx, lv);
}

/* The steps under a heading per phase (level 2), each step one unit, then the outcome. */
static void run_body(FILE *out, const struct timeline *tl)
{
	html_opening(out, tl, "", 2);
	int phase = 0, connection = 1;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		if (st->phase != phase || st->connection != connection) {
			if (phase)
				fputs("</section>\n", out);
			phase = st->phase;
			connection = st->connection;
			fputs("<section class=\"phase\">\n<h2>", out);
			html_phase_title(out, tl, st);
			fputs("</h2>\n", out);
		}
		html_step(out, tl, st, "", 3, i + 1);
	}
	if (phase)
		fputs("</section>\n", out);
	html_outcome(out, tl, "", 2, tl->nsteps + 1);
}

int html_write(FILE *out, const struct timeline *tl)
{
	const struct scenario *sc = tl->sc;
	const struct lesson *l = &sc->lesson;
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return -1;
	html_head(m, l->title ? l->title : sc->title);
	fputs("<header><h1>", m);
	html_text(m, l->title ? l->title : sc->title);
	fputs("</h1>\n", m);
	if (l->title) {
		fputs("<p><em>", m);
		html_text(m, sc->title);
		fputs("</em></p>\n", m);
	}
	fputs("</header>\n<main>\n", m);
	run_body(m, tl);
	html_tail(m);
	int rc = ferror(m) ? -1 : 0;
	if (fclose(m) || rc)
		rc = -1;
	else
		rc = html_finish(out, text, len);
	free(text);
	return rc;
}
