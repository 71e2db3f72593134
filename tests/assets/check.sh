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
chain_fails() { # chain_fails TEXT LEAF [OPTION...]: fails against chain-root, chain-ca given as untrusted, saying TEXT
  local text=$1 leaf=$2 out; shift 2
  if out=$(openssl verify -attime "$at" -CAfile "$dir/chain-root.crt" -untrusted "$dir/chain-ca.crt" "$@" \
             "$dir/$leaf.crt" 2>&1); then return 1; fi
  [[ $out == *"$text"* ]]
}
host_is() { # host_is CRT HOST yes|no
  local out
  out=$(openssl x509 -in "$1" -noout -checkhost "$2" 2>&1) || return 1
  if [ "$3" = yes ]; then [[ $out == *"does match"* ]]; else [[ $out == *"does NOT match"* ]]; fi
}

expected="ca-rsa server-rsa client-rsa server-expired server-wronghost untrusted-ca server-untrusted
          ca-ec server-ec client-ec chain-root chain-ca server-chain server-revoked server-clientonly
          server-selfsigned mitm-ca mitm-server"
for name in $expected; do
  check "$name.crt and $name.key exist" test -f "$dir/$name.crt" -a -f "$dir/$name.key"
done
for crt in "$dir"/*.crt; do
  name=${crt##*/}; name=${name%.crt}
  check "$name.crt parses" parses "$crt"
  check "$name.key matches $name.crt" key_matches "$crt" "$dir/$name.key"
done

for pair in ca-rsa:ca-rsa ca-rsa:server-rsa ca-rsa:client-rsa ca-rsa:server-wronghost \
            untrusted-ca:untrusted-ca untrusted-ca:server-untrusted ca-ec:ca-ec ca-ec:server-ec ca-ec:client-ec \
            mitm-ca:mitm-ca mitm-ca:mitm-server; do
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
check "mitm-server does not verify against ca-rsa (the client's CA)" \
  fails_with ca-rsa mitm-server "unable to get local issuer certificate"
check "mitm-server names www.example.com, as the server it poses as" host_is "$dir/mitm-server.crt" www.example.com yes
check "server-wronghost does not name www.example.com" host_is "$dir/server-wronghost.crt" www.example.com no

# The chain family: a root, the issuing CA under it, leaves the client can only reach through it.
inter=(-attime "$at" -untrusted "$dir/chain-ca.crt")
crl=(-crl_check -CRLfile "$dir/chain-ca.crl")
check "chain-ca verifies against chain-root" verifies chain-root chain-ca
check "server-chain verifies against chain-root given chain-ca" verifies chain-root server-chain "${inter[@]}"
check "server-chain passes the CRL check" verifies chain-root server-chain "${inter[@]}" "${crl[@]}"
check "server-chain does not verify against chain-root without chain-ca" \
  fails_with chain-root server-chain "unable to get local issuer certificate"
check "server-chain does not verify against chain-ca alone (chain-ca is not a root)" \
  fails_with chain-ca server-chain "unable to get issuer certificate"
check "server-revoked verifies when no CRL is consulted" verifies chain-root server-revoked "${inter[@]}"
check "server-revoked is revoked by chain-ca.crl" chain_fails "certificate revoked" server-revoked "${crl[@]}"
check "chain-ca.crl is signed by chain-ca" \
  bash -c 'openssl crl -in "$1/chain-ca.crl" -noout -CAfile <(cat "$1/chain-root.crt" "$1/chain-ca.crt") 2>&1 | grep -q "verify OK"' \
  _ "$dir"
check "chain-ca.crl lists serial 04 and only it" \
  bash -c '[ "$(openssl crl -in "$1/chain-ca.crl" -noout -text | grep -c "Serial Number:")" = 1 ] &&
           openssl crl -in "$1/chain-ca.crl" -noout -text | grep -q "Serial Number: 04"' _ "$dir"
check "server-revoked has serial 04" bash -c '[ "$(openssl x509 -in "$1/server-revoked.crt" -noout -serial)" = serial=04 ]' \
  _ "$dir"
check "server-clientonly verifies for a client (clientAuth)" verifies chain-root server-clientonly "${inter[@]}" \
  -purpose sslclient
check "server-clientonly is refused for a server (no serverAuth)" \
  chain_fails "unsuitable certificate purpose" server-clientonly -purpose sslserver
check "server-selfsigned is self-signed and trusted by nobody" fails_with chain-root server-selfsigned "self-signed certificate"
check "server-selfsigned verifies when it is its own trust anchor" verifies server-selfsigned server-selfsigned
for name in server-chain server-revoked server-clientonly server-selfsigned; do
  check "$name names www.example.com" host_is "$dir/$name.crt" www.example.com yes
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] || exit 1
