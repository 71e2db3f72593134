/* model/align.c — see align.h. */
#include "model/align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void alignment_init(struct alignment *al)
{
	al->rows = NULL;
	al->n = 0;
}

void alignment_free(struct alignment *al)
{
	free(al->rows);
	alignment_init(al);
}

/* Whether a TLS 1.3 ClientHello follows a HelloRetryRequest of its connection: the
 * retry belongs to the extra exchange, the first hello pairs with the other run's. */
static bool after_retry(const struct timeline *tl, size_t i)
{
	for (size_t k = i; k-- > 0;) {
		const struct step *p = &tl->steps[k];
		if (p->connection != tl->steps[i].connection)
			break;
		if (!strcmp(p->message, "HelloRetryRequest"))
			return true;
	}
	return false;
}

void align_role(const struct timeline *tl, size_t i, char *out, size_t cap)
{
	const struct step *st = &tl->steps[i];
	/* "Finished (not decrypted)" does what a Finished does: the note is not the role. */
	const char *paren = strstr(st->message, " (");
	int len = paren ? (int)(paren - st->message) : (int)strlen(st->message);
	const char *note = "";
	if (step_is_compat_ccs(tl, st))
		note = " (compat)"; /* it changes nothing (RFC 8446 §D.4): not TLS 1.2's switch to encryption */
	else if (!strcmp(st->message, "ClientHello") && after_retry(tl, i))
		note = " (retry)";
	else if (st->type == STEP_ALERT && st->have_plain && st->alert_level == 2)
		note = " (fatal)"; /* an end giving up is not the other run's close_notify */
	snprintf(out, cap, "%d %s %.*s%s", st->connection, side_name(st->from), len, st->message, note);
}

/* What a pairing is worth: the hellos and Finished carry a comparison, records after the
 * handshake (many alike) the least, so they never pull the handshake apart. */
static int weight(const char *role)
{
	const char *m = strchr(role, ' ');
	m = m ? strchr(m + 1, ' ') : NULL;
	m = m ? m + 1 : role;
	if (!strncmp(m, "ClientHello", 11) || !strncmp(m, "ServerHello", 11) || !strcmp(m, "HelloRetryRequest"))
		return 8;
	if (!strcmp(m, "Finished"))
		return 6;
	if (!strcmp(m, "ApplicationData") || !strcmp(m, "Alert") || !strcmp(m, "encrypted record"))
		return 1;
	if (!strncmp(m, "ChangeCipherSpec", 16))
		return 2;
	return 4;
}

static void push(struct alignment *al, int a, int b)
{
	al->rows[al->n++] = (struct align_row){ a, b };
}

void align_roles(const char *const *ra, size_t na, const char *const *rb, size_t nb, struct alignment *out)
{
	/* best[i][j]: the heaviest pairing of ra[i..] with rb[j..]. */
	size_t w = nb + 1;
	int *best = xcalloc((na + 1) * w, sizeof(*best));
	out->rows = xmalloc((na + nb + 1) * sizeof(*out->rows));
	out->n = 0;
	for (size_t i = na + 1; i-- > 0;)
		for (size_t j = nb + 1; j-- > 0;) {
			if (i == na || j == nb)
				continue;
			int v = best[(i + 1) * w + j];
			if (best[i * w + j + 1] > v)
				v = best[i * w + j + 1];
			if (!strcmp(ra[i], rb[j]) && best[(i + 1) * w + j + 1] + weight(ra[i]) > v)
				v = best[(i + 1) * w + j + 1] + weight(ra[i]);
			best[i * w + j] = v;
		}
	/* Walk forward: pair when pairing keeps the best; else A's step first, then B's,
	 * so that between two pairs A's steps of its own come before B's. */
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		if (i < na && j < nb && !strcmp(ra[i], rb[j]) &&
		    best[i * w + j] == best[(i + 1) * w + j + 1] + weight(ra[i])) {
			push(out, (int)i++, (int)j++);
		} else if (i < na && (j == nb || best[i * w + j] == best[(i + 1) * w + j])) {
			push(out, (int)i++, -1);
		} else {
			push(out, -1, (int)j++);
		}
	}
	free(best);
}

void align_timelines(const struct timeline *a, const struct timeline *b, struct alignment *out)
{
	char (*ra)[80] = xcalloc(a->nsteps + 1, sizeof(*ra)), (*rb)[80] = xcalloc(b->nsteps + 1, sizeof(*rb));
	const char **pa = xcalloc(a->nsteps + 1, sizeof(*pa)), **pb = xcalloc(b->nsteps + 1, sizeof(*pb));
	for (size_t i = 0; i < a->nsteps; i++)
		align_role(a, i, ra[i], sizeof(ra[i])), pa[i] = ra[i];
	for (size_t i = 0; i < b->nsteps; i++)
		align_role(b, i, rb[i], sizeof(rb[i])), pb[i] = rb[i];
	align_roles(pa, a->nsteps, pb, b->nsteps, out);
	free(ra);
	free(rb);
	free(pa);
	free(pb);
}
