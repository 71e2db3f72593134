# Real SCTs (RFC 6962 §3.2) from two test logs whose EC P-256 keys are made here with
# openssl. First one embedded in the certificate (RFC 6962 §3.3): log 0 signs the
# precertificate entry, the issuer's key hash and srv.crt's TBSCertificate; srv-ct.crt is
# that TBSCertificate with the SCT list extension (1.3.6.1.4.1.11129.2.4.2) appended, signed
# with ca.key, so its TBS without the extension is what the log signed. Then two SCTs over
# srv-ct.crt itself (x509_entry) and what carries them in TLS:
#   sct12.pem    OpenSSL serverinfo (v1): the SCT list in a TLS 1.2 ServerHello extension
#   sct13.pem    serverinfo v2, context 0x1180 (ClientHello, TLS 1.2 ServerHello, TLS 1.3
#                Certificate): the same list in the TLS 1.3 Certificate entry
#   ctlogs.cnf   a CT log list naming the two logs, so openssl s_client -ct validates them
#   sct-list.bin the SignedCertificateTimestampList itself (RFC 6962 §3.3)
# The second SCT carries 3 bytes of extensions, so both shapes are on the wire.
import base64, hashlib, struct, subprocess, time


def run(*a, inp=None):
    return subprocess.run(a, input=inp, capture_output=True, check=True).stdout


def pem(label, data):
    return f"-----BEGIN {label}-----\n{base64.encodebytes(data).decode()}-----END {label}-----\n"


def der(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(ln)]) + ln + content


def tlv(b, i):
    """(tag, content start, end) of the DER element at b[i]."""
    n, j = b[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7f
        n, j = int.from_bytes(b[j:j + k], "big"), j + k
    return b[i], j, j + n


def children(b, start, end):
    out = []
    while start < end:
        t, s, e = tlv(b, start)
        out.append(b[start:e])
        start = e
    return out


def log_key(i):
    key = f"log{i}.key"
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key)
    return key, run("openssl", "ec", "-in", key, "-pubout", "-outform", "der")


def sct(key, spki, ts, ext, entry):
    """An SCT: the log's signature over version, type, timestamp, the entry and extensions."""
    signed = b"\x00\x00" + struct.pack(">Q", ts) + entry + struct.pack(">H", len(ext)) + ext
    sig = run("openssl", "dgst", "-sha256", "-sign", key, inp=signed)
    return (b"\x00" + hashlib.sha256(spki).digest() + struct.pack(">Q", ts) + struct.pack(">H", len(ext)) + ext
            + b"\x04\x03" + struct.pack(">H", len(sig)) + sig)  # sha256, ecdsa


def sct_list(scts):
    lst = b"".join(struct.pack(">H", len(s)) + s for s in scts)
    return struct.pack(">H", len(lst)) + lst


# An hour and half an hour before now (a log refuses a timestamp in the future), in ms.
now = int(time.time()) * 1000
keys = [log_key(0), log_key(1)]
# The embedded SCT: precert_entry (1) = issuer_key_hash[32] || TBSCertificate<1..2^24-1>.
a = run("openssl", "x509", "-in", "srv.crt", "-outform", "der")
_, cs, ce = tlv(a, 0)
tbs, alg, _sig = children(a, cs, ce)
issuer_spki = run("openssl", "x509", "-in", "ca.crt", "-noout", "-pubkey")
issuer_spki = run("openssl", "pkey", "-pubin", "-outform", "der", inp=issuer_spki)
entry = b"\x00\x01" + hashlib.sha256(issuer_spki).digest() + struct.pack(">I", len(tbs))[1:] + tbs
embedded = sct_list([sct(*keys[0], now - 5400000, b"", entry)])
ext = der(0x30, der(0x06, bytes([0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02]))
          + der(0x04, der(0x04, embedded)))
_, ts_, te = tlv(tbs, 0)
parts = children(tbs, ts_, te)
_, xs, xe = tlv(parts[-1], 0)          # [3] { SEQUENCE OF Extension }
_, ls, le = tlv(parts[-1], xs)
parts[-1] = der(0xa3, der(0x30, parts[-1][ls:le] + ext))
tbs2 = der(0x30, b"".join(parts))
sig2 = run("openssl", "dgst", "-sha256", "-sign", "ca.key", inp=tbs2)
cert = der(0x30, tbs2 + alg + der(0x03, b"\x00" + sig2))
open("srv-ct.crt", "wb").write(cert)
run("openssl", "x509", "-inform", "der", "-in", "srv-ct.crt", "-out", "srv-ct.pem")
# The two SCTs TLS carries: x509_entry (0) = ASN.1Cert<1..2^24-1>; the second with 3 bytes of extensions.
entry = b"\x00\x00" + struct.pack(">I", len(cert))[1:] + cert
scts = [sct(*keys[0], now - 3600000, b"", entry), sct(*keys[1], now - 1800000 + 123, b"\x01\x02\x03", entry)]
logs = [f"[log{i}]\ndescription = tlsstep test log {i}\nkey = {base64.b64encode(spki).decode()}\n"
        for i, (_, spki) in enumerate(keys)]
body = sct_list(scts)
ext = struct.pack(">HH", 18, len(body)) + body
open("sct12.pem", "w").write(pem("SERVERINFO FOR signed_certificate_timestamp", ext))
open("sct13.pem", "w").write(pem("SERVERINFOV2 FOR signed_certificate_timestamp", struct.pack(">I", 0x1180) + ext))
open("ctlogs.cnf", "w").write("enabled_logs = log0,log1\n\n" + "\n".join(logs))
open("sct-list.bin", "wb").write(body)
