# Compares tlsstep's decoded fields (wire_fields' lines, DIR/STREAM.out) with tshark's
# values for the same messages (DIR/tshark.json, from ts_messages.py): the hellos'
# common fields and extension types, SAN entries, OCSP responses, SCTs and
# renegotiation_info. Each kind must be compared at least
# once, every pair must agree, and no decoder may report an error. Prints one line per
# kind and exits 1 on any disagreement.
# usage: compare_fields.py DIR
import datetime
import glob
import json
import os
import re
import sys

d = sys.argv[1]
ts = {}
for stream, n, k, v in json.load(open(f"{d}/tshark.json")):
    ts.setdefault((str(stream), n), []).append((k, v))
ours = {}
errors = []
for out in glob.glob(f"{d}/*.out"):
    stream = os.path.basename(out)[:-4]
    for line in open(out):
        n, path, value = line.rstrip("\n").split("\t", 2)
        if path == "!error":
            errors.append(f"stream {stream} message {n}: {value}")
        ours.setdefault((stream, int(n)), []).append((path, value))


def hexof(v):
    return v.replace(":", "").lower()


def num(v):
    m = re.search(r"\((\d+)\)", v)
    return m.group(1) if m else v


def oid(v):
    m = re.search(r"\(([\d.]+)\)", v)
    return m.group(1) if m else v


def tsdate(v):
    """tshark's "Dec  2, 2026 00:45:09.123000000 UTC" as "2026-12-02 00:45:09.123"."""
    m = re.match(r"(\w+)\s+(\d+), (\d+) (\d\d:\d\d:\d\d)\.(\d{3})", v)
    t = datetime.datetime.strptime(f"{m.group(1)} {m.group(2)} {m.group(3)}", "%b %d %Y")
    return f"{t:%Y-%m-%d} {m.group(4)}.{m.group(5)}"


def ourdate(v, ms=False):
    return v[:23] if ms else v[:19] + ".000"


def code(v):
    m = re.search(r"\((0x[0-9a-f]{4})\)", v)
    return m.group(1) if m else v


def ext_type(v):
    m = re.match(r"type (\d+),", v)
    return m.group(1) if m else v


# kind: (tshark keys, our path test, tshark normaliser, our normaliser)
pairs = {
    # What every message has, whoever sent it: OpenSSL's and GnuTLS's hellos read alike.
    "handshake type": (["tls.handshake.type"], lambda p: p == "handshake_header/msg_type", str, num),
    "hello random": (["tls.handshake.random"], lambda p: p == "random", hexof, str),
    "session_id": (["tls.handshake.session_id"], lambda p: p == "session_id", hexof, str),
    "cipher suite": (["tls.handshake.ciphersuite"], lambda p: p in ("cipher_suites/cipher_suite", "cipher_suite"),
                     str, code),
    "extension type": (["tls.handshake.extension.type"], lambda p: re.search(r"(^|/)extensions/[^/]+$", p), str,
                       ext_type),
    "supported group": (["tls.handshake.extensions_supported_group"],
                        lambda p: p.endswith("supported_groups/named_group"), str, code),
    "server name": (["tls.handshake.extensions_server_name"], lambda p: p.endswith("server_name/host_name"), str,
                    str),
    "SAN dNSName": (["x509ce.dNSName"], lambda p: p.endswith("subject_alt_names/dNSName"), str, str),
    "SAN iPAddress": (["x509ce.IPAddress.ipv4", "x509ce.IPAddress.ipv6"],
                      lambda p: p.endswith("subject_alt_names/iPAddress"), str, str),
    "SAN rfc822Name": (["x509ce.rfc822Name"], lambda p: p.endswith("subject_alt_names/rfc822Name"), str, str),
    "SAN URI": (["x509ce.uniformResourceIdentifier"],
                lambda p: p.endswith("subject_alt_names/uniformResourceIdentifier"), str, str),
    "SAN otherName type-id": (["x509ce.type_id"], lambda p: p.endswith("otherName/type_id"), str, str),
    "SAN registeredID": (["x509ce.registeredID"], lambda p: p.endswith("subject_alt_names/registeredID"), str, str),
    "OCSP responseStatus": (["ocsp.responseStatus"], lambda p: p.endswith("ocsp_response/responseStatus"), str, num),
    "OCSP responseType": (["ocsp.responseType.id"], lambda p: p.endswith("ocsp_response/responseType"), str, oid),
    "OCSP responderID byKey": (["ocsp.byKey"], lambda p: p.endswith("tbsResponseData/responderID"), hexof,
                               lambda v: v),
    "OCSP producedAt": (["ocsp.producedAt"], lambda p: p.endswith("tbsResponseData/producedAt"), tsdate, ourdate),
    "OCSP issuerNameHash": (["ocsp.issuerNameHash"], lambda p: p.endswith("certID/issuerNameHash"), hexof, str),
    "OCSP issuerKeyHash": (["ocsp.issuerKeyHash"], lambda p: p.endswith("certID/issuerKeyHash"), hexof, str),
    "OCSP serialNumber": (["ocsp.serialNumber"], lambda p: p.endswith("certID/serialNumber"), hexof, str),
    "OCSP certStatus": (["ocsp.certStatus"], lambda p: p.endswith("]/certStatus"), str, num),
    "OCSP revocationTime": (["ocsp.revocationTime"], lambda p: p.endswith("certStatus/revocationTime"), tsdate,
                            ourdate),
    "OCSP revocationReason": (["ocsp.revocationReason"], lambda p: p.endswith("certStatus/revocationReason"), str,
                              num),
    "OCSP thisUpdate": (["ocsp.thisUpdate"], lambda p: p.endswith("]/thisUpdate"), tsdate, ourdate),
    "OCSP nextUpdate": (["ocsp.nextUpdate"], lambda p: p.endswith("]/nextUpdate"), tsdate, ourdate),
    "OCSP signature": (["ocsp.signature"], lambda p: p.endswith("ocsp_response/signature"), hexof, str),
    "SCT version": (["tls.sct.sct_version"], lambda p: p.endswith("/sct_version"), str, num),
    "SCT log id": (["tls.sct.sct_logid"], lambda p: p.endswith("/log_id"), hexof, str),
    "SCT timestamp": (["tls.sct.sct_timestamp"], lambda p: re.search(r"sct\[\d+\]/timestamp$", p), tsdate,
                      lambda v: ourdate(v, True)),
    "SCT extensions length": (["tls.sct.sct_extensions_length"], lambda p: re.search(r"sct\[\d+\]/extensions$", p),
                              str, lambda v: "0" if v == "(empty)" else str(len(v) // 2)),
    "SCT signature": (["tls.sct.sct_signature"], lambda p: re.search(r"sct\[\d+\]/signature$", p), hexof, str),
    "renegotiation_info": (["tls.handshake.extensions_reneg_info"],
                           lambda p: p.endswith("renegotiated_connection/client_verify_data") or
                           p.endswith("renegotiated_connection/server_verify_data"), hexof, str),
}
agree = {k: 0 for k in pairs}
bad = []
for key in sorted(set(ts) | set(ours)):
    theirs, mine = ts.get(key, []), ours.get(key, [])
    # An SCT's hash and signature algorithm: tshark's sig_hash pair right after its extensions.
    sct_alg, after_ext = [], False
    for k, v in theirs:
        if k == "tls.sct.sct_extensions_length":
            after_ext = True
        elif after_ext and k in ("tls.handshake.sig_hash_hash", "tls.handshake.sig_hash_sig"):
            sct_alg.append(v)
            after_ext = k == "tls.handshake.sig_hash_hash"
    ours_alg = [num(v) for p, v in mine if re.search(r"sct\[\d+\]/(hash|signature)_algorithm$", p)]
    kinds = dict(pairs)
    for kind, (keys, test, tn, on) in kinds.items():
        want = [tn(v) for k, v in theirs if k in keys]
        got = [on(v) for p, v in mine if test(p)]
        if kind == "renegotiation_info":  # tshark: one value; ours: the halves, in order
            got = ["".join(got)] if got else []
            want = [w for w in want if w]
        if kind == "session_id":  # tshark leaves an empty one out
            got = [g for g in got if g != "(empty)"]
        if kind == "OCSP responderID byKey":
            got = [g for g in got if not g.startswith("byName: ")]
        if want != got:
            bad.append(f"{kind}, stream {key[0]} message {key[1]}: tshark {want}, tlsstep {got}")
        else:
            agree[kind] += len(want)
    if sct_alg != ours_alg:
        bad.append(f"SCT algorithms, stream {key[0]} message {key[1]}: tshark {sct_alg}, tlsstep {ours_alg}")
    else:
        agree.setdefault("SCT hash/signature algorithm", 0)
        agree["SCT hash/signature algorithm"] += len(sct_alg)
# Told apart by sender: a renegotiation's client_verify_data is the client's last Finished
# verify_data on the connection, server_verify_data the server's (RFC 5746 §3.5, §3.6).
halves = 0
for stream in {k[0] for k in ours}:
    sides = [line[0] for line in open(f"{d}/{stream}.msgs")]
    last = {}
    for n in sorted(k[1] for k in ours if k[0] == stream):
        for p, v in ours[(stream, n)]:
            for half in ("client", "server"):
                if p.endswith(f"renegotiated_connection/{half}_verify_data"):
                    if v != last.get(half[0]):
                        bad.append(f"renegotiation_info {half} half, stream {stream} message {n}: {v}, "
                                   f"the {half}'s last Finished said {last.get(half[0])}")
                    else:
                        halves += 1
        for p, v in ours[(stream, n)]:
            if p == "verify_data":
                last[sides[n - 1]] = v
agree["renegotiation_info halves = the last Finished"] = halves
for kind, n in agree.items():
    print(f"{'ok  ' if n else 'FAIL'} - {kind}: {n} value(s) agree with tshark" if "halves" not in kind
          else f"{'ok  ' if n else 'FAIL'} - {kind}: {n}")
for b in bad + errors:
    print("FAIL - " + b)
total = sum(agree.values())
print(f"{total} values agree, {len(bad) + len(errors)} disagree or failed to decode")
sys.exit(1 if bad or errors or not all(agree.values()) else 0)
