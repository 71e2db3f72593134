#!/usr/bin/env bash
# Golden transcript: the scenario's --batch output must match the stored file
# byte for byte (the seed makes it stable). UPDATE_GOLDEN=1 rewrites the file.
# usage: run.sh PATH-TO-TLSSTEP SCENARIO EXPECTED-FILE [EXTRA-ARGS...]
set -u
prog=$1 name=$2 want=$3; shift 3
got=$(mktemp)
trap 'rm -f "$got"' EXIT
"$prog" --batch "$@" "$name" >"$got" 2>&1
status=$?
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$got" "$want"; echo "updated $want"; exit 0
fi
if ! diff -u "$want" "$got"; then
  echo "golden $name: transcript differs from $want (UPDATE_GOLDEN=1 to accept a deliberate change)"
  exit 1
fi
[ "$status" -eq 0 ] || { echo "golden $name: exit status $status"; exit 1; }
echo "golden $name: identical"
