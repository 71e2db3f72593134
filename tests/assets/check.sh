#!/usr/bin/env bash
# OpenSSL's view of the bundled test credentials: every file parses, each key
# matches its certificate, chains verify at the simulation date (2025-06-01),
# and the failure credentials fail for the reason they exist.
# usage: check.sh ASSETS-DIR
set -uo pipefail
dir=$1
at=1748779200   # 2025-06-01 12:00:00 UTC, the default simulation date
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }

for crt in "$dir"/*.crt; do
  name=$(basename "$crt" .crt)
  if openssl x509 -in "$crt" -noout -text >/dev/null 2>&1; then ok "$name.crt parses"; else bad "$name.crt parses"; fi
  a=$(openssl x509 -in "$crt" -noout -pubkey 2>/dev/null | openssl pkey -pubin -outform DER 2>/dev/null | sha256sum)
  b=$(openssl pkey -in "$dir/$name.key" -pubout -outform DER 2>/dev/null | sha256sum)
  if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "$name.key matches $name.crt"; else bad "$name.key matches $name.crt"; fi
done

verify() { openssl verify -attime "$at" -CAfile "$dir/$1" "$dir/$2" >/dev/null 2>&1; }
for pair in ca-rsa:server-rsa ca-rsa:client-rsa ca-rsa:server-wronghost ca-ec:server-ec ca-ec:client-ec \
            untrusted-ca:server-untrusted ca-rsa:ca-rsa ca-ec:ca-ec; do
  if verify "${pair%%:*}.crt" "${pair#*:}.crt"; then ok "${pair#*:} verifies against ${pair%%:*}"; else bad "${pair#*:} verifies against ${pair%%:*}"; fi
done
if ! verify ca-rsa.crt server-untrusted.crt; then ok "server-untrusted does not verify against ca-rsa"; else bad "server-untrusted does not verify against ca-rsa"; fi
out=$(openssl verify -attime "$at" -CAfile "$dir/ca-rsa.crt" "$dir/server-expired.crt" 2>&1)
if grep -q "certificate has expired" <<<"$out"; then ok "server-expired is expired at the simulation date"; else bad "server-expired is expired at the simulation date"; fi
if openssl x509 -in "$dir/server-wronghost.crt" -noout -checkhost www.example.com 2>/dev/null | grep -q "does NOT match"; then
  ok "server-wronghost does not name www.example.com"; else bad "server-wronghost does not name www.example.com"; fi
if openssl x509 -in "$dir/server-rsa.crt" -noout -checkhost www.example.com 2>/dev/null | grep -q "does match"; then
  ok "server-rsa names www.example.com"; else bad "server-rsa names www.example.com"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
