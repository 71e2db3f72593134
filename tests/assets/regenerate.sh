#!/usr/bin/env bash
# The committed assets are exactly what tools/gencerts writes (it is deterministic).
# usage: regenerate.sh GENCERTS ASSETS-DIR
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$1" "$tmp" || { echo "gencerts failed"; exit 1; }
for f in "$tmp"/*; do
  if ! cmp -s "$f" "$2/$(basename "$f")"; then
    echo "assets/$(basename "$f") differs from what tools/gencerts writes; run: build/tools/gencerts assets"
    exit 1
  fi
done
echo "all $(ls "$tmp" | wc -l) credential files are identical to a fresh generation"
