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
role="panel_test"
database="panel_test"

log() { echo "postgres.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }

# Runs a command as the server's OS user.
as_pg() {
    if ! is_root; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    elif command -v setpriv >/dev/null 2>&1; then
        setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
    else
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

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
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL binaries not found and there is no apt-get"
    log "installing PostgreSQL with apt-get"
    # The package's postinst would start a "main" cluster as a service; keep it from doing so.
    local policy=/usr/sbin/policy-rc.d made_policy=""
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
    fi
    local ok=""
    export DEBIAN_FRONTEND=noninteractive
    if apt-get install -y -q postgresql </dev/null >&2; then
        ok=1
    else
        log "apt-get install failed; running apt-get update and trying again"
        apt-get update -q </dev/null >&2 && apt-get install -y -q postgresql </dev/null >&2 && ok=1
    fi
    [[ -n "$made_policy" ]] && rm -f "$policy"
    [[ -n "$ok" ]] || die "apt-get install postgresql failed"
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

# Reads the state file into st_* variables; returns 1 when there is none.
read_state() {
    st_dir="" st_port="" st_bin="" st_conn=""
    [[ -f "$env_file" ]] || return 1
    local key value
    while IFS='=' read -r key value; do
        value="${value#\'}"; value="${value%\'}"
        case "$key" in
            PANEL_PG_DIR) st_dir="$value" ;;
            PANEL_PG_PORT) st_port="$value" ;;
            PANEL_PG_BIN) st_bin="$value" ;;
            PANEL_TEST_POSTGRES) st_conn="$value" ;;
        esac
    done <"$env_file"
    # An empty file (e.g. made by mktemp for us) is no state.
    [[ -n "$st_dir" ]]
}

write_state() { # dir port bin [conn]
    local tmp="$env_file.tmp.$$"
    {
        echo "# Throw-away PostgreSQL of tests/scripts/postgres.sh; stop it with: tests/scripts/postgres.sh stop"
        echo "PANEL_PG_DIR='$1'"
        echo "PANEL_PG_PORT='$2'"
        echo "PANEL_PG_BIN='$3'"
        [[ -z "${4:-}" ]] || echo "PANEL_TEST_POSTGRES='$4'"
        [[ -z "${4:-}" ]] || echo "export PANEL_TEST_POSTGRES"
    } >"$tmp"
    chmod 600 "$tmp"
    mv -f "$tmp" "$env_file"
}

# Our folders always look like .../panel-pg.XXXXXXXX; never remove anything else.
safe_dir() { [[ -n "$1" && "$(basename -- "$1")" == panel-pg.* && -d "$1" ]]; }

postmaster_pid() { # dir
    [[ -f "$1/data/postmaster.pid" ]] || return 1
    local pid
    pid="$(head -1 "$1/data/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    echo "$pid"
}

# Stops the server of a folder (gracefully, then by force) and removes the folder.
teardown() { # dir bin
    local dir="$1" bin="$2" pid
    safe_dir "$dir" || return 0
    if pid="$(postmaster_pid "$dir")" && is_our_server "$pid" "$dir"; then
        if [[ -x "$bin/pg_ctl" ]]; then
            as_pg "$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 20 >&2 || true
        fi
        if is_alive "$pid"; then
            log "server $pid did not stop; sending SIGQUIT"
            kill -QUIT "$pid" 2>/dev/null || true
            for _ in $(seq 50); do is_alive "$pid" || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf -- "$dir"
}

# Is the server of the state file up and does the test role get in over TCP?
state_alive() {
    [[ -n "$st_dir" && -n "$st_port" && -n "$st_conn" && -x "$st_bin/psql" ]] || return 1
    local pid password
    pid="$(postmaster_pid "$st_dir")" || return 1
    is_our_server "$pid" "$st_dir" || return 1
    password="$(sed -n 's/.*;Password=\([^;]*\);.*/\1/p' <<<"$st_conn")"
    PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 "$st_bin/psql" -X -q -h 127.0.0.1 -p "$st_port" -U "$role" -d "$database" -tAc 'select 1' >/dev/null 2>&1
}

# kill -0 also succeeds for a zombie (an exited server its parent has not reaped yet): look at /proc too.
is_alive() { # pid
    kill -0 "$1" 2>/dev/null || return 1
    [[ -r "/proc/$1/stat" ]] || return 0
    local state
    state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
    [[ "$state" != Z ]]
}

# A pid from a stale pid file may belong to another process by now: check it is this folder's postmaster.
is_our_server() { # pid dir
    is_alive "$1" || return 1
    [[ -r "/proc/$1/cmdline" ]] || return 0
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2/data"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
    local port
    # A first choice may be given (PANEL_PG_TRY_PORT); it is used only on the first attempt and when free.
    if [[ -n "${PANEL_PG_TRY_PORT:-}" && "${attempt:-1}" == 1 ]] && ! port_in_use "$PANEL_PG_TRY_PORT"; then
        echo "$PANEL_PG_TRY_PORT"; return 0
    fi
    for _ in $(seq 50); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    die "no free port found"
}

cmd_start() {
    if read_state; then
        if state_alive; then
            log "reusing the running server in $st_dir (port $st_port)"
            echo "PANEL_TEST_POSTGRES=$st_conn"
            return 0
        fi
        log "cleaning up a stale server state ($env_file)"
        teardown "$st_dir" "$st_bin"
        rm -f "$env_file"
    fi

    local bin
    bin="$(find_pg_bin)" || { install_postgres; bin="$(find_pg_bin)" || die "PostgreSQL binaries still not found after installing"; }
    ensure_pg_user

    local started=$SECONDS parent="${TMPDIR:-/tmp}"
    # The server's user must be able to reach the folder.
    if is_root && ! as_pg test -x "$parent"; then parent=/tmp; fi
    local dir
    dir="$(mktemp -d "$parent/panel-pg.XXXXXXXX")"
    chmod 755 "$dir"
    is_root && chown postgres: "$dir"
    write_state "$dir" "" "$bin"
    # A start that fails half-way leaves nothing behind.
    trap 'teardown "$dir" "$bin"; rm -f "$env_file"' EXIT

    local superpw password
    superpw="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    as_pg sh -c 'umask 077; printf "%s\n" "$1" >"$2"' sh "$superpw" "$dir/pwfile"

    as_pg "$bin/initdb" -D "$dir/data" --username=postgres --pwfile="$dir/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"

    local port="" attempt
    for attempt in 1 2 3 4 5; do
        port="$(pick_port)"
        write_state "$dir" "$port" "$bin"
        # Speed over durability: the cluster is thrown away after the run.
        if as_pg "$bin/pg_ctl" start -D "$dir/data" -w -t 60 -l "$dir/server.log" -o \
            "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            >&2; then
            break
        fi
        log "server did not start on port $port (attempt $attempt):"
        tail -5 "$dir/server.log" >&2 || true
        if pid="$(postmaster_pid "$dir")" && is_our_server "$pid" "$dir"; then
            as_pg "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w >&2 || true
        fi
        rm -f "$dir/data/postmaster.pid"
        port=""
    done
    [[ -n "$port" ]] || die "PostgreSQL did not start; see the log above"

    as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >&2 <<SQL
CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE $database OWNER $role;
SQL

    local conn="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"
    for _ in $(seq 100); do
        if PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U "$role" -d "$database" -tAc 'select 1' >/dev/null 2>&1; then
            write_state "$dir" "$port" "$bin" "$conn"
            trap - EXIT
            log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port in $((SECONDS - started))s (folder $dir, state $env_file)"
            echo "PANEL_TEST_POSTGRES=$conn"
            return 0
        fi
        sleep 0.1
    done
    die "the test role cannot log in over TCP on port $port"
}

cmd_stop() {
    if ! read_state; then
        [[ -s "$env_file" ]] || rm -f "$env_file"
        log "no server state at $env_file; nothing to stop"
        return 0
    fi
    teardown "$st_dir" "${st_bin:-$(find_pg_bin || true)}"
    rm -f "$env_file"
    log "stopped and removed $st_dir"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
