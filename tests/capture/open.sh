#!/usr/bin/env bash
# tlsstep --open on captures: tlsstep's own --pcap and --keylog opened back (its
# connections listed with the same SNI, version, suite and keys as the run that
# wrote them, and as tshark reads the same capture), and each bad input with its
# clear message and exit 2: not a capture, a capture cut short (what came before it
# still listed), a capture with no TLS, a malformed key log line (file:line), a key
# log that matches no connection, a connection number out of range; and stepping
# through (--batch, --json): without a key log, with one that matches nothing or holds a
# wrong secret (never verified), a lost segment (the steps up to it), outputs that would
# overwrite the capture or its key log.
# usage: open.sh PATH-TO-TLSSTEP
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }

# expect STATUS PATTERN DESCRIPTION -- ARGS...: exit status, and PATTERN in stdout or stderr
expect() {
  local want=$1 pattern=$2 what=$3; shift 4
  "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$what: exit $got, expected $want"; sed 's/^/     /' "$tmp/err" | head -5; return
  fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
    bad "$what: output lacks /$pattern/"; sed 's/^/     /' "$tmp/out" "$tmp/err" | head -8; return
  fi
  ok "$what"
}

for s in tls12-ecdhe-rsa tls13 tls12-resume-id tls12-rsa; do
  "$prog" --pcap "$tmp/$s.pcap" --keylog "$tmp/$s.keys" "$s" >/dev/null 2>&1 || bad "$s: the run that writes the capture"
done
cp "$tmp/tls13.pcap" "$tmp/tls13-copy.pcap"
# A capture has no state machine to say when a handshake is over: its application data still
# comes after the handshake, as in the run that wrote it (and in TLS 1.2 without the key log too:
# the record header says application_data; TLS 1.3's hides every type behind it).
for s in tls12-ecdhe-rsa tls13; do
  for keys in "--keylog $tmp/$s.keys" ${s%%-*}; do
    [ "$keys" = tls13 ] && continue
    [ "$keys" = tls12 ] && keys=""
    # shellcheck disable=SC2086
    "$prog" --open "$tmp/$s.pcap" $keys --batch 2>/dev/null | grep -E '^-- |ApplicationData' | tail -3 | head -1 | grep -q '^-- After the handshake --$' \
      && ok "$s${keys:+ with its key log}: application data after the handshake" \
      || bad "$s${keys:+ with its key log}: application data not after the handshake"
  done
done

expect 0 '^1  127\.0\.0\.1:50001  127\.0\.0\.2:443  www\.example\.com  TLS 1\.2  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256  yes$' \
  "tls12-ecdhe-rsa opened back: its connection, SNI, version, suite, keys" -- --open "$tmp/tls12-ecdhe-rsa.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --list-connections
expect 0 '^#  client  +server  +SNI  +version  suite  +keys$' "the list has its header" -- --open "$tmp/tls13.pcap" --list-connections
expect 0 'TLS 1\.3  TLS_CHACHA20_POLY1305_SHA256  yes$' "tls13 opened back with its key log: every TLS 1.3 secret" \
  -- --open "$tmp/tls13.pcap" --keylog "$tmp/tls13.keys" --list-connections
expect 0 'TLS 1\.3  TLS_CHACHA20_POLY1305_SHA256  no$' "without a key log, no keys" -- --open "$tmp/tls13.pcap" --list-connections
expect 0 '^2  127\.0\.0\.1:50002 ' "tls12-resume-id: both connections" -- --open "$tmp/tls12-resume-id.pcap" --keylog "$tmp/tls12-resume-id.keys" --list-connections
expect 0 'TLS_RSA_WITH_AES_128_GCM_SHA256' "tls12-rsa: the RSA key exchange suite" -- "$tmp/tls12-rsa.pcap" --list-connections
# A resumed TLS 1.2 connection whose key log line is missing takes its session's
# master secret from the earlier connection with the same session id or ticket.
for s in tls12-resume-id tls12-resume-ticket; do
  "$prog" --pcap "$tmp/$s.pcap" --keylog "$tmp/$s.keys" "$s" >/dev/null 2>&1 || bad "$s: the run that writes the capture"
  awk '/connection 2/ { exit } { print }' "$tmp/$s.keys" >"$tmp/$s-first.keys"
done
expect 0 "^2  .*  yes: connection 1's, resumed by session id$" "resumed by session id: connection 1's master secret, said so" \
  -- --open "$tmp/tls12-resume-id.pcap" --keylog "$tmp/tls12-resume-id-first.keys" --list-connections
expect 0 "^2  .*  yes: connection 1's, resumed by ticket$" "resumed by ticket: connection 1's master secret, said so" \
  -- --open "$tmp/tls12-resume-ticket.pcap" --keylog "$tmp/tls12-resume-ticket-first.keys" --list-connections
expect 0 "^2  .*  yes$" "resumed with its own key log line: its own" \
  -- --open "$tmp/tls12-resume-ticket.pcap" --keylog "$tmp/tls12-resume-ticket.keys" --list-connections
awk '/connection 2/ { p = 1 } p' "$tmp/tls12-resume-id.keys" >"$tmp/second.keys"
expect 0 "^1  .*  no$" "a full handshake without its line takes no one's" \
  -- --open "$tmp/tls12-resume-id.pcap" --keylog "$tmp/second.keys" --list-connections

# A pcapng file carrying its key log in a Decryption Secrets Block (editcap
# --inject-secrets) needs no --keylog; with one too, both must agree.
if command -v editcap >/dev/null; then
  editcap --inject-secrets "tls,$tmp/tls13.keys" "$tmp/tls13.pcap" "$tmp/dsb.pcapng"
  expect 0 'TLS 1\.3  TLS_CHACHA20_POLY1305_SHA256  yes$' "a Decryption Secrets Block: its keys, without --keylog" \
    -- --open "$tmp/dsb.pcapng" --list-connections
  expect 0 'TLS 1\.3  TLS_CHACHA20_POLY1305_SHA256  yes$' "a Decryption Secrets Block and the same key log" \
    -- --open "$tmp/dsb.pcapng" --keylog "$tmp/tls13.keys" --list-connections
  sed -E '/^CLIENT_HANDSHAKE/s/ [0-9a-f]([0-9a-f]+)$/ 0\1/; /^CLIENT_HANDSHAKE/s/ 0([0-9a-f]+)$/ 1\1/' "$tmp/tls13.keys" >"$tmp/other.keys"
  cmp -s "$tmp/tls13.keys" "$tmp/other.keys" && bad "other.keys differs from tls13.keys"
  expect 2 "other\.keys:[0-9]+ and .*dsb\.pcapng \(Decryption Secrets Block\):[0-9]+ give different CLIENT_HANDSHAKE_TRAFFIC_SECRET" \
    "a Decryption Secrets Block and a key log that disagree" -- --open "$tmp/dsb.pcapng" --keylog "$tmp/other.keys" --list-connections
  printf 'CLIENT_RANDOM 00 11\n' >"$tmp/bad-dsb.keys"
  editcap --inject-secrets "tls,$tmp/bad-dsb.keys" "$tmp/tls13.pcap" "$tmp/bad-dsb.pcapng"
  expect 2 "bad-dsb\.pcapng \(Decryption Secrets Block\):1: CLIENT_RANDOM's client random is not 64 hex digits" \
    "a malformed key log in a Decryption Secrets Block: its line" -- --open "$tmp/bad-dsb.pcapng" --list-connections
else
  bad "editcap is not installed (tools/setup installs tshark, which brings it)"
fi

# The same values as tshark reads from the same capture.
if command -v tshark >/dev/null; then
  for s in tls12-ecdhe-rsa tls13 tls12-resume-id tls12-rsa; do
    "$prog" --open "$tmp/$s.pcap" --list-connections 2>/dev/null | awk 'NR > 1' >"$tmp/list"
    sni_want=$(tshark -n -r "$tmp/$s.pcap" -Y 'tls.handshake.type == 1' -T fields -e tls.handshake.extensions_server_name 2>/dev/null | tr '\n' ' ')
    sni_got=$(awk '{ print $4 }' "$tmp/list" | tr '\n' ' ')
    [ "$sni_want" = "$sni_got" ] && [ -n "$sni_got" ] && ok "$s: the SNI tshark reads ($sni_got)" || bad "$s: SNI '$sni_got', tshark '$sni_want'"
    suite_want=$(tshark -n -V -r "$tmp/$s.pcap" -Y 'tls.handshake.type == 2' 2>/dev/null | grep -oE 'Cipher Suite: [A-Z0-9_]+' | cut -d' ' -f3 | tr '\n' ' ')
    suite_got=$(awk '{ print $7 }' "$tmp/list" | tr '\n' ' ')
    [ "$suite_want" = "$suite_got" ] && [ -n "$suite_got" ] && ok "$s: the suites tshark reads ($suite_got)" || bad "$s: suites '$suite_got', tshark '$suite_want'"
    client_want=$(tshark -n -r "$tmp/$s.pcap" -Y 'tls.handshake.type == 1' -T fields -e ip.src -e tcp.srcport 2>/dev/null | tr '\t' ':' | tr '\n' ' ')
    client_got=$(awk '{ print $2 }' "$tmp/list" | tr '\n' ' ')
    [ "$client_want" = "$client_got" ] && ok "$s: the clients tshark reads" || bad "$s: clients '$client_got', tshark '$client_want'"
  done
else
  bad "tshark is not installed (tools/setup installs it)"
fi

# Bad input.
printf '[scenario]\nname = x\n' >"$tmp/not.pcap"
expect 2 "not\.pcap: not a capture tlsstep can read \(libpcap: .*\); expected a pcap or pcapng file" "not a capture" -- --open "$tmp/not.pcap" --list-connections
TLSSTEP_LIBPCAP=/nonexistent/libpcap.so expect 2 "tls13\.pcap: libpcap is needed to read or write a capture and could not be loaded: /nonexistent/libpcap\.so" \
  "libpcap opened only to read a capture, and said when it cannot be" -- --open "$tmp/tls13.pcap" --list-connections
expect 2 "no\.pcap: cannot open: No such file" "a capture that is not there" -- --open "$tmp/no.pcap" --list-connections
expect 2 "is a directory; expected a pcap or pcapng file" "a directory as a capture" -- --open "$tmp" --list-connections
size=$(stat -c %s "$tmp/tls12-ecdhe-rsa.pcap")
head -c $((size - 30)) "$tmp/tls12-ecdhe-rsa.pcap" >"$tmp/cut.pcap"
expect 2 "cut\.pcap: packet [0-9]+: the capture is damaged or cut short \(libpcap: .*\); the [0-9]+ packets before it were read" \
  "a capture cut short: said with its packet" -- --open "$tmp/cut.pcap" --list-connections
expect 2 "^1  127\.0\.0\.1:50001 .*TLS 1\.2" "a capture cut short: what came before is still listed" -- --open "$tmp/cut.pcap" --list-connections
head -c 24 "$tmp/tls12-ecdhe-rsa.pcap" >"$tmp/empty.pcap"
expect 2 "empty\.pcap: no TLS connection in it \(0 packets, 0 TCP connections\)" "a capture with no TLS" -- --open "$tmp/empty.pcap" --list-connections
# A connection whose first bytes were not captured: said, not taken for TLS or not.
python3 - "$tmp/lost-start.pcap" <<'PY'
import struct, sys
def frame(src, dst, sport, dport, seq, flags, payload=b""):
    tcp = struct.pack(">HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 65535, 0, 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, 6, 0, bytes(src), bytes(dst)) + tcp
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip
c, s = [10, 0, 0, 1], [10, 0, 0, 2]
frames = [frame(c, s, 40000, 443, 99, 2), frame(c, s, 40000, 443, 100 + 300, 24, b"\x17" * 50)]
out = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
for i, f in enumerate(frames):
    out += struct.pack("<IIII", 1700000000, i, len(f), len(f)) + f
open(sys.argv[1], "wb").write(out)
PY
expect 2 "lost-start\.pcap: the TCP connection from 10\.0\.0\.1:40000 to 10\.0\.0\.2:443 \(packet 1\) lost its first bytes from 10\.0\.0\.1:40000; whether it is TLS cannot be told" \
  "a connection whose first bytes were lost: said" -- --open "$tmp/lost-start.pcap" --list-connections
{ head -1 "$tmp/tls12-ecdhe-rsa.keys"; echo "CLIENT_RANDOM 00 11"; } >"$tmp/bad.keys"
expect 2 "bad\.keys:2: CLIENT_RANDOM's client random is not 64 hex digits; expected LABEL CLIENT_RANDOM SECRET" \
  "a malformed key log line: file:line" -- --open "$tmp/tls13.pcap" --keylog "$tmp/bad.keys" --list-connections
expect 2 "tls12-ecdhe-rsa\.keys: matches none of the 1 TLS connection in .*tls13\.pcap" "a key log that matches no connection" \
  -- --open "$tmp/tls13.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --list-connections
expect 2 "--connection 3: .*tls12-resume-id\.pcap has 2 TLS connections" "a connection number out of range" \
  -- --open "$tmp/tls12-resume-id.pcap" --connection 3 --batch
expect 2 "--connection 0: expected a connection number, 1 or more" "connection 0" -- --open "$tmp/tls13.pcap" --connection 0
expect 2 "--list-connections reads a capture: give it with --open CAPTURE" "--list-connections without a capture" -- --list-connections
expect 2 "--pcap does not apply to a capture: it is read, not made" "an option a capture does not take" -- --open "$tmp/tls13.pcap" --pcap "$tmp/x.pcap"
expect 2 "^1  127\.0\.0\.1:50001 " "--batch without --connection, two connections: the list on stderr" -- --open "$tmp/tls12-resume-id.pcap" --batch
expect 2 "has 2 TLS connections \(listed above\); expected --connection N" "... and asks for --connection N" -- --open "$tmp/tls12-resume-id.pcap" --batch
expect 2 "--json .*tls13\.pcap: that is the capture this run reads" "--json onto the capture it reads: refused" -- --open "$tmp/tls13.pcap" --json "$tmp/tls13.pcap"
cmp -s "$tmp/tls13.pcap" "$tmp/tls13-copy.pcap" && ok "... and the capture is left as it was" || bad "the capture was overwritten"
expect 2 "--json .*: that is the key log this capture is read with" "--json onto the key log it reads: refused" -- --open "$tmp/tls13.pcap" --keylog "$tmp/tls13.keys" --json "$tmp/tls13.keys"

# Stepping through: one connection needs no --connection; what could be decoded is shown.
expect 0 "ServerKeyExchange" "one connection: stepped through without --connection" -- --open "$tmp/tls12-ecdhe-rsa.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --batch
expect 0 "no key log, so its [0-9]+ encrypted records are shown as they crossed, not decrypted" "no key log: said, exit 0" -- --open "$tmp/tls13.pcap" --batch
expect 0 "encrypted record" "no key log: the records as they crossed" -- --open "$tmp/tls13.pcap" --batch
expect 0 "Without the key log, this capture shows both addresses and ports" "no key log: what the capture reveals" -- --open "$tmp/tls13.pcap" --batch
expect 2 "matches none of the 1 TLS connection" "stepping with a key log that matches nothing: said, exit 2" -- --open "$tmp/tls13.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --batch
expect 2 "ServerHello" "... and its hellos still shown" -- --open "$tmp/tls13.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --batch
# A wrong master secret: nothing decrypts, said; never "verified".
awk '{ if ($1 == "CLIENT_RANDOM") $3 = substr($3, 1, 10) (substr($3, 11, 1) == "0" ? "1" : "0") substr($3, 12); print }' \
  "$tmp/tls12-ecdhe-rsa.keys" >"$tmp/wrong.keys"
expect 2 "connection 1: [0-9]+ encrypted records \(first at step [0-9]+\) could not be decrypted with the key log's secrets" \
  "an encrypted record the key log's secret does not open: said, exit 2" -- --open "$tmp/tls12-ecdhe-rsa.pcap" --keylog "$tmp/wrong.keys" --batch
"$prog" --open "$tmp/tls12-ecdhe-rsa.pcap" --keylog "$tmp/wrong.keys" --json "$tmp/wrong.json" >/dev/null 2>&1
[ "$(jq '[.steps[].secrets[] | select(.name == "master_secret")][0].agrees' "$tmp/wrong.json")" = null ] &&
  ok "... and that master secret stays unconfirmed, never verified" || bad "a wrong master secret was marked"
# --server-key: a TLS 1.2 RSA key exchange decrypted without a key log, the premaster secret from
# the ClientKeyExchange; the master secret is the run's own.
assets=$(cd "$(dirname "$0")/../../assets" && pwd)
"$prog" --batch --json "$tmp/rsa-run.json" tls12-rsa >/dev/null 2>&1
if "$prog" --open "$tmp/tls12-rsa.pcap" --server-key "$assets/server-rsa.key" --json "$tmp/rsa.json" >/dev/null 2>"$tmp/err"; then
  ms=$(jq -r '[.steps[].secrets[] | select(.name == "master_secret")][0].hex' "$tmp/rsa.json")
  want=$(jq -r '[.steps[].secrets[] | select(.name == "master_secret")][0].hex' "$tmp/rsa-run.json")
  hidden=$(jq '[.steps[] | select(.encrypted and .message_hex == null)] | length' "$tmp/rsa.json")
  fins=$(jq '[.steps[].secrets[] | select((.name | test("_verify_data$")) and .agrees == true)] | length' "$tmp/rsa.json")
  [ "$ms" = "$want" ] && [ "$hidden" = 0 ] && [ "$fins" = 2 ] &&
    ok "--server-key: every record decrypted without a key log, both Finished verified, the run's master secret" ||
    bad "--server-key: master secret '$ms' (run '$want'), $hidden records not decrypted, $fins Finished verified"
else
  bad "--server-key: exit $?"; sed 's/^/     /' "$tmp/err" | head -3
fi
expect 2 "--server-key .*server-untrusted\.key does not decrypt the ClientKeyExchange \(step 5\)" "--server-key that is not the server's: said, exit 2" \
  -- --open "$tmp/tls12-rsa.pcap" --server-key "$assets/server-untrusted.key" --batch
expect 2 "--server-key .*tls13\.keys: not a private key tlsstep can read \(mbed TLS: .*\); expected the server's private key" \
  "--server-key that is no key: said, exit 2" -- --open "$tmp/tls12-rsa.pcap" --server-key "$tmp/tls13.keys" --batch
# A lost segment (the ServerKeyExchange's packet): the steps up to it, the gap said, exit 2.
python3 - "$tmp/tls12-ecdhe-rsa.pcap" "$tmp/lost.pcap" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
out, at, n = data[:24], 24, 0
while at < len(data):
    caplen = struct.unpack("<I", data[at + 8:at + 12])[0]
    n += 1
    if n != 10:  # packet 10 carries the ServerKeyExchange
        out += data[at:at + 16 + caplen]
    at += 16 + caplen
open(sys.argv[2], "wb").write(out)
PY
expect 2 "connection 1: the server's stream loses bytes at stream offset 1040 \(after packet 8" "a lost segment: said with its offset and packet" \
  -- --open "$tmp/lost.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --batch
expect 2 "3  server -> client  Certificate" "a lost segment: the steps up to it are shown" -- --open "$tmp/lost.pcap" --keylog "$tmp/tls12-ecdhe-rsa.keys" --batch
"$prog" --open "$tmp/tls13.pcap" --list-connections 2>/dev/null >"$tmp/list"
[ "$(cat "$tmp/list" | wc -l)" -eq 2 ] && ok "--list-connections: the list on stdout, header and one line" || bad "--list-connections: $(wc -l <"$tmp/list") lines on stdout"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
