#!/usr/bin/env bash
# Benchmarks side by side (issues 11 and 34); not part of ./test.sh or CI. Writes docs/benchmarks.md.
#
#   benchmarks/run.sh           # full run (about 25 minutes on a quiet 2-core machine): writes docs/benchmarks.md
#   benchmarks/run.sh --quick   # scenarios 1, 2 and 5 as built (no published apps, no S3/S4), 2-3 rounds, no warm-up:
#                               # for benchmarks/check.sh; writes WORK/benchmarks.md, not the docs page. About 3 minutes
#                               # of runs on a quiet machine, plus the builds (incremental in a reused work folder)
#
# Installs what it needs: the NuGet packages of the peers (restored by `dotnet build`), grate's dotnet tool (into the
# work folder, `--tool-path`), and with apt-get (as root) sqlite3, postgresql-client, python3-alembic and
# python3-psycopg2 when missing. Starts a throw-away PostgreSQL with tests/scripts/postgres.sh and stops it at the end.
# Work folder: $PANEL_BENCH_WORK (default: a new temp folder); reusing one makes the builds incremental.
# PANEL_BENCH_N (default 1000): fewer migrations, only to smoke-test the harness itself.
# PANEL_BENCH_SLOW_OURS_MS: our app sleeps that long before it starts (to see check.sh fail; never for a real run).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
quick=""
[[ "${1:-}" == "--quick" ]] && quick=1
if [[ -n "$quick" ]]; then r1=2; r1pg=2; r2=3; warm=0; else r1=5; r1pg=5; r2=10; r3=5; r4=7; warm=1; fi
export PANEL_BENCH_N="${PANEL_BENCH_N:-1000}"

need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v psql >/dev/null || need+=(postgresql-client)
/usr/bin/python3 -c 'import alembic' 2>/dev/null || need+=(python3-alembic)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
command -v /usr/bin/time >/dev/null || need+=(time)
if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2 || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2; }
fi

work="${PANEL_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/panel-bench.XXXXXX")}"
rm -rf "$work/results"  # a reused work folder: no figures of an earlier run (a quick run has no S3/S4)
mkdir -p "$work/results"
export PANEL_PG_ENV_FILE="$work/pg.env"
cleanup() { tests/scripts/postgres.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== building the generator and analyzers (the benchmark app uses them as analyzer items, like the package)" >&2
for p in Generator Analyzers; do
    dotnet build "Panel.Migrations.$p" -c Release -nologo -v q -clp:NoSummary >"$work/build-$p.log" 2>&1 || { cat "$work/build-$p.log" >&2; exit 1; }
done

echo "== generating the contenders in $work" >&2
/usr/bin/python3 benchmarks/Compare/gen.py "$work" "$repo" "$PANEL_BENCH_N"
for p in floor ours fm dbup ef evolvebench; do
    echo "== building $p" >&2
    (cd "$work/$p" && dotnet build -c Release -nologo -v q -clp:NoSummary >"$work/build-$p.log" 2>&1) || { cat "$work/build-$p.log" >&2; exit 1; }
done

echo "== installing grate 2.3.0 (its dotnet tool) into $work/grate-tool" >&2
[[ -x "$work/grate-tool/grate" ]] || dotnet tool install grate --version 2.3.0 --tool-path "$work/grate-tool" >"$work/build-grate.log" 2>&1 ||
    { cat "$work/build-grate.log" >&2; exit 1; }

if [[ -n "$quick" ]]; then
    export PANEL_BENCH_PUBLISHED=0  # bench.py leaves out the published apps
else
# The same app as a deployment may publish it: the app and its dependencies (Npgsql, Microsoft.Data.Sqlite) precompiled,
# ReadyToRun or NativeAOT. Reported beside the default build, each under its own name.
echo "== publishing ours ReadyToRun and NativeAOT" >&2
(cd "$work/ours" && dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/ours-r2r" \
    -nologo -v q -clp:NoSummary >"$work/build-ours-r2r.log" 2>&1) || { cat "$work/build-ours-r2r.log" >&2; exit 1; }
(cd "$work/ours" && dotnet publish -c Release -r linux-x64 -p:BenchAot=true -o "$work/ours-aot" \
    -nologo -v q -clp:NoSummary >"$work/build-ours-aot.log" 2>&1) || { cat "$work/build-ours-aot.log" >&2; exit 1; }
# Scenario 2 under NativeAOT: ours and DbUp each published for SQLite alone, as an app on one database ships.
echo "== publishing ours and DbUp NativeAOT, SQLite only" >&2
(cd "$work/ours" && dotnet publish -c Release -r linux-x64 -p:BenchAot=true -p:PanelMigrationsDialects=sqlite -o "$work/ours-aot-sqlite" \
    -nologo -v q -clp:NoSummary >"$work/build-ours-aot-sqlite.log" 2>&1) || { cat "$work/build-ours-aot-sqlite.log" >&2; exit 1; }
(cd "$work/dbup" && dotnet publish -c Release -r linux-x64 -p:BenchAot=true -p:SqliteOnly=true -o "$work/dbup-aot-sqlite" \
    -nologo -v q -clp:NoSummary >"$work/build-dbup-aot-sqlite.log" 2>&1) || { cat "$work/build-dbup-aot-sqlite.log" >&2; exit 1; }
fi

bench() { /usr/bin/python3 benchmarks/Compare/bench.py "$work" "$@"; }

cat /proc/loadavg >"$work/results/load-start.txt"
echo "== scenario 1: 500 migrations, SQLite on disk" >&2
bench s1 "$r1" "$warm" "$work/results/s1.json"

echo "== scenario 1: 500 migrations, PostgreSQL" >&2
conn="$(tests/scripts/postgres.sh start | tail -1)"
export PANEL_TEST_POSTGRES="${conn#PANEL_TEST_POSTGRES=}"
bench s1pg "$r1pg" "$warm" "$work/results/s1pg.json"
pgversion="$(psql --version | awk '{print $3}')"
tests/scripts/postgres.sh stop >/dev/null 2>&1 || true

echo "== scenario 2: already at head with 1,000 revisions" >&2
# The start state is built on tmpfs (fast; its one-off times are informative only), then copied to disk.
shm="/dev/shm/panel-bench-s2.$$"
S2DIR="$shm" bench s2setup 1 0 "$work/results/s2setup.json"
rm -rf "$work/s2"; mkdir -p "$work/s2"; cp "$shm"/*.db "$work/s2/"; rm -rf "$shm"
bench s2 "$r2" "$warm" "$work/results/s2.json"

echo "== scenario 5: a deploy, one new migration on a SQLite file with 999 applied" >&2
bench s5setup 1 0 "$work/results/s5setup.json"
bench s5 "$r2" "$warm" "$work/results/s5.json"

if [[ -z "$quick" ]]; then
echo "== scenario 3: 1,000,000-row rebuild (tests/scripts/bench-batch.sh $r3)" >&2
tests/scripts/bench-batch.sh "$r3" >"$work/results/s3.md"

echo "== scenario 4: build time with 1,000 migration classes, with and without generator+analyzers" >&2
# Two ways the compiler runs: "server", the default `dotnet build` (the compiler server, kept warm between builds), and
# "cold", a new compiler process per build (UseSharedCompilation=false, as this machine's environment sets it).
# Each line of s4.txt: mode, what was built, seconds.
: >"$work/results/s4.txt"
build_ours() { # mode label msbuild-properties...
    local mode=$1 label=$2 shared=true t0 t1
    shift 2
    [[ "$mode" == cold ]] && shared=false
    touch "$work/ours/Migrations.cs"
    t0=$(date +%s.%N)
    (cd "$work/ours" && dotnet build -c Release -nologo -v q -clp:NoSummary --no-restore -p:BuildProjectReferences=false \
        -p:UseSharedCompilation="$shared" "$@" >/dev/null)
    t1=$(date +%s.%N)
    echo "$mode $label $(echo "$t1 - $t0" | bc)" >>"$work/results/s4.txt"
}
(cd "$work/ours" && dotnet restore -p:NoGen=true -v q >/dev/null && dotnet restore -v q >/dev/null)
for mode in server cold; do
    # Warm-up: a freshly started compiler server takes several builds to settle (its times fall from about 7 s to 3 s
    # over its first builds here), a new process per build needs one.
    warmups=1
    [[ "$mode" == server ]] && warmups=8
    for ((i = 0; i < warmups; i++)); do build_ours "$mode" warmup; build_ours "$mode" warmup -p:NoGen=true; done
    for ((i = 0; i < r4; i++)); do
        build_ours "$mode" with; build_ours "$mode" without -p:NoGen=true
        if [[ "$mode" == cold ]]; then  # their shares: the generator alone, the analyzers alone
            build_ours cold generator-only -p:NoAnalyzers=true; build_ours cold analyzers-only -p:NoGen=true -p:WithAnalyzers=true
        fi
    done
    [[ "$mode" == server ]] && { dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true; }
done
touch "$work/ours/Migrations.cs"
(cd "$work/ours" && dotnet build -c Release -nologo --no-restore -p:BuildProjectReferences=false -p:UseSharedCompilation=false -p:ReportAnalyzer=true -v d 2>&1 |
    grep -E "^\s+[0-9.<]+\s+[0-9]+\s+Panel\.Migrations|Total (analyzer|generator) execution time" | sed 's/^ *//' | sort -u) >"$work/results/s4-analyzers.txt" || true
fi

cmd="benchmarks/run.sh${quick:+ --quick}"
# Written aside first: redirecting straight into docs/benchmarks.md would make the report see a dirty tree.
/usr/bin/python3 benchmarks/Compare/report.py "$work/results" "$cmd" "$pgversion" >"$work/benchmarks.md"
if [[ -n "$quick" ]]; then
    echo "done: $work/benchmarks.md; compare it with the goals: benchmarks/check.sh $work/results" >&2
else
    cp "$work/benchmarks.md" docs/benchmarks.md
    echo "done: docs/benchmarks.md (work folder $work)" >&2
fi
