#!/usr/bin/env bash
# The real program in tmux (a private server, no user config), at 80x24, 120x40 and
# 200x60: step through the default run to the end and back, open and close fields,
# help, the keys view and the eavesdropper view, switch scenario, resize (also too
# small), quit, and check the shell is usable afterwards; then SIGTERM. The screen is
# read with capture-pane and polled, never slept on blindly.
# Every screen a check passes on is also checked by cutcheck (tests/tui/cutcheck.c) against
# the JSON of the run its title row names: no value or word cut without an ellipsis.
# usage: tui.sh PATH-TO-TLSSTEP [PATH-TO-CUTCHECK]
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cutcheck=${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}
sock=tlsstep-tui-$$
sess=tui
pass=0 fail=0
T() { tmux -L "$sock" "$@"; }
. "$(dirname "$0")/lib.sh"
state=$(mktemp -d) # the lesson progress record (XDG_STATE_HOME) starts empty
trap 'T kill-server 2>/dev/null; rm -rf "$state" "$lib_dir"' EXIT
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); T capture-pane -p -t tui | sed 's/^/     | /' | head -30; }
screen() { T capture-pane -p -t tui; }
# wait_for PATTERN [SECONDS]: poll the screen until the extended regex matches
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ "$SECONDS" -le "$deadline" ]; do
    screen | grep -qE -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
# cut_screen WHAT: cutcheck the screen (each distinct one once) against the JSON of the run its
# title row names; a shell, or a run tampered with by f (not the JSON's run), is not checked.
cut_seen=" "
cut_screen() {
  [ -n "$cutcheck" ] || return 0
  local name json sum
  name=$(run_on_screen)
  [ -n "$name" ] && json=$(run_json "$name") || return 0
  shot "$1"
  grep -q "FAULT INJECTED" "$SHOT" && return 0
  sum=$(cksum < "$SHOT" | cut -d' ' -f1)
  case "$cut_seen" in *" $sum "*) return 0 ;; esac
  cut_seen="$cut_seen$sum "
  cut_check "$SHOT" "$json" || { echo "FAIL - $1: text cut without an ellipsis on this screen (above)"; fail=$((fail + 1)); }
}
check() { if wait_for "$1" "${3:-10}"; then ok "$2"; cut_screen "$2"; else bad "$2 (no /$1/ on screen)"; fi; }
check_not() { sleep 0.2; if screen | grep -qE -- "$1"; then bad "$2 (/$1/ still on screen)"; else ok "$2"; cut_screen "$2"; fi; }
keys() { T send-keys -t tui "$@"; }

command -v tmux >/dev/null || { echo "tmux is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
tls13_down=$("$prog" --list | awk '{print $1}' | grep -n '^tls13$' | cut -d: -f1)

# A session that lives as long as the test, so that killing the test's own session never takes
# the tmux server down while the next one is being created (a race seen once under load).
T -f /dev/null new-session -d -s keepalive "sleep 100000"

for size in 80x24 120x40 200x60; do
  w=${size%x*} h=${size#*x}
  T -f /dev/null new-session -d -s tui -x "$w" -y "$h" "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp XDG_STATE_HOME=$state bash --norc --noprofile"
  keys "PS1='$ '" Enter
  keys "$prog tls12-ecdhe-rsa; echo EXIT-\$?" Enter
  check "tls12-ecdhe-rsa . step 0/14" "$size: opens the scenario before its first message"
  check "Space next" "$size: shows the keys it takes"
  keys Space
  check "ClientHello" "$size: Space lets the ClientHello cross"
  check "client random|client: CR" "$size: the client random is known" 
  keys Space Space Space
  check "ServerKeyExchange . server" "$size: the ServerKeyExchange is the current step"
  check "named_curve +x25519" "$size: its fields are decoded"
  check "0000 0c 00 01 28" "$size: its bytes are shown"
  keys Tab Down Enter
  check_not "curve_type" "$size: Enter closes ecdh_params"
  keys Enter
  check "curve_type" "$size: Enter opens it again"
  keys End
  check "step 14/14" "$size: End goes to the last step"
  check "End of the run:" "$size: the outcome is told"
  # below 100x30 the one-line knowledge bar; from 100x30 the secrets pane (band, or column from 160)
  check "on the wire: CR SR|client_random (CSW|. client, server, wire)" "$size: who knows what, the wire included"
  keys k
  check "Keys and proofs" "$size: k opens the keys view"
  check "premaster_secret" "$size: the premaster secret is on screen"
  check "master_secret" "$size: the master secret is on screen"
  for _ in 1 2 3 4 5 6; do screen | grep -q client_write_key && break; keys NPage; sleep 0.1; done
  check "client_write_key" "$size: the session keys are on screen (PgDn pages to them)"
  for _ in $(seq 1 40); do keys NPage; done
  if screen | grep -qE "lines [0-9]+-[0-9]+ of"; then
    check "lines [0-9]+-([0-9]+) of \1 " "$size: the keys view stops scrolling at its last line"
  else
    check "server_verify_data" "$size: the keys view holds every secret on one page"
  fi
  keys r
  check "[│|] +\| (python3|openssl|pem|#)" "$size: r shows the recipes in the keys view"
  keys c
  check "recipes written to" "$size: c in the keys view writes every recipe so far"
  f=$state/tlsstep/recipes/tls12-ecdhe-rsa-step14.sh
  want=$("$prog" --batch --json - tls12-ecdhe-rsa 2>/dev/null | python3 -c 'import json, sys
print([s["hex"] for st in json.load(sys.stdin)["steps"] for s in st["secrets"] if s["name"] == "master_secret"][0])')
  if [ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] && (cd /tmp && sh "$f" 2>/dev/null) | grep -qx "$want"; then
    ok "$size: the file is 0600 and, run with sh, prints the master secret"
  else
    bad "$size: $f missing, not 0600, or its recipes do not print the master secret $want"
  fi
  keys r
  keys Escape
  check_not "Keys and proofs" "$size: Esc closes it"
  keys e
  check "connection 1: ECDHE" "$size: e shows the eavesdropper"
  keys Escape '?'
  check "Keys \(Esc closes\)" "$size: ? shows the help"
  keys Escape Home
  check "step 0/14" "$size: Home goes back before the first message"
  keys Space Space b
  check "step 1/14" "$size: b steps back"
  keys f
  check "FAULT INJECTED" "$size: f injects a fault into the next message"
  keys End
  check "decrypt_error|detected the failure" "$size: the tampered run fails, and says why" 
  keys Home Space b
  check_not "FAULT INJECTED" "$size: b at the tampered step returns to the untouched run"
  keys s
  check "Lessons and scenarios" "$size: s opens the menu of lessons and scenarios"
  for _ in $(seq 2 "$tls13_down"); do keys Down; done
  keys Enter
  check "tls13 . step 0/[0-9]+ . TLS 1.3" "$size: the menu runs tls13"
  keys End
  check "EncryptedExtensions" "$size: TLS 1.3's encrypted messages are named"
  T resize-window -t tui -x 70 -y 20
  check "needs a terminal of at least 80x24" "$size: too small a terminal is told so"
  T resize-window -t tui -x "$w" -y "$h"
  check "Space next" "$size: back to size, the view returns"
  keys q
  check "EXIT-0" "$size: q quits with status 0"
  keys "echo ALIVE" Enter
  check "^ALIVE" "$size: the shell is usable afterwards"
  T kill-session -t tui
done

# A signal restores the terminal too.
T -f /dev/null new-session -d -s tui -x 80 -y 24 "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp XDG_STATE_HOME=$state bash --norc --noprofile"
keys "PS1='$ '" Enter
keys "$prog & pid=\$!; fg; echo EXIT-\$?" Enter
check "Space next" "SIGTERM: the view is up"
pkill -TERM -f "^$prog\$" || true
check "EXIT-143" "SIGTERM: the program ends with the signal's status"
keys "echo ALIVE" Enter
check "^ALIVE" "SIGTERM: the shell is usable afterwards"
# An ASCII terminal gets no box-drawing characters.
keys "LANG=C $prog; echo EXIT-\$?" Enter
check "Space next \| b back" "ASCII locale: plain hints"
keys q
check "EXIT-0" "ASCII locale: quits"

# The default lesson: its intro, its narration, a checkpoint asked once before its step.
keys "$prog; echo EXIT-\$?" Enter
check "Lesson 1 . (The four phases . )?step 0/14" "lesson: no argument opens the first lesson before its first message"
check "Two real TLS implementations are about to meet" "lesson: the intro is the narration before the first message"
keys Space
check "step 1/14" "lesson: Space lets the ClientHello cross"
check "Phase 1, hello. The client speaks first" "lesson: the lesson's narration, not the built-in one"
keys Space
check "Checkpoint: press the number" "lesson: the checkpoint comes before the ServerHello"
check "Which will its ServerHello" "lesson: the question is shown"
check_not "step 2/14" "lesson: the ServerHello is not revealed yet"
keys Space
check_not "step 2/14" "lesson: Space does not skip an unanswered question"
keys 1
check "Not quite: 1 is not it" "lesson: a wrong pick is told so"
check "ServerHello" "lesson: the box leaves the previous message visible"
keys Space
check "The answer is 2" "lesson: Space after a wrong pick gives the answer"
check "the client's order is a" "lesson: the explanation follows the answer"
keys Space
check "step 2/14" "lesson: Space then shows the step"
check "Still phase 1. The ServerHello fixes" "lesson: and its narration"
keys Home Space Space
check "step 2/14" "lesson: a question is asked once"
keys Space Space Space Space
check "Checkpoint" "lesson: the next checkpoint comes before step 6"
keys 2
check "Right\." "lesson: a right pick is told so"
keys Escape
check "step 6/14" "lesson: Esc closes the checkpoint and shows the step"
keys s
check "  01-four-phases +The four phases" "lesson: the menu lists the lesson with its title, not yet finished"
keys Escape End
check "Checkpoint" "lesson: End asks the checkpoint not yet answered on the way (before step 8)"
check_not "step 14/14" "lesson: End waits for it"
keys Escape
check "step 8/14" "lesson: Esc skips it and stops the jump at its step"
keys End
# A value checkpoint before step 10: the server Finished's record.length, typed in the box.
check "Checkpoint: type the value, then Enter" "value: End asks the value checkpoint before step 10"
check "record header's length field say" "value: its question is shown"
check "Type the number\." "value: it says what to type"
check "type, Enter answer . Esc skip the question" "value: the key bar says how to answer"
check_not "step 10/14" "value: the step is not revealed yet"
keys 4 1
check "> 41█" "value: typed characters show on the input line, with the cursor"
keys BSpace
check "> 4█" "value: Backspace deletes the last one"
keys Space
check_not "Right: |Not quite: " "value: Space is typed, not an answer"
keys BSpace 0 Enter
check "Right: the run's value is 40\." "value: Enter answers; the verdict gives the run's value"
check "8 \+ 16 \+ 16 = 40" "value: and the explanation"
keys Space
check "End of the run:" "lesson: End goes to the outcome"
check "step 14/14" "lesson: the last step"
check "lesson finished: 3 of 4 checkpoints answered, 2 right" "lesson: reaching the end records it, with the answers"
grep -qx "01-four-phases 3/4 2" "$state/tlsstep/progress" 2>/dev/null && ok "lesson: kept in XDG_STATE_HOME/tlsstep/progress" \
  || bad "lesson: progress file not written ($(cat "$state/tlsstep/progress" 2>/dev/null))"
keys s
check "✓ 3/4 +01-four-phases +The four phases" "lesson: the menu ticks it with the answers"
keys Escape q
check "EXIT-0" "lesson: quits"

# Instructor mode: a lesson hides the keys and who-knows-what until phase 3, then opens the keys itself.
keys "$prog $(cd "$(dirname "$0")" && pwd)/instructor.lesson; echo EXIT-\$?" Enter
check "Instructor demo . step 0/14" "instructor: the script opens"
keys Space
check "who knows what: hidden by the lesson until phase 3" "instructor: who-knows-what hidden before phase 3"
keys k
check "the lesson hides the keys until phase 3" "instructor: k is refused before phase 3, and says why"
keys Space Space Space Space Space
check "Keys and proofs" "instructor: the keys view opens by itself at step 6"
check "premaster_secret" "instructor: showing the premaster secret"
keys Escape
check "on the wire: CR SR" "instructor: who-knows-what is back in phase 3"
keys q
check "EXIT-0" "instructor: quits"

# Every other bundled lesson opens, reaches its last step by a deep link and quits cleanly.
lessons_dir="$(cd "$(dirname "$0")/../../lessons" && pwd)"
for f in "$lessons_dir"/*.lesson; do
  name=$(basename "$f" .lesson)
  [ "$name" = 01-four-phases ] && continue
  n=$("$prog" --json - "$name" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["steps"]))')
  keys "clear; $prog --step $n $name; echo EXIT-\$?" Enter
  check "step $n/$n" "$name: opens at its last step ($n)"
  check "End of the run:" "$name: the outcome first, then the narration and the lesson's summary"
  if screen | grep -q "PgDn more"; then # longer than its rows: PgDn scrolls to its end
    for _ in $(seq 1 30); do keys NPage; sleep 0.05; screen | grep -q "PgUp back" && break; done
    check "PgUp back" "$name: PgDn scrolls the long narration to its end"
    check_not "End of the run:" "$name: scrolled past the first lines"
    for _ in $(seq 1 30); do keys PPage; done
    check "End of the run:" "$name: PgUp scrolls back to the start"
  fi
  keys q
  check "EXIT-0" "$name: quits"
done

# Colours follow the terminal, and NO_COLOR turns them off (capture-pane -e keeps the escapes).
colours() { T capture-pane -p -e -t tui | grep -cE $'\e\\[[0-9;]*3[0-7]m|\e\\[[0-9;]*38;5;'; }
keys "$prog tls12-ecdhe-rsa; echo EXIT-\$?" Enter
check "Space next" "colours: the view is up"
keys Space Space
check "ServerHello" "colours: two steps in"
[ "$(colours)" -gt 0 ] && ok "colours: used by default" || bad "colours: none by default"
keys q
check "EXIT-0" "colours: quits"
keys "NO_COLOR=1 $prog tls12-ecdhe-rsa; echo EXIT-\$?" Enter
check "Space next" "NO_COLOR: the view is up"
keys Space Space
check "ServerHello" "NO_COLOR: two steps in"
[ "$(colours)" -eq 0 ] && ok "NO_COLOR: no colour at all" || bad "NO_COLOR: colours still used"
keys q
check "EXIT-0" "NO_COLOR: quits"


# SIGQUIT (Ctrl-\ is a key: cbreak keeps isig) and SIGABRT (the out-of-memory path calls
# abort) restore the terminal too: the alternate screen off, the tty in icanon echo again.
# Run under sh -c, because an interactive bash puts the tty modes of a job killed by a
# signal back by itself, and would hide a program that leaves them broken; the sh traps
# SIGQUIT (its child gets the default back) so that Ctrl-\ ends only the program.
alt_on() { T display-message -p -t tui '#{alternate_on}'; }
for sig in QUIT ABRT; do
  keys "clear; sh -c 'ulimit -c 0; trap : QUIT; $prog; echo EXIT-\$?'" Enter
  check "Space next" "SIG$sig: the view is up"
  [ "$(alt_on)" = 1 ] && ok "SIG$sig: on the alternate screen" || bad "SIG$sig: not on the alternate screen"
  if [ "$sig" = QUIT ]; then keys 'C-\'; code=131; else pkill -ABRT -f "^$prog\$" || true; code=134; fi
  check "EXIT-$code" "SIG$sig: the program ends with the signal's status"
  [ "$(alt_on)" = 0 ] && ok "SIG$sig: the alternate screen is off" || bad "SIG$sig: the alternate screen is still on"
  keys "clear; stty -a | tr ' ;' '\n\n' | grep -xE 'icanon|echo' | tr '\n' ' '; echo MODES" Enter
  check "^icanon echo MODES" "SIG$sig: stty -a shows icanon echo"
  keys "echo ALIVE" Enter
  check "^ALIVE" "SIG$sig: the shell is usable afterwards"
done

# A terminal that cannot address the cursor is refused, as an unknown one is.
keys "clear; TERM=dumb $prog; echo EXIT-\$?" Enter
check "TERM=dumb\) cannot be driven: it cannot move the cursor" "TERM=dumb: refused with the reason"
check "^EXIT-2" "TERM=dumb: exit status 2"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
