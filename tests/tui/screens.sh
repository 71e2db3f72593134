#!/usr/bin/env bash
# The screen contract at 80x24, 100x30, 120x40 and 200x60 (LANG=C.UTF-8), and at 100x30
# with LANG=C: every value shown whole somewhere, or its cut marked with an ellipsis.
# The real program runs in tmux (a private server, no user config, an `env -i` shell);
# the screen is read with capture-pane and polled, never slept on blindly. Every screen
# captured is kept in a temp dir, checked by cutcheck against the JSON of the same run,
# and must show "? help" and "q quit" in its key bar; a failure prints it.
# usage: screens.sh PATH-TO-TLSSTEP PATH-TO-CUTCHECK
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cutcheck=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
sock=tlsstep-screens-$$
sess=scr
pass=0 fail=0
# Deadlines (seconds): W for what a key must bring, W2 for what should already be there.
W=${SCREENS_WAIT:-5} W2=${SCREENS_WAIT2:-3}
T() { tmux -L "$sock" "$@"; }
. "$here/lib.sh"
state=$(mktemp -d)
trap 'T kill-server 2>/dev/null; rm -rf "$state" "$lib_dir"' EXIT
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); T capture-pane -p -t "$sess" | sed 's/^/     | /'; }
command -v tmux >/dev/null || { echo "tmux is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
command -v jq >/dev/null || { echo "jq is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }

on_screen() { T capture-pane -p -t "$sess" | grep -qE -- "$1"; }
on_screen_fixed() { T capture-pane -p -t "$sess" | grep -qF -- "$1"; }
# in_prose TEXT: TEXT is on screen, wrapped or not (cutcheck --prose joins each column's rows).
in_prose() { T capture-pane -p -t "$sess" > "$lib_dir/prose.txt"; "$cutcheck" --prose "$lib_dir/prose.txt" | grep -qF -- "$1"; }
title_has() { T capture-pane -p -t "$sess" | head -n 1 | grep -qE -- "$1"; }
# check PATTERN WHAT: the screen shows /PATTERN/ before the deadline.
check() { if wait_until "$W" on_screen "$1"; then ok "$2"; else bad "$2 (no /$1/ on screen)"; fi; }
keys() { T send-keys -t "$sess" "$@"; }
# at_step I N: the title row says step I of N (the screen has caught up with the keys).
at_step() { title_has "(^|[^0-9])$1/$2([^0-9]|$)"; }

# look LABEL [RUN]: capture the screen (once it stops changing) as SHOT and check it: the
# key bar (the last row that is not empty) has "? help" and "q quit", and no value of RUN
# (default: the run being driven) is cut.
shots_checked=0
look() {
  local prev="" cur i
  for i in $(seq 1 40); do # settled: two captures 50 ms apart agree
    cur=$(T capture-pane -p -t "$sess")
    [ "$cur" = "$prev" ] && break
    prev=$cur
    sleep 0.05
  done
  shot "$cfg-$1"
  shots_checked=$((shots_checked + 1))
  local bar
  bar=$(grep -v '^ *$' "$SHOT" | tail -n 1)
  case "$bar" in
    *"? help"*"q quit"* | *"q quit"*"? help"*) ;;
    *) echo "FAIL - $cfg $1: the key bar lacks '? help' or 'q quit': [$bar]"; fail=$((fail + 1)) ;;
  esac
  cut_check "$SHOT" "$(run_json "${2:-$run}")" || { echo "FAIL - $cfg $1: text cut without an ellipsis (above)"; fail=$((fail + 1)); }
}

# start NAME [ARGS]: open run NAME in the session's shell and wait for its first screen.
start() {
  run=$1
  shift
  keys "clear; $prog $* $run; echo EXIT-\$?" Enter
  if wait_until "$W" at_step 0 "$(jq '.steps | length' "$(run_json "$run")")"; then ok "$cfg $run: opens before its first message"
  else bad "$cfg $run: did not open at step 0"; fi
}
quit() {
  keys q
  if wait_until "$W" on_screen "^EXIT-0"; then ok "$cfg $run: q quits with status 0"; else bad "$cfg $run: q did not quit"; fi
}

# jq: the digit that answers step $i's checkpoint (its answer is the text of one of its choices).
digit='.steps[$i].checkpoint as $c | ($c.choices | index($c.answer)) + 1'
# The TLS 1.3 mutual-authentication scenario, whatever its name.
tls13_mutual=$("$prog" --list | awk '{print $1}' | grep -E '^tls13-.*(mutual|client-auth)' | head -n 1)
phases12=("Server authentication and key exchange" "Client authentication and key exchange" "Change cipher spec and Finished")

T -f /dev/null new-session -d -s keepalive "sleep 100000"
for cfg in ${SCREENS_CONFIGS:-80x24-utf8 100x30-utf8 120x40-utf8 200x60-utf8 100x30-ascii}; do
  size=${cfg%-*} w=${size%x*} h=${size#*x}
  lang=C.UTF-8
  [ "${cfg#*-}" = ascii ] && lang=C
  T -f /dev/null new-session -d -s "$sess" -x "$w" -y "$h" \
    "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=$lang HOME=/tmp XDG_STATE_HOME=$state bash --norc --noprofile"
  keys "PS1='$ '" Enter

  # --- tls12-ecdhe-rsa: the suite's name, the client random, the secrets of step 6 -----------
  start tls12-ecdhe-rsa
  json=$(run_json tls12-ecdhe-rsa)
  n=$(jq '.steps | length' "$json")
  iana=$(jq -r '.cipher_suite.iana_name // (.steps[] | select(.message == "ServerHello") | .fields[]
                | select(.name == "cipher_suite") | .value | sub(" \\(0x[0-9a-f]+\\)$"; ""))' "$json" | head -n 1)
  look open
  if grep -qF -- "$iana" <(head -n 1 "$SHOT"); then ok "$cfg: the title row names the suite whole ($iana)"
  else bad "$cfg: the title row lacks the whole suite name $iana"; fi
  keys Space
  wait_until "$W" at_step 1 "$n" || bad "$cfg: Space did not reach step 1"
  keys Tab Down Down
  random=$(jq -r '.steps[0].fields[] | select(.name == "random") | .value' "$json")
  if wait_until "$W2" whole_on_screen "$random"; then ok "$cfg: ClientHello's random selected: its ${#random} hex digits whole"
  else bad "$cfg: ClientHello's random ($random) is not whole on screen"; fi
  look clienthello-random
  keys Space Space Space Space Space
  wait_until "$W" at_step 6 "$n" || bad "$cfg: Space did not reach step 6"
  look step6
  pms=$(jq -r '[.steps[5].secrets[] | select(.name == "premaster_secret")][0].hex' "$json")
  ms=$(jq -r '[.steps[5].secrets[] | select(.name == "master_secret")][0].hex' "$json")
  if [ "$w" -ge 100 ] && [ "$h" -ge 30 ]; then
    if wait_until "$W2" on_screen "Secrets"; then ok "$cfg: a secrets pane is on the main screen"; else bad "$cfg: no Secrets pane"; fi
    for s in "premaster_secret $pms" "master_secret $ms"; do
      hex=${s#* }
      if wait_until "$W2" whole_on_screen "$hex"; then ok "$cfg: step 6 shows ${s% *} whole (${#hex} hex digits)"
      else bad "$cfg: step 6 does not show ${s% *} whole ($hex)"; fi
    done
  else
    if grep -qE "client:.*server:" "$SHOT"; then ok "$cfg: a knowledge bar says who knows what"; else bad "$cfg: no knowledge bar"; fi
    keys k
    check "premaster_secret" "$cfg: k opens the keys view, the premaster secret in it"
    look keys-view
    keys Escape
  fi
  keys End
  wait_until "$W" at_step "$n" "$n" || bad "$cfg: End did not reach step $n"
  look last
  quit

  # --- tls12-renegotiation: the second handshake says so; its renegotiation_info in the keys view ---
  start tls12-renegotiation
  rjson=$(run_json tls12-renegotiation)
  n=$(jq '.steps | length' "$rjson")
  at=$(jq '[.steps[] | select(.handshake == 2 and .message == "ServerHello")][0].index' "$rjson")
  for _ in $(seq 1 "$at"); do keys Space; done
  wait_until "$W" at_step "$at" "$n" || bad "$cfg: renegotiation: Space did not reach step $at"
  check "renegotiation" "$cfg: renegotiation: step $at (its ServerHello) is marked as the renegotiation"
  look reneg-serverhello
  keys k
  wait_until "$W" on_screen "Keys and proofs" || bad "$cfg: renegotiation: k did not open the keys view"
  for _ in $(seq 1 20); do # both handshakes' secrets, in order: PgDn to the last one (bounded)
    on_screen "server_renegotiated_connection" && break
    keys NPage
    sleep 0.05
  done
  check "server_renegotiated_connection" "$cfg: renegotiation: the keys view shows what the ServerHello quotes"
  look reneg-keys-view
  keys Escape
  quit

  # --- lesson 01: a checkpoint keeps the ladder in view; the last step's try lines --------------
  start 01-four-phases
  ljson=$(run_json 01-four-phases)
  n=$(jq '.steps | length' "$ljson")
  keys Space
  wait_until "$W" at_step 1 "$n" || bad "$cfg: lesson: Space did not reach step 1"
  keys Space
  if ! wait_until "$W" on_screen "Checkpoint"; then
    bad "$cfg: lesson: no checkpoint before step 2"
  else
    ok "$cfg: lesson: a checkpoint before step 2"
    look checkpoint
    prev=$(jq -r '.steps[0].message' "$ljson")
    if grep -q "Checkpoint" "$SHOT" && grep -qE -- "$prev ?(─|-){2,}" "$SHOT"; then ok "$cfg: lesson: the checkpoint leaves $prev in view"
    else bad "$cfg: lesson: the checkpoint hides the previous message's name $prev"; fi
    answer=$(jq -r "$digit" --argjson i 1 "$ljson")
    wrong=1
    [ "$answer" = 1 ] && wrong=2
    explain=$(jq -r '.steps[1].checkpoint.explanation' "$ljson" | awk '{print $1, $2, $3}')
    keys "$wrong"
    if wait_until "$W2" in_prose "$explain"; then ok "$cfg: lesson: a wrong pick is explained"; else bad "$cfg: lesson: no explanation ('$explain') after a wrong pick"; fi
    look checkpoint-wrong
    keys "$answer"
    if wait_until "$W2" on_screen "Right|[Cc]orrect"; then ok "$cfg: lesson: then the right one can be tried"; else bad "$cfg: lesson: a second try is not taken"; fi
    keys Space
    if wait_until "$W" at_step 2 "$n"; then ok "$cfg: lesson: Space continues to step 2"; else bad "$cfg: lesson: Space did not continue"; fi
  fi
  # End asks the checkpoints still unanswered on the way: answer each (rightly) until the last step.
  keys End
  asked=0
  for _ in 1 2 3 4 5 6; do
    wait_until "$W2" eval 'on_screen Checkpoint || at_step "$n" "$n"' || break
    on_screen Checkpoint || break
    q=$(T capture-pane -p -t "$sess") first=""
    for i in $(jq -r '.steps | to_entries[] | select(.value.checkpoint) | .key' "$ljson"); do
      words=$(jq -r ".steps[$i].checkpoint.question" "$ljson" | awk '{print $1, $2, $3, $4}')
      grep -qF -- "$words" <<<"$q" && { first=$words; break; }
    done
    [ -n "$first" ] || { bad "$cfg: lesson: a checkpoint after End that the lesson does not ask"; break; }
    asked=$((asked + 1))
    look "end-checkpoint-$asked"
    if [ -n "$(jq -r ".steps[$i].checkpoint.ask_value // empty" "$ljson")" ]; then
      keys "$(jq -r ".steps[$i].checkpoint.answer" "$ljson")" Enter # a value checkpoint: the run's value, typed
    else
      keys "$(jq -r "$digit" --argjson i "$i" "$ljson")"
    fi
    wait_until "$W2" on_screen "Right|[Cc]orrect" || bad "$cfg: lesson: step $((i + 1))'s checkpoint did not take its answer"
    keys Space
    wait_until "$W2" eval '! on_screen_fixed "$first"' || { bad "$cfg: lesson: Space did not close step $((i + 1))'s checkpoint"; break; }
  done
  unanswered=$(jq '[.steps[2:][] | select(.checkpoint)] | length' "$ljson")
  if [ "$asked" -eq "$unanswered" ]; then ok "$cfg: lesson: End asked the $unanswered unanswered checkpoint(s)"
  else bad "$cfg: lesson: End asked $asked of $unanswered unanswered checkpoint(s)"; fi
  if wait_until "$W" at_step "$n" "$n"; then ok "$cfg: lesson: End reaches the last step"; else bad "$cfg: lesson: End did not reach step $n"; fi
  look lesson-last
  pages=("$SHOT")
  for _ in $(seq 1 30); do # PgDn until the last try line is on screen (bounded)
    "$cutcheck" --prose "${pages[@]}" | grep -qF -- "$(jq -r '.lesson.try[-1]' "$ljson" | tr -s ' ')" && break
    keys NPage
    look lesson-pgdn
    cmp -s "$SHOT" "${pages[-1]}" && break # the end of the narration: PgDn changes nothing
    pages+=("$SHOT")
  done
  prose=$("$cutcheck" --prose "${pages[@]}")
  grep -qF "Try next" <<<"$prose" && ok "$cfg: lesson: a Try next block" || bad "$cfg: lesson: no 'Try next' block"
  tries=$(jq '.lesson.try | length' "$ljson")
  for i in $(seq 0 $((tries - 1))); do
    t=$(jq -r ".lesson.try[$i]" "$ljson" | tr -s ' ')
    if grep -qF -- "$t" <<<"$prose"; then ok "$cfg: lesson: try line $((i + 1)) shown whole"
    else bad "$cfg: lesson: try line $((i + 1)) not shown whole: $t"; fi
  done
  quit

  # --- fail-expired-cert: its last screen says so --------------------------------------------
  start fail-expired-cert
  n=$(jq '.steps | length' "$(run_json fail-expired-cert)")
  keys End
  wait_until "$W" at_step "$n" "$n" || bad "$cfg: fail-expired-cert: End did not reach step $n"
  if wait_until "$W2" on_screen "expired"; then ok "$cfg: fail-expired-cert: the last screen says 'expired'"
  else bad "$cfg: fail-expired-cert: 'expired' is not on its last screen"; fi
  look expired-last
  quit

  # --- TLS 1.3: no message under a TLS 1.2 phase name, on any screen of the run --------------
  for s13 in tls13 $tls13_mutual; do
    start "$s13"
    n=$(jq '.steps | length' "$(run_json "$s13")")
    seen=""
    for i in $(seq 1 "$n"); do
      keys Space
      wait_until "$W" at_step "$i" "$n" || { bad "$cfg: $s13: Space did not reach step $i"; break; }
      look "$s13-step$i"
      for p in "${phases12[@]}"; do grep -qF -- "$p" "$SHOT" && seen="$seen step $i: $p;"; done
    done
    if [ -z "$seen" ]; then ok "$cfg: $s13: no TLS 1.2 phase name on any of its $n steps"
    else bad "$cfg: $s13: TLS 1.2 phase names shown:$seen"; fi
    quit
  done
  T kill-session -t "$sess"
done

echo "$shots_checked screens captured and cut-checked"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
