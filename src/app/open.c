/*
 * app/open.c — see open.h.
 */
#include "app/open.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/conns.h"
#include "capture/dsb.h"
#include "capture/frame.h"
#include "capture/keylog.h"
#include "capture/reader.h"
#include "capture/records.h"
#include "check/rsa.h"
#include "export/escape.h"
#include "model/from_capture.h"
#include "util/textfile.h"

enum { OPEN_OK = 0, OPEN_BAD_INPUT = 2 };

bool open_is_capture(const char *path)
{
	char err[300];
	uint8_t magic[4];
	int fd = textfile_open(path, "a capture", err, sizeof(err));
	if (fd < 0)
		return false;
	bool yes = read(fd, magic, sizeof(magic)) == (ssize_t)sizeof(magic) && capture_is_capture(magic, sizeof(magic));
	close(fd);
	return yes;
}

static const char *dir_side(const struct tls_conn *c, int dir)
{
	return c && dir != c->client ? "server" : "client";
}

/* What the reassembler saw in one direction that a reader must know: a gap, a conflict, a late start. */
static void dir_notes(const char *cap, size_t n, const struct tls_conn *c, int dir, const struct tcp_dir *d)
{
	const char *who = dir_side(c, dir);
	if (d->gap) {
		char resume[160] = "; no later bytes were captured";
		if (d->gap_resume)
			snprintf(resume, sizeof(resume), "; the next captured bytes are at offset %" PRIu64 " in packet %u",
			         d->resume_offset, d->gap_resume);
		escape_printf(stderr,
		              "tlsstep: %s: connection %zu: the %s's stream loses bytes at stream offset %" PRIu64
		              " (after packet %u%s%s): nothing after them is read\n",
		              cap, n, who, d->gap_offset, d->gap_after, d->gap_cut ? ", which the capture cut short" : "",
		              resume);
	}
	if (d->conflicts)
		escape_printf(stderr,
		              "tlsstep: %s: connection %zu: the %s sent %u segment%s again with different bytes "
		              "(first in packet %u); the first copy is kept\n",
		              cap, n, who, d->conflicts, d->conflicts == 1 ? "" : "s", d->conflict_packet);
	if (d->midstream && d->data.len)
		escape_printf(stderr, "tlsstep: %s: connection %zu: the capture begins inside the %s's stream (no SYN)\n",
		              cap, n, who);
}

/* Every connection built for the UI's menu: the first into tl and sc, each with its row of the list. */
static void build_menu(const struct open_options *o, const struct tls_conns *conns, mbedtls_pk_context *key,
                       struct timeline *tl, struct scenario *sc, struct ui_capture *menu)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (m) {
		tls_conns_print(m, conns);
		fclose(m);
	}
	menu->n = conns->n;
	menu->tl = xcalloc(conns->n, sizeof(*menu->tl));
	menu->sc = xcalloc(conns->n, sizeof(*menu->sc));
	menu->line = xcalloc(conns->n, sizeof(*menu->line));
	const char *row = text ? strchr(text, '\n') : NULL; /* past the header */
	for (size_t i = 0; i < conns->n; i++) {
		menu->tl[i] = i ? xcalloc(1, sizeof(struct timeline)) : tl;
		menu->sc[i] = i ? xcalloc(1, sizeof(struct scenario)) : sc;
		capture_scenario(menu->sc[i], o->capture, i + 1);
		struct capture_request rq = { &conns->v[i], i + 1, o->capture, o->keylog, menu->sc[i], key, o->server_key };
		timeline_from_capture(menu->tl[i], &rq);
		/* Its row without the number the menu already shows. */
		const char *start = row ? row + 1 : "", *end = strchr(start, '\n');
		size_t n = end ? (size_t)(end - start) : strlen(start);
		size_t skip = strspn(start, "0123456789");
		skip += strspn(start + skip, " ");
		/* The list's columns are aligned for a terminal's width; the menu keeps one space between them. */
		size_t keep = skip <= n ? n - skip : 0, k = 0;
		const char *from = start + (skip <= n ? skip : n);
		menu->line[i] = xmalloc(keep + 1);
		for (size_t j = 0; j < keep; j++)
			if (!(from[j] == ' ' && j + 1 < keep && from[j + 1] == ' ' && k && menu->line[i][k - 1] == ' '))
				if (!(from[j] == ' ' && k && menu->line[i][k - 1] == ' '))
					menu->line[i][k++] = from[j];
		menu->line[i][k] = '\0';
		row = end;
	}
	free(text);
}

void open_menu_free(struct ui_capture *menu)
{
	for (size_t i = 0; i < menu->n; i++) {
		if (i) {
			timeline_free(menu->tl[i]);
			scenario_free(menu->sc[i]);
			free(menu->tl[i]);
			free(menu->sc[i]);
		}
		free(menu->line[i]);
	}
	free(menu->tl);
	free(menu->sc);
	free(menu->line);
	memset(menu, 0, sizeof(*menu));
}

int open_run(const struct open_options *o, struct timeline *tl, struct scenario *sc, bool *built,
             struct ui_capture *menu)
{
	*built = false;
	memset(menu, 0, sizeof(*menu));
	struct capture_file cap;
	struct keylog keys;
	struct tls_conns conns;
	char err[800];
	int status = OPEN_OK;
	capture_file_init(&cap);
	keylog_init(&keys);
	tls_conns_init(&conns);
	mbedtls_pk_context server_key;
	mbedtls_pk_init(&server_key);
	if (o->server_key && check_load_private_key(&server_key, o->server_key, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: --server-key %s: not a private key tlsstep can read (mbed TLS: %s); expected "
		              "the server's private key, PEM or DER, unencrypted\n", o->server_key, err);
		status = OPEN_BAD_INPUT;
		goto out;
	}
	if (o->keylog && keylog_read(&keys, o->keylog, err, sizeof(err))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		status = OPEN_BAD_INPUT;
		goto out;
	}
	/* A pcapng file may carry its own key log (Decryption Secrets Blocks); with
	 * --keylog too, both are read and must agree. */
	struct keylog inner;
	keylog_init(&inner);
	int blocks = dsb_read(&inner, o->capture, err, sizeof(err));
	if (blocks < 0 || (blocks > 0 && keylog_merge(&keys, &inner, err, sizeof(err)))) {
		escape_printf(stderr, "tlsstep: %s\n", err);
		keylog_free(&inner);
		status = OPEN_BAD_INPUT;
		goto out;
	}
	keylog_free(&inner);
	bool have_keys = o->keylog || blocks > 0;
	int rc = capture_file_read(&cap, o->capture);
	if (rc == CAPTURE_ERR_OPEN || rc == CAPTURE_ERR_LINKTYPE) {
		escape_printf(stderr, "tlsstep: %s\n", cap.error);
		status = OPEN_BAD_INPUT;
		goto out;
	}
	if (rc == CAPTURE_ERR_TRUNCATED) {
		/* What came before the damage is still shown. */
		escape_printf(stderr, "tlsstep: %s\n", cap.error);
		status = OPEN_BAD_INPUT;
	}
	if (cap.malformed)
		escape_printf(stderr, "tlsstep: %s: packet %u: %s%s; skipped\n", o->capture, cap.first_malformed,
		              cap.malformed_why, cap.malformed > 1 ? " (and more malformed packets after it)" : "");
	tls_conns_find(&conns, &cap, have_keys ? &keys : NULL);
	/* A TCP connection whose first bytes were lost cannot be told TLS or not: said, not guessed. */
	for (size_t i = 0; i < cap.tcp.n; i++)
		for (int d = 0; d < 2; d++) {
			const struct tcp_conn *t = cap.tcp.v[i];
			if (t->dir[d].gap && t->dir[d].gap_offset == 0) {
				char a[FRAME_ADDR_MAX], b[FRAME_ADDR_MAX];
				frame_addr_port(t->family, t->addr[d], t->port[d], a, sizeof(a));
				frame_addr_port(t->family, t->addr[!d], t->port[!d], b, sizeof(b));
				escape_printf(stderr,
				              "tlsstep: %s: the TCP connection from %s to %s (packet %u) lost its first bytes from %s; "
				              "whether it is TLS cannot be told\n",
				              o->capture, a, b, t->first_packet, a);
			}
		}
	if (!conns.n) {
		escape_printf(stderr,
		              "tlsstep: %s: no TLS connection in it (%u packets, %zu TCP connections): no TCP stream begins "
		              "with a ClientHello; expected a capture of a TLS handshake from its start\n",
		              o->capture, cap.packets, cap.tcp.n);
		status = OPEN_BAD_INPUT;
		goto out;
	}
	for (size_t i = 0; i < conns.n; i++) {
		const struct tls_conn *c = &conns.v[i];
		for (int d = 0; d < 2; d++)
			dir_notes(o->capture, i + 1, c, d, &c->tcp->dir[d == 0 ? c->client : !c->client]);
		if (c->note[0])
			escape_printf(stderr, "tlsstep: %s: connection %zu: %s\n", o->capture, i + 1, c->note);
		/* A stream that stops being records before it ends (a gap is said above). */
		struct tls_records recs;
		tls_records_init(&recs);
		tls_records_of(&recs, c);
		for (int d = 0; d < 2; d++)
			if (recs.stop[d][0] && !c->tcp->dir[d == 0 ? c->client : !c->client].gap)
				escape_printf(stderr, "tlsstep: %s: connection %zu: the %s's records end early: %s\n", o->capture,
				              i + 1, d == 0 ? "client" : "server", recs.stop[d]);
		tls_records_free(&recs);
	}
	if (have_keys) {
		size_t matched = 0;
		for (size_t i = 0; i < conns.n; i++)
			matched += conns.v[i].keys != NULL;
		if (!matched) {
			escape_printf(stderr,
			              "tlsstep: %s: matches none of the %zu TLS connection%s in %s (no line has %s client random); "
			              "expected the key log written while this capture was taken\n",
			              o->keylog ? o->keylog : keys.name, conns.n, conns.n == 1 ? "" : "s", o->capture,
			              conns.n == 1 ? "its" : "their");
			status = OPEN_BAD_INPUT;
		}
	}
	if (o->connection && (size_t)o->connection > conns.n) {
		escape_printf(stderr, "tlsstep: --connection %ld: %s has %zu TLS connection%s\n", o->connection, o->capture,
		              conns.n, conns.n == 1 ? "" : "s");
		status = OPEN_BAD_INPUT;
		if (!o->list)
			goto out;
	}
	size_t n = o->connection ? (size_t)o->connection : conns.n == 1 ? 1 : 0;
	if (!n && o->menu && !o->list && status == OPEN_OK) {
		build_menu(o, &conns, o->server_key ? &server_key : NULL, tl, sc, menu);
		*built = true;
		goto out;
	}
	if (o->list || !n) {
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);
		if (m) {
			tls_conns_print(m, &conns);
			if (fclose(m) == 0)
				escape_write(o->list ? stdout : stderr, text, len);
		}
		free(text);
	}
	if (o->list)
		goto out;
	if (!n) {
		escape_printf(stderr, "tlsstep: %s has %zu TLS connections (listed above); expected --connection N to "
		              "choose the one to step through\n", o->capture, conns.n);
		status = OPEN_BAD_INPUT;
		goto out;
	}
	const struct tls_conn *c = &conns.v[n - 1];
	for (int d = 0; d < 2; d++)
		if (c->tcp->dir[d].gap)
			status = OPEN_BAD_INPUT; /* said above; the steps up to it are shown */
	capture_scenario(sc, o->capture, n);
	struct capture_request rq = { c, n, o->capture, o->keylog, sc, o->server_key ? &server_key : NULL, o->server_key };
	timeline_from_capture(tl, &rq);
	*built = true;
	if (tl->capture.server_key_note) {
		escape_printf(stderr, "tlsstep: %s: connection %zu: --server-key %s\n", o->capture, n, tl->capture.server_key_note);
		status = OPEN_BAD_INPUT;
	}
	size_t hidden = 0, first = 0;
	for (size_t i = 0; i < tl->nsteps; i++)
		if (tl->steps[i].encrypted && !tl->steps[i].have_plain && !hidden++)
			first = i + 1;
	char whole[200];
	if (hidden && c->keys && !tls_conn_keys_whole(c, whole, sizeof(whole))) {
		escape_printf(stderr, "tlsstep: %s: connection %zu: %zu encrypted record%s (first at step %zu) not decrypted: "
		              "the key log has only some of its secrets (%s)\n", o->capture, n, hidden,
		              hidden == 1 ? "" : "s", first, whole);
		status = OPEN_BAD_INPUT;
	} else if (hidden && c->keys) {
		escape_printf(stderr, "tlsstep: %s: connection %zu: %zu encrypted record%s (first at step %zu) could not be "
		              "decrypted with the key log's secrets; expected the key log written with this capture\n",
		              o->capture, n, hidden, hidden == 1 ? "" : "s", first);
		status = OPEN_BAD_INPUT;
	} else if (hidden && !have_keys) {
		escape_printf(stderr, "tlsstep: %s: connection %zu: no key log, so its %zu encrypted record%s are shown as "
		              "they crossed, not decrypted (--keylog FILE decrypts them)\n", o->capture, n, hidden,
		              hidden == 1 ? "" : "s");
	}
out:
	mbedtls_pk_free(&server_key);
	tls_conns_free(&conns);
	keylog_free(&keys);
	capture_file_free(&cap);
	return status;
}
