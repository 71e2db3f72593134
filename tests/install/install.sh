#!/usr/bin/env bash
# Installed like a real program (issue 19): `meson install` into a temporary DESTDIR, the
# installed tree moved to another folder, and that copy run from an empty working folder
# with the source tree out of reach (a tmpfs over it in a private mount namespace, where
# user namespaces allow one; and, where strace exists, no file access into the source or
# build tree at all). It must list, run and check a bundled lesson as the build tree's
# program does, find its data beside itself, and carry a man page that groff -ww and
# mandoc -T lint pass and that names every option of --help, and a bash completion that
# completes options and bundled names.
# usage: install.sh BUILD-DIR SOURCE-DIR MESON
set -u
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd) meson=${3:-meson}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok   - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }
case $tmp in "$src"/*) echo "the temporary folder $tmp is inside the source tree"; exit 1 ;; esac

# --- install -----------------------------------------------------------------------
if ! "$meson" install -C "$build" --no-rebuild --quiet --destdir "$tmp/dest" >"$tmp/install.log" 2>&1; then
  bad "meson install --destdir"; sed 's/^/     /' "$tmp/install.log"; finish
fi
exe=$(find "$tmp/dest" -path '*/bin/tlsstep' -type f | head -n1)
[ -n "$exe" ] && ok "meson install put the program in DESTDIR (${exe#"$tmp/dest"})" || { bad "no bin/tlsstep in DESTDIR"; finish; }
prefix=$(dirname "$(dirname "$exe")")
for f in share/man/man1/tlsstep.1 share/bash-completion/completions/tlsstep share/tlsstep/lessons/README.md \
         share/tlsstep/assets/README.md; do
  [ -s "$prefix/$f" ] && ok "installed $f" || bad "missing $f"
done
for pair in "lessons/*.lesson" "lessons/scenarios/*.scenario" "assets/*.crt" "assets/*.key"; do
  want=$(cd "$src" && ls $pair | wc -l)
  got=$(cd "$prefix/share/tlsstep" && ls $pair 2>/dev/null | wc -l)
  [ "$want" -gt 0 ] && [ "$got" = "$want" ] && ok "installed all $want $pair" || bad "$pair: $got installed of $want"
done

# --- relocated: the installed tree moved elsewhere, its prefix gone -------------------
moved=$tmp/elsewhere/opt/tlsstep
mkdir -p "$(dirname "$moved")" "$tmp/cwd"
mv "$prefix" "$moved" && rm -rf "$tmp/dest"
prog=$moved/bin/tlsstep
# Only the defaults: no override may point anywhere.
run() { (cd "$tmp/cwd" && env -u TLSSTEP_DATA -u TLSSTEP_LESSONS -u TLSSTEP_ASSETS "$@"); }

"$build/tlsstep" --list >"$tmp/list.want" 2>&1
"$build/tlsstep" --batch 01-four-phases >"$tmp/batch.want" 2>&1
"$build/tlsstep" --check 01-four-phases >"$tmp/check.want" 2>&1
# The three runs of the installed copy, in whatever confinement the caller gives ($@).
runs() {
  local tag=$1; shift
  run "$@" "$prog" --version >"$tmp/version.$tag" 2>&1
  run "$@" "$prog" --list >"$tmp/list.$tag" 2>&1; echo $? >"$tmp/list.$tag.rc"
  run "$@" "$prog" --batch 01-four-phases >"$tmp/batch.$tag" 2>&1; echo $? >"$tmp/batch.$tag.rc"
  run "$@" "$prog" --check 01-four-phases >"$tmp/check.$tag" 2>&1; echo $? >"$tmp/check.$tag.rc"
}
judge() {
  local tag=$1 how=$2
  grep -qx "lessons: $moved/share/tlsstep/lessons" "$tmp/version.$tag" &&
    grep -qx "credentials: $moved/share/tlsstep/assets" "$tmp/version.$tag" \
    && ok "$how: --version finds the data beside the moved program" \
    || { bad "$how: --version's data folders"; sed 's/^/     /' "$tmp/version.$tag"; }
  [ "$(cat "$tmp/list.$tag.rc")" = 0 ] && cmp -s "$tmp/list.$tag" "$tmp/list.want" \
    && ok "$how: --list gives the build tree's $(wc -l <"$tmp/list.want") names" \
    || { bad "$how: --list (exit $(cat "$tmp/list.$tag.rc"))"; head -3 "$tmp/list.$tag" | sed 's/^/     /'; }
  [ "$(cat "$tmp/batch.$tag.rc")" = 0 ] && cmp -s "$tmp/batch.$tag" "$tmp/batch.want" \
    && ok "$how: --batch 01-four-phases is the build tree's transcript, byte for byte" \
    || { bad "$how: --batch (exit $(cat "$tmp/batch.$tag.rc"))"; head -3 "$tmp/batch.$tag" | sed 's/^/     /'; }
  [ "$(cat "$tmp/check.$tag.rc")" = 0 ] && cmp -s "$tmp/check.$tag" "$tmp/check.want" \
    && ok "$how: --check 01-four-phases: $(cut -c1-60 "$tmp/check.$tag")..." \
    || { bad "$how: --check (exit $(cat "$tmp/check.$tag.rc"))"; sed 's/^/     /' "$tmp/check.$tag"; }
}
grep -q '^built with mbed TLS 3\.6\.[0-9]' <(run "$prog" --version) \
  && ok "--version: $(run "$prog" --version | sed -n 2p)" || bad "--version names no mbed TLS 3.6"

confined=0
# A tmpfs over the source tree (which holds the build tree), in a private mount namespace.
hide=(unshare -rm sh -c 'mount -t tmpfs none "$0" && [ ! -e "$0/lessons" ] && exec "$@"' "$src")
if unshare -rm true 2>/dev/null; then
  if "${hide[@]}" true 2>/dev/null; then
    runs hidden "${hide[@]}"
    judge hidden "source tree hidden"
    confined=1
  fi
fi
# No file opened, stat'ed or read under the source or build tree.
if command -v strace >/dev/null; then
  if strace -f -qq -e trace=%file -o "$tmp/strace.log" true 2>/dev/null; then
    rm -f "$tmp/strace.log"
    # LeakSanitizer refuses to run under ptrace: a sanitizer build's leak check stays off here.
    runs traced env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
      strace -f -qq -A -e trace=%file -o "$tmp/strace.log"
    judge traced "under strace"
    if grep -F -e "\"$src/" -e "\"$src\"" -e "\"$build" "$tmp/strace.log" >"$tmp/strace.hits"; then
      bad "the installed program touched the source tree:"; head -5 "$tmp/strace.hits" | sed 's/^/     /'
    else
      ok "strace: no file call of the installed program names the source tree ($(wc -l <"$tmp/strace.log") calls)"
    fi
    confined=1
  fi
fi
[ "$confined" = 1 ] || bad "neither unshare nor strace could keep the source tree out of reach (tools/setup installs strace)"

# TLSSTEP_DATA: another folder laid out as share/tlsstep.
mkdir -p "$tmp/alt/lessons/scenarios"
cp -r "$moved/share/tlsstep/assets" "$tmp/alt/"
cp "$moved/share/tlsstep/lessons/scenarios/tls13.scenario" "$tmp/alt/lessons/scenarios/only-this.scenario"
got=$(cd "$tmp/cwd" && TLSSTEP_DATA=$tmp/alt "$prog" --list | awk '{ print $1 }')
[ "$got" = only-this ] && ok "TLSSTEP_DATA is read in place of the installed data" || bad "TLSSTEP_DATA: --list gave '$got'"
# The build tree's program still reads the source tree.
grep -qx "lessons: $src/lessons" <("$build/tlsstep" --version) && ok "the build tree's program reads the source tree" \
  || bad "the build tree's program: $("$build/tlsstep" --version | grep lessons)"

# --- the man page --------------------------------------------------------------------
page=$moved/share/man/man1/tlsstep.1
linted=0
if command -v groff >/dev/null; then
  w=$(groff -ww -z -man -Tutf8 "$page" 2>&1)
  [ -z "$w" ] && ok "groff -ww -man: no warning" || { bad "groff -ww warns:"; echo "$w" | head -5 | sed 's/^/     /'; }
  linted=1
fi
if command -v mandoc >/dev/null; then
  w=$(mandoc -T lint -W all "$page" 2>&1)
  [ -z "$w" ] && ok "mandoc -T lint -W all: nothing to say" || { bad "mandoc -T lint:"; echo "$w" | head -5 | sed 's/^/     /'; }
  linted=1
fi
[ "$linted" = 1 ] || bad "neither groff nor mandoc is installed (tools/setup installs groff-base)"
if command -v man >/dev/null; then
  text=$(MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/man.err")
  [ -n "$text" ] && [ ! -s "$tmp/man.err" ] && ok "man -l renders the page ($(echo "$text" | wc -l) lines), no warning" \
    || { bad "man -l:"; head -5 "$tmp/man.err" | sed 's/^/     /'; }
  missing=
  for o in $("$prog" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    echo "$text" | grep -q -- "$o\b" || missing="$missing $o"
  done
  [ -z "$missing" ] && ok "the man page names every option of --help" || bad "the man page lacks:$missing"
  for s in "EXIT STATUS" ENVIRONMENT FILES KEYS NO_COLOR XDG_STATE_HOME TLSSTEP_DATA progress; do
    echo "$text" | grep -q "$s" || missing="$missing $s"
  done
  [ -z "$missing" ] && ok "the man page has its sections, NO_COLOR, XDG_STATE_HOME, TLSSTEP_DATA, the progress file" \
    || bad "the man page lacks:$missing"
else
  bad "man is not installed (tools/setup installs man-db)"
fi

# --- bash completion -----------------------------------------------------------------
complete_of() { # the completions of the words given, the last one being completed
  PATH=$moved/bin:$PATH bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tlsstep
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' complete "$moved/share/bash-completion/completions/tlsstep" "$@"
}
got=$(complete_of tlsstep --pc)
[ "$got" = "--pcap --pcapng " ] && ok "completion: --pc gives --pcap --pcapng" || bad "completion of --pc: '$got'"
got=$(complete_of tlsstep tls13)
[ "$got" = "tls13 tls13-hrr tls13-mutual tls13-resume tls13-resume-psk-ke " ] && ok "completion: tls13 gives the five bundled TLS 1.3 names" \
  || bad "completion of tls13: '$got'"
got=$(complete_of tlsstep --check 0)
[ "$(echo "$got" | wc -w)" = "$(cd "$src/lessons" && ls 0*.lesson | wc -l)" ] && ok "completion: --check 0 gives the lessons 01-09" \
  || bad "completion of --check 0: '$got'"
got=$(complete_of tlsstep --fields '')
[ "$got" = "all main " ] && ok "completion: --fields gives main, all" || bad "completion of --fields: '$got'"

finish
