#!/usr/bin/env bash
# tlsstep --plain, the real program: (a) through a pipe, lesson 01-four-phases answered
# (one checkpoint wrong first, then right) and stepped to its end: every step line, every
# question, "Not quite.", the lesson's try lines, the score, the progress record, prose
# wrapped at $COLUMNS, and not one escape byte; then a better and a worse run against the
# record; (b) on a terminal, in tmux (a private server, no user config): a few steps, a
# checkpoint, the keys, quit, and the shell is usable afterwards. What the lesson asks and
# answers is read from the run's own JSON, never written here. The screen is polled with
# capture-pane, never slept on blindly.
# usage: plain.sh PATH-TO-TLSSTEP
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
lesson=01-four-phases
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
work=$(mktemp -d)
sock=tlsstep-plain-$$
T() { tmux -L "$sock" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$work"' EXIT
export XDG_STATE_HOME="$work/state" # the lesson progress record starts empty

# The lesson as the run has it: steps, and per checkpoint "STEP ANSWER CHOICES", one a line;
# the questions and try lines with their whitespace squeezed, one a line.
"$prog" --json "$work/run.json" "$lesson" || { bad "--json of $lesson"; echo "$pass passed, $fail failed"; exit 1; }
read_json() { python3 - "$work/run.json" "$1" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
sq = lambda s: " ".join(s.split())
what = sys.argv[2]
if what == "steps":
    print(len(j["steps"]))
for st in j["steps"]:
    c = st.get("checkpoint")
    if c and what == "asks":
            # a value checkpoint (ask_value): its answer is the run's value, typed; no choices
        print(st["index"], c["answer_number"] if "answer_number" in c else c["answer"], len(c["choices"]))
    if c and what == "questions":
        print(sq(c["question"]))
if what == "tries":
    for t in j["lesson"]["try"]:
        print(sq(t))
EOF
}
n=$(read_json steps)
mapfile -t asks < <(read_json asks)
mapfile -t questions < <(read_json questions)
mapfile -t tries < <(read_json tries)
nask=${#asks[@]}
[ "$nask" -ge 2 ] && ok "the lesson asks $nask checkpoints in $n steps" || bad "the lesson asks $nask checkpoints (2 or more wanted)"

# (a) Input: Enter for each step; before a checkpoint's step its answer (the first one wrong
# first, then right). The input ends without q: the end of input quits.
feed() { # feed MODE: wrong-first | right | skip
  local i a
  for ((i = 1; i <= n; i++)); do
    echo
    for a in "${asks[@]}"; do
      set -- $a
      [ "$1" = "$i" ] || continue
      case $MODE in
      skip) echo s ;;
      right) echo "$2" ;;
      wrong-first)
        if [ "$a" = "${asks[0]}" ]; then echo $(($2 % $3 + 1)); fi
        echo "$2" ;;
      esac
    done
  done
}
MODE=wrong-first feed >"$work/in1"
COLUMNS=60 "$prog" --plain "$lesson" <"$work/in1" >"$work/out1" 2>"$work/err1"
rc=$?
[ "$rc" -eq 0 ] && ok "pipe: exit status 0 at the end of input" || bad "pipe: exit status $rc ($(head -3 "$work/err1"))"
[ -s "$work/err1" ] && bad "pipe: something on stderr: $(head -3 "$work/err1")" || ok "pipe: nothing on stderr"
missing=0
for ((i = 1; i <= n; i++)); do
  grep -qE "^Step $i of $n, (phase [0-9] |after the handshake).*: [A-Za-z]+, (client to server|server to client) \([0-9]+ bytes?\)$" \
    "$work/out1" || { missing=$((missing + 1)); bad "pipe: no line for step $i"; }
done
[ "$missing" -eq 0 ] && ok "pipe: a line for every one of the $n steps"
[ "$(grep -c '^Step ' "$work/out1")" -eq "$n" ] && ok "pipe: each step told once" || bad "pipe: steps told more than once"
grep -q "^Step 4 of $n, phase 2 Server authentication and key exchange: ServerKeyExchange, server to client (300 bytes)$" \
  "$work/out1" && ok "pipe: the step line reads as the brief's example" || bad "pipe: no 'Step 4 of $n, phase 2 ...' line"
flat=$(tr '\n' ' ' <"$work/out1" | tr -s ' ')
for ((k = 0; k < nask; k++)); do
  set -- ${asks[$k]}
  grep -q "^Checkpoint before step $1: " "$work/out1" && [[ "$flat" == *"${questions[$k]}"* ]] &&
    ok "pipe: the question before step $1, whole" || bad "pipe: question before step $1 missing"
  # asked before its step is told
  q=$(grep -n "^Checkpoint before step $1: " "$work/out1" | head -1 | cut -d: -f1)
  s=$(grep -n "^Step $1 of " "$work/out1" | head -1 | cut -d: -f1)
  [ -n "$q" ] && [ -n "$s" ] && [ "$q" -lt "$s" ] && ok "pipe: asked before step $1 is shown" || bad "pipe: step $1 shown before its question"
done
grep -qE "^  1\) " "$work/out1" && grep -qE "^  2\) " "$work/out1" && ok "pipe: the choices are numbered" || bad "pipe: no numbered choices"
[ "$(grep -c '^Not quite\.$' "$work/out1")" -eq 1 ] && ok "pipe: one 'Not quite.' for the one wrong answer" || bad "pipe: 'Not quite.' count is $(grep -c '^Not quite\.$' "$work/out1")"
[ "$(grep -cE '^Right(\.$|: the run.s value is )' "$work/out1")" -eq "$nask" ] && ok "pipe: 'Right.' for each right answer" || bad "pipe: 'Right.' count"
for t in "${tries[@]}"; do
  [[ "$flat" == *"- $t"* ]] || { bad "pipe: try line missing: $t"; continue; }
done
grep -q "^Try next:$" "$work/out1" && ok "pipe: the try lines under 'Try next:'" || bad "pipe: no 'Try next:'"
o=$(grep -n "^End of the run: " "$work/out1" | cut -d: -f1) y=$(grep -n "^Try next:$" "$work/out1" | cut -d: -f1)
[ -n "$o" ] && [ -n "$y" ] && [ "$o" -lt "$y" ] && ok "pipe: the outcome comes first at the last step" || bad "pipe: outcome not before the try lines"
grep -qx "You answered $nask of $nask checkpoints, $((nask - 1)) right\." "$work/out1" &&
  ok "pipe: the score counts the first answer (all answered, one wrong)" || bad "pipe: score line: $(grep '^You answered' "$work/out1")"
grep -q $'\033' "$work/out1" && bad "pipe: an escape byte in the output" || ok "pipe: no escape sequences"
LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$work/out1" && bad "pipe: a control character in the output" || ok "pipe: no control characters"
long=$(grep -vE '^Step [0-9]+ of ' "$work/out1" | python3 -c 'import sys; print(sum(1 for l in sys.stdin if len(l.rstrip("\n")) > 60))')
[ "$long" -eq 0 ] && ok "pipe: prose wrapped at COLUMNS=60" || bad "pipe: $long lines longer than 60 columns"
[ "$(cat "$XDG_STATE_HOME/tlsstep/progress" 2>/dev/null)" = "$lesson $nask/$nask $((nask - 1))" ] &&
  ok "pipe: progress recorded with its counts" || bad "pipe: progress file: $(cat "$XDG_STATE_HOME/tlsstep/progress" 2>&1)"

# A better run replaces the record, a worse one (every question skipped) does not.
MODE=right feed | "$prog" --plain "$lesson" >"$work/out2"
grep -qx "You answered $nask of $nask checkpoints, $nask right\." "$work/out2" && ok "pipe: all right the first time" || bad "pipe: all-right score"
[ "$(cat "$XDG_STATE_HOME/tlsstep/progress")" = "$lesson $nask/$nask $nask" ] && ok "progress: a better run replaces the record" \
  || bad "progress: $(cat "$XDG_STATE_HOME/tlsstep/progress")"
MODE=skip feed | "$prog" --plain "$lesson" >"$work/out3"
grep -qx "You answered 0 of $nask checkpoints, 0 right\." "$work/out3" && ok "pipe: s skips (nothing answered)" || bad "pipe: skip score"
[ "$(grep -c '^Skipped' "$work/out3")" -eq "$nask" ] && ok "pipe: each skip is said" || bad "pipe: skips not said"
[ "$(cat "$XDG_STATE_HOME/tlsstep/progress")" = "$lesson $nask/$nask $nask" ] && ok "progress: a worse run keeps the better record" \
  || bad "progress after a worse run: $(cat "$XDG_STATE_HOME/tlsstep/progress")"
# Commands on a pipe: k, f, x, e, ?, b, an unknown one, q before the end.
printf '\nk\nf\nx\ne\n?\nb\nzz\nq\n\n' | "$prog" --plain tls12-ecdhe-rsa >"$work/out4"; rc=$?
[ "$rc" -eq 0 ] && ok "commands: exit 0 on q" || bad "commands: exit $rc"
"$prog" --json "$work/s.json" tls12-ecdhe-rsa
cr=$(python3 -c 'import json,sys; s=[s for s in json.load(open(sys.argv[1]))["steps"][0]["secrets"] if s["name"]=="client_random"][0]; print(s["hex"])' "$work/s.json")
flat4=$(tr '\n' ' ' <"$work/out4" | tr -s ' ')
[[ "$flat4" == *" client_random, from step 1 (ClientHello): known to the client, the server and the wire; verified. "* ]] &&
  grep -qE "^ +$cr$" "$work/out4" && ok "k: the client random, its holders, 'verified' and its whole value" || bad "k: client random not told"
grep -q "^Fields of step 1, ClientHello:$" "$work/out4" && grep -qE "^ +random: " "$work/out4" && ok "f: the ClientHello's fields" || bad "f: no fields"
grep -q "^Bytes of step 1, ClientHello: the message, " "$work/out4" && grep -qE "^0000  01 00 " "$work/out4" &&
  ok "x: the message's bytes from its handshake header" || bad "x: no hex dump"
grep -q "^On the wire an eavesdropper sees" "$work/out4" && ok "e: the eavesdropper" || bad "e: not told"
grep -q "^Commands, one a line:" "$work/out4" && ok "?: the help" || bad "?: no help"
grep -q "^Unknown command 'zz'" "$work/out4" && ok "an unknown command is told so" || bad "unknown command not told"
[ "$(grep -c '^Step ' "$work/out4")" -eq 1 ] && ok "q quits before the next Enter" || bad "q did not quit"
# g N jumps, asking every checkpoint on the way, in order; --step N leaves those before N unanswered.
{ echo "g $n"; for a in "${asks[@]}"; do set -- $a; echo "$2"; done; } | "$prog" --plain "$lesson" >"$work/out5"
[ "$(grep '^Checkpoint before step' "$work/out5" | cut -d: -f1 | tr '\n' ,)" = "$(for a in "${asks[@]}"; do set -- $a; printf 'Checkpoint before step %s,' "$1"; done)" ] &&
  ok "g $n: every checkpoint asked on the way, in order" || bad "g $n: checkpoints on the way: $(grep -c '^Checkpoint' "$work/out5")"
grep -q "^Step $n of $n, " "$work/out5" && grep -qx "You answered $nask of $nask checkpoints, $nask right\." "$work/out5" &&
  ok "g $n: lands on the last step with the score" || bad "g $n: no last step or score"
set -- ${asks[$((nask - 1))]}
last_ask=$1
echo | "$prog" --plain --step "$((last_ask - 1))" "$lesson" >"$work/out6"
[ "$(grep -c '^Checkpoint before step' "$work/out6")" -eq 1 ] && grep -q "^Checkpoint before step $last_ask: " "$work/out6" &&
  ok "--step $((last_ask - 1)): opens there, the next checkpoint is asked, the earlier ones not" || bad "--step: $(grep '^Checkpoint' "$work/out6")"
"$prog" --plain --batch "$lesson" </dev/null >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] && ok "--plain with --batch is bad usage (2)" || bad "--plain --batch gave $rc"
# A value checkpoint: lesson 03 asks the premaster secret's first 2 bytes before step 4, typed
# in; the answer is the run's, so it holds at another seed, and the verdict gives the value.
"$prog" --json "$work/l3.json" --seed 2 03-rsa-key-exchange
pms=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secrets"]["premaster_secret"][:4])' "$work/l3.json")
printf 'g 4\n2\n2\n03 03\n' | "$prog" --plain --seed 2 03-rsa-key-exchange >"$work/out7"
grep -q "^Type the first 2 bytes in hex" "$work/out7" && ok "value: says what to type" || bad "value: no hint"
[ "$pms" = 0303 ] && grep -qx "Right: the run's value is $pms." "$work/out7" && ok "value: '03 03' typed at seed 2 is right" ||
  bad "value: $(grep "run's value" "$work/out7")"
printf 'g 4\n2\n2\n0x0304\n' | "$prog" --plain 03-rsa-key-exchange >"$work/out8"
grep -qx "Not quite: the run's value is 0303." "$work/out8" && grep -q "^03 03: the premaster secret begins with client_version" \
  "$work/out8" && ok "value: a wrong value gets the run's value and the explanation" || bad "value: wrong answer not told"
grep -q "^Step 4 of 13, " "$work/out8" && ok "value: the step follows the verdict" || bad "value: no step 4 after the verdict"

# (b) On a terminal.
screen() { T capture-pane -p -t plain; }
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ "$SECONDS" -le "$deadline" ]; do
    screen | grep -qE -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
check() { if wait_for "$1" "${3:-10}"; then ok "$2"; else bad "$2 (no /$1/ on screen)"; screen | tail -15 | sed 's/^/     | /'; fi; }
keys() { T send-keys -t plain "$@"; }
if ! command -v tmux >/dev/null; then
  bad "tmux is not installed (tools/setup installs it)"
else
  rm -rf "$XDG_STATE_HOME"
  T -f /dev/null new-session -d -s keepalive "sleep 100000"
  T -f /dev/null new-session -d -s plain -x 80 -y 24 "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp XDG_STATE_HOME=$XDG_STATE_HOME bash --norc --noprofile"
  keys "PS1='$ '" Enter
  keys "$prog --plain $lesson; echo EXIT-\$?" Enter
  check "^Enter or n: the next step" "tty: the lesson opens before its first message"
  check "^> ?$" "tty: a prompt waits for a command"
  keys Enter
  check "^Step 1 of $n, phase 1 Hello: ClientHello, client to server" "tty: Enter shows step 1"
  set -- ${asks[0]}
  for ((i = 2; i < $1; i++)); do keys Enter; check "^Step $i of $n" "tty: Enter shows step $i"; done
  keys Enter
  check "^Checkpoint before step $1: " "tty: the checkpoint comes before step $1"
  check "^answer> ?$" "tty: the answer prompt"
  keys "$2" Enter
  check "^Right\.$" "tty: a right answer is told so"
  check "^Step $1 of $n" "tty: then step $1 is shown"
  keys k Enter
  check "^server_random, from step 2 \(ServerHello\): known to" "tty: k tells the secrets known so far"
  keys q Enter
  check "^EXIT-0$" "tty: q quits with status 0"
  keys "echo ALIVE" Enter
  check "^ALIVE$" "tty: the shell is usable afterwards"
  keys "stty -a | grep -o ' icanon\| echo ' | tr -d ' ' | sort | tr '\n' ,; echo" Enter
  check "^echo,icanon,$" "tty: the terminal is still in its cooked mode (echo, icanon)"
  T capture-pane -p -e -t plain -S - | grep -qE $'\e\\[[0-9;]*[0-9]m' && bad "tty: colours or attributes on screen" \
    || ok "tty: no colours, no attributes"
fi

# (c) r: the recipes so far, unwrapped; the master secret's, run with sh, prints the master secret.
printf 'g 6\nr\nq\n' | "$prog" --plain tls12-ecdhe-rsa >"$work/r.txt" 2>&1
want=$("$prog" --batch --json - tls12-ecdhe-rsa 2>/dev/null | python3 -c 'import json, sys
print([s["hex"] for st in json.load(sys.stdin)["steps"] for s in st["secrets"] if s["name"] == "master_secret"][0])')
sed -n '/^Recipe for master_secret/,/^$/p' "$work/r.txt" | sed 1d >"$work/ms.sh"
if [ -s "$work/ms.sh" ] && (cd "$work" && sh ms.sh 2>/dev/null) | grep -qx "$want" && ! grep -q $'\e' "$work/r.txt"; then
  ok "pipe: r prints the recipes as they paste; the master secret's prints it"
else
  bad "pipe: r: no master_secret recipe that prints $want"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
