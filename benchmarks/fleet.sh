#!/usr/bin/env bash
# Fleet benchmark (issue 31): `fleet upgrade` against what users do today, a shell loop that calls the command line once
# per database. N SQLite copies of the sample at revision 001 are upgraded to head, each way on fresh copies; the fleet
# at parallelism 1, 4 and 16. Prints seconds, databases per second and each time's ratio to the loop's, all measured in
# the same run (publish ratios only: the machine may be shared). Not part of ./test.sh or CI.
#
#   benchmarks/fleet.sh            # 1,000 databases (the issue's figure)
#   benchmarks/fleet.sh 200        # fewer, for a quick look
#   benchmarks/fleet.sh 200 postgresql   # 200 databases on a throw-away PostgreSQL (tests/scripts/postgres.sh)
#
# Work folder: $PANEL_BENCH_WORK (default: a new temp folder), removed at the end unless PANEL_BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000}"
kind="${2:-sqlite}"
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
if [[ "$kind" == sqlite ]]; then
    dotnet "$app" --database-uri "sqlite:///$work/seed.db" upgrade 001 >/dev/null
else
    export PANEL_PG_ENV_FILE="$work/pg.state" PGOPTIONS="-c client_min_messages=warning"
    line="$(tests/scripts/postgres.sh start)"
    trap 'tests/scripts/postgres.sh stop >/dev/null 2>&1 || true; [[ "${PANEL_BENCH_KEEP:-}" == 1 ]] || rm -rf "$work"' EXIT
    conn="${line#PANEL_TEST_POSTGRES=}"
    field() { tr ';' '\n' <<<"$conn" | sed -n "s/^$1=//p"; }
    pg_base="postgresql://$(field Username):$(field Password)@$(field Host):$(field Port)"
    pg_admin="$pg_base/$(field Database)"
    psql -q "$pg_admin" -c "CREATE DATABASE seed" >/dev/null
    dotnet "$app" --database-uri "$pg_base/seed" upgrade 001 >/dev/null
fi

# N fresh copies of the seed and their member list: files for SQLite, databases made from the seed for PostgreSQL.
copies() {
    local dir="$work/$1"
    rm -rf "$dir" && mkdir -p "$dir"
    for i in $(seq 1 "$count"); do
        if [[ "$kind" == sqlite ]]; then
            cp "$work/seed.db" "$dir/panel-$i.db"
            echo "sqlite:///$dir/panel-$i.db"
        else
            psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS \"$1_$i\"" -c "CREATE DATABASE \"$1_$i\" TEMPLATE seed" >/dev/null
            echo "$pg_base/$1_$i"
        fi
    done >"$dir/members.txt"
}

now() { date +%s.%N; }
results=()

echo "== shell loop: the command line once per database" >&2
copies loop
start=$(now)
for i in $(seq 1 "$count"); do
    dotnet "$app" --database-uri "$(sed -n "${i}p" "$work/loop/members.txt")" upgrade head >/dev/null
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
echo "$count $kind databases, 001 -> head, $(nproc) core(s), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %14s %14s\n' "how" "seconds" "databases/s" "÷ loop"
for row in "${results[@]}"; do
    read -r how parallel seconds <<<"$row"
    name="$how"; [[ "$how" == fleet ]] && name="fleet --parallel $parallel"
    printf '%-22s %10.1f %14.1f %14.3f\n' "$name" "$seconds" "$(echo "$count / $seconds" | bc -l)" "$(echo "$seconds / $loop" | bc -l)"
done
