#!/usr/bin/env bash
# Issue 24, item 8: the executor's commands through Dapper.AOT against today's plain ADO.NET, side by side.
#
#   benchmarks/dapper-aot.sh [ROUNDS]     # default 15 rounds; prints a table of ratios (Dapper.AOT ÷ ADO.NET)
#
# Copies this checkout to the work folder twice: as it is, and with benchmarks/DapperAot/dapper-aot.patch applied
# (Execution/Commands.cs sends every statement through Dapper's ExecuteAsync/ExecuteScalarAsync with a DynamicParameters
# bag, intercepted by Dapper.AOT 1.1.0's generator; nothing else changes). Generates the benchmarks' contender app
# (benchmarks/Compare/gen.py, 1,000 migrations) against each copy, builds it (JIT) and publishes it NativeAOT for SQLite,
# then times, in rounds that run both in turn: S5 (one new migration on a SQLite file with 999 applied), S2 (already at
# head) and, JIT only, S1 (500 migrations on a new file). Each figure is the median of the per-round ratios.
# Work folder: $PANEL_BENCH_WORK (default: a new temp folder). Not part of ./test.sh or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
rounds="${1:-15}"
work="${PANEL_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/panel-dapper-aot.XXXXXX")}"
mkdir -p "$work"

for variant in ado dapper; do
    src="$work/src-$variant"
    rm -rf "$src"
    git -C "$repo" worktree remove --force "$src" 2>/dev/null || true
    git -C "$repo" worktree add -q --detach "$src" HEAD
    [[ "$variant" == dapper ]] && git -C "$src" apply "$repo/benchmarks/DapperAot/dapper-aot.patch"
    for p in Generator Analyzers; do
        dotnet build "$src/Panel.Migrations.$p" -c Release -nologo -v q -clp:NoSummary >"$work/build-$variant-$p.log" 2>&1 ||
            { cat "$work/build-$variant-$p.log" >&2; exit 1; }
    done
    /usr/bin/python3 benchmarks/Compare/gen.py "$work/gen-$variant" "$src" 1000 >/dev/null
    echo "== building and publishing the $variant contender" >&2
    (cd "$work/gen-$variant/ours" && dotnet build -c Release -nologo -v q -clp:NoSummary >"$work/build-$variant.log" 2>&1 &&
        dotnet publish -c Release -r linux-x64 -p:BenchAot=true -p:PanelMigrationsDialects=sqlite -o "$work/aot-$variant" \
            -nologo -v q -clp:NoSummary >>"$work/build-$variant.log" 2>&1) || { cat "$work/build-$variant.log" >&2; exit 1; }
done
cleanup() { for v in ado dapper; do git -C "$repo" worktree remove --force "$work/src-$v" 2>/dev/null || true; done; }
trap cleanup EXIT

/usr/bin/python3 - "$work" "$rounds" <<'PY'
import os, shutil, statistics, subprocess, sys, time
work, rounds = sys.argv[1], int(sys.argv[2])
jit = {v: f"{work}/gen-{v}/ours/bin/Release/net10.0/ours" for v in ("ado", "dapper")}
aot = {v: f"{work}/aot-{v}/ours" for v in ("ado", "dapper")}
d = f"{work}/runs"; os.makedirs(d, exist_ok=True)

def run(argv):
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv} failed: {err[-2000:].decode(errors='replace')}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

def fresh(path):
    for s in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(path + s): os.remove(path + s)

# Start states, made once by the ADO.NET build (the same tables and log either way).
fresh(f"{d}/at999.db"); run([jit["ado"], "sqlite", f"{d}/at999.db", "r00999"])
shutil.copyfile(f"{d}/at999.db", f"{d}/head.db"); run([jit["ado"], "sqlite", f"{d}/head.db", "r01000"])

def s5(exe, v):
    shutil.copyfile(f"{d}/at999.db", f"{d}/s5-{v}.db"); return run([exe, "sqlite", f"{d}/s5-{v}.db", "r01000"])
def s2(exe, v):
    return run([exe, "sqlite", f"{d}/head.db", "r01000"])
def s1(exe, v):
    fresh(f"{d}/s1-{v}.db"); return run([exe, "sqlite", f"{d}/s1-{v}.db", "r00500"])

rows = []
for name, build, scenario, n in (("S5 deploy, JIT", jit, s5, rounds), ("S5 deploy, NativeAOT", aot, s5, rounds),
                                 ("S2 at head, JIT", jit, s2, rounds), ("S2 at head, NativeAOT", aot, s2, rounds),
                                 ("S1 500 migrations, JIT", jit, s1, max(3, rounds // 3))):
    ratios = []
    for r in range(n + 1):
        a = scenario(build["ado"], "ado"); b = scenario(build["dapper"], "dapper")
        if r > 0: ratios.append([b[i] / a[i] for i in range(3)] + [b[2] - a[2]])
    med = [statistics.median(x[i] for x in ratios) for i in range(4)]
    rows.append(f"| {name} | {med[0]:.2f} | {med[1]:.2f} | {med[2]:.2f} ({med[3]:+.1f} MiB) | {n} |")
size = {v: os.path.getsize(aot[v]) / 1024 / 1024 for v in aot}
print("| Dapper.AOT ÷ ADO.NET | wall | CPU | peak RSS | rounds |\n| --- | ---: | ---: | ---: | ---: |")
print("\n".join(rows))
print(f"\nNativeAOT binary: ADO.NET {size['ado']:.1f} MiB, Dapper.AOT {size['dapper']:.1f} MiB. Load at the end: {open('/proc/loadavg').read().split()[0]}")
PY
