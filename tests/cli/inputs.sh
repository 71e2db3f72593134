# Sourced by cli.sh (uses its prog, tmp, top, ok, bad, expect): input files that are not what
# they say. Nothing read may block or exhaust memory; every refusal names the path (and the
# line, where a file named it), exit 2. A --check of a file whose faults or lesson cannot take
# effect in its run says where, exit 1.

# ---- What is not a regular file, or too large, is refused before it is read -----------------------
expect 2 "/dev/zero: is a character device; expected a scenario or lesson file" "/dev/zero as a scenario" \
  -- --check /dev/zero
expect 2 "/dev/urandom: is a character device" "/dev/urandom as a scenario" -- --batch /dev/urandom
mkfifo "$tmp/pipe.scenario"
timeout 10 "$prog" --check "$tmp/pipe.scenario" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "pipe.scenario: is a FIFO; expected a scenario or lesson file" "$tmp/err" \
  && ok "a FIFO as a scenario is refused, not waited on" || bad "a FIFO as a scenario: exit $rc, $(head -1 "$tmp/err")"
mkdir "$tmp/dir.lesson"
expect 2 "dir.lesson: is a directory; expected a scenario or lesson file" "a directory as a lesson" \
  -- --check "$tmp/dir.lesson"
cp "$top/lessons/scenarios/tls12-rsa.scenario" "$tmp/huge.scenario"
head -c $((4 * 1024 * 1024)) /dev/zero | tr '\0' ';' >> "$tmp/huge.scenario"
expect 2 "huge.scenario: is larger than 4 MB; expected a scenario or lesson file of at most 4194304 bytes" \
  "a file over 4 MB is refused" -- --check "$tmp/huge.scenario"
# Just under the cap it loads: a comment of 4 MB less the scenario.
cp "$top/lessons/scenarios/tls12-rsa.scenario" "$tmp/big.scenario"
n=$((4 * 1024 * 1024 - $(wc -c < "$tmp/big.scenario") - 1))
{ head -c "$n" /dev/zero | tr '\0' 'x' | fold -w 150 | sed 's/^/;/' | head -c "$n"; echo; } >> "$tmp/big.scenario"
[ "$(wc -c < "$tmp/big.scenario")" -le $((4 * 1024 * 1024)) ] \
  && expect 0 "big.scenario: ok" "a file of just under 4 MB loads" -- --check "$tmp/big.scenario" \
  || bad "big.scenario is $(wc -c < "$tmp/big.scenario") bytes"

# ---- A credential that is no file names the scenario's line -------------------------------------
cert_line=$(grep -n '^cert = server-rsa.crt' "$top/lessons/scenarios/tls12-rsa.scenario" | cut -d: -f1)
mkdir "$tmp/adir.crt"
sed 's|^cert = server-rsa.crt|cert = ./adir.crt|' "$top/lessons/scenarios/tls12-rsa.scenario" > "$tmp/cdir.scenario"
expect 2 "cdir.scenario:$cert_line: cert = .*adir.crt: is a directory; expected a PEM certificate file" \
  "--check: a directory as a certificate, with its line" -- --check "$tmp/cdir.scenario"
expect 2 "cdir.scenario:$cert_line: cert = .*adir.crt: is a directory; expected a PEM certificate file" \
  "--batch: a directory as a certificate, with its line" -- --batch "$tmp/cdir.scenario"
mkfifo "$tmp/fifo.crt"
sed 's|^cert = server-rsa.crt|cert = ./fifo.crt|' "$top/lessons/scenarios/tls12-rsa.scenario" > "$tmp/cfifo.scenario"
timeout 10 "$prog" --batch "$tmp/cfifo.scenario" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "cfifo.scenario:$cert_line: cert = .*fifo.crt: is a FIFO; expected a PEM certificate file" "$tmp/err" \
  && ok "a FIFO as a certificate is refused, not waited on" || bad "a FIFO as a certificate: exit $rc, $(head -1 "$tmp/err")"
echo "not a key" > "$tmp/bad.key"
key_line=$(grep -n '^key = server-rsa.key' "$top/lessons/scenarios/tls12-rsa.scenario" | cut -d: -f1)
sed 's|^key = server-rsa.key|key = ./bad.key|' "$top/lessons/scenarios/tls12-rsa.scenario" > "$tmp/ckey.scenario"
expect 2 "^tlsstep: [^ ]*ckey.scenario:$key_line: key = .*bad.key: not a valid private key" \
  "--check: a key that does not parse, with its line (once)" -- --check "$tmp/ckey.scenario"

# ---- A byte order mark is skipped --------------------------------------------------------------------
printf '\357\273\277[bogus]\ntitle = x\n' > "$tmp/bom.scenario"
expect 2 "bom.scenario:1: unknown section \[bogus\]" "a UTF-8 BOM before an unknown section" -- --check "$tmp/bom.scenario"
{ printf '\357\273\277'; cat "$top/lessons/scenarios/tls12-rsa.scenario"; } > "$tmp/bomok.scenario"
expect 0 "bomok.scenario: ok" "a UTF-8 BOM before a good file" -- --check "$tmp/bomok.scenario"

# ---- --check: what cannot take effect in the run, with its line, exit 1 -----------------------------
base=$tmp/base.scenario
sed '/^\[expect\]/,$d' "$top/lessons/scenarios/tls12-rsa.scenario" > "$base"
lines=$(wc -l < "$base")
{ cat "$base"; printf '[faults]\nfault = server ServerHello flip byte 65535\n'; } > "$tmp/past.scenario"
expect 1 "past.scenario:$((lines + 2)): this fault never takes effect in the run: .*none at offset 65535" \
  "--check: a flip past the end of its record" -- --check "$tmp/past.scenario"
{ cat "$base"; printf '[faults]\nfault = server ServerKeyExchange drop\n'; } > "$tmp/never.scenario"
expect 1 "never.scenario:$((lines + 2)): this fault never takes effect in the run: the server sent no ServerKeyExchange" \
  "--check: a fault at a message the run never sends" -- --check "$tmp/never.scenario"
steps=$("$prog" --json - tls12-rsa 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["steps"]))')
{ cat "$top/lessons/scenarios/tls12-rsa.scenario"; printf '\n[lesson]\ntitle = L\nhide = keys until step 64\n'; } > "$tmp/hide.lesson"
expect 1 "hide.lesson:$(grep -c '' "$tmp/hide.lesson"): hide ... until step 64: this run has only $steps steps" \
  "--check: hide until a step past the end of the run" -- --check "$tmp/hide.lesson"
{ cat "$top/lessons/scenarios/tls12-rsa.scenario"; printf '\n[step 1]\nsay = The ClientHello.\n'; } > "$tmp/nolesson.scenario"
expect 1 "nolesson.scenario:$(grep -c '' "$tmp/nolesson.scenario"): \[step 1\] in a file with no \[lesson\]" \
  "--check: [step N] sections without a [lesson]" -- --check "$tmp/nolesson.scenario"
expect 0 "tls12-rsa: ok" "--check: a bundled scenario still passes" -- --check tls12-rsa
