/*
 * capture/conns.h — the TLS connections in a capture, told by their hellos.
 *
 * A TCP connection is TLS when one side's stream begins with a handshake
 * record holding a ClientHello: that side is the client, whatever the ports.
 * The hellos, read with wire/'s decoders (they decode foreign stacks' bytes),
 * give the client random the key log is matched by, the name asked for (SNI),
 * and the version and suite the server chose.
 */
#ifndef TLSSTEP_CAPTURE_CONNS_H
#define TLSSTEP_CAPTURE_CONNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capture/keylog.h"
#include "capture/reader.h"

struct tls_conn {
	const struct tcp_conn *tcp;     /* borrowed from the capture */
	int client;                     /* index of the client in tcp->addr and tcp->dir */
	uint8_t client_random[32];
	char *sni;                      /* owned, as wire/ shows it (escaped); NULL: none asked for */
	bool server_hello;              /* the server's (final) ServerHello was read */
	bool hrr;                       /* the server asked again (HelloRetryRequest) */
	uint8_t server_random[32];
	uint16_t version;               /* negotiated: supported_versions wins */
	uint16_t suite;
	const struct keylog_entry *keys; /* borrowed from the key log; NULL: none for this client random */
	const struct keylog *keylog;    /* borrowed: the whole key log (a renegotiation has a line of its own); NULL: none */
	char note[300];                 /* why the hellos could not be read whole, "" if they were */
	/* TLS 1.2 resumption (RFC 5246 §7.3, RFC 5077): an abbreviated handshake reuses
	 * the master secret of the connection whose session id or ticket it presents. */
	uint8_t session_id[32];         /* the ServerHello's */
	size_t session_id_len;
	struct buf offered_ticket;      /* the ClientHello's session_ticket, empty if none */
	struct buf new_ticket;          /* the server's (plaintext) NewSessionTicket, empty if none */
	bool abbreviated;               /* the server went from its hellos to ChangeCipherSpec: resumed */
	size_t resumed_from;            /* 1-based: the earlier connection whose key log line this one uses; 0: none */
	const char *resumed_by;         /* "session id" or "ticket" */
};

struct tls_conns {
	struct tls_conn *v;
	size_t n;
	size_t tcp_total;               /* TCP connections in the capture, TLS or not */
};

void tls_conns_init(struct tls_conns *l);
void tls_conns_free(struct tls_conns *l);

/*
 * Finds the TLS connections of cap in order of their first packet; keys may be NULL.
 * A resumed TLS 1.2 connection whose client random is not in the key log takes
 * the master secret of the earlier connection with the same session id or ticket
 * in the same capture (resumed_from says which).
 */
void tls_conns_find(struct tls_conns *l, const struct capture_file *cap, const struct keylog *keys);

/*
 * Whether the key log holds what decrypting c needs: the master secret
 * (CLIENT_RANDOM) up to TLS 1.2; both handshake and both traffic secrets in TLS 1.3.
 * Writes a short phrase into out: "yes", "no", "partly: no SERVER_TRAFFIC_SECRET_0".
 */
bool tls_conn_keys_whole(const struct tls_conn *c, char *out, size_t cap);

/* Writes the list to f: a header, then one numbered line per connection, each value whole. */
void tls_conns_print(FILE *f, const struct tls_conns *l);

#endif
