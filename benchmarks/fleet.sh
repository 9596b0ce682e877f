#!/usr/bin/env bash
# Fleet benchmark (issue 31): `fleet upgrade` against what users do today, a shell loop that calls the command line once
# per database. N SQLite copies of the sample at revision 001 are upgraded to head, each way on fresh copies; the fleet
# at parallelism 1, 4 and 16. Prints seconds, databases per second and each time's ratio to the loop's, all measured in
# the same run (publish ratios only: the machine may be shared). Not part of ./test.sh or CI.
#
#   benchmarks/fleet.sh            # 1,000 databases (the issue's figure)
#   benchmarks/fleet.sh 200        # fewer, for a quick look
#
# Work folder: $PANEL_BENCH_WORK (default: a new temp folder), removed at the end unless PANEL_BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000}"
work="${PANEL_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/panel-fleet-bench.XXXXXX")}"
mkdir -p "$work"
[[ "${PANEL_BENCH_KEEP:-}" == 1 ]] || trap 'rm -rf "$work"' EXIT

echo "== building the sample" >&2
dotnet build samples/AaPanel -c Release -nologo -v q -clp:NoSummary >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
# A copy of the build, so that a build of the tree during the run cannot change what is measured.
cp -r samples/AaPanel/bin/Release/net10.0 "$work/app"
app="$work/app/AaPanel.dll"
export ENVIRONMENT=development
unset DATABASE_URI

echo "== a seed at revision 001" >&2
dotnet "$app" --database-uri "sqlite:///$work/seed.db" upgrade 001 >/dev/null

# A folder of N fresh copies of the seed and its member list.
copies() {
    local dir="$work/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    for i in $(seq 1 "$count"); do cp "$work/seed.db" "$dir/panel-$i.db"; done
    for i in $(seq 1 "$count"); do echo "sqlite:///$dir/panel-$i.db"; done >"$dir/members.txt"
}

now() { date +%s.%N; }
results=()

echo "== shell loop: the command line once per database" >&2
copies loop
start=$(now)
for i in $(seq 1 "$count"); do
    dotnet "$app" --database-uri "sqlite:///$work/loop/panel-$i.db" upgrade head >/dev/null
done
loop=$(echo "$(now) - $start" | bc -l)
results+=("loop 1 $loop")

for parallel in 1 4 16; do
    echo "== fleet upgrade --parallel $parallel" >&2
    copies "fleet-$parallel"
    start=$(now)
    dotnet "$app" fleet upgrade --members "$work/fleet-$parallel/members.txt" --state "$work/fleet-$parallel/state.db" \
        --parallel "$parallel" --waves rest --run bench >"$work/fleet-$parallel.log"
    results+=("fleet $parallel $(echo "$(now) - $start" | bc -l)")
    # Every copy must be at head, or the time means nothing.
    dotnet "$app" fleet status bench --state "$work/fleet-$parallel/state.db" --json | grep -q "\"upgraded\": $count" \
        || { echo "fleet --parallel $parallel did not upgrade every database:" >&2; tail -20 "$work/fleet-$parallel.log" >&2; exit 1; }
done

echo
echo "$count SQLite databases, 001 -> head, $(nproc) core(s), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %14s %14s\n' "how" "seconds" "databases/s" "÷ loop"
for row in "${results[@]}"; do
    read -r how parallel seconds <<<"$row"
    name="$how"; [[ "$how" == fleet ]] && name="fleet --parallel $parallel"
    printf '%-22s %10.1f %14.1f %14.3f\n' "$name" "$seconds" "$(echo "$count / $seconds" | bc -l)" "$(echo "$seconds / $loop" | bc -l)"
done
