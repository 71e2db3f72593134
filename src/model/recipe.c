/* model/recipe.c — see recipe.h. */
#include "model/recipe.h"

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

static void hex(struct out *o, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(o->f, "%02x", p[i]);
}

/* openssl kdf prints "AB:CD:..."; the recipe's lines are lowercase hex without colons. */
static void ossl_tail(struct out *o, size_t off, size_t len, size_t total)
{
	fprintf(o->f, " | tr -d : | tr A-F a-f");
	if (off || len != total)
		fprintf(o->f, " | cut -c %zu-%zu", 2 * off + 1, 2 * (off + len));
	fprintf(o->f, "\n");
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
	fprintf(o.f, "python3 -c 'import hmac, hashlib\nsecret = bytes.fromhex(\"");
	hex(&o, secret, secret_len);
	fprintf(o.f, "\")\nseed = b\"%s\" + bytes.fromhex(\"", label);
	hex(&o, seed, seed_len);
	fprintf(o.f, "\")\na, out = seed, b\"\"\nwhile len(out) < %zu:\n"
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
	fprintf(o.f, "# HKDF-Expand-Label (RFC 8446 7.1) = HKDF-Expand(secret, HkdfLabel, %zu), HkdfLabel = length %04zx,\n"
	        "# label length %02zx, \"tls13 %s\", context length %02zx, context (%zu bytes)\n",
	        len, len, 6 + strlen(label), label, context_len, context_len);
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

char *recipe_agree(const char *group, const uint8_t *priv, size_t priv_len, const uint8_t *peer, size_t peer_len,
                   const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len, size_t out_len)
{
	struct out o;
	for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
		if (strcmp(group, curves[i].group) || priv_len != curves[i].len)
			continue;
		out_open(&o);
		fprintf(o.f, "# ECDH on %s: own private key (%zu bytes) with the peer's public value from the wire;\n"
		        "# python3 writes both as key files (DER: a fixed prefix and the raw bytes), openssl derives\n",
		        group, priv_len);
		fprintf(o.f, "d=$(mktemp -d)\npython3 -c 'import base64, sys\n"
		        "def pem(kind, der, name):\n"
		        "    open(sys.argv[1] + name, \"w\").write(\"-----BEGIN %%s-----\\n%%s\\n-----END %%s-----\\n\" %% (kind, "
		        "base64.encodebytes(der).decode().strip(), kind))\n"
		        "pem(\"%s\", bytes.fromhex(\"%s", curves[i].priv_kind, curves[i].priv_pre);
		hex(&o, priv, priv_len);
		fprintf(o.f, "%s\"), \"/own.pem\")\npem(\"PUBLIC KEY\", bytes.fromhex(\"%s", curves[i].priv_post,
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
	fprintf(o.f, "# Diffie-Hellman (%s): peer's public value ^ own private exponent mod p, g = ", group);
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
	return out_close(&o);
}

char *recipe_rsa_decrypt(const char *key_path, const uint8_t *enc, size_t enc_len)
{
	struct out o;
	out_open(&o);
	fprintf(o.f, "# RSA key exchange: the client chose it; the server decrypts the ClientKeyExchange (RSAES-PKCS1-v1_5)\n"
	        "# with its private key\npython3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(\"");
	hex(&o, enc, enc_len);
	/* The path is quoted for sh; a path with a single quote is not one a bundled run has. */
	fprintf(o.f, "\"))' | openssl pkeyutl -decrypt -inkey '%s' | od -An -v -tx1 | tr -d ' \\n'; echo\n", key_path);
	return out_close(&o);
}
