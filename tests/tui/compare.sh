#!/usr/bin/env bash
# The comparison view (tlsstep --compare A B) at 80x24, 100x30 and 200x60 in tmux: it opens
# before the first row, Space moves both runs a row, both ladders stand side by side from
# 120x40 (the aligned rows on one line) and one at a time below with Tab switching, a
# difference is marked, the summary row is there, a run against itself shows no difference,
# and no value of either run is cut without an ellipsis (cutcheck against each run's JSON); a
# two-run lesson asks its row checkpoints before the row and shows its words for the pair.
# usage: compare.sh PATH-TO-TLSSTEP PATH-TO-CUTCHECK
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cutcheck=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
sock=tlsstep-compare-$$
sess=cmp
pass=0 fail=0
W=${SCREENS_WAIT:-5}
T() { tmux -L "$sock" "$@"; }
. "$here/lib.sh"
trap 'T kill-server 2>/dev/null; rm -rf "$lib_dir"' EXIT
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); T capture-pane -p -t "$sess" | sed 's/^/     | /'; }
command -v tmux >/dev/null || { echo "tmux is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
command -v jq >/dev/null || { echo "jq is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
on_screen() { T capture-pane -p -t "$sess" | grep -qE -- "$1"; }
check() { if wait_until "$W" on_screen "$1"; then ok "$2"; else bad "$2 (no /$1/ on screen)"; fi; }
keys() { T send-keys -t "$sess" "$@"; }
at_row() { T capture-pane -p -t "$sess" | head -n 1 | grep -qE "row $1/$2([^0-9]|$)"; }
# look LABEL A B: the settled screen, its key bar, and no value of run A or B cut bare.
look() {
  local prev="" cur i
  for i in $(seq 1 40); do
    cur=$(T capture-pane -p -t "$sess"); [ "$cur" = "$prev" ] && break; prev=$cur; sleep 0.05
  done
  shot "$cfg-$1"
  case "$(grep -v '^ *$' "$SHOT" | tail -n 1)" in
    *"? help"*"q quit"*) ;;
    *) echo "FAIL - $cfg $1: the key bar lacks '? help' or 'q quit'"; fail=$((fail + 1)) ;;
  esac
  local r
  for r in "$2" "$3"; do
    cut_check "$SHOT" "$(run_json "$r")" || { echo "FAIL - $cfg $1: a value of $r cut without an ellipsis"; fail=$((fail + 1)); }
  done
}
# open A B: the comparison's first screen; ROWS is its number of aligned rows.
open() {
  ROWS=$("$prog" --json - --compare "$1" "$2" | jq '.compare.rows | length')
  keys "clear; $prog --compare $1 $2; echo EXIT-\$?" Enter
  if wait_until "$W" at_row 0 "$ROWS"; then ok "$cfg $1/$2: opens before the first row ($ROWS rows)"
  else bad "$cfg $1/$2: did not open at row 0"; fi
}
quit() {
  keys q
  if wait_until "$W" on_screen "^EXIT-0"; then ok "$cfg: q quits with status 0"; else bad "$cfg: q did not quit"; fi
}

T -f /dev/null new-session -d -s keepalive "sleep 100000"
for cfg in ${COMPARE_CONFIGS:-80x24 100x30 200x60}; do
  w=${cfg%x*} h=${cfg#*x}
  T -f /dev/null new-session -d -s "$sess" -x "$w" -y "$h" \
    "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp bash --norc --noprofile"
  keys "PS1='$ '" Enter

  open tls12-ecdhe-rsa tls12-rsa
  look open tls12-ecdhe-rsa tls12-rsa
  keys Space
  wait_until "$W" at_row 1 "$ROWS" || bad "$cfg: Space did not reach row 1"
  check "What differs at row 1" "$cfg: row 1 lists what differs"
  check "≠ cipher_suites" "$cfg: the ClientHellos' offered suites are marked as differing"
  check "RTT .* bytes .* forward secrecy" "$cfg: the summary row (round trips, bytes, forward secrecy)"
  look row1 tls12-ecdhe-rsa tls12-rsa
  keys Space Space Space
  wait_until "$W" at_row 4 "$ROWS" || bad "$cfg: Space did not reach row 4"
  check "Only A: B's key exchange is RSA" "$cfg: row 4, ServerKeyExchange in A only, says why"
  if [ "$w" -ge 120 ] && [ "$h" -ge 40 ]; then
    if T capture-pane -p -t "$sess" | grep -qE "A CLIENT.*B CLIENT"; then ok "$cfg: both ladders side by side"
    else bad "$cfg: not both ladders"; fi
    if T capture-pane -p -t "$sess" | grep -qE "2 ServerHello.*2 ServerHello"; then ok "$cfg: the aligned ServerHellos on one line"
    else bad "$cfg: the ServerHellos are not on one line"; fi
    if T capture-pane -p -t "$sess" | grep -qE "4 ServerKeyExchange.*A only: ServerKeyExchange"; then
      ok "$cfg: B's ladder has a gap where A's ServerKeyExchange is"
    else bad "$cfg: no gap in B's ladder at row 4"; fi
  else
    if T capture-pane -p -t "$sess" | grep -q "B CLIENT"; then bad "$cfg: both ladders below 120x40"
    else ok "$cfg: one run at a time"; fi
    keys Tab
    check "B CLIENT" "$cfg: Tab shows run B"
    check "A only: ServerKeyExchange" "$cfg: B's ladder shows the gap where A's ServerKeyExchange is"
  fi
  look row4 tls12-ecdhe-rsa tls12-rsa
  # A click (xterm's mouse report: press, release) on the ladder's second row goes back to row 2.
  [ "$w" -ge 120 ] && [ "$h" -ge 40 ] || keys Tab # the first run's ladder again
  T send-keys -t "$sess" -l $'\e[M #$'
  T send-keys -t "$sess" -l $'\e[M##$'
  if wait_until "$W" at_row 2 "$ROWS"; then ok "$cfg: a click on the ladder's row 2 goes there"
  else bad "$cfg: a click on row 2 did not go there"; fi
  keys End
  wait_until "$W" at_row "$ROWS" "$ROWS" || bad "$cfg: End did not reach the last row"
  look last tls12-ecdhe-rsa tls12-rsa
  quit

  # A run against itself: no difference anywhere.
  open tls13 tls13
  keys Space
  check "No difference" "$cfg: tls13 against itself: no difference at row 1"
  keys End
  wait_until "$W" at_row "$ROWS" "$ROWS" || bad "$cfg: End did not reach the last row"
  check "No difference" "$cfg: tls13 against itself: no difference at the last row"
  look self tls13 tls13
  quit
  # Seeds 1 and 2 of one scenario: only fresh values differ (=), nothing set up differently (≠).
  ROWS=$("$prog" --json - --compare tls13 --seed2 2 | jq '.compare.rows | length')
  keys "clear; $prog --compare tls13 --seed2 2; echo EXIT-\$?" Enter
  wait_until "$W" at_row 0 "$ROWS" || bad "$cfg: --seed2 did not open at row 0"
  keys Space
  check "= fresh each run: random" "$cfg: seeds 1 and 2: the ClientHellos' random differs as a fresh value"
  if T capture-pane -p -t "$sess" | grep -qE "^ *[^ ]*≠ [0-9]+ |≠ [a-z_]+.*: A "; then bad "$cfg: seeds 1 and 2: a difference from the settings"
  else ok "$cfg: seeds 1 and 2: no difference from the settings on screen"; fi
  quit
  # A two-run lesson (B its compare = NAME): stepping stops at a row's checkpoint, a number answers
  # it and shows the row, whose words for the pair come with the verdict.
  ROWS=$("$prog" --json - --compare 04-forward-secrecy | jq '.compare.rows | length')
  keys "clear; $prog --compare 04-forward-secrecy; echo EXIT-\$?" Enter
  wait_until "$W" at_row 0 "$ROWS" || bad "$cfg: the two-run lesson did not open at row 0"
  keys Space Space
  check "A checkpoint before row 2" "$cfg: two-run lesson: Space stops before row 2 with its checkpoint"
  check "^.*│ A's server picks an ECDHE_RSA suite" "$cfg: two-run lesson: the checkpoint's question"
  check "2\) B only" "$cfg: two-run lesson: the checkpoint's choices fit on screen"
  if at_row 1 "$ROWS"; then ok "$cfg: two-run lesson: row 2 is not shown before its answer"; else bad "$cfg: row 2 shown unasked"; fi
  keys 2
  if wait_until "$W" at_row 2 "$ROWS"; then ok "$cfg: two-run lesson: a number answers and shows row 2"
  else bad "$cfg: the answer did not show row 2"; fi
  check "you answered 2: right" "$cfg: two-run lesson: the verdict"
  if [ "$h" -ge 30 ]; then
    check "Lesson: Both ServerHellos" "$cfg: two-run lesson: the row's words for the pair"
    check "eavesdropper: hidden by the lesson until step 11" "$cfg: two-run lesson: the eavesdropper hidden as the lesson says"
  fi
  look lesson 04-forward-secrecy tls12-rsa
  quit
  T kill-session -t "$sess"
done
echo "$pass passed, $fail failed (screens kept in $lib_dir only while running)"
[ "$fail" -eq 0 ]
