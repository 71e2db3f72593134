#!/usr/bin/env bash
# "Do it yourself" (issue 13): every secret of every bundled run has a recipe in the
# JSON, and the recipe, run with sh, prints that secret's bytes (every line it prints
# must be the secret's hex: python3 and openssl each say it). Runs that fail (as their
# scenario expects) are checked too, for the secrets they got that far; a secret whose
# own check disagrees is skipped, and said.
# usage: recipes.sh PATH-TO-TLSSTEP [NAME-OR-FILE...]   (none: every bundled one)
set -u
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v python3 >/dev/null || { echo "FAIL - python3 is needed to read the JSON and run the recipes"; exit 1; }
command -v openssl >/dev/null || { echo "FAIL - openssl is needed to run the recipes"; exit 1; }
bundled=0
if [ $# -eq 0 ]; then
  set -- $("$prog" --list | awk '{print $1}')
  bundled=1
fi
fail=0 runs=0
for name in "$@"; do
  json=$tmp/$(basename "$name").json
  "$prog" --batch --json "$json" "$name" >/dev/null 2>"$tmp/err"
  if [ ! -s "$json" ]; then
    echo "FAIL - $name: no JSON"; sed 's/^/     /' "$tmp/err" | head -3; fail=$((fail + 1)); continue
  fi
  python3 - "$json" "$name" <<'PY' || fail=$((fail + 1))
import json, subprocess, sys
d = json.load(open(sys.argv[1]))
name = sys.argv[2]
failed = not d["outcome"]["ok"]
bad = checked = 0
seen = {}
for st in d["steps"]:
    for s in st["secrets"]:
        what = "%s step %s %s" % (name, st.get("index"), s["name"])
        if s.get("agrees") is False:
            # tlsstep's own derivation differs from the library's (a fault): the recipe shows ours
            print("skip - %s: it disagrees with the library, so its recipe gives another value" % what)
            continue
        r = s.get("recipe")
        if not r:
            print("FAIL - %s: no recipe" % what)
            bad += 1
            continue
        if r not in seen:
            p = subprocess.run(["sh", "-c", r], capture_output=True, text=True, timeout=60)
            seen[r] = (p.returncode, [l for l in p.stdout.split("\n") if l.strip()], p.stderr)
        rc, lines, err = seen[r]
        if rc != 0 or not lines or any(l.strip() != s["hex"] for l in lines):
            print("FAIL - %s: the recipe printed %s (exit %d), the value is %s" % (what, lines, rc, s["hex"]))
            if err.strip():
                print("     " + err.strip().replace("\n", "\n     "))
            bad += 1
        checked += 1
print("%s - %s%s: %d secrets, %d recipes run, %d mismatched or missing" % ("FAIL" if bad else "ok  ", name,
      " (a run that fails, as its scenario expects: the secrets it got that far)" if failed else "", checked, len(seen), bad))
sys.exit(1 if bad else 0)
PY
  runs=$((runs + 1))
done
# The handout (--markdown) carries the same recipes, folded, each as it pastes into sh.
for name in tls12-ecdhe-rsa tls13; do
  [ "$bundled" = 1 ] || break
  "$prog" --markdown "$tmp/$name.md" "$name" >/dev/null 2>&1
  python3 - "$tmp/$name.md" "$name" <<'PY' || fail=$((fail + 1))
import re, subprocess, sys
md = open(sys.argv[1]).read()
found = re.findall(r"<summary><code>(\w+)</code> \([^)]*\) = <code>([0-9a-f]+)</code></summary>\n\n```sh\n(.*?)```", md, re.S)
bad = [n for n, h, code in found
       if not (lambda out: out and all(l == h for l in out))(
           [l for l in subprocess.run(["sh", "-c", code], capture_output=True, text=True).stdout.split("\n") if l.strip()])]
ok = "## Do it yourself" in md and len(found) >= 10 and not bad
print("%s - %s --markdown: %d recipes in 'Do it yourself', %s" % ("ok  " if ok else "FAIL", sys.argv[2], len(found),
      "each prints its value" if not bad else "wrong: %s" % bad))
sys.exit(0 if ok else 1)
PY
done
echo "# $runs runs, $fail failed"
[ "$fail" -eq 0 ]
