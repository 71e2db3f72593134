#!/usr/bin/env bash
# The committed assets are exactly what tools/gencerts writes (it is
# deterministic: its DRBG is seeded from a fixed label). A difference means
# someone edited a file by hand or changed the generator without regenerating.
# usage: regenerate.sh GENCERTS ASSETS-DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: regenerate.sh GENCERTS ASSETS-DIR" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$1" "$tmp" || { echo "gencerts failed"; exit 1; }
n=0
for f in "$tmp"/*; do
  name=${f##*/}
  if ! cmp -s "$f" "$2/$name"; then
    echo "assets/$name differs from what tools/gencerts writes; regenerate with: build/tools/gencerts assets"
    exit 1
  fi
  n=$((n + 1))
done
echo "all $n credential files are identical to a fresh generation"
