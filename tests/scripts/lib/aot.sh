# Shared part of the NativeAOT scripts (tests/scripts/aot-smoke.sh, tests/scripts/aot-sample.sh): sourced, not run.
# The sourcing script defines log() with its own prefix.

# Installs with apt-get what the NativeAOT toolchain needs (a C linker: clang or gcc; zlib's headers), plus the
# packages given, when missing.
aot_install_toolchain() { # [package...]
    local missing=("$@")
    command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(clang)
    dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
    ((${#missing[@]} > 0)) || return 0
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Publishes a project for linux-x64 into a folder and fails on any trim/AOT warning (ours or a dependency's: the
# runtime's only dependencies are the three ADO.NET providers, which publish without one).
aot_publish() { # project out log [msbuild-arg...]
    local project="$1" out="$2" publish_log="$3" start=$SECONDS
    shift 3
    if ! dotnet publish "$project" -r linux-x64 -c Release -o "$out" -nologo -p:UseSharedCompilation=false "$@" >"$publish_log" 2>&1; then
        cat "$publish_log" >&2
        log "FAILED: dotnet publish"
        exit 1
    fi
    log "published in $((SECONDS - start)) s"
    local warnings
    warnings="$(grep -E ': (Trim analysis |AOT analysis )?warning [A-Z]+[0-9]+' "$publish_log" | sort -u || true)"
    if [[ -n "$warnings" ]]; then
        echo "$warnings" >&2
        log "FAILED: $(wc -l <<<"$warnings") trim/AOT warning(s) (above)"
        exit 1
    fi
    log "no trim/AOT warning"
}
