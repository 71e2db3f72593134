#!/usr/bin/env bash
# tlsstep's own capture opened back (issue 17): for every bundled scenario whose run
# succeeds, `--pcap X.pcap --keylog X.keys NAME`, then each of its connections
# opened with `--open X.pcap --keylog X.keys --connection N --json` gives the same
# messages, plaintext, fields and key log secrets as the run's own --json, every
# record decrypted and both Finished verified (roundtrip.py compares them).
# usage: roundtrip.sh PATH-TO-TLSSTEP
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }

for s in $("$prog" --list | awk '{ print $1 }'); do
  "$prog" --batch --json "$tmp/$s.json" --pcap "$tmp/$s.pcap" --keylog "$tmp/$s.keys" "$s" >/dev/null 2>&1
  # Only runs that succeed: a failed handshake has no second Finished to verify.
  jq -e '.outcome.ok and (.scenario | test("^(attack|fail)-") | not)' "$tmp/$s.json" >/dev/null 2>&1 || continue
  conns=$(jq '[.steps[].connection] | max' "$tmp/$s.json")
  for n in $(seq 1 "$conns"); do
    if ! "$prog" --open "$tmp/$s.pcap" --keylog "$tmp/$s.keys" --connection "$n" --json "$tmp/$s.$n.json" \
         >/dev/null 2>"$tmp/err"; then
      bad "$s connection $n: --open failed"; sed 's/^/     /' "$tmp/err" | head -5; continue
    fi
    if python3 "$here/roundtrip.py" "$tmp/$s.json" "$tmp/$s.$n.json" "$n" >"$tmp/diff"; then
      ok "$s connection $n: the same messages, fields and key log secrets, all decrypted, both Finished verified"
    else
      bad "$s connection $n"; head -8 "$tmp/diff"
    fi
  done
done
[ "$pass" -ge 15 ] || bad "only $pass connections compared; expected every succeeding scenario's"
echo "# $pass passed, $fail failed"
[ "$fail" -eq 0 ]
