#!/usr/bin/env bash
# Captures of real TLS stacks: openssl s_server and s_client (and curl, and GnuTLS's
# gnutls-serv and gnutls-cli where installed) on loopback, taken by
# dumpcap (Wireshark's capture program, in wireshark-common) as pcapng, with the
# server's key log. Each case is one connection; tlsstep --open lists each with the
# client that sent the ClientHello, the SNI, the version and suite tshark reads from
# the same capture, and its secrets found in the key log; each connection stepped through
# (every record decrypted, both Finished verified, its handshake messages and hello randoms
# those tshark decrypts with the same key log). Every server is bounded by
# a timeout and killed by its PID. Skipped (77) where dumpcap may not capture.
# usage: stacks.sh PATH-TO-TLSSTEP
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
for tool in openssl dumpcap tshark; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (tools/setup installs it)"; exit 77; }
done

cd "$tmp" || exit 1
openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.crt -subj /CN=localhost -days 2 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ec.key -out ec.crt -subj /CN=localhost -days 2 2>/dev/null

base=$((20000 + $$ % 20000))
timeout 120 dumpcap -q -i lo -f "tcp portrange $base-$((base + 30))" -w "$tmp/cap.pcapng" 2>"$tmp/dumpcap.err" &
dumpcap_pid=$!
pids+=("$dumpcap_pid")
for _ in $(seq 50); do grep -q "Capturing on" "$tmp/dumpcap.err" && break; sleep 0.1; done
if ! grep -q "Capturing on" "$tmp/dumpcap.err"; then
  echo "dumpcap cannot capture on loopback here: $(head -2 "$tmp/dumpcap.err")"; exit 77
fi

# case NAME SNI "SERVER ARGS" "CLIENT ARGS": one connection to its own server on its own port.
names=() snis=()
n=0
case_() {
  local name=$1 sni=$2 sargs=$3 cargs=$4 port=$((base + n)) input=${5:-'GET / HTTP/1.0\r\n\r\n'} quiet=${6:--quiet}
  # shellcheck disable=SC2086
  timeout 20 openssl s_server -quiet -accept "$port" -keylogfile "$tmp/keys.txt" -www $sargs >"$tmp/s$n.log" 2>&1 &
  local spid=$!
  pids+=("$spid")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  # shellcheck disable=SC2086
  # shellcheck disable=SC2086
  printf "$input" | timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername "$sni" $quiet $cargs \
    >"$tmp/c$n.log" 2>&1
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  names+=("$name") snis+=("$sni")
  n=$((n + 1))
}
# case_resume NAME SNI "SERVER ARGS" "CLIENT ARGS": two connections to one server, the
# second resuming the first's session (-sess_out, -sess_in).
resumes=()
case_resume() {
  local name=$1 sni=$2 sargs=$3 cargs=$4 port=$((base + n))
  # shellcheck disable=SC2086
  timeout 20 openssl s_server -quiet -accept "$port" -keylogfile "$tmp/keys.txt" -www $sargs >"$tmp/s$n.log" 2>&1 &
  local spid=$!
  pids+=("$spid")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  # shellcheck disable=SC2086
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername "$sni" -quiet \
    -sess_out "$tmp/sess$n.pem" $cargs >"$tmp/c$n.log" 2>&1
  # shellcheck disable=SC2086
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername "$sni" -quiet \
    -sess_in "$tmp/sess$n.pem" $cargs >"$tmp/c$n-2.log" 2>&1
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  names+=("$name" "$name (resumed)") snis+=("$sni" "$sni")
  resumes+=("$port:$name")
  n=$((n + 1))
}
# The probe above opened a TCP connection to each server before its client: those carry
# no TLS and are left out of the list, as they must be.
rsa="-cert rsa.crt -key rsa.key"
case_ tls12-ecdhe-rsa ecdhe-rsa.test "$rsa" "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"
case_ tls12-rsa rsa.test "$rsa" "-tls1_2 -cipher AES128-GCM-SHA256"
case_ tls12-dhe dhe.test "$rsa" "-tls1_2 -cipher DHE-RSA-AES256-GCM-SHA384"
case_ tls12-ecdhe-ecdsa ecdsa.test "-cert ec.crt -key ec.key" "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305"
case_ tls12-cbc cbc.test "$rsa" "-tls1_2 -cipher ECDHE-RSA-AES128-SHA256"
case_ tls12-cbc-no-etm cbc-no-etm.test "$rsa -no_etm" "-tls1_2 -cipher ECDHE-RSA-AES128-SHA"
case_ tls12-mutual mutual12.test "$rsa -Verify 1 -CAfile rsa.crt" "-tls1_2 -cert rsa.crt -key rsa.key"
case_ tls13 tls13.test "$rsa" ""
case_ tls13-hrr hrr.test "$rsa -groups P-256" "-groups X25519:P-256"
case_ tls13-mutual mutual13.test "$rsa -Verify 1 -CAfile rsa.crt" "-cert rsa.crt -key rsa.key"
case_ tls13-aes128 aes128.test "$rsa" "-ciphersuites TLS_AES_128_GCM_SHA256"
# Interactive s_client (no -quiet): a line "K" sends a KeyUpdate, "R" renegotiates (TLS 1.2).
case_ tls13-keyupdate keyupdate.test "$rsa" "" 'K\n' "-no_ign_eof"
case_ tls12-renegotiation reneg.test "$rsa" "-tls1_2" 'R\n' "-no_ign_eof"
# The client refuses the server's certificate (its CA is not the one given): a fatal alert
# before any key exchange, so no secret exists and the key log has none (keys: no). In TLS
# 1.3 the server refuses a client without a certificate once the handshake secrets exist.
case_ tls12-alert alert.test "$rsa" "-tls1_2 -verify_return_error -CAfile ec.crt"
case_ tls13-alert alert13.test "$rsa -Verify 1 -CAfile rsa.crt" ""
# What a reader does (the lesson's capture): curl with SSLKEYLOGFILE, the key log written
# by the client this time; the server is OpenSSL's, its own key log aside.
port=$((base + n))
timeout 20 openssl s_server -quiet -accept "$port" -cert rsa.crt -key rsa.key -www >"$tmp/s$n.log" 2>&1 &
spid=$!
pids+=("$spid")
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
if command -v curl >/dev/null; then
  SSLKEYLOGFILE="$tmp/curl.keys" timeout 10 curl -sk --resolve "curl.test:$port:127.0.0.1" "https://curl.test:$port/" >/dev/null 2>&1
  names+=(curl) snis+=(curl.test)
fi
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
n=$((n + 1))
# GnuTLS at both ends where it is installed (tools/setup installs gnutls-bin): its key
# log through SSLKEYLOGFILE, as GnuTLS programs honour it.
case_gnutls() {
  local name=$1 sni=$2 priority=$3 port=$((base + n))
  SSLKEYLOGFILE="$tmp/keys.txt" timeout 20 gnutls-serv --http -p "$port" --x509certfile rsa.crt --x509keyfile rsa.key \
    >"$tmp/s$n.log" 2>&1 &
  local spid=$!
  pids+=("$spid")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 gnutls-cli --insecure -p "$port" --sni-hostname="$sni" \
    --priority "$priority" 127.0.0.1 >"$tmp/c$n.log" 2>&1
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  names+=("$name") snis+=("$sni")
  n=$((n + 1))
}
if command -v gnutls-serv >/dev/null && command -v gnutls-cli >/dev/null; then
  case_gnutls gnutls-tls13 gnutls13.test NORMAL
  case_gnutls gnutls-tls12 gnutls12.test "NORMAL:-VERS-ALL:+VERS-TLS1.2"
else
  echo "# gnutls-serv and gnutls-cli are not installed: the GnuTLS cases are left out (tools/setup installs gnutls-bin)"
fi
case_resume tls13-resume resume13.test "$rsa" ""
# 0-RTT (RFC 8446 4.2.10): the second connection resumes with early data; s_server answers by
# hand (its -early_data excludes -www), told to stop after three connections (the probe and both).
case_early() {
  local name=$1 sni=$2 port=$((base + n))
  (sleep 4; echo reply) | timeout 20 openssl s_server -accept "$port" -cert rsa.crt -key rsa.key -keylogfile "$tmp/keys.txt" \
    -early_data -naccept 3 >"$tmp/s$n.log" 2>&1 &
  local spid=$!
  pids+=("$spid")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  (printf 'hello\n'; sleep 1) | timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername "$sni" \
    -sess_out "$tmp/sess$n.pem" >"$tmp/c$n.log" 2>&1
  printf 'early data\n' >"$tmp/early$n.txt"
  sleep 1 | timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername "$sni" -sess_in "$tmp/sess$n.pem" \
    -early_data "$tmp/early$n.txt" >"$tmp/c$n-2.log" 2>&1
  kill "$spid" 2>/dev/null
  wait "$spid" 2>/dev/null
  names+=("$name" "$name (0-RTT)") snis+=("$sni" "$sni")
  n=$((n + 1))
}
case_early tls13-early early.test
case_resume tls12-resume-id resume-id.test "$rsa -no_ticket" "-tls1_2"
case_resume tls12-resume-ticket resume-ticket.test "$rsa" "-tls1_2"
# tshark is told the ports are TLS (-d): on a port of no known protocol its heuristics can
# miss a connection's hello, and the rows below pair tlsstep's list with tshark's in order.
sleep 0.5
kill "$dumpcap_pid" 2>/dev/null
wait "$dumpcap_pid" 2>/dev/null

"$prog" --open "$tmp/cap.pcapng" --keylog "$tmp/keys.txt" --list-connections >"$tmp/list" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok "the capture opens with its key log (exit 0)" || { bad "exit $rc"; sed 's/^/     /' "$tmp/err" | head; }
lines=$(($(wc -l <"$tmp/list") - 1))
[ "$lines" -eq "${#names[@]}" ] && ok "$lines TLS connections listed, the probes' TCP connections left out" ||
  { bad "$lines connections listed, expected ${#names[@]}"; sed 's/^/     /' "$tmp/list"; }
tshark -n -V -d "tcp.port==$base-$((base + 30)),tls" -r "$tmp/cap.pcapng" -Y 'tls.handshake.type == 2 && !(tls.handshake.random == cf:21:ad:74:e5:9a:61:11:be:1d:8c:02:1e:65:b8:91:c2:a2:11:16:7a:bb:8c:5e:07:9e:09:e2:c8:a8:33:9c)' 2>/dev/null |
  grep -oE '(Cipher Suite: [A-Z0-9_]+|Supported Version: TLS 1\.3)' >"$tmp/ts.suites"
# curl's own key log, alone: its connection has its keys, the others none.
if [ -s "$tmp/curl.keys" ]; then
  cat "$tmp/curl.keys" >>"$tmp/keys.txt" # the full list below has every connection's keys
  "$prog" --open "$tmp/cap.pcapng" --keylog "$tmp/curl.keys" --list-connections >"$tmp/curl.list" 2>/dev/null
  rc=$?
  if [ "$rc" -eq 0 ] && [ "$(grep -cE ' yes$' "$tmp/curl.list")" -eq 1 ] && grep -qE ' curl\.test .* yes$' "$tmp/curl.list"; then
    ok "curl's SSLKEYLOGFILE: its connection's keys, and only those"
  else
    bad "curl's SSLKEYLOGFILE (exit $rc)"; grep curl "$tmp/curl.list" | sed 's/^/     /'
  fi
else
  bad "curl wrote no key log (SSLKEYLOGFILE)"
fi
"$prog" --open "$tmp/cap.pcapng" --keylog "$tmp/keys.txt" --list-connections >"$tmp/list" 2>"$tmp/err"
# The KeyUpdate happened: OpenSSL logged the client's next traffic secret, with the
# label it uses for it (CLIENT_TRAFFIC_SECRET_N), which the key log reader accepts.
grep -q '^CLIENT_TRAFFIC_SECRET_N ' "$tmp/keys.txt" && ok "the KeyUpdate's next secret is in the key log (CLIENT_TRAFFIC_SECRET_N), read" ||
  bad "no CLIENT_TRAFFIC_SECRET_N in the key log: the KeyUpdate case did not update"
rows=${#names[@]}
for ((i = 0; i < rows; i++)); do
  row=$(awk -v k=$((i + 2)) 'NR == k' "$tmp/list")
  read -r num client server sni tlsword vnum suite keys <<<"$row"
  want_suite=$(grep -o 'Cipher Suite: [A-Z0-9_]*' "$tmp/ts.suites" | sed -n "$((i + 1))p" | cut -d' ' -f3)
  want_keys=yes
  [ "${names[$i]}" = tls12-alert ] && want_keys=no
  # The OpenSSL server refuses the client's empty Certificate before deriving the client's
  # application secret, so its key log has every secret but that one.
  [ "${names[$i]}" = tls13-alert ] && want_keys="partly: no CLIENT_TRAFFIC_SECRET_0"
  if [ "$sni" = "${snis[$i]}" ] && [ "$suite" = "$want_suite" ] && [ "$keys" = "$want_keys" ] && [[ "$client" == 127.0.0.1:* ]] &&
     [[ "$server" == 127.0.0.1:* ]]; then
    ok "${names[$i]}: $tlsword $vnum $suite, SNI $sni, server $server, keys $keys (tshark: $want_suite)"
  else
    bad "${names[$i]}: '$row'; expected SNI ${snis[$i]}, suite $want_suite (tshark), keys $want_keys"
  fi
done
# OpenSSL logs a resumed connection's master secret too: without that line, tlsstep
# takes the first connection's, by the session id or the ticket the second presented.
for r in "${resumes[@]}"; do
  port=${r%%:*} name=${r#*:}
  [[ "$name" == tls12-* ]] || continue # TLS 1.3 resumes from a PSK, not from a master secret
  random=$(tshark -n -d "tcp.port==$base-$((base + 30)),tls" -r "$tmp/cap.pcapng" -Y "tcp.dstport == $port && tls.handshake.type == 1" -T fields \
             -e tls.handshake.random 2>/dev/null | sed -n 2p | tr -d ':')
  grep -v "$random" "$tmp/keys.txt" >"$tmp/partial.txt"
  want=$([ "$name" = tls12-resume-id ] && echo "session id" || echo "ticket")
  if [ -n "$random" ] && "$prog" --open "$tmp/cap.pcapng" --keylog "$tmp/partial.txt" --list-connections 2>/dev/null |
       grep -E ":$port  .*yes: connection [0-9]+'s, resumed by $want$" >/dev/null; then
    ok "$name: without its own key log line, the earlier connection's master secret, by $want"
  else
    bad "$name: the resumed connection without its key log line (client random '$random')"
  fi
done
# The key log injected into the capture (editcap --inject-secrets, a Decryption
# Secrets Block): the same list without --keylog.
editcap --inject-secrets "tls,$tmp/keys.txt" "$tmp/cap.pcapng" "$tmp/dsb.pcapng" 2>/dev/null
"$prog" --open "$tmp/dsb.pcapng" --list-connections >"$tmp/dsb.list" 2>&1
cmp -s "$tmp/list" "$tmp/dsb.list" && ok "the key log in a Decryption Secrets Block: the same list" ||
  { bad "with a Decryption Secrets Block, the list differs"; diff "$tmp/list" "$tmp/dsb.list" | head -5; }
grep -qE "TLS 1\.3 +TLS_AES_256_GCM_SHA384 +yes$" "$tmp/list" && grep -qE "TLS 1\.3 +TLS_AES_128_GCM_SHA256 +yes$" "$tmp/list" &&
  ok "TLS 1.3 with SHA-384 and SHA-256 secrets: the keys of both" || bad "TLS 1.3 keys of both hash lengths"
# Each connection stepped through (--json): every record decrypted under keys tlsstep derived
# from the key log, both Finished verified by tlsstep's own PRF or HMAC of the transcript.
# The alert cases stop before both Finished: the one that crossed (TLS 1.3) is checked.
for ((i = 0; i < rows; i++)); do
  name=${names[$i]}
  "$prog" --open "$tmp/cap.pcapng" --keylog "$tmp/keys.txt" --connection $((i + 1)) --json "$tmp/c$i.json" \
    >/dev/null 2>"$tmp/c$i.err"
  rc=$?
  want_fin=2 want_rc=0 want_hidden=0
  [ "$name" = tls12-alert ] && want_fin=0
  # Its key log lacks CLIENT_TRAFFIC_SECRET_0 (see above): the client's one data record, when it
  # left before the server's alert arrived (a race between the two OpenSSL processes), stays
  # encrypted, said so, exit 2; both Finished crossed and are verified either way.
  [ "$name" = tls13-alert ] && [ "$(jq '[.steps[] | select(.from == "client" and .type == "application_data")] | length' \
    "$tmp/c$i.json" 2>/dev/null)" != 0 ] && want_rc=2 want_hidden=1
  got=$(jq -r '[ ([.steps[] | select(.encrypted and .message_hex == null)] | length),
                 ([.steps[].secrets[] | select((.name == "client_verify_data" or .name == "server_verify_data") and .agrees == true)] | length),
                 ([.steps[] | select(.encrypted)] | length) ] | map(tostring) | join(" ")' "$tmp/c$i.json" 2>/dev/null)
  read -r hidden fins encrypted <<<"$got"
  if [ "$rc" -eq "$want_rc" ] && [ "${hidden:-x}" = "$want_hidden" ] && [ "${fins:-x}" = "$want_fin" ] &&
     { [ "$want_hidden" = 0 ] || grep -q "the key log has only some of its secrets" "$tmp/c$i.err"; }; then
    ok "$name: stepped through, $((encrypted - hidden)) of $encrypted encrypted records decrypted, $fins Finished verified"
  else
    bad "$name: exit $rc, $hidden of $encrypted encrypted records not decrypted, $fins Finished verified (want $want_fin)"
    sed 's/^/     /' "$tmp/c$i.err" | head -3
  fi
done
# tshark agrees on every connection, decrypting with the same key log: the handshake
# messages in order (those tlsstep decrypted too) and the hello randoms.
for ((i = 0; i < rows; i++)); do
  name=${names[$i]}
  cport=$(jq -r '.capture.client' "$tmp/c$i.json" | sed 's/.*://')
  want=$(jq -r '[.steps[] | select(.type == "handshake" and .message_hex != null) | .message_hex[0:2]] | join(" ")' "$tmp/c$i.json" |
         python3 -c 'import sys; print(" ".join(str(int(x, 16)) for x in sys.stdin.read().split()))')
  got=$(tshark -n -d "tcp.port==$base-$((base + 30)),tls" -o "tls.keylog_file:$tmp/keys.txt" -r "$tmp/cap.pcapng" \
          -Y "tcp.port == $cport" -T fields -e tls.handshake.type 2>/dev/null | tr ',\t' '\n\n' | grep -v '^$' | tr '\n' ' ' | sed 's/ $//')
  wr=$(jq -r '[.steps[] | select(.message == "ClientHello" or .message == "ServerHello") | .fields[] | select(.name == "random") | .value] | join(" ")' "$tmp/c$i.json")
  gr=$(tshark -n -d "tcp.port==$base-$((base + 30)),tls" -o "tls.keylog_file:$tmp/keys.txt" -r "$tmp/cap.pcapng" -Y "tcp.port == $cport && (tls.handshake.type == 1 || tls.handshake.type == 2)" \
         -T fields -e tls.handshake.random 2>/dev/null | tr -d ':' | tr ',\t' '\n\n' | grep -v '^$' | tr '\n' ' ' | sed 's/ $//')
  # HelloRetryRequest is a ServerHello to tshark and carries RFC 8446's fixed random.
  if [ -n "$want" ] && [ "$want" = "$got" ] && [ -n "$wr" ] && [ "$(echo "$gr" | tr ' ' '\n' | grep -v '^cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c$' | tr '\n' ' ' | sed 's/ $//')" = "$wr" ]; then
    ok "$name: tshark's handshake messages ($got) and hello randoms equal tlsstep's"
  else
    bad "$name: tlsstep's messages '$want', tshark's '$got'; randoms '$wr', tshark's '$gr'"
  fi
done
# 0-RTT: the early data decrypted with the keys from CLIENT_EARLY_TRAFFIC_SECRET, and said.
for ((i = 0; i < rows; i++)); do
  [ "${names[$i]}" = "tls13-early (0-RTT)" ] || continue
  if grep -q "Early data was accepted" "$tmp"/c*-2.log && jq -e '[.steps[] | select(.message == "EndOfEarlyData" and .message_hex != null)] | length == 1' "$tmp/c$i.json" >/dev/null &&
     jq -e '[.steps[] | select(.type == "application_data" and .message_hex != null)][0].fields[] | select(.name == "as_text") | .value | test("early data")' "$tmp/c$i.json" >/dev/null; then
    ok "tls13-early: the 0-RTT data and EndOfEarlyData decrypted under the early traffic secret's keys"
  else
    bad "tls13-early: the 0-RTT data not decrypted (or OpenSSL did not accept it)"
  fi
done
# The RSA key exchange without the key log: --server-key decrypts OpenSSL's ClientKeyExchange.
for ((i = 0; i < rows; i++)); do
  [ "${names[$i]}" = tls12-rsa ] || continue
  "$prog" --open "$tmp/cap.pcapng" --server-key "$tmp/rsa.key" --connection $((i + 1)) --json "$tmp/rsa.json" >/dev/null 2>&1
  rc=$?
  got=$(jq -r '[([.steps[] | select(.encrypted and .message_hex == null)] | length),
                ([.steps[].secrets[] | select((.name | test("_verify_data$")) and .agrees == true)] | length)] | map(tostring) | join(" ")' "$tmp/rsa.json" 2>/dev/null)
  [ "$rc" -eq 0 ] && [ "$got" = "0 2" ] && ok "tls12-rsa: --server-key, no key log: every record decrypted, both Finished verified" ||
    bad "tls12-rsa with --server-key: exit $rc, '$got' (records not decrypted, Finished verified)"
done
# The KeyUpdate: the client's next traffic secret derived by tlsstep (RFC 8446 §7.2), the
# records after it decrypted (above), and equal to the one OpenSSL logged.
for ((i = 0; i < rows; i++)); do
  [ "${names[$i]}" = tls13-keyupdate ] || continue
  ours=$(jq -r '.steps[].secrets[] | select(.name == "client_application_traffic_secret_1") | .hex' "$tmp/c$i.json")
  if [ -n "$ours" ] && grep -qi "^CLIENT_TRAFFIC_SECRET_N [0-9a-f]* $ours$" "$tmp/keys.txt"; then
    ok "tls13-keyupdate: the next traffic secret tlsstep derived is the one OpenSSL logged"
  else
    bad "tls13-keyupdate: derived '$ours', not OpenSSL's CLIENT_TRAFFIC_SECRET_N"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
