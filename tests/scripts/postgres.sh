#!/usr/bin/env bash
# Throw-away PostgreSQL server for the tests.
#
#   tests/scripts/postgres.sh start   # prints PANEL_TEST_POSTGRES=Host=127.0.0.1;Port=...;... on stdout
#   tests/scripts/postgres.sh stop    # stops the server and removes its folder
#
# `start` makes a new cluster in a temp folder, listening on a free port of 127.0.0.1 only (and on a
# unix socket inside that folder), with password (scram) auth on loopback, a login role and a database
# for the tests. It waits until the role can log in over TCP, then writes the state file and prints the
# connection string as the last line of stdout (everything else goes to stderr).
#
# State file: $PANEL_PG_ENV_FILE, default ${TMPDIR:-/tmp}/panel-pg.env (shell syntax, can be sourced).
# Use a different PANEL_PG_ENV_FILE per run when several runs may share the machine.
# PANEL_PG_TRY_PORT: a port to try first (default: a random free one in 20000-59999).
# `start` with a live server in the state file reuses it; a stale one (dead server, stale pid file,
# missing folder) is cleaned up first. `stop` without a state file does nothing.
#
# Binaries: $PANEL_PG_BIN, else /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin;
# when none is there and we are root, `apt-get install -y postgresql` (apt-get update if that fails).
# As root the server runs as the `postgres` user (created as a system user if missing), as any other
# user it runs as that user.
set -euo pipefail

env_file="${PANEL_PG_ENV_FILE:-${TMPDIR:-/tmp}/panel-pg.env}"
state_prefix=PANEL_PG state_extra=BIN conn_var=PANEL_TEST_POSTGRES dir_prefix=panel-pg server_name=PostgreSQL
role="panel_test"
database="panel_test"
# shellcheck source=lib/server.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/server.sh"

# The server's OS user: root may not run it.
pg_user() { if is_root; then echo postgres; else id -un; fi; }
as_pg() { run_as "$(pg_user)" "$@"; }

find_pg_bin() {
    if [[ -n "${PANEL_PG_BIN:-}" ]]; then
        [[ -x "$PANEL_PG_BIN/initdb" ]] || die "PANEL_PG_BIN=$PANEL_PG_BIN has no initdb"
        echo "$PANEL_PG_BIN"; return 0
    fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
        echo /usr/lib/postgresql/15/bin; return 0
    fi
    local newest
    newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [[ -n "$newest" && -x "$newest/initdb" ]]; then
        echo "$newest"; return 0
    fi
    return 1
}

install_postgres() {
    is_root || die "PostgreSQL binaries not found and not root: install them (apt-get install postgresql), set PANEL_PG_BIN, or set PANEL_SKIP_POSTGRES=1 to skip the PostgreSQL tests"
    apt_install postgresql
}

ensure_pg_user() {
    is_root || return 0
    id -u postgres >/dev/null 2>&1 && return 0
    log "creating system user postgres"
    if command -v useradd >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    else
        adduser --system --group --no-create-home --home /nonexistent postgres
    fi
}

postmaster_pid() { # dir
    [[ -f "$1/data/postmaster.pid" ]] || return 1
    local pid
    pid="$(head -1 "$1/data/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    echo "$pid"
}

# Stops the server of a folder (gracefully, then by force) and removes the folder.
teardown() { # dir [bin]
    local dir="$1" bin="${2:-$(find_pg_bin || true)}" pid
    safe_dir "$dir" || return 0
    if pid="$(postmaster_pid "$dir")" && is_our_server "$pid" "$dir/data"; then
        if [[ -x "$bin/pg_ctl" ]]; then
            as_pg "$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 20 >&2 || true
        fi
        if is_alive "$pid"; then
            log "server $pid did not stop; sending SIGQUIT"
            signal_and_wait "$pid" QUIT 50 || signal_and_wait "$pid" KILL 0 || true
        fi
    fi
    rm -rf -- "$dir"
}

can_login() { # bin port password
    PGPASSWORD="$3" PGCONNECT_TIMEOUT=5 "$1/psql" -X -q -h 127.0.0.1 -p "$2" -U "$role" -d "$database" -tAc 'select 1' >/dev/null 2>&1
}

# Is the server of the state file up and does the test role get in over TCP?
state_alive() {
    [[ -n "$st_dir" && -n "$st_port" && -n "$st_conn" && -x "$st_extra/psql" ]] || return 1
    local pid
    pid="$(postmaster_pid "$st_dir")" || return 1
    is_our_server "$pid" "$st_dir/data" || return 1
    can_login "$st_extra" "$st_port" "$(sed -n 's/.*;Password=\([^;]*\);.*/\1/p' <<<"$st_conn")"
}

cmd_start() {
    local bin
    bin="$(find_pg_bin)" || { install_postgres; bin="$(find_pg_bin)" || die "PostgreSQL binaries still not found after installing"; }
    ensure_pg_user

    local started=$SECONDS dir
    dir="$(make_server_dir "$(pg_user)")"
    write_state "$dir" "" "$bin"
    # A start that fails half-way leaves nothing behind.
    trap 'teardown "$dir" "$bin"; rm -f "$env_file"' EXIT

    local superpw password
    superpw="$(random_hex)"
    password="$(random_hex)"
    as_pg sh -c 'umask 077; printf "%s\n" "$1" >"$2"' sh "$superpw" "$dir/pwfile"

    as_pg "$bin/initdb" -D "$dir/data" --username=postgres --pwfile="$dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"

    local port="" attempt pid
    for attempt in 1 2 3 4 5; do
        port="$(pick_port "$attempt" "${PANEL_PG_TRY_PORT:-}")"
        write_state "$dir" "$port" "$bin"
        # Speed over durability: the cluster is thrown away after the run.
        if as_pg "$bin/pg_ctl" start -D "$dir/data" -w -t 60 -l "$dir/server.log" -o \
            "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            >&2; then
            break
        fi
        log "server did not start on port $port (attempt $attempt):"
        tail -5 "$dir/server.log" >&2 || true
        if pid="$(postmaster_pid "$dir")" && is_our_server "$pid" "$dir/data"; then
            as_pg "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w >&2 || true
        fi
        rm -f "$dir/data/postmaster.pid"
        port=""
    done
    [[ -n "$port" ]] || die "PostgreSQL did not start; see the log above"

    as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >&2 <<SQL
CREATE ROLE $role LOGIN CREATEDB CREATEROLE PASSWORD '$password';
CREATE DATABASE $database OWNER $role;
SQL

    wait_until 100 can_login "$bin" "$port" "$password" || die "the test role cannot log in over TCP on port $port"
    announce "$dir" "$port" "$bin" "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database" \
        "$("$bin/postgres" --version | awk '{print $3}')"
}

server_main "$@"
