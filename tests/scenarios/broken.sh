#!/usr/bin/env bash
# Broken scenario and lesson files: each says on its first line, after "; expect: ", the error
# `tlsstep --check` must give: with a leading ':' (standing for the file's own name)
# the message must begin with it, otherwise contain it. The check must exit 2 with
# that message, never crash, never pass.
# usage: broken.sh PATH-TO-TLSSTEP DIR
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$2
pass=0 fail=0
cd "$dir" || exit 1
for f in *.scenario *.lesson; do
  want=$(sed -n '1s/^; expect: //p' "$f")
  anchored=0
  case $want in :*) want="$f$want" anchored=1 ;; esac
  out=$("$prog" --check "$f" 2>&1 >/dev/null)
  status=$?
  got=${out#tlsstep: }
  if [ "$anchored" = 1 ]; then match=$([ "${got#"$want"}" != "$got" ] && echo 1); else
    match=$(case $got in *"$want"*) echo 1 ;; esac); fi
  if [ "$status" -eq 2 ] && [ -n "$match" ]; then
    pass=$((pass + 1))
  else
    echo "FAIL - $f (exit $status)"; echo "     got:      $got"; echo "     expected: $want..."
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -ge 30 ]
