#!/usr/bin/env python3
"""Compares a run's own --json with the --json of its capture opened back (issue 17).

usage: roundtrip.py RUN.json CAPTURE.json CONNECTION

For one connection: the same messages in the same order, each with the same
plaintext bytes and the same decoded fields (names and values, all the way
down); every record decrypted; both Finished verified; and every secret the key
log carries (holders "key log", not derived by tlsstep) confirmed and equal to the
value the run itself reported under that name. Prints what differs; exit 1 then.
"""
import json
import sys


# A chain's signed_by is judged with the receiver's trust store (the scenario's CA
# file), which a capture does not have: the capture says so instead.
TRUST = ("signed_by",)


def flat(fields, prefix=""):
    out = []
    for f in fields:
        name = prefix + f["name"]
        out.append((name, None if f["name"] in TRUST else f["value"]))
        out.extend(flat(f["children"], name + "/"))
    return out


def role(step):
    """Client or server in its own connection: a capture cannot tell a man in the middle
    from an end, so the run's "attacker" is the server of connection 1 and the client of 2."""
    if step["from"] != "attacker":
        return step["from"]
    return "server" if step.get("connection", 1) == 1 else "client"


def main():
    run = json.load(open(sys.argv[1]))
    cap = json.load(open(sys.argv[2]))
    n = int(sys.argv[3])
    bad = []
    rs = [s for s in run["steps"] if s.get("connection", 1) == n]
    cs = cap["steps"]
    if [s["message"] for s in rs] != [s["message"] for s in cs]:
        bad.append("messages differ: run %s, capture %s" % ([s["message"] for s in rs], [s["message"] for s in cs]))
    for r, c in zip(rs, cs):
        where = "step %d (%s)" % (c["index"], c["message"])
        if role(r) != c["from"]:
            bad.append("%s: from differs: run %r (%s), capture %r" % (where, r["from"], role(r), c["from"]))
        for k in ("type", "encrypted", "record_hex", "message_hex"):
            if r[k] != c[k]:
                bad.append("%s: %s differs: run %r, capture %r" % (where, k, r[k], c[k]))
        fr, fc = flat(r["fields"]), flat(c["fields"])
        if fr != fc:
            diff = [(a, b) for a, b in zip(fr, fc) if a != b][:3]
            bad.append("%s: fields differ (%d run, %d capture), first: %s" % (where, len(fr), len(fc), diff))
        if c["encrypted"] and c["message_hex"] is None:
            bad.append("%s: not decrypted" % where)
    run_values = {}
    for s in rs:
        for x in s["secrets"]:
            run_values.setdefault(x["name"], set()).add(x["hex"])
    keylog = 0
    finished = {}
    for c in cs:
        for x in c["secrets"]:
            if x["name"] in ("client_verify_data", "server_verify_data"):
                finished[x["name"]] = x["agrees"]
            if "key log" not in x["holders"] or not (x["derived_as"] or "").startswith("given by the key log"):
                continue
            keylog += 1
            if x["name"] == "exporter_master_secret":
                continue  # nothing in a capture depends on it
            if x["agrees"] is not True:
                bad.append("step %d: %s from the key log not confirmed: %s" % (c["index"], x["name"], x["check"]))
            if x["hex"] not in run_values.get(x["name"], set()):
                bad.append("step %d: %s from the key log is not the run's" % (c["index"], x["name"]))
    if not keylog:
        bad.append("no secret from the key log")
    for f in ("client_verify_data", "server_verify_data"):
        if finished.get(f) is not True:
            bad.append("%s not verified (%r)" % (f, finished.get(f)))
    for b in bad:
        print("     " + b)
    sys.exit(1 if bad else 0)


main()
