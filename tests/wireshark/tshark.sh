#!/usr/bin/env bash
# Wireshark agrees: for several bundled scenarios, tshark opens tlsstep's capture
# with tlsstep's key log, finds no malformed packet, no bad checksum and no TCP
# problem, sees the same handshake messages and hello randoms as tlsstep's JSON,
# and decrypts the same application data (HTTP over TLS on port 443). Also: the
# capture is byte-stable, and a record the DUPLICATE fault sends twice is on the
# wire twice. --pcapng's one file opens decrypted with no key log preference.
# usage: tshark.sh PATH-TO-TLSSTEP
set -u
prog=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
for tool in tshark editcap python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1
  fi
done
ts() { tshark -n -r "$tmp/$1.pcap" -o "tls.keylog_file:$tmp/$1.keys" "${@:2}" 2>/dev/null; }
# tshark's per-packet comma lists, one value per word.
words() { tr ',\t' '\n\n' | grep -v '^$' | tr '\n' ' '; }

# From tlsstep's JSON, three lines: the handshake types in order, the hello randoms
# in order, the number of connections.
expect() {
  python3 - "$1" <<'EOF'
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
hs = [s for s in steps if s["type"] == "handshake" and s.get("message_hex")]
print(" ".join(str(int(s["message_hex"].replace(" ", "")[:2], 16)) for s in hs))
print(" ".join(f["value"] for s in hs for f in s["fields"] if f["name"] == "random"))
print(len({s["connection"] for s in steps}))
EOF
}

for name in tls12-ecdhe-rsa tls12-rsa tls12-cbc tls12-dhe-rsa tls13 tls13-hrr tls12-resume-id tls13-resume \
            tls12-renegotiation tls12-renegotiation-server; do
  if ! "$prog" --pcap "$tmp/$name.pcap" --keylog "$tmp/$name.keys" --json "$tmp/$name.json" "$name" >/dev/null 2>&1; then
    bad "$name: tlsstep run"; continue
  fi
  n=$(ts "$name" | wc -l)
  [ "$n" -gt 10 ] && ok "$name: tshark reads $n packets" || bad "$name: tshark reads the capture ($n packets)"
  [ -z "$(ts "$name" -Y _ws.malformed)" ] && ok "$name: no malformed packet" || bad "$name: malformed packets"
  [ -z "$(ts "$name" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
          -Y 'ip.checksum.status != 1 || tcp.checksum.status != 1')" ] \
    && ok "$name: every IPv4 and TCP checksum is good" || bad "$name: bad or unverified checksums"
  [ -z "$(ts "$name" -Y 'tcp.analysis.flags && !tcp.analysis.window_update')" ] \
    && ok "$name: TCP analysis finds no problem" || bad "$name: TCP analysis flags"
  { read -r want_types; read -r want_randoms; read -r conns; } < <(expect "$tmp/$name.json")
  got=$(ts "$name" -T fields -e tls.handshake.type | words)
  [ -n "$want_types" ] && [ "$want_types " = "$got" ] && ok "$name: tshark's handshake messages equal tlsstep's ($want_types)" \
    || { bad "$name: handshake messages"; echo "     tlsstep: $want_types"; echo "     tshark:  $got"; }
  got=$(ts "$name" -Y 'tls.handshake.type == 1 || tls.handshake.type == 2' -T fields -e tls.handshake.random \
        | tr -d ':' | words)
  [ -n "$want_randoms" ] && [ "$want_randoms " = "$got" ] && ok "$name: tshark's hello randoms equal tlsstep's" \
    || { bad "$name: hello randoms"; echo "     tlsstep: $want_randoms"; echo "     tshark:  $got"; }
  # Decrypted application data: the request and the reply, once per connection.
  req=$(ts "$name" -Y http.request -T fields -e http.request.method -e http.request.uri | sort | uniq -c | tr -s ' ')
  [ "$req" = " $conns GET"$'\t'"/" ] && ok "$name: tshark decrypts the request GET / ($conns connection(s))" \
    || bad "$name: decrypted request: '$req'"
  code=$(ts "$name" -Y http.response -T fields -e http.response.code | sort | uniq -c | tr -s ' ')
  [ "$code" = " $conns 200" ] && ok "$name: tshark decrypts the reply 200" || bad "$name: decrypted reply: '$code'"
done

# A renegotiation: its messages crossed under the first handshake's keys, its close_notify
# alerts under its own; tshark reads all of them with the key log's two CLIENT_RANDOM lines.
for name in tls12-renegotiation tls12-renegotiation-server; do
  n=$(grep -c '^CLIENT_RANDOM ' "$tmp/$name.keys")
  [ "$n" -eq 2 ] && ok "$name: the key log has one CLIENT_RANDOM per handshake" || bad "$name: $n CLIENT_RANDOM lines"
  n=$(ts "$name" -Y 'tls.handshake.type == 20' | wc -l)
  [ "$n" -eq 4 ] && ok "$name: tshark decrypts the four Finished of both handshakes" || bad "$name: $n Finished decrypted"
  n=$(ts "$name" -Y 'tls.alert_message.desc == 0' | wc -l)
  [ "$n" -eq 2 ] && ok "$name: tshark decrypts both close_notify under the renegotiated keys" \
    || bad "$name: $n close_notify decrypted"
done

# The same run gives the same capture, byte for byte.
"$prog" --pcap "$tmp/again.pcap" tls12-resume-id >/dev/null 2>&1
cmp -s "$tmp/again.pcap" "$tmp/tls12-resume-id.pcap" && ok "tls12-resume-id: the capture is byte-stable" \
  || bad "tls12-resume-id: two runs gave different captures"

# A duplicated record crossed twice: both copies must be in the capture.
sed -e 's/^\[expect\]/[faults]\nfault = client ClientKeyExchange duplicate\n\n[expect]/' \
    -e 's/^result = success/result = failure/' \
    "$(dirname "$0")/../../lessons/scenarios/tls12-ecdhe-rsa.scenario" > "$tmp/dup.scenario"
"$prog" --pcap "$tmp/dup.pcap" --keylog "$tmp/dup.keys" "$tmp/dup.scenario" >/dev/null 2>&1
n=$(ts dup -Y 'tls.handshake.type == 16' | wc -l)
[ "$n" -eq 2 ] && ok "duplicate fault: the ClientKeyExchange is on the wire twice" \
  || bad "duplicate fault: ClientKeyExchange seen $n times, expected 2"

# --pcapng: one file with the key log inside (a Decryption Secrets Block). tshark opens it
# with no key log preference at all and decrypts the request and the reply; with its
# secrets stripped (editcap --discard-all-secrets) it cannot, so the decryption came
# from the block. Its packets are the --pcap's, byte for byte (editcap -F pcap; the
# 24-byte file headers differ in snap length only), and it is written 0600 as a key log is.
for name in tls12-ecdhe-rsa tls13 tls13-resume; do
  f=$tmp/$name.pcapng
  if ! "$prog" --pcapng "$f" "$name" >/dev/null 2>&1; then bad "$name: tlsstep --pcapng"; continue; fi
  conns=$(expect "$tmp/$name.json" | sed -n 3p)
  req=$(tshark -n -r "$f" -Y http.request -T fields -e http.request.method 2>/dev/null | sort | uniq -c | tr -s ' ')
  code=$(tshark -n -r "$f" -Y http.response -T fields -e http.response.code 2>/dev/null | sort | uniq -c | tr -s ' ')
  [ "$req" = " $conns GET" ] && [ "$code" = " $conns 200" ] \
    && ok "$name: the pcapng opens decrypted without tls.keylog_file (GET /, 200; $conns connection(s))" \
    || bad "$name: pcapng decrypted request '$req', reply '$code'"
  editcap --discard-all-secrets "$f" "$tmp/$name.nosecrets.pcapng" 2>/dev/null
  n=$(tshark -n -r "$tmp/$name.nosecrets.pcapng" -Y 'http || tls.handshake.type == 20' 2>/dev/null | wc -l)
  [ "$n" -eq 0 ] && ok "$name: without its secrets block the pcapng stays encrypted" \
    || bad "$name: $n packets decrypted with the secrets block removed"
  editcap -F pcap "$f" "$tmp/$name.from-ng.pcap" 2>/dev/null
  cmp -s <(tail -c +25 "$tmp/$name.from-ng.pcap") <(tail -c +25 "$tmp/$name.pcap") \
    && ok "$name: the pcapng's packets are the --pcap's, byte for byte" || bad "$name: pcapng and pcap packets differ"
  [ "$(stat -c %a "$f")" = 600 ] && ok "$name: the pcapng is mode 0600 (it holds the secrets)" \
    || bad "$name: pcapng mode $(stat -c %a "$f")"
done
"$prog" --pcapng "$tmp/again.pcapng" tls13 >/dev/null 2>&1
cmp -s "$tmp/again.pcapng" "$tmp/tls13.pcapng" && ok "tls13: the pcapng is byte-stable" \
  || bad "tls13: two runs gave different pcapng files"
# A run that fails before any secret exists has nothing to embed: the file still opens.
"$prog" --pcapng "$tmp/fail.pcapng" fail-no-shared-suite >/dev/null 2>&1
n=$(tshark -n -r "$tmp/fail.pcapng" 2>/dev/null | wc -l)
[ "$n" -gt 0 ] && [ -z "$(tshark -n -r "$tmp/fail.pcapng" -Y _ws.malformed 2>/dev/null)" ] \
  && ok "fail-no-shared-suite: its pcapng (no secrets) opens: $n packets, none malformed" \
  || bad "fail-no-shared-suite: pcapng reads $n packets"

# A man in the middle (attack-mitm-noverify): two TCP connections, client 127.0.0.1 ->
# attacker 127.0.0.3 and attacker -> server 127.0.0.2, their segments interleaved; the key
# log carries both handshakes, and tshark decrypts the request on each side of the attacker:
# as the client wrote it (GET /) and as the attacker changed it (GET ~).
name=attack-mitm-noverify
if "$prog" --pcap "$tmp/$name.pcap" --keylog "$tmp/$name.keys" --json "$tmp/$name.json" "$name" >/dev/null 2>&1; then
  [ -z "$(ts "$name" -Y _ws.malformed)" ] && [ -z "$(ts "$name" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
      -Y 'ip.checksum.status != 1 || tcp.checksum.status != 1')" ] \
    && [ -z "$(ts "$name" -Y 'tcp.analysis.flags && !tcp.analysis.window_update')" ] \
    && ok "$name: no malformed packet, good checksums, no TCP problem" || bad "$name: malformed, checksums or TCP flags"
  got=$(ts "$name" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e ip.src -e tcp.srcport -e ip.dst \
        -e tcp.dstport | tr '\t' ' ' | tr '\n' ';')
  [ "$got" = "127.0.0.1 50001 127.0.0.3 443;127.0.0.3 50002 127.0.0.2 443;" ] \
    && ok "$name: two TCP connections, client -> attacker and attacker -> server" || bad "$name: connections: $got"
  [ "$(grep -c '^CLIENT_RANDOM ' "$tmp/$name.keys")" -eq 2 ] && ok "$name: the key log holds both handshakes" \
    || bad "$name: key log lines: $(grep -c '^CLIENT_RANDOM ' "$tmp/$name.keys")"
  { read -r want_types; read -r want_randoms; read -r conns; } < <(expect "$tmp/$name.json")
  got=$(ts "$name" -T fields -e tls.handshake.type | words)
  [ "$conns" = 2 ] && [ "$want_types " = "$got" ] && ok "$name: tshark's handshake messages equal tlsstep's, in order" \
    || { bad "$name: handshake messages"; echo "     tlsstep: $want_types"; echo "     tshark:  $got"; }
  got=$(ts "$name" -Y 'tls.handshake.type == 1 || tls.handshake.type == 2' -T fields -e tls.handshake.random \
        | tr -d ':' | words)
  [ "$want_randoms " = "$got" ] && ok "$name: tshark's hello randoms (four, two per handshake) equal tlsstep's" \
    || { bad "$name: hello randoms"; echo "     tlsstep: $want_randoms"; echo "     tshark:  $got"; }
  got=$(ts "$name" -Y http.request -T fields -e ip.src -e ip.dst -e http.request.method -e http.request.uri \
        | tr '\t' ' ' | tr '\n' ';')
  [ "$got" = "127.0.0.1 127.0.0.3 GET /;127.0.0.3 127.0.0.2 GET ~;" ] \
    && ok "$name: tshark decrypts GET / to the attacker and the attacker's GET ~ to the server" \
    || bad "$name: decrypted requests: $got"
  got=$(ts "$name" -Y http.response -T fields -e ip.src -e ip.dst -e http.response.code | tr '\t' ' ' | tr '\n' ';')
  [ "$got" = "127.0.0.2 127.0.0.3 200;127.0.0.3 127.0.0.1 200;" ] \
    && ok "$name: tshark decrypts the reply from the server and as the attacker relays it" \
    || bad "$name: decrypted replies: $got"
else
  bad "$name: tlsstep run"
fi
# attack-mitm: the client refuses the attacker's certificate; the attacker never connects on.
name=attack-mitm
"$prog" --pcap "$tmp/$name.pcap" --keylog "$tmp/$name.keys" "$name" >/dev/null 2>&1
got=$(ts "$name" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e ip.dst | tr '\n' ' ')
alert=$(ts "$name" -Y tls.alert_message -T fields -e ip.src -e tls.alert_message.desc | tr '\t' ' ')
[ "$got" = "127.0.0.3 " ] && [ "$alert" = "127.0.0.1 48" ] \
  && ok "$name: one TCP connection, to the attacker, ended by the client's unknown_ca (48)" \
  || bad "$name: connections to '$got', alert '$alert'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
