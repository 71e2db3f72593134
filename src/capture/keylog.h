/*
 * capture/keylog.h — an NSS key log (SSLKEYLOGFILE) read back, matched by client random.
 *
 * The format (NSS "Key Log Format", also written by OpenSSL, BoringSSL, GnuTLS,
 * curl, browsers): one "LABEL CLIENT_RANDOM SECRET" per line, both in hex,
 * comments starting with '#'. A line that is not that is an error with its
 * file:line, never skipped: a secret silently lost would show as "no key".
 */
#ifndef TLSSTEP_CAPTURE_KEYLOG_H
#define TLSSTEP_CAPTURE_KEYLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum keylog_label {
	KEYLOG_CLIENT_RANDOM = 0,               /* TLS 1.2 and earlier: the master secret */
	KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET,
	KEYLOG_EARLY_EXPORTER_SECRET,
	KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
	KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET,
	KEYLOG_CLIENT_TRAFFIC_SECRET_0,
	KEYLOG_SERVER_TRAFFIC_SECRET_0,
	KEYLOG_EXPORTER_SECRET,
	KEYLOG_LABELS,
	/* After a KeyUpdate (RFC 8446 §4.6.3) OpenSSL logs each side's next traffic secret as
	 * CLIENT_TRAFFIC_SECRET_N / SERVER_TRAFFIC_SECRET_N (the letter N, not a number); some
	 * stacks write _1, _2, ... Both are kept in file order in the entry's `updates`. */
	KEYLOG_CLIENT_TRAFFIC_SECRET_N = KEYLOG_LABELS,
	KEYLOG_SERVER_TRAFFIC_SECRET_N,
};

/* The updated traffic secrets kept per side; more are counted, not kept. */
#define KEYLOG_MAX_UPDATES 16

/* The longest secret: a master secret or a SHA-384 TLS 1.3 secret, 48 bytes. */
#define KEYLOG_SECRET_MAX 48

struct keylog_secret {
	bool present;
	uint8_t len;
	uint8_t v[KEYLOG_SECRET_MAX];
	unsigned line;           /* where it was read */
};

/* Every secret of one connection: all the lines with its client random. */
struct keylog_entry {
	uint8_t client_random[32];
	struct keylog_secret s[KEYLOG_LABELS];
	struct keylog_secret updates[2][KEYLOG_MAX_UPDATES]; /* [0] client, [1] server: secret 1, 2, ... */
	unsigned nupdates[2];    /* how many lines gave one (may exceed KEYLOG_MAX_UPDATES) */
};

struct keylog {
	struct keylog_entry *v;  /* sorted by client random */
	size_t n;
	char *name;              /* owned: the file name messages give */
};

void keylog_init(struct keylog *k);
/* Frees and wipes the secrets. */
void keylog_free(struct keylog *k);

/*
 * Reads the key log text[0..len) (name: for messages). Returns 0, or -1 with
 * "NAME:LINE: what was wrong; what was expected" in err; the log is then empty.
 */
int keylog_parse(struct keylog *k, const char *name, const char *text, size_t len, char *err, size_t errlen);

/* The same from a file (a regular file of at most KEYLOG_FILE_MAX bytes). */
#define KEYLOG_FILE_MAX (64u << 20)
int keylog_read(struct keylog *k, const char *path, char *err, size_t errlen);

/*
 * Adds every secret of `from` to `into` (a capture's own key log and a --keylog
 * file). Returns 0, or -1 with "A:LINE and B:LINE give different LABEL for one
 * client random" in err (into is then left as it was).
 */
int keylog_merge(struct keylog *into, const struct keylog *from, char *err, size_t errlen);

/* The secrets of the connection with this client random, or NULL. Borrowed from k. */
const struct keylog_entry *keylog_find(const struct keylog *k, const uint8_t client_random[32]);

/* "CLIENT_RANDOM", "SERVER_TRAFFIC_SECRET_0", ..., "CLIENT_TRAFFIC_SECRET_N" */
const char *keylog_label_name(enum keylog_label l);

#endif
