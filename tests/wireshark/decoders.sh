#!/usr/bin/env bash
# tlsstep's decoders on another stack's bytes, against tshark (issue 17): the capture in
# inputs/ (made by inputs/make.sh: OpenSSL's s_server and s_client on loopback, TLS 1.2
# with a CertificateStatus, SCTs and a renegotiation, TLS 1.3 with the OCSP response and
# SCTs in the Certificate entry, a certificate with a SAN of every type and an embedded
# SCT over its precertificate). tshark decrypts it with the key log and hands over each
# handshake message's bytes and its own decoded values; wire_fields decodes the same
# bytes with wire/; compare_fields.py pairs them.
# usage: decoders.sh PATH-TO-WIRE_FIELDS
set -u
prog=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for tool in tshark python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (tools/setup installs it)"; exit 1; }
done
# Both connections' ports are TLS, whatever tshark's heuristics think of them.
ports=$(tshark -n -r "$here/inputs/decoders.pcapng" -T fields -e tcp.dstport -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' \
          2>/dev/null | sort -n | sed -n '1p;$p' | tr '\n' '-' | sed 's/-$//')
[ -n "$ports" ] || { echo "FAIL - tshark reads no connection in inputs/decoders.pcapng"; exit 1; }
tshark -n -r "$here/inputs/decoders.pcapng" -o "tls.keylog_file:$here/inputs/decoders.keys" \
  -d "tcp.port==$ports,tls" -T json --no-duplicate-keys -x -Y tls.handshake >"$tmp/tshark-raw.json" 2>/dev/null
python3 "$here/ts_messages.py" "$tmp/tshark-raw.json" "$tmp" || { echo "FAIL - reading tshark's JSON"; exit 1; }
n=0
for f in "$tmp"/*.msgs; do
  "$prog" <"$f" >"${f%.msgs}.out" || { echo "FAIL - wire_fields on $(basename "$f")"; exit 1; }
  n=$((n + $(wc -l <"$f")))
done
echo "# $n handshake messages from tshark, decoded by wire/"
python3 "$here/compare_fields.py" "$tmp"
