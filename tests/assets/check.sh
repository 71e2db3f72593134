#!/usr/bin/env bash
# OpenSSL's view of the bundled test credentials (assets/README.md): every
# certificate parses, each key matches its certificate, the chains verify at
# the simulation date (2025-06-01), and the failure credentials fail for the
# reason they exist. One line per check; exits 1 if any check fails.
# Needs only bash and openssl.
# usage: check.sh ASSETS-DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: check.sh ASSETS-DIR" >&2; exit 2; }
dir=$1
at=1748779200 # 2025-06-01 12:00:00 UTC, the simulator's default date
pass=0 fail=0
check() { # check DESCRIPTION COMMAND...: runs COMMAND, records ok/FAIL
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; pass=$((pass + 1)); else echo "FAIL - $what"; fail=$((fail + 1)); fi
}
parses() { openssl x509 -in "$1" -noout -text >/dev/null 2>&1; }
key_matches() { # key_matches CRT KEY: same public key (PEM SubjectPublicKeyInfo)
  local a b
  a=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) || return 1
  b=$(openssl pkey -in "$2" -pubout 2>/dev/null) || return 1
  [ -n "$a" ] && [ "$a" = "$b" ]
}
verifies() { # verifies CA LEAF [OPTION...]: at the simulation date unless OPTIONs say otherwise
  local ca=$1 leaf=$2; shift 2
  [ $# -gt 0 ] || set -- -attime "$at"
  openssl verify "$@" -CAfile "$dir/$ca.crt" "$dir/$leaf.crt" >/dev/null 2>&1
}
fails_with() { # fails_with CA LEAF TEXT: verification fails and says TEXT
  local out
  if out=$(openssl verify -attime "$at" -CAfile "$dir/$1.crt" "$dir/$2.crt" 2>&1); then return 1; fi
  [[ $out == *"$3"* ]]
}
host_is() { # host_is CRT HOST yes|no
  local out
  out=$(openssl x509 -in "$1" -noout -checkhost "$2" 2>&1) || return 1
  if [ "$3" = yes ]; then [[ $out == *"does match"* ]]; else [[ $out == *"does NOT match"* ]]; fi
}

expected="ca-rsa server-rsa client-rsa server-expired server-wronghost untrusted-ca server-untrusted
          ca-ec server-ec client-ec"
for name in $expected; do
  check "$name.crt and $name.key exist" test -f "$dir/$name.crt" -a -f "$dir/$name.key"
done
for crt in "$dir"/*.crt; do
  name=${crt##*/}; name=${name%.crt}
  check "$name.crt parses" parses "$crt"
  check "$name.key matches $name.crt" key_matches "$crt" "$dir/$name.key"
done

for pair in ca-rsa:ca-rsa ca-rsa:server-rsa ca-rsa:client-rsa ca-rsa:server-wronghost \
            untrusted-ca:untrusted-ca untrusted-ca:server-untrusted ca-ec:ca-ec ca-ec:server-ec ca-ec:client-ec; do
  check "${pair#*:} verifies against ${pair%%:*} at 2025-06-01" verifies "${pair%%:*}" "${pair#*:}"
done
check "server-untrusted does not verify against ca-rsa" \
  fails_with ca-rsa server-untrusted "unable to get local issuer certificate"
check "server-ec does not verify against ca-rsa" fails_with ca-rsa server-ec "unable to get local issuer certificate"
check "server-expired is expired at 2025-06-01" fails_with ca-rsa server-expired "certificate has expired"
check "server-expired verifies against ca-rsa when time is ignored (only its dates are wrong)" \
  verifies ca-rsa server-expired -no_check_time
check "server-rsa names www.example.com" host_is "$dir/server-rsa.crt" www.example.com yes
check "server-rsa names example.com" host_is "$dir/server-rsa.crt" example.com yes
check "server-ec names www.example.com" host_is "$dir/server-ec.crt" www.example.com yes
check "server-expired names www.example.com" host_is "$dir/server-expired.crt" www.example.com yes
check "server-untrusted names www.example.com" host_is "$dir/server-untrusted.crt" www.example.com yes
check "server-wronghost does not name www.example.com" host_is "$dir/server-wronghost.crt" www.example.com no

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] || exit 1
