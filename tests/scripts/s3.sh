#!/usr/bin/env bash
# Throw-away S3-compatible server for the remote-backup tests: s3rver from the npm registry, pinned.
#
#   tests/scripts/s3.sh start   # prints PANEL_TEST_S3=http://127.0.0.1:PORT/panel-test on stdout
#   tests/scripts/s3.sh stop    # stops the server and removes its folder
#
# `start` installs s3rver $version into a cache folder once (npm install --prefix, no global install), then runs
# it on a free port of 127.0.0.1 with its data in a temp folder and the bucket panel-test made at start-up.
# s3rver checks request signatures with its one fixed key pair: access key S3RVER, secret S3RVER.
#
# State file: $PANEL_S3_ENV_FILE, default ${TMPDIR:-/tmp}/panel-s3.env. Cache: $PANEL_S3RVER_CACHE, default
# ${XDG_CACHE_HOME:-~/.cache}/panel-migrations/s3rver-$version. Needs node and npm (Debian's nodejs/npm).
set -euo pipefail

env_file="${PANEL_S3_ENV_FILE:-${TMPDIR:-/tmp}/panel-s3.env}"
state_prefix=PANEL_S3 state_extra=PID conn_var=PANEL_TEST_S3 dir_prefix=panel-s3 server_name=s3rver
version=3.7.1
bucket=panel-test
cache="${PANEL_S3RVER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/panel-migrations/s3rver-$version}"
main_js="$cache/node_modules/s3rver/bin/s3rver.js"
# shellcheck source=lib/server.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/server.sh"

install_s3rver() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
        || die "node and npm are needed for s3rver: apt-get install nodejs npm, or set PANEL_SKIP_S3=1 to skip the S3 tests"
    log "installing s3rver $version into $cache"
    mkdir -p "$cache"
    npm install --no-audit --no-fund --no-save --prefix "$cache" "s3rver@$version" >&2 || die "npm install s3rver@$version failed"
    [[ -f "$main_js" ]] || die "s3rver installed, but $main_js is missing"
}

teardown() { teardown_process "$1" "$2" "$1/data"; }
state_alive() { process_state_alive "$st_dir/data"; }

launch() { # port
    setsid node "$main_js" --directory "$dir/data" --address 127.0.0.1 --port "$1" --no-vhost-buckets \
        --configure-bucket "$bucket" </dev/null >"$dir/server.log" 2>&1 &
}

cmd_start() {
    [[ -f "$main_js" ]] || install_s3rver
    local started=$SECONDS pid="" port=""
    dir="$(make_server_dir "$(id -un)" data)"
    write_state "$dir" "" ""
    trap 'teardown "$dir" "$pid"; rm -f "$env_file"' EXIT
    start_on_free_port "$dir" "$dir/server.log" launch
    announce "$dir" "$port" "$pid" "http://127.0.0.1:$port/$bucket" "$version"
}

server_main "$@"
