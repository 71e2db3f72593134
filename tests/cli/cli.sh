#!/usr/bin/env bash
# Command-line contract (design.md §4): exit statuses, clear errors, reproducibility.
# usage: cli.sh PATH-TO-TLSSTEP
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: some cases run in another folder
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }

# expect STATUS PATTERN DESCRIPTION -- ARGS...: runs prog, checks exit status and stderr+stdout
expect() {
  local want=$1 pattern=$2 what=$3; shift 4
  "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$what: exit $got, expected $want"; sed 's/^/     /' "$tmp/err" | head -5; return
  fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
    bad "$what: output lacks /$pattern/"; head -5 "$tmp/err"; return
  fi
  ok "$what"
}

expect 0 '^tlsstep [0-9]+\.[0-9]+' "--version" -- --version
expect 2 "not a terminal: .* use --batch" "without a terminal the view says to use --batch" --
expect 0 '--batch' "--help lists the options" -- --help
expect 0 '^tls12-ecdhe-rsa +TLS 1.2' "--list names the default scenario" -- --list
expect 0 'Expected: success -> as expected' "--batch runs the default scenario" -- --batch
expect 0 'ServerKeyExchange' "default run shows every message" -- --batch
expect 0 'ServerHello  \(handshake, 2 records, 1009 bytes\)' \
  "a message whose cut record swallowed the next one is said to span two records" -- --batch fail-decode-error
expect 2 "unknown option '--frobnicate'" "unknown option" -- --frobnicate
expect 2 "needs a value" "option without its value" -- --json
expect 2 "unknown scenario or lesson 'no-such-lesson'" "unknown scenario" -- --batch no-such-lesson
expect 2 "did you mean 'tls12-rsa'\?" "a misspelt name gets the bundled name it is closest to" -- --batch tls12-rca
expect 2 "did you mean 'fail-expired-cert'\?" "a part of one bundled name gets that name" -- --batch expired
if "$prog" --batch no-such-lesson 2>&1 | grep -q "did you mean"; then
  bad "a name close to nothing gets no suggestion"
else
  ok "a name close to nothing gets no suggestion"
fi
# A failed run says in words what failed (model/failure.c), and JSON carries it with the in-flight messages.
expect 0 "in words: The client rejected the server's certificate" "a failed run's outcome in words" -- --batch fail-expired-cert
"$prog" --json "$tmp/fail.json" fail-expired-cert >/dev/null 2>&1
if grep -q '"in_flight": true' "$tmp/fail.json" && grep -q '"explanation": "The client rejected' "$tmp/fail.json"; then
  ok "JSON: outcome.explanation and steps' in_flight"
else
  bad "JSON: outcome.explanation and steps' in_flight"
fi
"$prog" --json "$tmp/flip.json" fail-tampered-finished >/dev/null 2>&1
if grep -q '"fault_bytes"' "$tmp/flip.json" && grep -q '"failed_check"' "$tmp/flip.json"; then
  ok "JSON: the bytes a fault changed and the failed check"
else
  bad "JSON: the bytes a fault changed and the failed check"
fi
expect 2 "expected a whole number" "bad seed" -- --seed abc --batch
expect 2 "expected a step number" "bad step" -- --step 0 --batch
expect 2 "this run has [0-9]+ steps" "step past the end" -- --step 999 --batch
expect 2 "one too many" "two scenarios" -- --batch a b
expect 0 "" "--markdown writes a handout" -- --markdown "$tmp/x.md"
# The handout of the default lesson: its title, every step a heading, every checkpoint an answer.
"$prog" --json "$tmp/l.json" >/dev/null 2>&1
steps=$(grep -c '^### [0-9]' "$tmp/x.md")
want_steps=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["steps"]))' "$tmp/l.json")
asks=$(python3 -c 'import json,sys; print(sum("checkpoint" in s for s in json.load(open(sys.argv[1]))["steps"]))' "$tmp/l.json")
[ "$(head -1 "$tmp/x.md")" = "# The four phases" ] && ok "--markdown: the lesson's title first" || bad "--markdown: title"
[ "$steps" -eq "$want_steps" ] && ok "--markdown: a heading per step ($steps)" || bad "--markdown: $steps step headings, the run has $want_steps"
[ "$(grep -c '<summary>Answer</summary>' "$tmp/x.md")" -eq "$asks" ] && [ "$asks" -ge 2 ] \
  && ok "--markdown: every checkpoint with its answer folded ($asks)" || bad "--markdown: checkpoints"
grep -q '^- `master_secret` known to the client = `[0-9a-f]\{96\}` (tlsstep.s own check agrees)' "$tmp/x.md" \
  && ok "--markdown: the master secret, whose it is, checked" || bad "--markdown: no checked master secret"
grep -q '^- `client_random` known to the client, the server and anyone on the wire = ' "$tmp/x.md" \
  && ok "--markdown: a random is known to the wire too" || bad "--markdown: holders of client_random"
"$prog" --markdown "$tmp/05.md" 05-certificates >/dev/null 2>&1
grep -q '^  \.\.\. and 94 more (tlsstep --batch --fields all shows them all)$' "$tmp/05.md" \
  && ok "--markdown: a long list (104 suites) is cut to ten with a count" || bad "--markdown: long list not cut"
grep -q '^- connection 1: ECDHE. Stealing the server.s private key later recovers nothing' "$tmp/x.md" \
  && ok "--markdown: the eavesdropper's result" || bad "--markdown: no eavesdropper section"
# The lesson as a --batch handout: each suggestion a bullet, each answer once (wrapped lines hang).
"$prog" --batch 01-four-phases >"$tmp/l.txt" 2>&1
tries=$(sed -n '/^Try this:$/,$p' "$tmp/l.txt" | grep -c '^  - ')
[ "$tries" -ge 2 ] && ! grep -q '^Try this: ' "$tmp/l.txt" \
  && ok "--batch lesson: 'Try this:' then one bullet per suggestion ($tries)" || bad "--batch lesson: try list ($tries bullets)"
[ "$(grep -c '^       answer: ' "$tmp/l.txt")" -eq "$asks" ] \
  && ok "--batch lesson: 'answer:' once per checkpoint ($asks)" || bad "--batch lesson: 'answer:' repeated on wrapped lines"
# The lesson template in lessons/README.md, pasted after a bundled scenario as it says, lints clean.
top=$(cd "$(dirname "$0")/../.." && pwd)
cp "$top/lessons/scenarios/tls12-rsa.scenario" "$tmp/week4.lesson"
python3 - "$top/lessons/README.md" >> "$tmp/week4.lesson" <<'PY'
import sys
blocks = open(sys.argv[1]).read().split("```ini\n")[1:]
print("\n" + next(b.split("```")[0] for b in blocks if "week 4" in b))
PY
expect 0 "week4.lesson: ok" "the lesson template of lessons/README.md lints clean" -- --check "$tmp/week4.lesson"
expect 0 "> The ClientHello: what it is for" "the template's narration shows in --batch" -- --batch "$tmp/week4.lesson"
# A copy of a lesson whose run changed: --check says where its words no longer fit, exit 1.
sed 's/^suites = .*/suites = TLS_RSA_WITH_AES_128_GCM_SHA256/; /^  TLS_/d' "$top/lessons/01-four-phases.lesson" > "$tmp/copy.lesson"
expect 1 "copy.lesson:[0-9]+: \[step 4\] is a ServerHelloDone in this run, but its narration never names it" \
  "--check: a lesson that no longer fits its run, with the line" -- --check "$tmp/copy.lesson"
# Live values: a run value written by hand, and a placeholder naming nothing in the run, each
# with its line, exit 1; a lesson fits the run of another seed too (--check --seed N).
sed '0,/{premaster_secret:8}/s//03035d17.../' "$top/lessons/03-rsa-key-exchange.lesson" > "$tmp/lit.lesson"
expect 1 'lit.lesson:35: "03035d17" is written by hand, and a run value changes with the seed' \
  "--check: a run value written by hand, with its line" -- --check "$tmp/lit.lesson"
sed 's/^say = Phase 1, hello. /say = Phase 1, hello, {shared_secret:8}. /' "$top/lessons/01-four-phases.lesson" > "$tmp/ph.lesson"
expect 1 'ph.lesson:[0-9]+: \{shared_secret:8\}: no value called shared_secret in this run' \
  "--check: a placeholder naming nothing in the run, with its line" -- --check "$tmp/ph.lesson"
expect 0 "03-rsa-key-exchange: ok" "--check --seed 2: the lesson fits that run too" -- --check 03-rsa-key-exchange --seed 2
# X.509 extensions: each field covers its own extension's bytes; the server certificate's
# authority_key_id is the CA's subject_key_id, as OpenSSL reads them.
"$prog" --json "$tmp/x509.json" tls12-ecdhe-rsa >/dev/null 2>&1
ca_ski=$(openssl x509 -in "$top/assets/ca-rsa.crt" -noout -ext subjectKeyIdentifier 2>/dev/null | tail -1 | tr -d ' :' | tr A-F a-f)
python3 - "$tmp/x509.json" "$ca_ski" > "$tmp/x509.out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
def walk(fs):
    for f in fs:
        yield f
        yield from walk(f.get("children", []))
st = next(s for s in j["steps"] if s["message"] == "Certificate")
msg = bytes.fromhex(st["message_hex"])
by = {f["name"]: f for f in walk(st["fields"])}
ku = by["key_usage"]; eku = by["extended_key_usage"]
ku_bytes = msg[ku["offset"]:ku["offset"] + ku["length"]]
ok = (by["authority_key_id"]["value"] == sys.argv[2] and ku_bytes[:1] == b"\x30" and b"\x06\x03\x55\x1d\x0f" in ku_bytes
      and ku["length"] < 20 and "(critical)" in ku["value"] and "(critical)" in eku["value"])
print("ok" if ok else "bad %r %r %r" % (by["authority_key_id"]["value"], sys.argv[2], ku))
PY
[ "$(cat "$tmp/x509.out")" = ok ] && ok "X.509: authority_key_id = the CA's subject_key_id; key_usage covers its own extension, critical" \
  || bad "X.509 extensions: $(cat "$tmp/x509.out")"

# Two alerts cross: the client's in clear, then the server's (it cannot read the first): both told.
sed '/^\[expect\]/,$d' "$top/lessons/scenarios/tls13-hrr.scenario" > "$tmp/two.scenario"
printf '[faults]\nfault = server record 5 flip byte 20 bit 0\n[expect]\nresult = failure\n' >> "$tmp/two.scenario"
expect 0 "then, at step [0-9]+: fatal bad_record_mac \(20\) from the server" "--batch: a second alert is told too" \
  -- --batch "$tmp/two.scenario"
# ... and the record no one could decrypt is typed by its content type on the wire (design.md §5).
"$prog" --json - "$tmp/two.scenario" 2>/dev/null | python3 -c '
import json, sys
types = {s["type"] for s in json.load(sys.stdin)["steps"]}
sys.exit(0 if types <= {"handshake", "change_cipher_spec", "alert", "application_data"} else 1)' \
  && ok "--json: every step type is one of the four, an undecryptable TLS 1.3 record too" \
  || bad "--json: a step type outside the four"
expect 2 "write failed|cannot" "--markdown to a directory that does not exist" -- --markdown /nonexistent/x.md
# --html (the page itself is checked in a browser by tests/html): written as every output is.
expect 0 "" "--html writes a page" -- --html "$tmp/x.html"
"$prog" --html - > "$tmp/y.html" 2>/dev/null
cmp -s "$tmp/x.html" "$tmp/y.html" && ok "--html: - gives the file's bytes; a seed makes the page byte-identical" \
  || bad "--html: two pages of one seed differ"
expect 2 "--html /nonexistent/x.html: cannot write web page" "--html to a directory that does not exist" \
  -- --html /nonexistent/x.html
expect 2 "names a lesson file, which tlsstep reads" "--html over a lesson's name is refused" -- --html "$tmp/week.lesson"
expect 2 "--plain talks on standard output" "--plain with --html - is refused" -- --plain --html -
expect 2 "--plain talks on standard output" "--plain with --pcap - is refused" -- --plain --pcap -
# --batch --pcap -: the capture alone on stdout (a transcript after it would corrupt it).
"$prog" --batch --pcap - >"$tmp/stdout.pcap" 2>/dev/null
"$prog" --pcap "$tmp/file.pcap" 2>/dev/null
cmp -s "$tmp/stdout.pcap" "$tmp/file.pcap" && ok "--batch --pcap - writes only the capture to stdout" \
  || bad "--batch --pcap - writes more than the capture to stdout"
# A title of markup is text on the page (tests/html reads it back in a browser too).
sed 's/^title = .*/title = <script>alert(1)<\/script> \& "q" '"'"'s'"'"'/' "$top/lessons/scenarios/tls13.scenario" > "$tmp/markup.scenario"
"$prog" --html "$tmp/markup.html" "$tmp/markup.scenario" >/dev/null 2>&1
if grep -q '<script>alert' "$tmp/markup.html" || ! grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;s&#39;' "$tmp/markup.html"; then
  bad "--html: a title of markup is not escaped"
else
  ok "--html: a title of markup is escaped"
fi
expect 2 "cannot write capture" "unwritable capture path" -- --pcap /nonexistent-dir/x.pcap
expect 2 "--pcapng /nonexistent-dir/x.pcapng: cannot write capture with its key log" "unwritable pcapng path" \
  -- --pcapng /nonexistent-dir/x.pcapng
expect 2 "--pcapng .*both.out: --pcap already writes there" "--pcap and --pcapng to one file are refused" \
  -- --pcap "$tmp/both.out" --pcapng "$tmp/both.out"
expect 0 '^built with mbed TLS [0-9]+\.[0-9]+\.[0-9]+' "--version names the mbed TLS it was built with" -- --version
# libpcap is opened only to write a capture: a launch does not load it, and without it --pcap
# says so before the run (exit 2, no file) while the other outputs need nothing of it.
if command -v ldd >/dev/null && ldd "$prog" | grep -q libpcap; then bad "the program is linked with libpcap"
else ok "libpcap is not loaded at launch"; fi
TLSSTEP_LIBPCAP=$tmp/no-libpcap.so expect 2 "--pcap $tmp/np.pcap: cannot write capture: libpcap is needed .*no-libpcap.so" \
  "--pcap without libpcap" -- --pcap "$tmp/np.pcap" --json "$tmp/np.json"
[ ! -e "$tmp/np.pcap" ] && [ ! -e "$tmp/np.json" ] && ok "--pcap without libpcap: nothing written" \
  || bad "--pcap without libpcap: a file was written"
TLSSTEP_LIBPCAP=$tmp/no-libpcap.so expect 0 "" "--json without libpcap" -- --json "$tmp/np.json"
TLSSTEP_LIBPCAP=$tmp/no-libpcap.so expect 0 "" "--pcapng without libpcap (tlsstep writes its blocks itself)" -- --pcapng "$tmp/np.pcapng"

# A missing credential file: a clear message naming the file, exit 2.
TLSSTEP_ASSETS=$tmp/empty expect 2 "empty/ca-rsa.crt: cannot open CA certificate file: No such file" \
  "missing credential file" -- --batch
mkdir -p "$tmp/garbled"; cp -r "$(dirname "$0")/../../assets/." "$tmp/garbled/" 2>/dev/null
echo "not a certificate" > "$tmp/garbled/server-rsa.crt"
TLSSTEP_ASSETS=$tmp/garbled expect 2 "server-rsa.crt: not a valid" "unreadable credential file" -- --batch

# Reproducible: the same seed gives byte-identical output; another seed does not.
"$prog" --json "$tmp/a.json" --seed 5 >/dev/null 2>&1
"$prog" --json "$tmp/b.json" --seed 5 >/dev/null 2>&1
"$prog" --json "$tmp/c.json" --seed random >/dev/null 2>"$tmp/seed.txt"
if cmp -s "$tmp/a.json" "$tmp/b.json" && [ -s "$tmp/a.json" ]; then ok "same seed, byte-identical JSON"; else bad "same seed, byte-identical JSON"; fi
if ! cmp -s "$tmp/a.json" "$tmp/c.json"; then ok "--seed random differs"; else bad "--seed random differs"; fi
seed=$(sed -n 's/.*chose seed \([0-9]*\).*/\1/p' "$tmp/seed.txt")
"$prog" --json "$tmp/d.json" --seed "$seed" >/dev/null 2>&1
if [ -n "$seed" ] && cmp -s "$tmp/c.json" <(sed "s/\"seed\": $seed,/\"seed\": $seed,/" "$tmp/d.json"); then
  ok "--seed random can be replayed by the seed it printed"
else
  bad "--seed random can be replayed by the seed it printed"
fi
"$prog" --json - >"$tmp/stdout.json" 2>/dev/null
if head -c1 "$tmp/stdout.json" | grep -q '{' && grep -q '"tool": "tlsstep"' "$tmp/stdout.json"; then
  ok "--json - writes only JSON to stdout"
else
  bad "--json - writes only JSON to stdout"
fi
expect 2 "cannot write" "unwritable JSON path" -- --json /nonexistent-dir/x.json
expect 0 "^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$" "--keylog - writes an NSS key log line for TLS 1.2" -- --keylog -
expect 0 "^SERVER_TRAFFIC_SECRET_0 [0-9a-f]{64} [0-9a-f]{64}$" "--keylog - has the TLS 1.3 traffic secrets" -- --keylog - tls13


# ---- Outputs never clobber inputs (issue 14) ------------------------------------------------------
cp "$top/lessons/scenarios/tls12-rsa.scenario" "$tmp/x.scenario"
sum_of() { cksum < "$1"; }
lesson_sum=$(sum_of "$tmp/week4.lesson")
(cd "$tmp" && "$prog" --markdown week4.lesson >"$tmp/out" 2>"$tmp/err"); rc=$?
[ $rc -eq 2 ] && [ "$(sum_of "$tmp/week4.lesson")" = "$lesson_sum" ] \
  && grep -q -- "--markdown week4.lesson: that names a lesson file" "$tmp/err" \
  && ok "--markdown week4.lesson (the output forgotten): refused, exit 2, the lesson untouched" \
  || bad "--markdown week4.lesson: exit $rc, $(head -1 "$tmp/err")"
scen_sum=$(sum_of "$tmp/x.scenario")
expect 2 "--json .*x.scenario: that names a scenario file" "--json x.scenario x.scenario is refused" \
  -- --json "$tmp/x.scenario" "$tmp/x.scenario"
[ "$(sum_of "$tmp/x.scenario")" = "$scen_sum" ] && ok "... and the scenario is untouched" || bad "the scenario was overwritten"
ln -sf "$tmp/x.scenario" "$tmp/link.json"
expect 2 "--json .*link.json: that is the scenario file this run reads" "an output that is the input through a symbolic link" \
  -- --json "$tmp/link.json" "$tmp/x.scenario"
ln -f "$tmp/x.scenario" "$tmp/hard.md"
expect 2 "--markdown .*hard.md: that is the scenario file this run reads" "an output that is the input through a hard link" \
  -- --markdown "$tmp/hard.md" "$tmp/x.scenario"
[ "$(sum_of "$tmp/x.scenario")" = "$scen_sum" ] && ok "... and the scenario is still untouched" || bad "the scenario was overwritten by a link"
mkdir -p "$tmp/creds"; cp "$top/assets/"* "$tmp/creds/"
key_sum=$(sum_of "$tmp/creds/server-rsa.key")
TLSSTEP_ASSETS=$tmp/creds expect 2 "--keylog .*server-rsa.key: that is a private key this run reads" \
  "an output that is a credential file the scenario names" -- --keylog "$tmp/creds/server-rsa.key" tls12-rsa
[ "$(sum_of "$tmp/creds/server-rsa.key")" = "$key_sum" ] && ok "... and the key is untouched" || bad "the private key was overwritten"
expect 2 "--markdown .*same.out: --json already writes there" "two outputs to one path" \
  -- --json "$tmp/same.out" --markdown "$tmp/./same.out"
[ ! -e "$tmp/same.out" ] && ok "... and neither is written" || bad "two outputs to one path: one was written"
expect 2 "--markdown -: --json already writes to standard output" "--json - --markdown - is refused" -- --json - --markdown -

# ---- Each output whole or not at all, every one tried, each failure named --------------------------
expect 2 "--json /dev/full: cannot write JSON: No space left on device" "--json /dev/full: the system's reason" \
  -- --json /dev/full --markdown "$tmp/after-full.md"
grep -q '^## Outcome' "$tmp/after-full.md" 2>/dev/null && ok "... and the handout after it is still written, whole" \
  || bad "a failed output skipped the next one"
echo old > "$tmp/big.json"
(ulimit -f 1; trap '' XFSZ; "$prog" --json "$tmp/big.json" --keylog "$tmp/big.keys" >/dev/null 2>"$tmp/err"); rc=$?
[ $rc -eq 2 ] && [ "$(cat "$tmp/big.json")" = old ] && grep -q "cannot write JSON: File too large" "$tmp/err" \
  && [ -z "$(find "$tmp" -name '.big.json.*')" ] && [ -s "$tmp/big.keys" ] \
  && ok "a write that fails half-way leaves the old file and no temporary one; the next output is written" \
  || bad "half-written output: exit $rc, $(cat "$tmp/big.json" | head -c 40), $(head -1 "$tmp/err")"
mkdir -p "$tmp/ro"; echo old > "$tmp/ro/old.json"; chmod 555 "$tmp/ro"; chmod 666 "$tmp/ro/old.json"
as_user=()
[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
chmod 755 "$tmp"
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  "${as_user[@]}" "$prog" --json "$tmp/ro/old.json" --markdown "$tmp/ro/new.md" --pcap "$tmp/ro/x.pcap" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] && [ "$(cat "$tmp/ro/old.json")" = old ] && grep -q -- "--json .*old.json: cannot write JSON: Permission denied" "$tmp/err" \
    && grep -q -- "--markdown .*new.md: cannot write handout: Permission denied" "$tmp/err" \
    && grep -q -- "--pcap .*x.pcap: cannot write capture: Permission denied" "$tmp/err" \
    && grep -q "3 of the 3 outputs were not written" "$tmp/err" \
    && ok "a read-only folder: every output tried and named, the old file kept" || bad "read-only folder: exit $rc, $(cat "$tmp/err")"
else
  bad "read-only folder: running as root without setpriv, cannot test"
fi
chmod 755 "$tmp/ro"
mkfifo "$tmp/fifo"
cat "$tmp/fifo" > "$tmp/from-fifo.json" &
"$prog" --json "$tmp/fifo" >/dev/null 2>&1; rc=$?
wait
[ $rc -eq 0 ] && [ -p "$tmp/fifo" ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/from-fifo.json" 2>/dev/null \
  && ok "a FIFO as output is written directly (no rename), whole" || bad "FIFO output: exit $rc"
echo old > "$tmp/real.md"; ln -sf real.md "$tmp/sym.md"
"$prog" --markdown "$tmp/sym.md" >/dev/null 2>&1
[ -L "$tmp/sym.md" ] && grep -q '^## Outcome' "$tmp/real.md" && ok "an output through a symbolic link replaces its target, the link kept" \
  || bad "an output through a symbolic link"

# ---- Secrets files are 0600 -------------------------------------------------------------------------
mode() { stat -c %a "$1"; }
echo old > "$tmp/old.keys"; chmod 666 "$tmp/old.keys"
echo old > "$tmp/old.md"; chmod 640 "$tmp/old.md"
(umask 022; "$prog" --keylog "$tmp/new.keys" --json "$tmp/new.json" --markdown "$tmp/new.md" --pcap "$tmp/new.pcap" >/dev/null 2>&1)
(umask 022; "$prog" --keylog "$tmp/old.keys" --markdown "$tmp/old.md" >/dev/null 2>&1)
[ "$(mode "$tmp/new.keys")" = 600 ] && [ "$(mode "$tmp/old.keys")" = 600 ] && [ "$(mode "$tmp/new.json")" = 600 ] \
  && ok "the key log and the JSON are 0600, a 0666 key log they replace too" \
  || bad "secrets files: new.keys $(mode "$tmp/new.keys"), old.keys $(mode "$tmp/old.keys"), new.json $(mode "$tmp/new.json")"
[ "$(mode "$tmp/new.md")" = 644 ] && [ "$(mode "$tmp/new.pcap")" = 644 ] && [ "$(mode "$tmp/old.md")" = 640 ] \
  && grep -q '^## Outcome' "$tmp/old.md" \
  && ok "a handout and a capture get the umask's mode, a replaced handout keeps its own" \
  || bad "modes: new.md $(mode "$tmp/new.md"), new.pcap $(mode "$tmp/new.pcap"), old.md $(mode "$tmp/old.md")"

# ---- Standard output that cannot be written is a failure ---------------------------------------------
for args in --list --help --version "--check tls12-rsa" "--batch" "--json -"; do
  # shellcheck disable=SC2086
  "$prog" $args >/dev/full 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] && grep -qE "cannot write (standard output|JSON|the transcript): No space left on device" "$tmp/err" \
    && [ "$(wc -l < "$tmp/err")" -eq 1 ] \
    && ok "$args >/dev/full: exit 2, said" || bad "$args >/dev/full: exit $rc, $(head -1 "$tmp/err")"
done

# ---- Control characters from files and from the wire never reach the terminal raw --------------------
"$prog" --json "$tmp/rsa.json" tls12-rsa >/dev/null 2>&1
sni=$(python3 -c '
import json, sys
st = next(s for s in json.load(open(sys.argv[1]))["steps"] if s["message"] == "ClientHello")
print(bytes.fromhex(st["record_hex"].replace(" ", "")).find(b"www.example.com") - 5)' "$tmp/rsa.json")
esc=$(printf '\033')
mk_bad() { # mk_bad FILE TITLE-BYTE SNI-BYTE: tls12-rsa with a title holding the byte and an SNI byte set by a fault
  sed "/^\[expect\]/,\$d; s/^title = .*/title = Red $2[31mtitle/" "$top/lessons/scenarios/tls12-rsa.scenario" > "$1"
  printf '[faults]\nfault = client ClientHello set byte %s to %s\n[expect]\nresult = failure\n' "$((sni + 5))" "$3" >> "$1"
}
mk_bad "$tmp/esc.scenario" "$esc" 0x1b
"$prog" --batch --fields all "$tmp/esc.scenario" >"$tmp/esc.txt" 2>&1
"$prog" --markdown - "$tmp/esc.scenario" >"$tmp/esc.md" 2>&1
"$prog" --check "$tmp/esc.scenario" >"$tmp/esc.check" 2>&1
# (the handout shows no host_name: its fields go two levels deep; --fields all shows it in the transcript)
for f in esc.txt:www.e esc.md:Red; do
  want=${f#*:} f=${f%%:*}
  if grep -q "$esc" "$tmp/$f"; then bad "$f: a raw ESC reached the output"
  elif grep -qF 'Red \x1b[31mtitle' "$tmp/$f" && { [ "$want" = Red ] || grep -qF 'www.e\x1bample.com' "$tmp/$f"; }; then
    ok "$f: ESC from the title$([ "$want" = Red ] || echo ' and from the SNI on the wire') shown as \\x1b"
  else bad "$f: the escaped title or host name is missing"; fi
done
! grep -q "$esc" "$tmp/esc.check" && ok "--check: no raw ESC from the title" || bad "--check printed a raw ESC"

# ---- JSON: every key, whatever the bytes; a seed of 2^63 and more replays -----------------------------
# (a file's text that is not UTF-8 is refused by the loader; the wire's bytes cannot be, and
# tests/unit/test_export_text.c gives a title such bytes directly)
mk_bad "$tmp/ff.scenario" "$esc" 0xff
"$prog" --json "$tmp/ff.json" "$tmp/ff.scenario" >/dev/null 2>&1
python3 - "$tmp/ff.json" > "$tmp/ff.out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
top = ["tool", "version", "scenario", "title", "seed", "seed_text", "tls_version", "cipher_suite", "outcome", "steps", "secrets"]
step = ["index", "phase", "phase_name", "from", "type", "message", "encrypted", "record_hex", "message_hex", "fields", "secrets"]
field = ["name", "value", "kind", "explanation", "offset", "length", "children"]
missing = [k for k in top if k not in j]
def walk(fs):
    for f in fs:
        missing.extend("field." + k for k in field if k not in f)
        walk(f.get("children", []))
for s in j["steps"]:
    missing.extend("step." + k for k in step if k not in s)
    walk(s["fields"])
ch = next(s for s in j["steps"] if s["message"] == "ClientHello")
names = []
def find(fs):
    for f in fs:
        if f["name"] == "host_name": names.append(f["value"])
        find(f["children"])
find(ch["fields"])
ok = not missing and j["title"] == "Red \x1b[31mtitle" and names == ["www.e\\xffample.com"]
print("ok" if ok else "bad: missing %s, title %r, host_name %r" % (missing, j.get("title"), names))
PY
[ "$(cat "$tmp/ff.out")" = ok ] && ok "JSON: bytes that are not UTF-8 (title, SNI) as \\xNN, every key present" \
  || bad "JSON with non-UTF-8 text: $(cat "$tmp/ff.out")"
"$prog" --json "$tmp/big1.json" --seed 18446744073709551615 >/dev/null 2>&1
seed_text=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["seed_text"] if j["seed"] == j["seed_text"] else "bad")' "$tmp/big1.json")
"$prog" --json "$tmp/big2.json" --seed "$seed_text" >/dev/null 2>&1
[ "$seed_text" = 18446744073709551615 ] && cmp -s "$tmp/big1.json" "$tmp/big2.json" \
  && ok "JSON: a seed above 2^63 is written exactly (seed_text) and replays" || bad "JSON: a big seed: '$seed_text'"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["seed"] == 5 and j["seed_text"] == "5" else 1)' "$tmp/a.json" \
  && ok "JSON: a seed below 2^63 stays a number, seed_text beside it" || bad "JSON: seed 5"

# Input files that are not what they say (tests/cli/inputs.sh).
. "$(dirname "$0")/inputs.sh"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
