#!/usr/bin/env bash
# Wireshark agrees: for several bundled scenarios, tshark opens tlsstep's capture
# with tlsstep's key log, finds no malformed packet and no TCP problem, sees the
# same handshake randoms as tlsstep's JSON, and decrypts the same application
# data (HTTP over TLS on port 443).
# usage: tshark.sh PATH-TO-TLSSTEP
set -u
prog=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
if ! command -v tshark >/dev/null; then
  echo "tshark is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1
fi
ts() { tshark -n -r "$tmp/$1.pcap" -o "tls.keylog_file:$tmp/$1.keys" "${@:2}" 2>/dev/null; }

for name in tls12-ecdhe-rsa tls12-rsa tls12-cbc tls12-dhe-rsa tls13 tls13-hrr tls12-resume-id tls13-resume; do
  if ! "$prog" --pcap "$tmp/$name.pcap" --keylog "$tmp/$name.keys" --json "$tmp/$name.json" "$name" >/dev/null 2>&1; then
    bad "$name: tlsstep run"; continue
  fi
  n=$(ts "$name" | wc -l)
  [ "$n" -gt 10 ] && ok "$name: tshark reads $n packets" || bad "$name: tshark reads the capture ($n packets)"
  [ -z "$(ts "$name" -Y _ws.malformed)" ] && ok "$name: no malformed packet" || bad "$name: malformed packets"
  [ -z "$(ts "$name" -Y 'tcp.analysis.flags && !tcp.analysis.window_update')" ] \
    && ok "$name: TCP analysis finds no problem" || bad "$name: TCP analysis flags"
  # The hello randoms tshark sees, in order, against tlsstep's JSON (ClientHello, ServerHello, ...).
  want=$(grep -A1 '"name": "random",' "$tmp/$name.json" | sed -n 's/.*"value": "\([0-9a-f]*\)".*/\1/p' | tr '\n' ' ')
  got=$(ts "$name" -Y 'tls.handshake.type == 1 || tls.handshake.type == 2' -T fields -e tls.handshake.random \
        | tr -d ':' | tr ',' '\n' | grep -v '^$' | tr '\n' ' ')
  [ -n "$want" ] && [ "$want" = "$got" ] && ok "$name: tshark's hello randoms equal tlsstep's" \
    || { bad "$name: hello randoms"; echo "     tlsstep: $want"; echo "     tshark:  $got"; }
  # Decrypted application data: the request and the reply, once per connection.
  conns=$(grep -o '"connection": [0-9]*' "$tmp/$name.json" | sort -u | wc -l)
  req=$(ts "$name" -Y http.request -T fields -e http.request.method -e http.request.uri | sort | uniq -c | tr -s ' ')
  [ "$req" = " $conns GET"$'\t'"/" ] && ok "$name: tshark decrypts the request GET / ($conns connection(s))" \
    || bad "$name: decrypted request: '$req'"
  code=$(ts "$name" -Y http.response -T fields -e http.response.code | sort | uniq -c | tr -s ' ')
  [ "$code" = " $conns 200" ] && ok "$name: tshark decrypts the reply 200" || bad "$name: decrypted reply: '$code'"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
