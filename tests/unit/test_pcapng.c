/*
 * export/pcapng.c: the file is well-formed pcapng, read back block by block here
 * (every block's two lengths agree and are a multiple of 4; a Section Header with
 * its byte-order magic first, one Ethernet interface, then a Decryption Secrets
 * Block holding exactly what --keylog writes, then one Enhanced Packet Block per
 * frame of export/frames.c with that frame's bytes and time), for TLS 1.2 and 1.3;
 * a run with no secrets (its key log only a comment) has no DSB; the same run gives the same bytes. tshark
 * opening it decrypted is tests/wireshark's part.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "export/frames.h"
#include "export/keylog.h"
#include "export/pcapng.h"
#include "lesson/catalog.h"
#include "model/timeline.h"

struct blob {
	char *data;
	size_t len;
};

static void run(const char *name, struct scenario *sc, struct timeline *tl)
{
	char err[512];
	scenario_init(sc);
	if (catalog_load(TLSSTEP_LESSONS_DIR, name, sc, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
	struct run_options o = { TLSSTEP_ASSETS_DIR, sc->seed };
	if (timeline_run(sc, &o, tl, err, sizeof(err)))
		fail_msg("%s: %s", name, err);
}

static struct blob written(const struct timeline *tl, int (*w)(FILE *, const struct timeline *))
{
	struct blob b = { NULL, 0 };
	FILE *m = open_memstream(&b.data, &b.len);
	assert_non_null(m);
	assert_true(w(m, tl) >= 0);
	assert_int_equal(fclose(m), 0);
	return b;
}

static int keylog(FILE *f, const struct timeline *tl)
{
	return keylog_write(f, tl);
}

static uint32_t le32(const char *p)
{
	const uint8_t *u = (const uint8_t *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

/* The frames as export/frames.c gives them, one after another, each behind its time and length. */
struct frames {
	FILE *f;
	size_t n;
};

static int collect(void *ctx, uint64_t time_us, const uint8_t *frame, size_t len)
{
	struct frames *fr = ctx;
	fwrite(&time_us, sizeof(time_us), 1, fr->f);
	fwrite(&len, sizeof(len), 1, fr->f);
	fwrite(frame, 1, len, fr->f);
	fr->n++;
	return 0;
}

/* Reads the file back; checks every block against the keys and the frames. */
static void check_file(const struct blob *ng, const struct blob *keys, bool secrets, const struct timeline *tl)
{
	struct blob fb = { NULL, 0 };
	struct frames fr = { open_memstream(&fb.data, &fb.len), 0 };
	assert_non_null(fr.f);
	assert_int_equal(frames_emit(tl, collect, &fr), 0);
	assert_int_equal(fclose(fr.f), 0);

	size_t at = 0, block = 0, packets = 0, dsb = 0, fat = 0;
	while (at < ng->len) {
		assert_true(ng->len - at >= 12);
		uint32_t type = le32(ng->data + at), len = le32(ng->data + at + 4);
		assert_int_equal(len % 4, 0);
		assert_true(len >= 12 && len <= ng->len - at);
		assert_int_equal(le32(ng->data + at + len - 4), len);
		const char *body = ng->data + at + 8;
		if (block == 0) {
			assert_int_equal(type, 0x0a0d0d0a);
			assert_int_equal(le32(body), 0x1a2b3c4d);
		} else if (block == 1) {
			assert_int_equal(type, 1);
			assert_int_equal((uint8_t)body[0] | (uint8_t)body[1] << 8, 1); /* Ethernet */
		} else if (type == 0x0a) {
			assert_int_equal(packets, 0); /* the secrets come before every packet */
			assert_int_equal(le32(body), 0x544c534b);
			assert_int_equal(le32(body + 4), keys->len);
			assert_memory_equal(body + 8, keys->data, keys->len);
			dsb++;
		} else {
			assert_int_equal(type, 6);
			assert_int_equal(le32(body), 0);
			uint64_t t = (uint64_t)le32(body + 4) << 32 | le32(body + 8);
			size_t caplen = le32(body + 12), flen;
			uint64_t ft;
			assert_true(fat + sizeof(ft) + sizeof(flen) <= fb.len);
			memcpy(&ft, fb.data + fat, sizeof(ft));
			memcpy(&flen, fb.data + fat + sizeof(ft), sizeof(flen));
			fat += sizeof(ft) + sizeof(flen);
			assert_int_equal(t, ft);
			assert_int_equal(caplen, flen);
			assert_int_equal(le32(body + 16), flen);
			assert_memory_equal(body + 20, fb.data + fat, flen);
			assert_true(20 + ((flen + 3) & ~(size_t)3) + 12 == len);
			fat += flen;
			packets++;
		}
		at += len;
		block++;
	}
	assert_int_equal(at, ng->len);
	assert_int_equal(dsb, secrets ? 1 : 0);
	assert_int_equal(packets, fr.n);
	assert_true(packets > 6); /* at least the TCP handshake, the ClientHello and its ACK */
	free(fb.data);
}

static void check_run(const char *name, bool with_secrets)
{
	struct scenario sc;
	struct timeline tl;
	run(name, &sc, &tl);
	struct blob ng = written(&tl, pcapng_write), keys = written(&tl, keylog);
	check_file(&ng, &keys, with_secrets, &tl);
	struct blob again = written(&tl, pcapng_write);
	assert_int_equal(again.len, ng.len);
	assert_memory_equal(again.data, ng.data, ng.len);
	free(again.data);
	free(ng.data);
	free(keys.data);
	timeline_free(&tl);
	scenario_free(&sc);
}

static void tls12(void **state)
{
	check_run("tls12-ecdhe-rsa", true);
}

static void tls13_resumed(void **state)
{
	check_run("tls13-resume", true);
}

static void no_secrets(void **state)
{
	check_run("fail-no-shared-suite", false);
}

/* A full stream: the error is said, not swallowed. */
static void write_error(void **state)
{
	struct scenario sc;
	struct timeline tl;
	run("tls13", &sc, &tl);
	FILE *full = fopen("/dev/full", "w");
	assert_non_null(full);
	setvbuf(full, NULL, _IONBF, 0);
	assert_int_equal(pcapng_write(full, &tl), -1);
	fclose(full);
	timeline_free(&tl);
	scenario_free(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tls12),
		cmocka_unit_test(tls13_resumed),
		cmocka_unit_test(no_secrets),
		cmocka_unit_test(write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
