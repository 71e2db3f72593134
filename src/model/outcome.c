/* model/outcome.c — see outcome.h. */
#include "model/outcome.h"

#include <stdio.h>
#include <string.h>

/*
 * Our decryption against the library's: the application data we decrypted from
 * each side's records (last connection) must be exactly what the other end's
 * mbedtls_ssl_read() delivered.
 */
void outcome_delivered(struct timeline *tl, const struct engine_run *run)
{
	int last = tl->nsteps ? tl->steps[tl->nsteps - 1].connection : 0;
	bool any = false, same = true;
	for (int from = 0; from < 2; from++) {
		struct buf ours = { 0 };
		for (size_t i = 0; i < tl->nsteps; i++) {
			const struct step *st = &tl->steps[i];
			if (st->connection == last && st->from == (enum side)from && st->type == STEP_APPLICATION_DATA &&
			    st->have_plain)
				buf_append(&ours, st->plain.data, st->plain.len);
		}
		const struct engine_side *to = &run->side[side_peer((enum side)from)];
		const struct buf *lib = &to->received;
		if (to->error && lib->len <= ours.len) {
			/* An end that failed stops reading: what it did deliver must begin what we decrypted. */
			if (lib->len) {
				any = true;
				same = same && !memcmp(ours.data, lib->data, lib->len);
			}
		} else if (ours.len || lib->len) {
			any = true;
			same = same && ours.len == lib->len && !memcmp(ours.data, lib->data, ours.len);
		}
		buf_free(&ours);
	}
	tl->outcome.plaintext_agrees = !any ? AGREE_UNCHECKED : same ? AGREE_YES : AGREE_NO;
}

void outcome_fill(struct timeline *tl, const struct engine_run *run)
{
	struct outcome *o = &tl->outcome;
	const struct scenario *sc = tl->sc;
	for (int i = 0; i < 2; i++) {
		struct end_outcome *e = &o->end[i];
		e->failed = run->side[i].error != 0;
		e->error = run->side[i].error;
		snprintf(e->error_text, sizeof(e->error_text), "%s", run->side[i].error_text);
		e->verify_flags = run->side[i].verify_flags;
		snprintf(e->verify_text, sizeof(e->verify_text), "%s", run->side[i].verify_text);
		e->cert_not_server = run->side[i].cert_not_server;
		e->handshake_done = run->side[i].handshake_done;
		e->finished = run->side[i].finished;
	}
	o->stalled = run->stalled;
	snprintf(o->stall_text, sizeof(o->stall_text), "%s", run->stall_text);
	o->ok = !o->stalled && o->end[0].finished && o->end[1].finished && !o->end[0].failed && !o->end[1].failed;
	if (sc->expect.success) {
		o->expected = o->ok;
	} else {
		enum side fs = sc->expect.failing_side;
		bool alert_ok = sc->expect.alert == EXPECT_ALERT_ANY ||
		                (sc->expect.alert == EXPECT_NO_ALERT && !o->alert_seen) ||
		                (o->alert_seen && o->alert_desc == sc->expect.alert);
		o->expected = !o->ok && o->end[fs].failed && alert_ok;
	}
	if (o->ok)
		snprintf(o->summary, sizeof(o->summary), "handshake complete, application data exchanged, both ends closed");
	else if (o->end[0].failed || o->end[1].failed) {
		/* The end that detected the problem: the sender of the fatal alert, else the one that failed. */
		enum side det = o->end[SIDE_CLIENT].failed ? SIDE_CLIENT : SIDE_SERVER;
		if (o->alert_seen && o->end[o->alert_from].failed)
			det = o->alert_from;
		o->detected = true;
		o->detected_by = det;
		snprintf(o->summary, sizeof(o->summary), "the %s detected the failure: %s%s", side_name(det),
		         o->end[det].error_text, o->alert_seen ? "" : " (and sent no alert)");
	} else {
		snprintf(o->summary, sizeof(o->summary), "%s", o->stall_text[0] ? o->stall_text : "the run did not finish");
	}
}
