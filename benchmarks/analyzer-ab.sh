#!/usr/bin/env bash
# The compiler alone, cold, on the 1,000-migration app of S4: times `csc` with the build's own arguments (a new
# process per run, no MSBuild), changing nothing but the Panel.Migrations.Analyzers assembly it is given.
# Rounds are interleaved; prints each variant's median wall and CPU seconds.
#
#   benchmarks/analyzer-ab.sh WORK ROUNDS VARIANT...
#
# WORK: the work folder of a benchmarks/run.sh run (its ours/ app is built). VARIANT: "none" (without our analyzers),
# "repo" (this repository's Release build), or a folder holding another build of Panel.Migrations.Analyzers.dll, for
# instance one whose MigrationAnalyzer registers actions that do nothing, to time Roslyn's part apart from ours.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$1 rounds=$2
shift 2
ours="$work/ours"
repo_dll="$PWD/Panel.Migrations.Analyzers/bin/Release/netstandard2.0/Panel.Migrations.Analyzers.dll"
out="$(mktemp -d "${TMPDIR:-/tmp}/panel-ab.XXXXXX")"
trap 'rm -rf "$out"' EXIT

# The compiler's command line, as the SDK runs it for a build with the generator and analyzers.
touch "$ours/Migrations.cs"
line=$(cd "$ours" && dotnet build -c Release -nologo --no-restore -p:BuildProjectReferences=false -p:UseSharedCompilation=false -v:d |
    grep -m1 -E '^\s+\S+/csc ' | sed 's/^ *//')
csc=${line%% *}
args=${line#* }
[[ "$args" == *"/analyzer:$repo_dll"* ]] || { echo "analyzer-ab.sh: the build did not pass $repo_dll to the compiler" >&2; exit 1; }
args=$(sed -e "s|/out:[^ ]*|/out:$out/ours.dll|" -e 's|/refout:[^ ]*||' <<<"$args")

for ((r = 0; r < rounds; r++)); do
    for v in "$@"; do
        case "$v" in
            none) a=${args//\/analyzer:$repo_dll/} ;;
            repo) a=$args ;;
            *) a=${args//$repo_dll/$(realpath "$v")/Panel.Migrations.Analyzers.dll} ;;
        esac
        printf '%s\n' "$a" >"$out/csc.rsp"
        (cd "$ours" && /usr/bin/time -f "%e %U %S" -o "$out/time" "$csc" "@$out/csc.rsp" >"$out/csc.log" 2>&1) || { cat "$out/csc.log" >&2; exit 1; }
        read -r wall user sys <"$out/time"
        echo "$v $wall $(echo "$user + $sys" | bc)" >>"$out/times"
    done
done
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for v in "$@"; do
    echo "$v: median wall $(awk -v v="$v" '$1 == v {print $2}' "$out/times" | median) s, CPU $(awk -v v="$v" '$1 == v {print $3}' "$out/times" | median) s ($rounds rounds)"
done
