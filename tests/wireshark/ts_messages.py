# Reads tshark's JSON (-T json --no-duplicate-keys -x) of a capture and writes, per TCP
# stream, the handshake messages tshark found (decrypted where the key log allowed) as
# "c HEX" / "s HEX" lines into DIR/STREAM.msgs, and tshark's own decoded values, as a
# flat list of [stream, message number, key, value], into DIR/tshark.json. The side is
# told by who sent the ClientHello, as tlsstep does.
# usage: ts_messages.py TSHARK.json DIR
import json
import sys


def items(o, key):
    """Every value of `key` under o, in document order (a repeated key is a list)."""
    if isinstance(o, dict):
        for k, v in o.items():
            if k == key:
                if isinstance(v, list) and v and isinstance(v[0], list):
                    yield from v
                else:
                    yield v
            else:
                yield from items(v, key)
    elif isinstance(o, list):
        for x in o:
            yield from items(x, key)


def flat(o, out):
    """Every (key, value) pair of tshark's decoded tree with a string value, in order."""
    if isinstance(o, dict):
        for k, v in o.items():
            if k.endswith("_raw"):
                continue
            if isinstance(v, str):
                out.append((k, v))
            elif isinstance(v, list) and all(isinstance(x, str) for x in v):
                out.extend((k, x) for x in v)
            else:
                flat(v, out)
    elif isinstance(o, list):
        for x in o:
            flat(x, out)


packets = json.load(open(sys.argv[1]))
client = {}
msgs = {}
values = []
for pkt in packets:
    layers = pkt["_source"]["layers"]
    stream = layers["tcp"]["tcp.stream"]
    sport = layers["tcp"]["tcp.srcport"]
    for tls in layers["tls"] if isinstance(layers.get("tls"), list) else [layers.get("tls", {})]:
        for rec in items(tls, "tls.record"):
            for r in rec if isinstance(rec, list) else [rec]:
                raws = list(items(r, "tls.handshake_raw"))
                hs = list(items(r, "tls.handshake"))
                for i, raw in enumerate(raws):
                    data = raw[0]
                    if data[:2] == "01" and stream not in client:
                        client[stream] = sport
                    side = "c" if client.get(stream) == sport else "s"
                    msgs.setdefault(stream, []).append(f"{side} {data}")
                    kv = []
                    if i < len(hs):
                        flat(hs[i], kv)
                    n = len(msgs[stream])
                    values.extend([stream, n, k, v] for k, v in kv)
for stream, lines in msgs.items():
    with open(f"{sys.argv[2]}/{stream}.msgs", "w") as f:
        f.write("\n".join(lines) + "\n")
json.dump(values, open(f"{sys.argv[2]}/tshark.json", "w"))
