/*
 * export/html.h — a run as one self-contained web page, after the Illustrated TLS
 * Connection but for any run: the ladder by phase; per message its record and its
 * message bytes with every field's bytes marked (each byte run names its field, each
 * field its range), the field tree with explanations, the narration (a lesson's or
 * the built-in one), the secrets that became known with holders, formulas and
 * tlsstep's own check; a lesson's checkpoints folded before their step; the outcome,
 * the summary and the try lines. Style and script inline, no address outside the
 * page. Reads the timeline only; every value on the page is one the run produced.
 */
#ifndef TLSSTEP_EXPORT_HTML_H
#define TLSSTEP_EXPORT_HTML_H

#include <stdio.h>

#include "model/timeline.h"

/* Writes the page; all text HTML-escaped, control bytes and bytes that are not UTF-8
 * escaped as export/escape.h says. Returns 0, or -1 on a write error. */
int html_write(FILE *out, const struct timeline *tl);

/* --- For export/html_compare.c: the same page's parts. out is a memory stream
 * that the caller passes through html_finish. --- */

/* s, HTML-escaped (& < > " '), fit for text and for a quoted attribute. */
void html_text(FILE *out, const char *s);

/* The document up to <body> and the step controls (doctype, title, style); the caller
 * writes its header, then opens <main>. */
void html_head(FILE *out, const char *title);

/* A run's opening: what made it (version, scenario, seed, library, suite), a lesson's
 * intro and the ladder under a heading of level lv, its rows links to "#" pfx "s" N. */
void html_opening(FILE *out, const struct timeline *tl, const char *pfx, int lv);

/* Step st of tl as a <section class="step unit"> with id pfx "s" N, its heading at
 * level lv; unit says which "one step at a time" unit it belongs to. */
void html_step(FILE *out, const struct timeline *tl, const struct step *st, const char *pfx, int lv, size_t unit);

/* The outcome, the eavesdropper, a lesson's summary and try lines: a unit too. */
void html_outcome(FILE *out, const struct timeline *tl, const char *pfx, int lv, size_t unit);

/* "Connection 2, Phase 1: Hello", "After the handshake": step st's phase, escaped. */
void html_phase_title(FILE *out, const struct timeline *tl, const struct step *st);

/* Closes <main>, adds the script, ends the document. */
void html_tail(FILE *out);

/* The text rendered into a memory stream (text, len), escaped onto out. Returns 0 or -1. */
int html_finish(FILE *out, const char *text, size_t len);

#endif
