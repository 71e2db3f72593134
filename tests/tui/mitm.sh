#!/usr/bin/env bash
# The three-column ladder of a run with a man in the middle, at 80x24, 100x30 and 200x60
# (LANG=C.UTF-8): the header names CLIENT, ATTACKER and SERVER; connection 1's messages
# (client <-> attacker) stand in the ladder's left half, connection 2's (attacker <-> server)
# in its right half; the fields title names who sent to whom; every screen of
# attack-mitm-noverify is cut-checked against its JSON; attack-mitm's alert step shows the
# client's unknown_ca to the attacker. The real program runs in tmux; the screen is polled, never slept on blindly.
# usage: mitm.sh PATH-TO-TLSSTEP PATH-TO-CUTCHECK
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cutcheck=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
sock=tlsstep-mitm-$$
sess=mitm
pass=0 fail=0
W=${SCREENS_WAIT:-5}
T() { tmux -L "$sock" "$@"; }
. "$here/lib.sh"
state=$(mktemp -d)
trap 'T kill-server 2>/dev/null; rm -rf "$state" "$lib_dir"' EXIT
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); T capture-pane -p -t "$sess" | sed 's/^/     | /'; }
command -v tmux >/dev/null || { echo "tmux is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
command -v jq >/dev/null || { echo "jq is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }

keys() { T send-keys -t "$sess" "$@"; }
on_screen() { T capture-pane -p -t "$sess" | grep -qE -- "$1"; }
title_has() { T capture-pane -p -t "$sess" | head -n 1 | grep -qE -- "$1"; }
at_step() { title_has "(^|[^0-9])$1/$2([^0-9]|$)"; }
look() { # look LABEL: capture once the screen stops changing, cut-check it
  local prev="" cur i
  for i in $(seq 1 40); do
    cur=$(T capture-pane -p -t "$sess")
    [ "$cur" = "$prev" ] && break
    prev=$cur
    sleep 0.05
  done
  shot "$cfg-$1"
  cut_check "$SHOT" "$(run_json "$run")" || { echo "FAIL - $cfg $1: text cut without an ellipsis (above)"; fail=$((fail + 1)); }
}
# where NAME: on the current step's ladder row (marked ▶ in column 0), which half of the
# ladder (left of its │) the label NAME is centred in: LEFT, RIGHT, or none. In characters.
where() {
  python3 - "$1" "$SHOT" <<'EOF'
import sys
name, shot = sys.argv[1], sys.argv[2]
for row in open(shot, encoding="utf-8"):
    if row.startswith("\u25b6"):
        bar, at = row.find("\u2502"), row.find(name)
        print("none" if bar < 0 or at < 0 or at > bar else "LEFT" if at + len(name) / 2 < bar / 2 else "RIGHT")
        break
else:
    print("none")
EOF
}

T -f /dev/null new-session -d -s keepalive "sleep 100000"
for cfg in ${MITM_CONFIGS:-80x24 100x30 200x60}; do
  w=${cfg%x*} h=${cfg#*x}
  T -f /dev/null new-session -d -s "$sess" -x "$w" -y "$h" \
    "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp XDG_STATE_HOME=$state bash --norc --noprofile"
  keys "PS1='$ '" Enter

  run=attack-mitm-noverify
  json=$(run_json "$run")
  n=$(jq '.steps | length' "$json")
  keys "clear; $prog $run; echo EXIT-\$?" Enter
  wait_until "$W" at_step 0 "$n" && ok "$cfg $run: opens before its first message" || bad "$cfg $run: did not open"
  look open
  sed -n 2p "$SHOT" | grep -qE 'CLIENT +ATTACKER +SERVER' && ok "$cfg: the ladder's header names client, attacker and server" \
    || bad "$cfg: no CLIENT ATTACKER SERVER header"
  # Every step once, each screen cut-checked; the halves and the title checked where the run changes sides.
  wrong=""
  for i in $(seq 1 "$n"); do
    keys Space
    wait_until "$W" at_step "$i" "$n" || { bad "$cfg: Space did not reach step $i"; break; }
    look "step$i"
    from=$(jq -r ".steps[$((i - 1))].from" "$json") to=$(jq -r ".steps[$((i - 1))].to" "$json")
    conn=$(jq -r ".steps[$((i - 1))].connection" "$json") msg=$(jq -r ".steps[$((i - 1))].message" "$json")
    want=LEFT
    [ "$conn" = 2 ] && want=RIGHT
    # the label may be cut at 80 columns: its first eight letters are always there
    got=$(where "${msg:0:8}")
    [ "$got" = "$want" ] || wrong="$wrong step $i ($msg, connection $conn): $got;"
    sed -n 2p "$SHOT" | grep -qF -- "$from → $to" || wrong="$wrong step $i: the title lacks '$from → $to';"
  done
  if [ -z "$wrong" ]; then ok "$cfg: all $n steps in their connection's half of the ladder, sender and receiver named"
  else bad "$cfg: misplaced or misnamed:$wrong"; fi
  if on_screen "every end closed"; then ok "$cfg: the last screen says both handshakes completed and every end closed"
  else bad "$cfg: no outcome on the last screen"; fi
  keys q
  wait_until "$W" on_screen "^EXIT-0" && ok "$cfg $run: q quits with status 0" || bad "$cfg $run: q did not quit with 0"

  run=attack-mitm
  json=$(run_json "$run")
  n=$(jq '.steps | length' "$json")
  keys "clear; $prog $run; echo EXIT-\$?" Enter
  wait_until "$W" at_step 0 "$n" || bad "$cfg $run: did not open"
  alert=$(jq '[.steps[] | .type] | index("alert") + 1' "$json")
  for i in $(seq 1 "$alert"); do keys Space; done
  wait_until "$W" at_step "$alert" "$n" || bad "$cfg $run: Space did not reach the alert, step $alert"
  look alert
  if on_screen "unknown_ca" && on_screen "ATTACKER" && on_screen "client → attacker"; then
    ok "$cfg $run: step $alert, in three columns, is the client's unknown_ca to the attacker"
  else bad "$cfg $run: no unknown_ca from the client to the attacker, or no ATTACKER column"; fi
  keys End
  wait_until "$W" at_step "$n" "$n" || bad "$cfg $run: End did not reach step $n"
  look last
  keys q
  wait_until "$W" on_screen "^EXIT-0" && ok "$cfg $run: q quits with status 0" || bad "$cfg $run: q did not quit with 0"
  T kill-session -t "$sess"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
