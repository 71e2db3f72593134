# Two real SCTs (RFC 6962 §3.2) over srv.crt (in the current directory) from two test logs
# whose EC P-256 keys are made here with openssl, and what carries them:
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


cert = run("openssl", "x509", "-in", "srv.crt", "-outform", "der")
scts, logs = [], []
# An hour and half an hour before now (a log refuses a timestamp in the future), in ms.
now = int(time.time()) * 1000
for i, (ts, ext) in enumerate([(now - 3600000, b""), (now - 1800000 + 123, b"\x01\x02\x03")]):
    key = f"log{i}.key"
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key)
    spki = run("openssl", "ec", "-in", key, "-pubout", "-outform", "der")
    log_id = hashlib.sha256(spki).digest()  # RFC 6962 §3.2: the hash of the log's public key
    # digitally-signed struct: sct_version v1, signature_type certificate_timestamp, timestamp,
    # entry_type x509_entry, the certificate (3-byte length), the extensions (2-byte length)
    signed = (b"\x00\x00" + struct.pack(">Q", ts) + b"\x00\x00" + struct.pack(">I", len(cert))[1:] + cert
              + struct.pack(">H", len(ext)) + ext)
    sig = run("openssl", "dgst", "-sha256", "-sign", key, inp=signed)
    scts.append(b"\x00" + log_id + struct.pack(">Q", ts) + struct.pack(">H", len(ext)) + ext
                + b"\x04\x03" + struct.pack(">H", len(sig)) + sig)  # sha256, ecdsa
    logs.append(f"[log{i}]\ndescription = tlsstep test log {i}\nkey = {base64.b64encode(spki).decode()}\n")
lst = b"".join(struct.pack(">H", len(s)) + s for s in scts)
body = struct.pack(">H", len(lst)) + lst
ext = struct.pack(">HH", 18, len(body)) + body
open("sct12.pem", "w").write(pem("SERVERINFO FOR signed_certificate_timestamp", ext))
open("sct13.pem", "w").write(pem("SERVERINFOV2 FOR signed_certificate_timestamp", struct.pack(">I", 0x1180) + ext))
open("ctlogs.cnf", "w").write("enabled_logs = log0,log1\n\n" + "\n".join(logs))
open("sct-list.bin", "wb").write(body)
