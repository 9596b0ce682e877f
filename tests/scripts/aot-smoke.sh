#!/usr/bin/env bash
# NativeAOT smoke test: publishes tests/Panel.Migrations.AotSmoke for linux-x64 (the generator and analyzers as
# analyzers, as an app uses them), fails on any trim/AOT warning that does not come from Dapper's own code, then
# RUNS the native binary, which migrates a temp SQLite file through the generated MigrationRegistry and prints OK.
# Running it matters: plain Dapper with anonymous parameters builds without a warning and throws only at run time.
#
#   tests/scripts/aot-smoke.sh            (installs clang and zlib1g-dev with apt-get when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { echo "aot-smoke: $*" >&2; }

# The NativeAOT toolchain links with clang (gcc works too) and needs zlib's headers.
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if ((${#missing[@]} > 0)); then
    sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

out="${PANEL_AOT_OUT:-artifacts/aot}"
publish_log="$(mktemp "${TMPDIR:-/tmp}/panel-aot-publish.XXXXXXXX")"
trap 'rm -f "$publish_log"' EXIT

start=$SECONDS
if ! dotnet publish tests/Panel.Migrations.AotSmoke -r linux-x64 -c Release -o "$out" -nologo \
        -p:UseSharedCompilation=false >"$publish_log" 2>&1; then
    cat "$publish_log" >&2
    log "FAILED: dotnet publish"
    exit 1
fi
log "published in $((SECONDS - start)) s"

# Every warning of the publish (compiler, trimmer, AOT compiler). ILC names the member a warning comes from right
# after the code ("warning IL2070: Dapper.SqlMapper.…"); Dapper's own are filtered by that origin, nothing else is.
warnings="$(grep -E ': (Trim analysis |AOT analysis )?warning [A-Z]+[0-9]+' "$publish_log" | sort -u || true)"
ours="$(grep -vE 'warning IL[0-9]+: Dapper\.' <<<"$warnings" | sed '/^$/d' || true)"
dapper_count="$(grep -cE 'warning IL[0-9]+: Dapper\.' <<<"$warnings" || true)"
if [[ -n "$ours" ]]; then
    echo "$ours" >&2
    log "FAILED: $(wc -l <<<"$ours") trim/AOT warning(s) outside Dapper (above)"
    exit 1
fi
log "no trim/AOT warning from our code (${dapper_count} from Dapper's own code, ignored)"

binary="$out/Panel.Migrations.AotSmoke"
[[ -x "$binary" ]] || { log "FAILED: $binary was not produced"; exit 1; }
result="$("$binary")" || { echo "$result"; log "FAILED: the native binary exited with an error"; exit 1; }
echo "$result"
[[ "$result" == "OK" ]] || { log "FAILED: expected OK"; exit 1; }
log "OK in $((SECONDS - start)) s in all"
