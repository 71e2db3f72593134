# tests/tui/lib.sh — helpers the terminal tests share; sourced by screens.sh and tui.sh.
# Before sourcing, set: prog (the tlsstep binary), cutcheck (tests/tui/cutcheck, or empty to
# skip the cut checks), a function T that runs tmux on the test's private server, and sess
# (the tmux session the program runs in). lib_dir holds every capture and JSON; the caller
# removes it (rm -rf "$lib_dir") on exit.
lib_dir=$(mktemp -d)
mkdir -p "$lib_dir/json" "$lib_dir/screens"
lib_shots=0
# The UI's own words (those of its source, all layers: built-in narration included), so that
# cutcheck's word rule takes "q quit" at a row's end for the word it is.
lib_words="$lib_dir/words"
cat "$(dirname "${BASH_SOURCE[0]}")"/../../src/*/*.[ch] 2>/dev/null | grep -oE '[A-Za-z0-9]{2,}' | sort -u > "$lib_words"

# run_json NAME: prints the path of tlsstep's --json of run NAME (a bundled name or a
# path; the default seed, as the UI runs it), made once per test.
run_json() {
  local f="$lib_dir/json/$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' _).json"
  [ -s "$f" ] || "$prog" --json "$f" "$1" >/dev/null 2>&1 || true
  [ -s "$f" ] && printf '%s\n' "$f"
}

# shot LABEL: captures the screen into a new numbered file of lib_dir/screens, its path in SHOT.
shot() {
  lib_shots=$((lib_shots + 1))
  SHOT=$(printf '%s/screens/%03d-%s.txt' "$lib_dir" "$lib_shots" "$(printf '%s' "$1" | tr -c 'A-Za-z0-9._-' _)")
  T capture-pane -p -t "$sess" > "$SHOT"
}

# cut_check SHOT JSON: true when cutcheck finds no value of run JSON cut without an
# ellipsis in capture SHOT; otherwise prints its list and the screen, indented.
cut_check() {
  [ -n "${cutcheck:-}" ] && [ -n "$2" ] || return 0
  local out
  if out=$("$cutcheck" --words "$lib_words" "$2" "$1" 2>&1); then return 0; fi
  printf '%s\n' "$out" | sed 's/^/     cut: /'
  sed 's/^/     | /' "$1"
  return 1
}

# whole_on_screen VALUE [SHOT]: true when VALUE stands whole on the screen (or in capture
# SHOT): on one row, or wrapped at one column over consecutive rows.
whole_on_screen() {
  local f=${2:-}
  [ -n "$f" ] || { f="$lib_dir/whole.txt"; T capture-pane -p -t "$sess" > "$f"; }
  "$cutcheck" --find "$1" "$f" >/dev/null
}

# wait_until SECONDS COMMAND...: polls COMMAND (every 50 ms) until it is true or the
# deadline passes; never a blind sleep.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  while [ "$SECONDS" -le "$deadline" ]; do
    "$@" && return 0
    sleep 0.05
  done
  return 1
}

# run_on_screen: prints the name of the run the title row names (a bundled scenario by its
# name, a lesson by its title, or a .lesson file beside this script by its title), or
# nothing (a shell, the menu). The table is read from --list once.
run_on_screen() {
  local title
  title=$(T capture-pane -p -t "$sess" | head -n 1)
  if [ ! -s "$lib_dir/names" ]; then
    "$prog" --list | awk '{ n = $1; $1 = ""; sub(/^ +(lesson: )?/, ""); print n "\t" $0 }' > "$lib_dir/names"
    local f
    for f in "$(dirname "${BASH_SOURCE[0]}")"/*.lesson; do
      [ -e "$f" ] || continue
      printf '%s\t%s\n' "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" \
        "$(sed -n '/^\[lesson\]/,/^\[/s/^title *= *//p' "$f" | head -n 1)" >> "$lib_dir/names"
    done
  fi
  awk -F'\t' -v title="$title" '
    function word_in(s, w,   i, rest, before, after) { # w stands in s between non-name characters
      rest = s
      while ((i = index(rest, w)) > 0) {
        before = substr(rest, i - 1, 1); after = substr(rest, i + length(w), 1)
        if ((i == 1 || before !~ /[A-Za-z0-9-]/) && after !~ /[A-Za-z0-9-]/) return 1
        rest = substr(rest, i + 1)
      }
      return 0
    }
    { name[NR] = $1; t[NR] = $2 }
    END {
      for (i = 1; i <= NR; i++) if (name[i] !~ /\// && word_in(title, name[i])) { print name[i]; exit }
      for (i = 1; i <= NR; i++) # a lesson is shown by its title
        if ((name[i] ~ /\// || name[i] ~ /^[0-9][0-9]-/) && t[i] != "" && index(title, t[i])) { print name[i]; exit }
    }' "$lib_dir/names"
}
