/* export/keylog.c — see keylog.h. */
#include "export/keylog.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/hex.h"

/* The first value of a secret within one handshake of one connection, or NULL. */
static const struct secret *find(const struct timeline *tl, int connection, int handshake, const char *name)
{
	for (size_t i = 0; i < tl->nsteps; i++) {
		if (tl->steps[i].connection != connection || tl->steps[i].handshake != handshake)
			continue;
		for (size_t j = 0; j < tl->steps[i].nsecrets; j++)
			if (!strcmp(tl->steps[i].secrets[j].name, name))
				return &tl->steps[i].secrets[j];
	}
	return NULL;
}

static int line(FILE *out, const char *label, const struct secret *cr, const struct secret *s)
{
	if (!cr || !s)
		return 0;
	char *a = hex_string(cr->value.data, cr->value.len, '\0');
	char *b = hex_string(s->value.data, s->value.len, '\0');
	fprintf(out, "%s %s %s\n", label, a, b);
	free(a);
	free(b);
	return 1;
}

int keylog_write(FILE *out, const struct timeline *tl)
{
	/* NSS labels for what mbed TLS exported (RFC 8446 names on the right). */
	static const char *const labels[][2] = {
		{ "CLIENT_RANDOM", "master_secret" },
		{ "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret" },
		{ "SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret" },
		{ "CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0" },
		{ "SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0" },
		{ "EXPORTER_SECRET", "exporter_master_secret" },
	};
	int n = 0;
	/* One block per handshake: a renegotiation has a client random and master secret of its own. */
	/* In the order each first crossed: a man in the middle's two connections interleave. */
	struct { int c, h; } seen[16];
	size_t nseen = 0;
	for (size_t i = 0; i < tl->nsteps; i++) {
		const struct step *st = &tl->steps[i];
		int c = st->connection, h = st->handshake;
		size_t at = 0;
		while (at < nseen && !(seen[at].c == c && seen[at].h == h))
			at++;
		if (at < nseen || nseen == sizeof(seen) / sizeof(seen[0]))
			continue;
		seen[nseen].c = c;
		seen[nseen++].h = h;
		if (h > 1)
			fprintf(out, "# tlsstep %s, connection %d, handshake %d (a renegotiation)\n", tl->sc->name, c, h);
		else
			fprintf(out, "# tlsstep %s, connection %d\n", tl->sc->name, c);
		const struct secret *cr = find(tl, c, h, "client_random");
		/* CLIENT_RANDOM carries a TLS 1.2 master secret (48 bytes); TLS 1.3's master_secret
		 * is an inner secret of its key schedule, which the NSS format never holds (a key
		 * log reader, tlsstep's own among them, refuses a 32-byte CLIENT_RANDOM). */
		bool tls13 = find(tl, c, h, "client_handshake_traffic_secret") != NULL;
		for (size_t k = tls13 ? 1 : 0; k < sizeof(labels) / sizeof(labels[0]); k++)
			n += line(out, labels[k][0], cr, find(tl, c, h, labels[k][1]));
	}
	return ferror(out) ? -1 : n;
}
