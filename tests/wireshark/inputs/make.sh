#!/usr/bin/env bash
# How decoders.pcapng and decoders.keys were made (run once; the files are committed so
# that the test does not depend on the clock, the network or OpenSSL's version):
# a CA and a server certificate carrying a SAN of every GeneralName type (san.cnf); two
# OCSP responses from `openssl ocsp` for three serials (good, revoked, unknown), one with
# the responder named byName and its certificate, one byKey without; two real SCTs
# (RFC 6962 §3.2) signed by two test logs (EC keys made here) over the certificate, and
# one embedded in it over its precertificate (sct.py), which `openssl s_client -ct`
# validates against a log list naming those logs. Then four connections on loopback,
# captured by dumpcap, the servers' key log beside them:
#   1. TLS 1.2: s_server -status_file (CertificateStatus), -serverinfo (SCTs in the
#      ServerHello), and a client-initiated renegotiation (renegotiation_info's verify
#      data, both halves);
#   2. TLS 1.3: the OCSP response and the SCTs inside the Certificate entry's extensions;
#   3, 4. GnuTLS (gnutls-serv and gnutls-cli), TLS 1.2 and TLS 1.3, stapling the OCSP response.
# Needs openssl, dumpcap (may capture on lo), gnutls-serv and gnutls-cli, python3.
# usage: make.sh [OUTDIR]  (default: this directory)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=tlsstep test CA" -days 3650 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out srv.csr -subj /CN=localhost 2>/dev/null
openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -set_serial 0x1001 -days 3650 -extfile "$here/san.cnf" \
  -extensions ext -out srv.crt 2>/dev/null
# OCSP: 1001 good, 1002 revoked (keyCompromise), 1003 not in the index (unknown).
printf 'V\t361130000000Z\t\t1001\tunknown\t/CN=localhost\n' >index.txt
printf 'R\t361130000000Z\t261101120000Z,keyCompromise\t1002\tunknown\t/CN=revoked.test\n' >>index.txt
openssl ocsp -issuer ca.crt -serial 0x1001 -serial 0x1002 -serial 0x1003 -no_nonce -reqout req.der >/dev/null
openssl ocsp -index index.txt -rsigner ca.crt -rkey ca.key -CA ca.crt -reqin req.der -ndays 30 \
  -respout resp-name.der >/dev/null 2>&1
openssl ocsp -index index.txt -rsigner ca.crt -rkey ca.key -CA ca.crt -reqin req.der -ndays 30 -resp_key_id \
  -resp_no_certs -respout resp-key.der >/dev/null 2>&1
python3 "$here/sct.py"
base=$((30000 + $$ % 20000))
timeout 60 dumpcap -q -i lo -f "tcp portrange $base-$((base + 3))" -w "$tmp/cap.pcapng" 2>dumpcap.err &
dumpcap_pid=$!
pids+=("$dumpcap_pid")
for _ in $(seq 50); do grep -q "Capturing on" dumpcap.err && break; sleep 0.1; done
srv() {
  timeout 15 openssl s_server -quiet -accept "$1" -keylogfile keys.txt -www -cert srv-ct.pem -key srv.key "${@:2}" \
    >"s$1.log" 2>&1 &
  spid=$!
  pids+=("$spid")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && break; sleep 0.1; done
}
srv "$base" -status_file resp-name.der -serverinfo sct12.pem -client_renegotiation
printf 'R\n' | timeout 8 openssl s_client -connect "127.0.0.1:$base" -servername san.test -tls1_2 -status \
  -CAfile ca.crt -ct -ctlogfile ctlogs.cnf -no_ign_eof >c1.log 2>&1 || true
kill "$spid" 2>/dev/null || true
srv $((base + 1)) -status_file resp-key.der -serverinfo sct13.pem
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 8 openssl s_client -connect "127.0.0.1:$((base + 1))" -servername san.test \
  -status -CAfile ca.crt -ct -ctlogfile ctlogs.cnf -quiet >c2.log 2>&1 || true
kill "$spid" 2>/dev/null || true
# GnuTLS's bytes too: gnutls-serv staples the byName response (TLS 1.2: CertificateStatus;
# TLS 1.3: the Certificate entry's status_request) to gnutls-cli, its key log through
# SSLKEYLOGFILE. GnuTLS sends no SCTs.
gnutls_srv() {
  SSLKEYLOGFILE="$tmp/keys.txt" timeout 15 gnutls-serv --http -p "$1" --x509certfile srv-ct.pem --x509keyfile srv.key \
    --ocsp-response resp-name.der --ignore-ocsp-response-errors >"s$1.log" 2>&1 &
  spid=$!
  pids+=("$spid")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && break; sleep 0.1; done
}
gnutls_srv $((base + 2))
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 8 gnutls-cli --x509cafile ca.crt -p $((base + 2)) --sni-hostname=san.test \
  --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2" localhost >c3.log 2>&1 || true
kill "$spid" 2>/dev/null || true
gnutls_srv $((base + 3))
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 8 gnutls-cli --x509cafile ca.crt -p $((base + 3)) --sni-hostname=san.test \
  localhost >c4.log 2>&1 || true
kill "$spid" 2>/dev/null || true
sleep 0.5
kill "$dumpcap_pid"
wait "$dumpcap_pid" 2>/dev/null || true
for c in c3 c4; do
  grep -q 'OCSP' "$c.log" || { echo "make.sh: gnutls-cli saw no OCSP response ($c)" >&2; cat "$c.log" >&2; exit 1; }
done
grep -q 'RENEGOTIATING' c1.log || { echo "make.sh: the TLS 1.2 client did not renegotiate" >&2; cat c1.log >&2; exit 1; }
# Three SCTs per handshake (one embedded, two in TLS), each validated by OpenSSL against the log list.
n=$(grep -c 'SCT validation status: valid' c1.log || true)
[ "$n" -ge 3 ] || { echo "make.sh: OpenSSL did not validate the three SCTs ($n)" >&2; cat c1.log >&2; exit 1; }
cp cap.pcapng "$out/decoders.pcapng"
cp keys.txt "$out/decoders.keys"
cp srv-ct.pem "$out/san-all-types.crt"
cp srv-ct.crt "$out/san-all-types.der"
cp resp-name.der "$out/ocsp-byname.der"
cp resp-key.der "$out/ocsp-bykey.der"
cp sct-list.bin "$out/sct-list.bin"
echo "make.sh: wrote decoders.pcapng and decoders.keys (ports $base-$((base + 3))) to $out"
