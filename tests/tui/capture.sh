#!/usr/bin/env bash
# A capture opened in the UI (issue 17), in tmux (a private server, no user config) at
# 80x24, 100x30 and 200x60: tlsstep's own capture and key log of tls12-ecdhe-rsa stepped
# through (its words are a capture's, its secrets the key log's, the knowledge bar's
# key log column, no fault injection into a capture), and a capture of two
# connections opening on their menu, the second chosen. Every screen a check passes
# on is checked by cutcheck against the capture's own --json: no value cut unmarked.
# usage: capture.sh PATH-TO-TLSSTEP [PATH-TO-CUTCHECK]
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cutcheck=${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}
sock=tlsstep-capture-$$
sess=cap
pass=0 fail=0
T() { tmux -L "$sock" "$@"; }
. "$(dirname "$0")/lib.sh"
trap 'T kill-server 2>/dev/null; rm -rf "$lib_dir"' EXIT
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); T capture-pane -p -t "$sess" | sed 's/^/     | /' | head -30; }
screen() { T capture-pane -p -t "$sess"; }
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while [ "$SECONDS" -le "$deadline" ]; do
    screen | grep -qE -- "$1" && return 0
    sleep 0.05
  done
  return 1
}
json=
check() {
  if wait_for "$1" "${3:-10}"; then
    ok "$2"
    if [ -n "$cutcheck" ] && [ -n "$json" ]; then
      shot "$2"
      cut_check "$SHOT" "$json" || { echo "FAIL - $2: text cut without an ellipsis on this screen (above)"; fail=$((fail + 1)); }
    fi
  else
    bad "$2 (no /$1/ on screen)"
  fi
}
keys() { T send-keys -t "$sess" "$@"; }

command -v tmux >/dev/null || { echo "tmux is not installed (tools/setup installs it)"; echo "0 passed, 1 failed"; exit 1; }
cd "$lib_dir" || exit 1
for s in tls12-ecdhe-rsa tls12-resume-id; do
  "$prog" --pcap "$s.pcap" --keylog "$s.keys" "$s" >/dev/null 2>&1 || bad "$s: the run that writes the capture"
done
"$prog" --open tls12-ecdhe-rsa.pcap --keylog tls12-ecdhe-rsa.keys --json one.json >/dev/null 2>&1
"$prog" --open tls12-resume-id.pcap --keylog tls12-resume-id.keys --connection 2 --json two.json >/dev/null 2>&1
T -f /dev/null new-session -d -s keepalive "sleep 100000"

for size in 80x24 100x30 200x60; do
  w=${size%x*} h=${size#*x}
  T -f /dev/null new-session -d -s "$sess" -x "$w" -y "$h" "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp bash --norc --noprofile"
  keys "cd $lib_dir; PS1='$ '" Enter
  json=
  keys "$prog --open tls12-ecdhe-rsa.pcap --keylog tls12-ecdhe-rsa.keys; echo EXIT-\$?" Enter
  json=$lib_dir/one.json
  check "step 0/14" "$size: the capture opens before its first message"
  check "read from a capture" "$size: its words are a capture's, not two mbed TLS ends'"
  keys Space
  check "ClientHello" "$size: Space lets the ClientHello cross"
  keys End
  check "step 14/14" "$size: End goes to its last step"
  check "key log: MS|master_secret K|master_secret . key log" "$size: the knowledge bar (or the secrets pane) names the key log's master secret"
  keys k
  check "Keys and proofs" "$size: k opens the keys view"
  check "key log" "$size: the key log holds the master secret"
  for _ in 1 2 3 4 5 6; do screen | grep -q "confirmed" && break; keys NPage; sleep 0.1; done
  check "confirmed" "$size: the key log's master secret is confirmed by what it decrypts"
  keys Escape f
  check "a capture is read, not run" "$size: f injects no fault into a capture"
  keys q
  check "EXIT-0" "$size: q quits with status 0"
  json=
  keys "$prog --open tls12-resume-id.pcap --keylog tls12-resume-id.keys; echo EXIT-\$?" Enter
  check "The capture's TLS connections" "$size: two connections and no --connection: the menu of them"
  check "connection 2 " "$size: the menu lists the second"
  keys Down Enter
  json=$lib_dir/two.json
  check "step 0/10" "$size: Enter opens the second connection (10 steps, resumed)"
  keys q
  check "EXIT-0" "$size: q quits with status 0"
  keys "echo ALIVE" Enter
  check "^ALIVE" "$size: the shell is usable afterwards"
  T kill-session -t "$sess"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
