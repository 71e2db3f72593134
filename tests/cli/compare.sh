#!/usr/bin/env bash
# --compare on the command line (issue 16): the JSON of design.md §5 ({"compare": {a, b, rows,
# summary}}, each run as --json writes it alone, null where a run has no counterpart), the
# handout, the errors (exit 2 with what was expected), a two-run lesson's compare = NAME and
# --check running both runs.
# usage: compare.sh PATH-TO-TLSSTEP
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
command -v jq >/dev/null || { echo "jq is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
# expect STATUS PATTERN DESCRIPTION -- ARGS...
expect() {
  local want=$1 pattern=$2 what=$3; shift 4
  "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then bad "$what: exit $got, expected $want"; sed 's/^/     /' "$tmp/err" | head -5; return; fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then bad "$what: output lacks /$pattern/"; head -5 "$tmp/err"; return; fi
  ok "$what"
}
# jcheck FILTER DESCRIPTION: the JSON in $tmp/c.json satisfies the jq filter.
jcheck() { if jq -e "$1" "$tmp/c.json" >/dev/null 2>&1; then ok "$2"; else bad "$2 (jq: $1)"; fi; }

"$prog" --json "$tmp/c.json" --compare tls12-ecdhe-rsa tls12-rsa || bad "--json --compare exits $?"
"$prog" --json "$tmp/a.json" tls12-ecdhe-rsa; "$prog" --json "$tmp/b.json" tls12-rsa
jcheck '.compare | has("a") and has("b") and has("rows") and has("summary")' "--json --compare: {compare: {a, b, rows, summary}}"
if [ "$(jq -S .compare.a "$tmp/c.json")" = "$(jq -S . "$tmp/a.json")" ] && [ "$(jq -S .compare.b "$tmp/c.json")" = "$(jq -S . "$tmp/b.json")" ]
then ok "each run is exactly what --json writes for it alone"; else bad "a run differs from its own --json"; fi
jcheck '[.compare.rows[] | select(.[1] == null)] | length == 1' "one row with null for B (the ServerKeyExchange)"
jcheck '.compare.rows[3] == [4, null] and .compare.a.steps[3].message == "ServerKeyExchange"' "row 4 is A's ServerKeyExchange against null"
jcheck '[.compare.rows[][0] | select(. != null)] == [range(1; (.compare.a.steps | length) + 1)]' "A's steps in order, each once"
jcheck '[.compare.rows[][1] | select(. != null)] == [range(1; (.compare.b.steps | length) + 1)]' "B's steps in order, each once"
jcheck '.compare.summary.a.forward_secrecy == true and .compare.summary.b.forward_secrecy == false' "summary: forward secrecy A yes, B no"
jcheck '.compare.summary.a.round_trips == [2] and .compare.summary.b.public_key_operations.server.decrypt == 1' "summary: round trips, the RSA server's decryption"
jcheck '.compare.summary.a.bytes_total == ([.compare.a.steps[].record_hex | split(" ") | length] | add)' "summary: bytes on the wire are the records' bytes"
jcheck '[.compare.only[] | select(.row == 4 and .run == "a" and (.reason | test("RSA")))] | length == 1' "only: row 4's reason names RSA"
jcheck '[.compare.differences[] | select(.path == "cipher_suite" and .row == 2)] | length == 1' "differences: the ServerHellos' cipher_suite"

"$prog" --json "$tmp/c.json" --compare tls13 --seed2 2 || bad "--compare tls13 --seed2 2 exits $?"
jcheck '.compare.a.seed == 1 and .compare.b.seed == 2' "--seed2: B is A with seed 2"
jcheck '[.compare.differences[] | select(.cause == "settings")] | length == 0' "seeds 1 and 2: no difference from the settings"
jcheck '[.compare.rows[] | select(.[0] == null or .[1] == null)] | length == 0' "seeds 1 and 2: every row paired"
"$prog" --json "$tmp/c.json" --compare tls13 tls13
jcheck '.compare.differences | length == 0' "a run against itself: no difference at all"

expect 0 '^\| 4 \| 4 server ServerKeyExchange' "--markdown - --compare: a table of the aligned rows" -- --markdown - --compare tls12-ecdhe-rsa tls12-rsa
expect 2 "compare it with what\? Name B" "--compare A alone asks for B or a second seed" -- --compare tls13
expect 2 "--seed2 gives the second run of a comparison" "--seed2 without --compare" -- --seed2 3 tls13
expect 2 "--pcap takes one run" "--pcap with --compare" -- --compare tls13 --pcap "$tmp/x.pcap" tls12-rsa
expect 2 "--compare: unknown scenario or lesson 'nosuch'" "an unknown A" -- --batch --compare nosuch tls13
expect 2 "--compare: unknown scenario or lesson 'nosuch'" "an unknown B" -- --batch --compare tls13 nosuch
expect 2 "--seed2 x: expected a whole number" "a bad --seed2" -- --compare tls13 --seed2 x
sed 's/^result = success/result = failure\nside = client/' "$(dirname "$0")/../../lessons/scenarios/tls13.scenario" > "$tmp/wrong.scenario"
expect 1 "" "B does not go as its [expect] says: exit 1" -- --batch --compare tls13 "$tmp/wrong.scenario"

# --plain --compare: a row per command, in one column.
printf '\n\n\n\n\nb\n9\ns\nnonsense\nq\n' | COLUMNS=200 "$prog" --plain --compare tls12-ecdhe-rsa tls12-rsa >"$tmp/plain.out"
st=$?
out=$(sed 's/^> //' "$tmp/plain.out") # the prompt before each answer
[ "$st" -eq 0 ] && ok "--plain --compare: exit 0 on q" || bad "--plain --compare: exit $st"
if printf '%s\n' "$out" | grep -q "^row 5$" && printf '%s\n' "$out" | grep -q "^  A:  4 server ServerKeyExchange" &&
   [ "$(printf '%s\n' "$out" | grep -c '^row 4$')" -eq 2 ]; then ok "--plain --compare: Enter steps, b goes back a row"
else bad "--plain --compare: rows not as stepped"; fi
printf '%s\n' "$out" | grep -q "^row 9$" && ok "--plain --compare: a number jumps to that row" || bad "--plain --compare: no row 9"
printf '%s\n' "$out" | grep -q "forward secrecy" && ok "--plain --compare: s prints the figures" || bad "--plain --compare: no figures"
printf '%s\n' "$out" | grep -q "nonsense: not a command" && ok "--plain --compare: an unknown command is said" || bad "--plain --compare: unknown command"
printf '%s\n' "$out" | grep -qE '^ +[0-9]+ +[0-9]+ (client|server) .* \| ' && bad "--plain --compare: two columns" ||
  ok "--plain --compare: one column whatever COLUMNS says"

# A two-run lesson: compare = NAME in [lesson].
sed -n '/^\[lesson\]/q;p' "$(dirname "$0")/../../lessons/04-forward-secrecy.lesson" > "$tmp/two.lesson"
printf '[lesson]\ntitle = Two runs\ncompare = tls12-rsa\n[step 1]\nsay = The ClientHello of each run.\n' >> "$tmp/two.lesson"
expect 0 "compare = tls12-rsa, goes as its \[expect\] says too" "--check runs a two-run lesson's second run" -- --check "$tmp/two.lesson"
expect 0 "B: tls12-rsa, seed 1" "--compare LESSON: B is the lesson's compare = NAME" -- --batch --compare "$tmp/two.lesson"
sed 's/^compare = .*/compare = no-such-run/' "$tmp/two.lesson" > "$tmp/bad.lesson"
expect 2 "bad.lesson:[0-9]+: compare = no-such-run: unknown scenario" "--check: a compare = NAME that loads nothing, with its line" -- --check "$tmp/bad.lesson"
printf 'compare = tls13\n' >> "$tmp/two.lesson"
expect 2 "not a section|outside|\[step 1\]|compare" "compare = outside [lesson] is refused" -- --check "$tmp/two.lesson"
# A bundled two-run lesson's [row N] words: each front end shows them, --plain asks the checkpoints.
lessons="$(dirname "$0")/../../lessons"
expect 0 "^        > Only A sends a ServerKeyExchange" "--batch --compare LESSON: the row's words for the pair" -- --batch --compare 04-forward-secrecy
expect 0 "^\*\*Row 4\.\*\* Only A sends a ServerKeyExchange" "--markdown --compare LESSON: the lesson row by row" -- --markdown - --compare 04-forward-secrecy
expect 0 "^> B: |^        > A: " "--compare LESSON B (another B): each run's own [step N] words, not the rows" -- --batch --compare 04-forward-secrecy tls13
if grep -q "^        > Only A sends" "$tmp/out"; then bad "the rows' words shown against another B"; else ok "the rows' words only with the lesson's own B"; fi
printf '\n\n2\nq\n' | "$prog" --plain --compare 04-forward-secrecy > "$tmp/out" 2>&1
if grep -q "Checkpoint before row 2: " "$tmp/out" && grep -q "Right: the answer is 2" "$tmp/out"; then ok "--plain --compare LESSON asks a row's checkpoint before the row"; else bad "--plain --compare LESSON: no checkpoint asked"; fi
for l in 04-forward-secrecy 07-sessions 10-tls13; do
  expect 0 "$l.lesson: ok: its second run" "--check $l: both runs and the rows fit" -- --check "$lessons/$l.lesson"
done
jcheck '.compare | has("lesson_rows") | not' "--json --compare A B: no lesson_rows without a two-run lesson"
"$prog" --json "$tmp/c.json" --compare 04-forward-secrecy || bad "--json --compare LESSON exits $?"
jcheck '(.compare.lesson_rows | length) == (.compare.rows | length) and all(.compare.lesson_rows[]; .narration != null)' "--json --compare LESSON: lesson_rows, words at every row"
jcheck '[.compare.lesson_rows[] | select(.checkpoint)] | length >= 2 and .[0].row == 2 and .[0].checkpoint.answer_number == 2' "--json --compare LESSON: the rows' checkpoints with their answers"
cp "$lessons/04-forward-secrecy.lesson" "$tmp/rows.lesson"
printf '[row 15]\nsay = past the end\n' >> "$tmp/rows.lesson"
expect 1 "rows.lesson:[0-9]+: \[row 15\]: this comparison has 14 rows" "--check: a [row N] past the comparison's end, with its line" -- --check "$tmp/rows.lesson"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
