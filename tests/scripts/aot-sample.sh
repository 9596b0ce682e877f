#!/usr/bin/env bash
# NativeAOT check of the sample: publishes samples/AaPanel with PublishAot=true (-p:AaPanelAot=true) for linux-x64,
# fails on any trim/AOT warning, then runs the native binary's `upgrade`
# and `current` on a temp SQLite file and checks that the database is at the sample's head.
#
#   tests/scripts/aot-sample.sh           publish + upgrade + current (about 3 min cold; not part of test.sh)
#   tests/scripts/aot-sample.sh --bench   also times `current` on the database at head (hyperfine, 10 runs):
#                                         the AOT binary, `dotnet AaPanel.dll` (JIT) and Alembic's `alembic current`
#                                         (Debian's python3-alembic, over stub revisions with the sample's ids)
# PANEL_AOT_SAMPLE_OUT=dir reuses/places the publish there; PANEL_AOT_SKIP_PUBLISH=1 reuses an earlier publish.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

log() { echo "aot-sample: $*" >&2; }
bench=0
[[ "${1:-}" == --bench ]] && bench=1

# shellcheck source=lib/aot.sh
source tests/scripts/lib/aot.sh
bench_tools=()
((bench)) && ! command -v hyperfine >/dev/null 2>&1 && bench_tools+=(hyperfine)
((bench)) && ! /usr/bin/python3 -c "import alembic" >/dev/null 2>&1 && bench_tools+=(python3-alembic)
aot_install_toolchain "${bench_tools[@]}"

out="${PANEL_AOT_SAMPLE_OUT:-artifacts/aot-sample}"
jit="$out-jit"
work="$(mktemp -d "${TMPDIR:-/tmp}/panel-aot-sample.XXXXXXXX")"
trap 'rm -rf "$work"' EXIT
publish_log="$work/publish.log"

start=$SECONDS
if [[ "${PANEL_AOT_SKIP_PUBLISH:-}" != 1 ]]; then
    aot_publish samples/AaPanel "$out" "$publish_log" -p:AaPanelAot=true
fi

binary="$out/AaPanel"
[[ -x "$binary" ]] || { log "FAILED: $binary was not produced"; exit 1; }
head_rev="$(grep -rhoE '\[Migration\("[0-9a-f]+"' samples/AaPanel/Migrations | sed -E 's/.*"([0-9a-f]+)"/\1/' | while read -r r; do
    grep -rqE "DownRevision = \"$r\"" samples/AaPanel/Migrations || echo "$r"; done)"
export DATABASE_URI="sqlite:///$work/panel.db"
"$binary" upgrade || { log "FAILED: upgrade exited with an error"; exit 1; }
current="$("$binary" current)" || { echo "$current"; log "FAILED: current exited with an error"; exit 1; }
echo "$current"
[[ "$current" == "$head_rev (head)" ]] || { log "FAILED: expected '$head_rev (head)'"; exit 1; }
log "OK: the native sample upgraded a fresh SQLite database to $head_rev and reported it ($((SECONDS - start)) s)"

((bench)) || exit 0

# The JIT build of the same sample, for comparison.
dotnet publish samples/AaPanel -c Release -o "$jit" -nologo -p:UseSharedCompilation=false >"$work/jit.log" 2>&1 \
    || { cat "$work/jit.log" >&2; log "FAILED: JIT publish"; exit 1; }

# An Alembic project with the sample's revision ids (no-op scripts: `current` only reads the graph and the table).
alembic_dir="$work/alembic"
mkdir -p "$alembic_dir/versions"
cp tests/fixtures/alembic/alembic.ini tests/fixtures/alembic/env.py tests/fixtures/alembic/script.py.mako "$alembic_dir/"
grep -rhoE '\[Migration\("[0-9a-f]+"(, DownRevision = "[0-9a-f]+")?' samples/AaPanel/Migrations | while read -r line; do
    rev="$(sed -E 's/.*Migration\("([0-9a-f]+)".*/\1/' <<<"$line")"
    down="$(sed -nE 's/.*DownRevision = "([0-9a-f]+)".*/\1/p' <<<"$line")"
    { echo "revision = '$rev'"; [[ -n "$down" ]] && echo "down_revision = '$down'" || echo "down_revision = None"
      echo "branch_labels = None"; echo "depends_on = None"
      echo "def upgrade(): pass"; echo "def downgrade(): pass"; } >"$alembic_dir/versions/r_$rev.py"
done
alembic_current=(/usr/bin/python3 -m alembic -c "$alembic_dir/alembic.ini" -x "url=$DATABASE_URI" current)
"${alembic_current[@]}" | grep -q "$head_rev (head)" || { log "FAILED: alembic current does not see $head_rev"; exit 1; }

hyperfine -N --warmup 2 --runs "${PANEL_BENCH_RUNS:-10}" --export-json "$work/bench.json" \
    -n "AOT: AaPanel current" "$repo/$binary current" \
    -n "JIT: dotnet AaPanel.dll current" "dotnet $repo/$jit/AaPanel.dll current" \
    -n "Alembic: python3 -m alembic current" "${alembic_current[*]}"
# Medians (hyperfine's summary shows means, which one slow run skews).
/usr/bin/python3 - "$work/bench.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['median'] * 1000:.0f} ms | {r['min'] * 1000:.0f} ms | {r['max'] * 1000:.0f} ms |")
PY
