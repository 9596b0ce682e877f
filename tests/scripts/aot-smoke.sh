#!/usr/bin/env bash
# NativeAOT smoke test: publishes tests/Panel.Migrations.AotSmoke for linux-x64 (the generator and analyzers as
# analyzers, as an app uses them), fails on any trim/AOT warning, then
# RUNS the native binary, which migrates a temp SQLite file through the generated MigrationRegistry and prints OK.
# Running it matters: some reflection builds without a warning and throws only at run time.
#
#   tests/scripts/aot-smoke.sh            (installs clang and zlib1g-dev with apt-get when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."

log() { echo "aot-smoke: $*" >&2; }

# shellcheck source=lib/aot.sh
source tests/scripts/lib/aot.sh
aot_install_toolchain

out="${PANEL_AOT_OUT:-artifacts/aot}"
publish_log="$(mktemp "${TMPDIR:-/tmp}/panel-aot-publish.XXXXXXXX")"
trap 'rm -f "$publish_log"' EXIT

start=$SECONDS
aot_publish tests/Panel.Migrations.AotSmoke "$out" "$publish_log"

binary="$out/Panel.Migrations.AotSmoke"
[[ -x "$binary" ]] || { log "FAILED: $binary was not produced"; exit 1; }
result="$("$binary")" || { echo "$result"; log "FAILED: the native binary exited with an error"; exit 1; }
echo "$result"
[[ "$result" == "OK" ]] || { log "FAILED: expected OK"; exit 1; }
log "OK in $((SECONDS - start)) s in all"
