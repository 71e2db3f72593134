/* model/recipe.c — see recipe.h. */
#include "model/recipe.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/kdf.h"
#include "util/buf.h"
#include "util/hex.h"

/* The hash as python's hashlib and openssl spell it. */
static const char *py_hash(mbedtls_md_type_t md)
{
	return md == MBEDTLS_MD_SHA384 ? "sha384" : "sha256";
}

static const char *ossl_hash(mbedtls_md_type_t md)
{
	return md == MBEDTLS_MD_SHA384 ? "SHA384" : "SHA256";
}

/* A recipe is written into a memory stream; its text is returned whole. */
struct out {
	FILE *f;
	char *text;
	size_t len;
};

static void out_open(struct out *o)
{
	o->text = NULL;
	o->len = 0;
	o->f = open_memstream(&o->text, &o->len);
	if (!o->f) {
		fprintf(stderr, "tlsstep: out of memory\n");
		abort();
	}
}

static char *out_close(struct out *o)
{
	fclose(o->f);
	return o->text;
}

/* Whole values, chunk by chunk: a printf per byte was most of a recipe's cost. */
static void hex(struct out *o, const uint8_t *p, size_t n)
{
	char chunk[512];
	for (size_t at = 0; at < n; at += sizeof(chunk) / 2) {
		size_t k = n - at < sizeof(chunk) / 2 ? n - at : sizeof(chunk) / 2;
		fwrite(chunk, 1, hex_encode(chunk, p + at, k, '\0'), o->f);
	}
}

/* openssl kdf prints "AB:CD:..."; the recipe's lines are lowercase hex without colons. */
static void ossl_tail(struct out *o, size_t off, size_t len, size_t total)
{
	fprintf(o->f, " | tr -d : | tr A-F a-f");
	if (off || len != total)
		fprintf(o->f, " | cut -c %zu-%zu", 2 * off + 1, 2 * (off + len));
	fprintf(o->f, "\n");
}

/*
 * The P_hash iterations with their real values, as comments: what the python line
 * computes, step by step (the formulas view shows them).
 */
static void prf_iterations(struct out *o, mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len,
                           const char *label, const uint8_t *seed, size_t seed_len, size_t end)
{
	size_t hl = kdf_hash_len(md), ll = strlen(label);
	struct buf ls = { 0 };
	buf_append(&ls, label, ll);
	buf_append(&ls, seed, seed_len);
	uint8_t a[48], block[48];
	const uint8_t *prev = ls.data;
	size_t prev_len = ls.len;
	for (size_t i = 1, done = 0; done < end; i++, done += hl) {
		kdf_hmac(md, secret, secret_len, prev, prev_len, NULL, 0, NULL, 0, a);
		kdf_hmac(md, secret, secret_len, a, hl, ls.data, ls.len, NULL, 0, block);
		if (i == 1)
			fprintf(o->f, "#   A(1) = HMAC(secret, label+seed) = ");
		else
			fprintf(o->f, "#   A(%zu) = HMAC(secret, A(%zu)) = ", i, i - 1);
		hex(o, a, hl);
		fprintf(o->f, "\n#   block %zu = HMAC(secret, A(%zu)+label+seed) = ", i, i);
		hex(o, block, hl);
		/* the range glued to the hex: a block is a prefix of the value, not a cut of it */
		fprintf(o->f, ", bytes %zu..%zu\n", done, done + hl - 1);
		prev = a;
		prev_len = hl;
	}
	wipe(a, sizeof(a));
	wipe(block, sizeof(block));
	buf_free(&ls);
}

char *recipe_prf12(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                   const uint8_t *seed, size_t seed_len, size_t off, size_t len)
{
	struct out o;
	out_open(&o);
	size_t end = off + len;
	fprintf(o.f, "# TLS 1.2 PRF (RFC 5246 5): P_%s(secret, label+seed), A(0)=label+seed, A(i)=HMAC(secret, A(i-1)),\n"
	        "# output = HMAC(secret, A(1)+label+seed) + HMAC(secret, A(2)+label+seed) + ..., bytes %zu..%zu\n",
	        py_hash(md), off, end - 1);
	prf_iterations(&o, md, secret, secret_len, label, seed, seed_len, end);
	fprintf(o.f, "python3 -c 'import hmac, hashlib\nsecret = bytes.fromhex(\"");
	hex(&o, secret, secret_len);
	fprintf(o.f, "\")\nseed = b\"%s\"", label);
	/* Two randoms (64 bytes) each on its own, as they crossed the wire. */
	for (size_t at = 0, part = seed_len == 64 ? 32 : seed_len; at < seed_len; at += part) {
		fprintf(o.f, " + bytes.fromhex(\"");
		hex(&o, seed + at, part);
		fprintf(o.f, "\")");
	}
	fprintf(o.f, "\na, out = seed, b\"\"\nwhile len(out) < %zu:\n"
	        "    a = hmac.new(secret, a, hashlib.%s).digest()\n"
	        "    out += hmac.new(secret, a + seed, hashlib.%s).digest()\n"
	        "print(out[%zu:%zu].hex())'\n", end, py_hash(md), py_hash(md), off, end);
	fprintf(o.f, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt hexsecret:", end, ossl_hash(md));
	hex(&o, secret, secret_len);
	fprintf(o.f, " -kdfopt hexseed:");
	hex(&o, (const uint8_t *)label, strlen(label));
	hex(&o, seed, seed_len);
	fprintf(o.f, " TLS1-PRF");
	ossl_tail(&o, off, len, end);
	return out_close(&o);
}

/* RFC 8446 §7.1: struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; } HkdfLabel. */
static void hkdf_label(struct buf *b, const char *label, const uint8_t *ctx, size_t ctx_len, size_t len)
{
	size_t ll = 6 + strlen(label);
	uint8_t h[3] = { (uint8_t)(len >> 8), (uint8_t)len, (uint8_t)ll };
	buf_append(b, h, 3);
	buf_append(b, "tls13 ", 6);
	buf_append(b, label, strlen(label));
	buf_append_byte(b, (uint8_t)ctx_len);
	buf_append(b, ctx, ctx_len);
}

/* HkdfLabel's bytes as a comment, field by field. */
static void hkdf_label_bytes(struct out *o, const uint8_t *info, const char *label, size_t context_len)
{
	size_t ll = 6 + strlen(label);
	fprintf(o->f, "#   HkdfLabel = %02x%02x (length) %02x (label length) ", info[0], info[1], info[2]);
	hex(o, info + 3, ll);
	fprintf(o->f, " (\"tls13 %s\") %02x (context length)", label, info[3 + ll]);
	if (context_len) {
		fprintf(o->f, " ");
		hex(o, info + 4 + ll, context_len);
		fprintf(o->f, " (context)");
	}
	fprintf(o->f, "\n");
}

/* The python definition of HKDF-Expand-Label every TLS 1.3 recipe starts with. */
static void py_expand_label(struct out *o, mbedtls_md_type_t md)
{
	fprintf(o->f, "python3 -c 'import hmac, hashlib\nH = hashlib.%s\n"
	        "def expand_label(secret, label, context, n):\n"
	        "    info = n.to_bytes(2, \"big\") + bytes([6 + len(label)]) + b\"tls13 \" + label + bytes([len(context)]) + context\n"
	        "    out, t, i = b\"\", b\"\", 1\n"
	        "    while len(out) < n:\n"
	        "        t = hmac.new(secret, t + info + bytes([i]), H).digest()\n"
	        "        out, i = out + t, i + 1\n"
	        "    return out[:n]\n", py_hash(md));
}

char *recipe_expand_label(mbedtls_md_type_t md, const uint8_t *secret, size_t secret_len, const char *label,
                          const uint8_t *context, size_t context_len, size_t len)
{
	struct out o;
	out_open(&o);
	struct buf info = { 0 };
	hkdf_label(&info, label, context, context_len, len);
	fprintf(o.f, "# HKDF-Expand-Label (RFC 8446 7.1) = HKDF-Expand(secret, HkdfLabel, %zu), T(i) = HMAC(secret, "
	        "T(i-1)+HkdfLabel+i)\n", len);
	hkdf_label_bytes(&o, info.data, label, context_len);
	py_expand_label(&o, md);
	fprintf(o.f, "print(expand_label(bytes.fromhex(\"");
	hex(&o, secret, secret_len);
	fprintf(o.f, "\"), b\"%s\", bytes.fromhex(\"", label);
	hex(&o, context, context_len);
	fprintf(o.f, "\"), %zu).hex())'\n", len);
	fprintf(o.f, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:", len, ossl_hash(md));
	hex(&o, secret, secret_len);
	fprintf(o.f, " -kdfopt hexinfo:");
	hex(&o, info.data, info.len);
	fprintf(o.f, " HKDF");
	ossl_tail(&o, 0, len, len);
	buf_free(&info);
	return out_close(&o);
}

char *recipe_extract13(mbedtls_md_type_t md, const uint8_t *prev, size_t prev_len, const uint8_t *ikm,
                       size_t ikm_len)
{
	struct out o;
	out_open(&o);
	size_t hl = kdf_hash_len(md);
	uint8_t empty[48], salt[48] = { 0 }, zeros[48] = { 0 };
	kdf_hash(md, (const uint8_t *)"", 0, empty);
	if (prev)
		kdf_derive_secret(md, prev, prev_len, "derived", empty, salt);
	if (!ikm)
		ikm = zeros, ikm_len = hl;
	fprintf(o.f, "# HKDF-Extract (RFC 5869 2.2) = HMAC(salt, IKM), salt = %s (RFC 8446 7.1)\n",
	        prev ? "Derive-Secret(previous secret, \"derived\", \"\") = HKDF-Expand-Label(it, \"derived\", Hash(\"\"), "
	               "Hash.length)"
	             : "Hash.length zero bytes");
	py_expand_label(&o, md);
	if (prev) {
		fprintf(o.f, "salt = expand_label(bytes.fromhex(\"");
		hex(&o, prev, prev_len);
		fprintf(o.f, "\"), b\"derived\", H(b\"\").digest(), %zu)\n", hl);
	} else {
		fprintf(o.f, "salt = bytes(%zu)\n", hl);
	}
	fprintf(o.f, "print(hmac.new(salt, bytes.fromhex(\"");
	hex(&o, ikm, ikm_len);
	fprintf(o.f, "\"), H).hexdigest())'\n");
	/* openssl's HKDF in EXTRACT_ONLY mode, the salt written out (derived above or zeros). */
	fprintf(o.f, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt mode:EXTRACT_ONLY -kdfopt hexsalt:", hl,
	        ossl_hash(md));
	hex(&o, salt, hl);
	fprintf(o.f, " -kdfopt hexkey:");
	hex(&o, ikm, ikm_len);
	fprintf(o.f, " HKDF");
	ossl_tail(&o, 0, hl, hl);
	wipe(salt, sizeof(salt));
	return out_close(&o);
}

char *recipe_finished13(mbedtls_md_type_t md, const uint8_t *base, size_t base_len, const uint8_t *hash,
                        size_t hash_len)
{
	struct out o;
	out_open(&o);
	size_t hl = kdf_hash_len(md);
	fprintf(o.f, "# verify_data = HMAC(finished_key, transcript hash), finished_key = HKDF-Expand-Label(handshake "
	        "traffic secret, \"finished\", \"\", %zu) (RFC 8446 4.4.4)\n", hl);
	py_expand_label(&o, md);
	fprintf(o.f, "key = expand_label(bytes.fromhex(\"");
	hex(&o, base, base_len);
	fprintf(o.f, "\"), b\"finished\", b\"\", %zu)\nprint(hmac.new(key, bytes.fromhex(\"", hl);
	hex(&o, hash, hash_len);
	fprintf(o.f, "\"), H).hexdigest())'\n");
	return out_close(&o);
}

char *recipe_slice(const uint8_t *msg, size_t msg_len, size_t off, size_t len, const char *what)
{
	struct out o;
	out_open(&o);
	fprintf(o.f, "# %s: bytes %zu..%zu of the message as it crossed the wire (4-byte handshake header included)\n",
	        what, off, off + len - 1);
	fprintf(o.f, "python3 -c 'print(bytes.fromhex(\"");
	hex(&o, msg, msg_len);
	fprintf(o.f, "\")[%zu:%zu].hex())'\n", off, off + len);
	return out_close(&o);
}

/* DER prefixes that turn raw keys into files openssl reads: PKCS #8 / SEC 1 private keys, SubjectPublicKeyInfo. */
static const struct {
	const char *group, *priv_kind, *priv_pre, *priv_post, *pub_pre;
	size_t len;
} curves[] = {
	{ "x25519", "PRIVATE KEY", "302e020100300506032b656e04220420", "", "302a300506032b656e032100", 32 },
	{ "x448", "PRIVATE KEY", "3046020100300506032b656f043a0438", "", "3042300506032b656f033900", 56 },
	{ "secp256r1", "EC PRIVATE KEY", "30310201010420", "a00a06082a8648ce3d030107",
	  "3059301306072a8648ce3d020106082a8648ce3d030107034200", 32 },
	{ "secp384r1", "EC PRIVATE KEY", "303e0201010430", "a00706052b81040022",
	  "3076301006072a8648ce3d020106052b81040022036200", 48 },
};

char *recipe_agree(const char *group, const char *own, const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len,
                   const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len, size_t out_len)
{
	struct out o;
	for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
		if (strcmp(group, curves[i].group) || priv_len != curves[i].len)
			continue;
		out_open(&o);
		fprintf(o.f, "# ECDH on %s: the %s's ephemeral private key (%zu bytes, captured from mbed TLS, never sent)\n"
		        "# with the public value it received; python3 writes both as key files (DER: a fixed prefix\n"
		        "# and the raw bytes), openssl derives\n", group, own, priv_len);
		fprintf(o.f, "d=$(mktemp -d)\npython3 -c 'import base64, sys\n"
		        "def pem(kind, der, name):\n"
		        "    open(sys.argv[1] + name, \"w\").write(\"-----BEGIN %%s-----\\n%%s\\n-----END %%s-----\\n\" %% (kind, "
		        "base64.encodebytes(der).decode().strip(), kind))\n"
		        "pem(\"%s\", bytes.fromhex(\"%s\") + bytes.fromhex(\"", curves[i].priv_kind, curves[i].priv_pre);
		hex(&o, priv, priv_len);
		fprintf(o.f, "\")%s%s%s, \"/own.pem\")\npem(\"PUBLIC KEY\", bytes.fromhex(\"%s\") + bytes.fromhex(\"",
		        *curves[i].priv_post ? " + bytes.fromhex(\"" : "", curves[i].priv_post, *curves[i].priv_post ? "\")" : "",
		        curves[i].pub_pre);
		hex(&o, peer, peer_len);
		fprintf(o.f, "\"), \"/peer.pem\")' \"$d\"\n"
		        "openssl pkeyutl -derive -inkey \"$d/own.pem\" -peerkey \"$d/peer.pem\" | od -An -v -tx1 | tr -d ' \\n'; "
		        "echo\nrm -r \"$d\"\n");
		return out_close(&o);
	}
	if (!p || !p_len)
		return NULL;
	out_open(&o);
	fprintf(o.f, "# Diffie-Hellman (%s): the public value the %s received ^ its private exponent (captured from\n"
	        "# mbed TLS, never sent) mod p, g = ", group, own);
	hex(&o, g, g_len);
	fprintf(o.f, "\n# %s\n", out_len ? "zero-padded to the length of p (RFC 8446 7.4.1)"
	                                  : "leading zero bytes stripped (RFC 5246 8.1.2)");
	fprintf(o.f, "python3 -c 'p = int(\"");
	hex(&o, p, p_len);
	fprintf(o.f, "\", 16)\nk = pow(int(\"");
	hex(&o, peer, peer_len);
	fprintf(o.f, "\", 16), int(\"");
	hex(&o, priv, priv_len);
	if (out_len)
		fprintf(o.f, "\", 16), p)\nprint(k.to_bytes(%zu, \"big\").hex())'\n", out_len);
	else
		fprintf(o.f, "\", 16), p)\nprint(k.to_bytes((k.bit_length() + 7) // 8, \"big\").hex())'\n");
	/* The same with openssl: key files in DER that python3 writes, as PKCS #3 dhKeyAgreement keys
	 * (p and g are all it needs); dh_pad keeps TLS 1.3's leading zeros. */
	fprintf(o.f, "# the same with openssl pkeyutl -derive: python3 writes both keys as files (PKCS #8 and\n"
	        "# SubjectPublicKeyInfo, PKCS #3 dhKeyAgreement with p and g)\n"
	        "d=$(mktemp -d)\npython3 -c 'import base64, sys\n"
	        "def der(tag, body):\n    n = len(body)\n"
	        "    return bytes([tag]) + (bytes([n]) if n < 128 else bytes([0x80 | (n.bit_length() + 7) // 8]) + "
	        "n.to_bytes((n.bit_length() + 7) // 8, \"big\")) + body\n"
	        "integer = lambda v: der(2, v.to_bytes(v.bit_length() // 8 + 1, \"big\"))\n"
	        "def pem(kind, body, name):\n"
	        "    open(sys.argv[1] + name, \"w\").write(\"-----BEGIN %%s-----\\n%%s\\n-----END %%s-----\\n\" %% (kind, "
	        "base64.encodebytes(body).decode().strip(), kind))\n"
	        "p, g, x, y = (int(a, 16) for a in sys.argv[2:6])\n"
	        "alg = der(0x30, der(6, bytes.fromhex(\"2a864886f70d010301\")) + der(0x30, integer(p) + integer(g)))\n"
	        "pem(\"PRIVATE KEY\", der(0x30, integer(0) + alg + der(4, integer(x))), \"/own.pem\")\n"
	        "pem(\"PUBLIC KEY\", der(0x30, alg + der(3, bytes(1) + integer(y))), \"/peer.pem\")' \"$d\" ");
	hex(&o, p, p_len);
	fprintf(o.f, " ");
	hex(&o, g, g_len);
	fprintf(o.f, " ");
	hex(&o, priv, priv_len);
	fprintf(o.f, " ");
	hex(&o, peer, peer_len);
	fprintf(o.f, "\nopenssl pkeyutl -derive -inkey \"$d/own.pem\" -peerkey \"$d/peer.pem\"%s | od -An -v -tx1 | "
	        "tr -d ' \\n'; echo\nrm -r \"$d\"\n", out_len ? " -pkeyopt dh_pad:1" : "");
	return out_close(&o);
}

char *recipe_rsa_decrypt(const char *key_path, const uint8_t *enc, size_t enc_len)
{
	struct out o;
	out_open(&o);
	fprintf(o.f, "# RSA key exchange: the client chose it; the server decrypts the ClientKeyExchange (RSAES-PKCS1-v1_5)\n"
	        "# with its private key\npython3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(\"");
	hex(&o, enc, enc_len);
	/* The path in single quotes for sh, each ' in it written '\'' (it closes, escapes, reopens). */
	fprintf(o.f, "\"))' | openssl pkeyutl -decrypt -inkey '");
	for (const char *c = key_path; *c; c++)
		fputs(*c == '\'' ? "'\\''" : (char[]){ *c, 0 }, o.f);
	fprintf(o.f, "' | od -An -v -tx1 | tr -d ' \\n'; echo\n");
	return out_close(&o);
}

char *recipe_join(char *a, char *b)
{
	if (!a || !b)
		return a ? a : b;
	size_t n = strlen(a);
	a = xrealloc(a, n + strlen(b) + 1);
	memcpy(a + n, b, strlen(b) + 1);
	free(b);
	return a;
}

/* openssl enc's name of the stream that decrypts the record body, or NULL. */
static const char *ossl_stream(const struct record_keys *k)
{
	switch (k->cipher) {
	case RECORD_AES_128_GCM:
		return "aes-128-ctr";
	case RECORD_AES_256_GCM:
		return "aes-256-ctr";
	case RECORD_CHACHA20_POLY1305:
		return "chacha20";
	case RECORD_AES_128_CBC:
		return "aes-128-cbc";
	case RECORD_AES_256_CBC:
		return "aes-256-cbc";
	default:
		return NULL;
	}
}

/*
 * The same decryption with the tag checked, in python over openssl's block
 * function: GCM's GHASH (NIST SP 800-38D 6.4: H = AES(key, 0^128), the tag is
 * GHASH(H, A, C) xor AES(key, nonce||00000001)) or Poly1305 (RFC 8439 2.5, 2.8: its
 * key is ChaCha20 block 0). Prints the plaintext bytes only when the tag verifies.
 */
static void tag_check(struct out *o, const struct record_keys *k, const char *stream, const uint8_t nonce[12],
                      const uint8_t iv[16], const uint8_t *ad, size_t ad_len, const uint8_t *ct, size_t ct_len,
                      const uint8_t *tag, size_t off, size_t len)
{
	bool chacha = k->cipher == RECORD_CHACHA20_POLY1305;
	fprintf(o->f, "# with the tag checked: %s\n",
	        chacha ? "Poly1305 keyed by ChaCha20 block 0 (RFC 8439 2.8)"
	               : "GHASH with H = AES(key, 0), xor AES(key, nonce||00000001) (NIST SP 800-38D)");
	/* The block function's output m: H and AES(key, J0) for GCM, the Poly1305 key for ChaCha20. */
	if (chacha) {
		fprintf(o->f, "m=$(python3 -c 'import sys; sys.stdout.buffer.write(bytes(32))' | openssl enc -e -chacha20 -K ");
		hex(o, k->key, k->key_len);
		fprintf(o->f, " -iv 00000000");
		hex(o, nonce, 12);
	} else {
		fprintf(o->f, "m=$(python3 -c 'import sys; sys.stdout.buffer.write(bytes(16) + bytes.fromhex(\"");
		hex(o, nonce, 12);
		fprintf(o->f, "00000001\"))' | openssl enc -e -%s -nopad -K ", k->key_len == 16 ? "aes-128-ecb" : "aes-256-ecb");
		hex(o, k->key, k->key_len);
	}
	fprintf(o->f, " | od -An -v -tx1 | tr -d ' \\n')\n");
	fprintf(o->f, "p=$(python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(\"");
	hex(o, ct, ct_len);
	fprintf(o->f, "\"))' | openssl enc -d -%s -K ", stream);
	hex(o, k->key, k->key_len);
	fprintf(o->f, " -iv ");
	hex(o, iv, 16);
	fprintf(o->f, " | od -An -v -tx1 | tr -d ' \\n')\n");
	fprintf(o->f, "python3 -c 'import sys\nm, p = bytes.fromhex(sys.argv[1]), bytes.fromhex(sys.argv[2])\n"
	        "a, c, tag = bytes.fromhex(\"");
	hex(o, ad, ad_len);
	fprintf(o->f, "\"), bytes.fromhex(\"");
	hex(o, ct, ct_len);
	fprintf(o->f, "\"), \"");
	hex(o, tag, 16);
	fprintf(o->f, "\"\n");
	if (chacha)
		fprintf(o->f, "r = int.from_bytes(m[:16], \"little\") & 0x0ffffffc0ffffffc0ffffffc0fffffff\n"
		        "pad = lambda b: b + bytes(-len(b) %% 16)\n"
		        "msg = pad(a) + pad(c) + len(a).to_bytes(8, \"little\") + len(c).to_bytes(8, \"little\")\n"
		        "acc = 0\nfor i in range(0, len(msg), 16):\n"
		        "    acc = (acc + int.from_bytes(msg[i:i + 16] + b\"\\x01\", \"little\")) * r %% (2**130 - 5)\n"
		        "ours = ((acc + int.from_bytes(m[16:32], \"little\")) %% 2**128).to_bytes(16, \"little\")\n");
	else
		fprintf(o->f, "h = int.from_bytes(m[:16], \"big\")\n"
		        "def mul(x, y):\n    z = 0\n    for i in range(127, -1, -1):\n"
		        "        z ^= x if y >> i & 1 else 0\n        x = x >> 1 ^ (0xe1 << 120) if x & 1 else x >> 1\n"
		        "    return z\n"
		        "blocks = lambda b: [int.from_bytes(b[i:i + 16].ljust(16, bytes(1)), \"big\") for i in range(0, len(b), 16)]\n"
		        "y = 0\nfor b in blocks(a) + blocks(c) + [len(a) * 8 << 64 | len(c) * 8]:\n    y = mul(y ^ b, h)\n"
		        "ours = (y ^ int.from_bytes(m[16:32], \"big\")).to_bytes(16, \"big\")\n");
	fprintf(o->f, "print(p[%zu:%zu].hex() if ours.hex() == tag else \"the tag does NOT verify: \" + ours.hex())' \"$m\" \"$p\"\n",
	        off, off + len);
}

char *recipe_record(uint16_t version, const struct record_keys *k, uint64_t seq, const uint8_t *rec, size_t rec_len,
                    size_t off, size_t len, const char *what)
{
	const char *stream = ossl_stream(k);
	bool cbc = k->cipher == RECORD_AES_128_CBC || k->cipher == RECORD_AES_256_CBC;
	if (!stream || rec_len < 5 + 16 + 16 || (cbc && version != 0x0303))
		return NULL;
	const uint8_t *body = rec + 5;
	size_t blen = rec_len - 5;
	uint8_t nonce[12], iv[16];
	const uint8_t *ct = body, *tag = NULL;
	size_t ct_len = blen;
	bool tls12_gcm = version == 0x0303 && (k->cipher == RECORD_AES_128_GCM || k->cipher == RECORD_AES_256_GCM);
	if (cbc) {
		/* RFC 5246 6.2.3.2: the explicit IV, then the ciphertext; RFC 7366: the MAC after it. */
		memcpy(iv, body, 16);
		ct = body + 16;
		ct_len = blen - 16 - (k->encrypt_then_mac ? k->mac_key_len : 0);
	} else if (tls12_gcm) {
		/* RFC 5288 3: nonce = 4-byte implicit IV (key block) || 8-byte explicit nonce (the record's first bytes). */
		memcpy(nonce, k->iv, 4);
		memcpy(nonce + 4, body, 8);
		ct = body + 8;
		ct_len = blen - 8 - 16;
		tag = ct + ct_len;
	} else {
		/* RFC 8446 5.3, RFC 7905 2: nonce = 12-byte IV XOR the sequence number, left-padded. */
		memcpy(nonce, k->iv, 12);
		for (int i = 0; i < 8; i++)
			nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
		ct_len = blen - 16;
		tag = ct + ct_len;
	}
	if (!cbc) {
		/* GCM encrypts from counter 2 (counter 1 masks the tag); ChaCha20 from block 1 (block 0 keys Poly1305),
		 * and openssl's 16-byte ChaCha20 IV is the 32-bit little-endian counter, then the nonce. */
		bool chacha = k->cipher == RECORD_CHACHA20_POLY1305;
		static const uint8_t gcm_ctr[4] = { 0, 0, 0, 2 }, chacha_ctr[4] = { 1, 0, 0, 0 };
		memcpy(chacha ? iv + 4 : iv, nonce, 12);
		memcpy(chacha ? iv : iv + 12, chacha ? chacha_ctr : gcm_ctr, 4);
	}
	uint8_t ad[13];
	size_t ad_len = 5;
	if (version == 0x0303) {
		/* RFC 5246 6.2.3.3: seq_num + type + version + length of the plaintext. */
		for (int i = 0; i < 8; i++)
			ad[i] = (uint8_t)(seq >> (56 - 8 * i));
		memcpy(ad + 8, rec, 3);
		ad[11] = (uint8_t)(ct_len >> 8);
		ad[12] = (uint8_t)ct_len;
		ad_len = 13;
	} else {
		memcpy(ad, rec, 5); /* RFC 8446 5.2: the record header */
	}
	struct out o;
	out_open(&o);
	fprintf(o.f, "# Decrypting %s (record sequence number %llu) with openssl enc -%s:\n", what,
	        (unsigned long long)seq, stream);
	if (cbc) {
		fprintf(o.f, "# explicit IV ");
		hex(&o, iv, 16);
		fprintf(o.f, " (the record's first 16 bytes); the plaintext is followed by %s; this skips the MAC check\n",
		        k->encrypt_then_mac ? "padding (the MAC follows the ciphertext, RFC 7366)" : "the MAC and padding");
	} else {
		fprintf(o.f, "# nonce ");
		hex(&o, nonce, 12);
		fprintf(o.f, ", additional data ");
		hex(&o, ad, ad_len);
		fprintf(o.f, ", tag ");
		hex(&o, tag, 16);
		fprintf(o.f, "\n# openssl enc runs the cipher's stream (counter ");
		hex(&o, iv, 16);
		fprintf(o.f, ") and does NOT check the tag; the lines after it do\n");
	}
	fprintf(o.f, "python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(\"");
	hex(&o, ct, ct_len);
	fprintf(o.f, "\"))' | openssl enc -d -%s%s -K ", stream, cbc ? " -nopad" : "");
	hex(&o, k->key, k->key_len);
	fprintf(o.f, " -iv ");
	hex(&o, iv, 16);
	fprintf(o.f, " | od -An -v -tx1 | tr -d ' \\n' | cut -c %zu-%zu\n", 2 * off + 1, 2 * (off + len));
	if (!cbc)
		tag_check(&o, k, stream, nonce, iv, ad, ad_len, ct, ct_len, tag, off, len);
	return out_close(&o);
}
