# bash completion for tlsstep(1): options and bundled lesson and scenario names.
# Both are asked of the program itself (--help, --list), so they never drift from it.

_tlsstep()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
	fi
	local prog=${COMP_WORDS[0]/#\~/$HOME}

	case $prev in
	--json | --keylog | --markdown | --html | --pcap | --pcapng | --open | --server-key)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	--seed)
		mapfile -t COMPREPLY < <(compgen -W 'random' -- "$cur")
		return ;;
	--fields)
		mapfile -t COMPREPLY < <(compgen -W 'main all' -- "$cur")
		return ;;
	--step | --connection)
		return ;;
	esac

	if [[ $cur == -* ]]; then
		local opts
		opts=$("$prog" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return
	fi
	# A bundled name, or a path to a .scenario or .lesson file (--check takes either).
	local names
	names=$("$prog" --list 2>/dev/null | awk '{ print $1 }')
	mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
	if [[ $cur == */* || $cur == .* || ${#COMPREPLY[@]} -eq 0 ]]; then
		compopt -o filenames 2>/dev/null
		mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
	fi
}
complete -F _tlsstep tlsstep
