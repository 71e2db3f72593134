/*
 * model/fit.h — do a lesson's words fit its run? A lesson is written against one
 * run; change the run (another suite, a fault, a copied file) and its step
 * numbers no longer line up. These checks catch that, for `--check` and for the
 * test that holds every bundled lesson to them:
 *   - every [step N] the lesson speaks about is a step of the run;
 *   - the narration of a handshake message names that message;
 *   - every handshake message a narration names occurs in the run,
 *     unless the words just before it say it is absent ("no ServerKeyExchange",
 *     "not a CertificateRequest", "without ...", "never ...");
 *   - a lesson's hide = ... until step N (or phase N) is reached by the run;
 *   - [step N] sections come with a [lesson] (else no front end shows them);
 *   - no run value is written by hand in the narration, and every placeholder
 *     and answer_from names a value of the run (model/narration.h);
 * and, for any scenario, that every fault takes effect (the run's fault notes say
 * when one did not: past the end of its record, a message never sent, ...).
 */
#ifndef TLSSTEP_MODEL_FIT_H
#define TLSSTEP_MODEL_FIT_H

#include <stddef.h>

#include "model/timeline.h"

/* One misfit: the lesson step (0: none) and its line in the file (0: unknown), and a sentence. */
struct misfit {
	int step;
	int line;
	char text[320];
};

/*
 * Checks tl's lesson and faults against tl's run; writes up to cap misfits into
 * out and returns how many there are (0: the words and the faults fit the run).
 */
size_t lesson_fit(const struct timeline *tl, struct misfit *out, size_t cap);

#endif
