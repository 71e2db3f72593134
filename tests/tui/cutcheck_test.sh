#!/usr/bin/env bash
# cutcheck on hand-made screens: a cut value is caught, a wrapped whole value passes, an
# ellipsis-marked cut passes, a cut at a word boundary and today's kind of prose are not
# reported; the word rule; --find (whole_on_screen) and --prose.
# usage: cutcheck_test.sh PATH-TO-CUTCHECK
set -u
cc=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); sed 's/^/     | /' "$d/out"; }
random=683c40c0eb507c0463887da1ad03ac410c94eea20d41deca15ef765791f15f49
cat > "$d/run.json" <<EOF
{ "cipher_suite": {"name": "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256", "id": 49199},
  "steps": [
    { "message": "ClientHello",
      "fields": [ {"name": "random", "value": "$random", "children": [
                    {"name": "gmt_unix_time", "value": "2025-06-01 12:00:00 UTC (1748779200)", "children": []} ]},
                  {"name": "named_curve", "value": "x25519 (0x001d)", "children": []},
                  {"name": "cipher_suite", "value": "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xc02f)", "children": []} ],
      "secrets": [ {"name": "client_random", "hex": "$random"} ] },
    { "message": "Certificate", "fields": [], "secrets": [] },
    { "message": "CertificateRequest", "narration": "The server may ask for a certificate: key exchange follows. Not quite.",
      "fields": [], "secrets": [] } ],
  "secrets": { "master_secret": "f2c3de8f22737cfeac4c111bc2761e0e5e1b40a257f6135fe69780b5870de88c" } }
EOF
printf 'quit\nhelp\n' > "$d/words"

# expect RC WHAT: runs cutcheck on $d/screen and wants exit status RC (and, for 1, PATTERN in its list).
expect() {
  "$cc" --words "$d/words" "$d/run.json" "$d/screen" > "$d/out" 2>&1
  local rc=$?
  if [ "$rc" -ne "$1" ]; then bad "$2 (exit $rc, wanted $1)"; return; fi
  if [ "$1" -eq 1 ] && ! grep -qF -- "$3" "$d/out"; then bad "$2 (the list does not name $3)"; return; fi
  ok "$2"
}

printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac   │ narration' > "$d/screen"
expect 1 "a value cut at a pane border is caught" "cuts \"$random\" (shown \"683c40c0eb507c0463887da1ad03ac\")"
printf '%s\n' 'row 0' ' random   683c40c0eb507c0463887da1ad03ac' > "$d/screen"
expect 1 "a value cut at the row's end is caught, with its row and column" "row 1 col 10:"
printf '%s\n' '│ TLS-ECDHE-RSA-WITH-AES-128-GCM-SH │' > "$d/screen"
expect 1 "a cut suite name is caught" "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256"
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac41 │' \
              '          0c94eea20d41deca15ef765791f15f49 │' > "$d/screen"
expect 0 "a value wrapped at the same column is whole"
printf '%s\n' ' random   683c40c0eb507c04 │' \
              '          63887da1ad03ac41 │' \
              '          0c94eea20d41deca │' \
              '          15ef765791f15f49 │' > "$d/screen"
expect 0 "a value wrapped over four rows is whole"
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac41 │' \
              '     xx 0c94eea20d41deca15ef765791f15f49   │' > "$d/screen"
expect 1 "a wrap that continues at some other column is a cut" "row 0 col 10"
printf '%s\n' '│ = PRF(client_random=683c40c0eb507c0463887da1ad03ac41 │' \
              '│   0c94eea20d41deca15ef765791f15f49)                  │' > "$d/screen"
expect 0 "a value that prose wraps to its segment's indent is whole (the keys view's formulas)"
printf '%s\n' '               ┌─ Keys ─┐' ' ladder        │ keys   │' ' 683c40c0eb507c│ more   │' > "$d/screen"
expect 0 "text hidden under a box drawn over it (its left edge runs up to ┌) is not cut"
printf '%s\n' '│ 0060 00 0f 77 77 77 2e 65 78 61 6d 70 6c 65 2e 63 6f ..www.exchan' \
              '│ 0070 6d 00 2b 00 03 02 03 04 00 33 00 26 00 24 00 1d m.+......3.&.\$..' > "$d/screen"
expect 0 "the printable column of a hex dump is not checked"
printf '%s\n' ' qqqqqqqqqqqqqqqqk  x' ' x text             x' ' qqqqqqqqq' > "$d/screen"
expect 0 "an ASCII capture's line-drawing letters (lqqk x mqqj) are no words"
printf '%s\n' ' ─────────────┬' ' 683c40c0eb507c│' > "$d/screen"
expect 1 "text cut at a pane's border (no corner above) is" "shown \"683c40c0eb507c\""
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac41 │' \
              '          0c94eea2                         │' > "$d/screen"
expect 1 "a wrap cut on its second row is a cut" "$random"
printf '%s\n' ' random   683c40c0eb507c04…     │' ' master   f2c3de8f22737cfe …' ' random   683c40c0eb507c04...' > "$d/screen"
expect 0 "a cut marked with an ellipsis (…, or ... in ASCII; a space before it too) passes"
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac41 │' '          0c94eea2…                     │' > "$d/screen"
expect 0 "a wrap that ends in an ellipsis passes"
printf '%s\n' ' named_curve  x25519   │' ' cipher_suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' \
              ' time 2025-06-01 12:00:00 │' > "$d/screen"
expect 0 "a value cut at a word boundary is not reported"
printf '%s\n' ' the server sends its Certificate' ' and then a CertificateRequest here' \
              ' ClientHello ──────────▶   │ Certificate  server → client' > "$d/screen"
expect 0 "a whole message that starts another's name is no cut"
printf '%s\n' ' 683c40c0 and then text' ' x683c40c0eb507c0463' > "$d/screen"
expect 0 "a prefix followed by other text, or inside a longer token, is no cut"
printf '%s\n' ' The client opens: the versions it speaks, the client random (32 fresh bytes), the' \
              ' cipher suites it accepts in order of preference, and extensions (the server'"'"'s name,' \
              ' groups, signature algorithms, ...). Everything here crosses in clear.' > "$d/screen"
expect 0 "prose wrapped at word boundaries is not reported"
printf '%s\n' '──2 Server authentication and key excha─│' > "$d/screen"
expect 1 "the word rule: a heading cut mid-word is caught" 'shown "excha"'
printf '%s\n' ' Space next · b back · ? help · q quit' > "$d/screen"
expect 0 "the word rule: a whole word at the row's end (a word of --words) passes"
printf '%s\n' ' the key exch' > "$d/screen"
expect 1 "the word rule: a word of the run's text cut at the row's end is caught" 'shown "exch"'
printf '%s\n' ' the key exch' '         ange follows' > "$d/screen"
expect 0 "the word rule: a word wrapped at its column is whole"
printf '%s\n' ' lines 1-20 of 683 │' > "$d/screen"
expect 0 "the word rule: a number (a view's line count) is no cut of a hex value that starts with it"
printf '%s\n' ' the clock said 17487792 │' > "$d/screen"
expect 1 "the word rule: a number cut from a longer number is caught" 'shown "17487792"'
printf '%s\n' ' 683c40c0eb507c0463' > "$d/screen"
"$cc" "$d/run.json" "$d/screen" > "$d/out" 2>&1
[ $? -eq 1 ] && grep -q "^1 cut(s)" "$d/out" && ok "a value found in two places of the JSON (field, secret) is one value, listed once" \
  || bad "a value of two places listed once"

# --find: whole_on_screen's test.
find() { "$cc" --find "$1" "$d/screen" > "$d/out" 2>&1; }
printf '%s\n' 'title' ' random   683c40c0eb507c0463887da1ad03ac41 │ x' '          0c94eea20d41deca15ef765791f15f49 │ y' > "$d/screen"
find "$random" && grep -qx "row 1 col 10" "$d/out" && ok "--find: a value wrapped at its column is whole, found where it starts" || bad "--find: wrapped"
printf '%s\n' " a $random b" > "$d/screen"
find "$random" && ok "--find: a value on one row" || bad "--find: one row"
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac41 │' '        0c94eea20d41deca15ef765791f15f49   │' > "$d/screen"
find "$random" && bad "--find: a wrap at another column counts as whole" || ok "--find: a wrap at another column is not whole"
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac…' > "$d/screen"
find "$random" && bad "--find: a cut value counts as whole" || ok "--find: a cut value is not whole"
printf '%s\n' ' random   683c40c0eb507c0463887da1ad03ac41x' '          0c94eea20d41deca15ef765791f15f49' > "$d/screen"
find "$random" && bad "--find: a wrap whose first row goes on with other text counts as whole" || ok "--find: a first row that goes on is no wrap"

# --prose: a paragraph wrapped over rows and scrolled over two pages reads as one line.
printf '%s\n' 'CLIENT │ Try next:' '  x    │ Press k at the last step: every' > "$d/p1"
printf '%s\n' '  x    │ Press k at the last step: every' '  y    │ secret, who holds it.' > "$d/p2"
"$cc" --prose "$d/p1" "$d/p2" > "$d/out"
grep -qF "Try next: Press k at the last step: every secret, who holds it." "$d/out" \
  && ok "--prose joins a column's rows, a page's repeated rows once" || bad "--prose"
"$cc" "$d/nonexistent.json" "$d/p1" > "$d/out" 2>&1
[ $? -eq 2 ] && ok "a missing JSON is exit 2" || bad "a missing JSON"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
