#!/usr/bin/env bash
# Throw-away MariaDB server for the tests.
#
#   tests/scripts/mariadb.sh start   # prints PANEL_TEST_MYSQL=Server=127.0.0.1;Port=...;... on stdout
#   tests/scripts/mariadb.sh stop    # stops the server and removes its folder
#
# `start` makes a new data directory in a temp folder (mariadb-install-db --no-defaults), starts
# mariadbd on a free port of 127.0.0.1 only (and on a unix socket inside that folder), with no system
# service and no my.cnf read, creates a login user with a random password and every right on the server
# (the tests create and drop a database each), waits until that user can log in over TCP, then writes
# the state file and prints the connection string as the last line of stdout (the rest goes to stderr).
#
# State file: $PANEL_MYSQL_ENV_FILE, default ${TMPDIR:-/tmp}/panel-mysql.env (shell syntax, can be sourced).
# Use a different PANEL_MYSQL_ENV_FILE per run when several runs may share the machine.
# `start` with a live server in the state file reuses it; a stale one is cleaned up first.
# `stop` without a state file does nothing.
#
# Binaries: mariadbd (or mysqld) from PATH, /usr/sbin or /usr/libexec; when missing and we are root,
# `apt-get install -y mariadb-server` (apt-get update if that fails) with a policy-rc.d that keeps the
# package from starting its system service. As root the server runs as the `mysql` user when it exists
# (the package creates it), else as root (--user=root); as any other user it runs as that user.
set -euo pipefail

env_file="${PANEL_MYSQL_ENV_FILE:-${TMPDIR:-/tmp}/panel-mysql.env}"
user="panel_test"
database="panel_test"

log() { echo "mariadb.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }

find_bin() { # names...
    local name dir
    for name in "$@"; do
        command -v "$name" 2>/dev/null && return 0
        for dir in /usr/sbin /usr/bin /usr/libexec /usr/local/sbin /usr/local/bin; do
            [[ -x "$dir/$name" ]] && { echo "$dir/$name"; return 0; }
        done
    done
    return 1
}

find_server() { find_bin mariadbd mysqld; }
find_install_db() { find_bin mariadb-install-db mysql_install_db; }
find_client() { find_bin mariadb mysql; }

install_mariadb() {
    is_root || die "mariadbd not found and not root: install it (apt-get install mariadb-server), or set PANEL_SKIP_MYSQL=1 to skip the MySQL tests"
    command -v apt-get >/dev/null 2>&1 || die "mariadbd not found and there is no apt-get"
    log "installing MariaDB with apt-get"
    # The package's postinst would start a system service; a policy-rc.d that says 101 keeps it from doing so.
    local policy=/usr/sbin/policy-rc.d made_policy=""
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
    fi
    local ok=""
    export DEBIAN_FRONTEND=noninteractive
    if apt-get install -y -q --no-install-recommends mariadb-server mariadb-client </dev/null >&2; then
        ok=1
    else
        log "apt-get install failed; running apt-get update and trying again"
        apt-get update -q </dev/null >&2 && apt-get install -y -q --no-install-recommends mariadb-server mariadb-client </dev/null >&2 && ok=1
    fi
    [[ -n "$made_policy" ]] && rm -f "$policy"
    [[ -n "$ok" ]] || die "apt-get install mariadb-server failed"
}

# The OS user the server runs as (mariadbd's --user).
server_user() {
    if ! is_root; then id -un
    elif id -u mysql >/dev/null 2>&1; then echo mysql
    else echo root
    fi
}

read_state() {
    st_dir="" st_port="" st_pid="" st_conn=""
    [[ -f "$env_file" ]] || return 1
    local key value
    while IFS='=' read -r key value; do
        value="${value#\'}"; value="${value%\'}"
        case "$key" in
            PANEL_MYSQL_DIR) st_dir="$value" ;;
            PANEL_MYSQL_PORT) st_port="$value" ;;
            PANEL_MYSQL_PID) st_pid="$value" ;;
            PANEL_TEST_MYSQL) st_conn="$value" ;;
        esac
    done <"$env_file"
    [[ -n "$st_dir" ]]
}

write_state() { # dir port pid [conn]
    local tmp="$env_file.tmp.$$"
    {
        echo "# Throw-away MariaDB of tests/scripts/mariadb.sh; stop it with: tests/scripts/mariadb.sh stop"
        echo "PANEL_MYSQL_DIR='$1'"
        echo "PANEL_MYSQL_PORT='$2'"
        echo "PANEL_MYSQL_PID='$3'"
        [[ -z "${4:-}" ]] || echo "PANEL_TEST_MYSQL='$4'"
        [[ -z "${4:-}" ]] || echo "export PANEL_TEST_MYSQL"
    } >"$tmp"
    chmod 600 "$tmp"
    mv -f "$tmp" "$env_file"
}

# Our folders always look like .../panel-mysql.XXXXXXXX; never remove anything else.
safe_dir() { [[ -n "$1" && "$(basename -- "$1")" == panel-mysql.* && -d "$1" ]]; }

is_alive() { # pid
    [[ "$1" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$1" 2>/dev/null || return 1
    [[ -r "/proc/$1/stat" ]] || return 0
    local state
    state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
    [[ "$state" != Z ]]
}

# A pid from an old state file may belong to another process by now: check it is this folder's server.
is_our_server() { # pid dir
    is_alive "$1" || return 1
    [[ -r "/proc/$1/cmdline" ]] || return 0
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "--datadir=$2/data"
}

teardown() { # dir pid
    local dir="$1" pid="$2"
    safe_dir "$dir" || return 0
    if is_our_server "$pid" "$dir"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 200); do is_alive "$pid" || break; sleep 0.1; done
        if is_alive "$pid"; then
            log "server $pid did not stop in 20 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 50); do is_alive "$pid" || break; sleep 0.1; done
        fi
    fi
    rm -rf -- "$dir"
}

can_login() { # client port password
    MYSQL_PWD="$3" "$1" --no-defaults --protocol=TCP -h 127.0.0.1 -P "$2" -u "$user" --connect-timeout=5 -N -B -e 'SELECT 1' "$database" >/dev/null 2>&1
}

state_alive() {
    [[ -n "$st_dir" && -n "$st_port" && -n "$st_conn" ]] || return 1
    is_our_server "$st_pid" "$st_dir" || return 1
    local client password
    client="$(find_client)" || return 1
    password="$(sed -n 's/.*;Password=\([^;]*\);.*/\1/p' <<<"$st_conn")"
    can_login "$client" "$st_port" "$password"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
    local port
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
            echo "PANEL_TEST_MYSQL=$st_conn"
            return 0
        fi
        log "cleaning up a stale server state ($env_file)"
        teardown "$st_dir" "$st_pid"
        rm -f "$env_file"
    fi

    local server install_db client
    if ! server="$(find_server)" || ! install_db="$(find_install_db)" || ! client="$(find_client)"; then
        install_mariadb
        server="$(find_server)" || die "mariadbd still not found after installing"
        install_db="$(find_install_db)" || die "mariadb-install-db not found after installing"
        client="$(find_client)" || die "the mariadb client not found after installing"
    fi

    local started=$SECONDS os_user dir
    os_user="$(server_user)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/panel-mysql.XXXXXXXX")"
    chmod 755 "$dir"
    mkdir -p "$dir/data" "$dir/tmp"
    [[ "$os_user" == "$(id -un)" ]] || chown -R "$os_user:" "$dir"
    write_state "$dir" "" ""
    local pid=""
    # A start that fails half-way leaves nothing behind.
    trap 'teardown "$dir" "$pid"; rm -f "$env_file"' EXIT

    "$install_db" --no-defaults --datadir="$dir/data" --user="$os_user" --auth-root-authentication-method=socket \
        --skip-test-db --skip-name-resolve >"$dir/install-db.log" 2>&1 \
        || { cat "$dir/install-db.log" >&2; die "mariadb-install-db failed"; }

    local password
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
    # Run once at start-up with full rights: the test user, on loopback only (names are not resolved).
    cat >"$dir/init.sql" <<SQL
CREATE DATABASE IF NOT EXISTS \`$database\`;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO '$user'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$user'@'localhost' WITH GRANT OPTION;
SQL
    chmod 600 "$dir/init.sql"
    [[ "$os_user" == "$(id -un)" ]] || chown "$os_user:" "$dir/init.sql"

    local port="" attempt
    for attempt in 1 2 3 4 5; do
        port="$(pick_port)"
        # Speed over durability: the data is thrown away after the run.
        setsid "$server" --no-defaults --user="$os_user" --datadir="$dir/data" --tmpdir="$dir/tmp" \
            --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
            --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --init-file="$dir/init.sql" \
            --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=64M \
            --skip-log-bin --performance-schema=OFF --max-connections=300 --character-set-server=utf8mb4 \
            --collation-server=utf8mb4_general_ci </dev/null >"$dir/stdout.log" 2>&1 &
        pid=$!
        write_state "$dir" "$port" "$pid"
        for _ in $(seq 300); do
            is_alive "$pid" || break
            can_login "$client" "$port" "$password" && break
            sleep 0.1
        done
        if is_alive "$pid" && can_login "$client" "$port" "$password"; then
            break
        fi
        log "server did not start on port $port (attempt $attempt):"
        tail -5 "$dir/error.log" >&2 || true
        teardown_server_only "$pid"
        pid="" port=""
    done
    [[ -n "$port" ]] || die "MariaDB did not start; see the log above"

    local conn="Server=127.0.0.1;Port=$port;User ID=$user;Password=$password;Database=$database"
    write_state "$dir" "$port" "$pid" "$conn"
    trap - EXIT
    log "MariaDB $("$server" --no-defaults --version | grep -o '[0-9][0-9.]*-MariaDB' | head -1) ready on 127.0.0.1:$port in $((SECONDS - started))s (folder $dir, state $env_file)"
    echo "PANEL_TEST_MYSQL=$conn"
}

teardown_server_only() { # pid
    is_alive "$1" || return 0
    kill -KILL "$1" 2>/dev/null || true
    for _ in $(seq 50); do is_alive "$1" || break; sleep 0.1; done
}

cmd_stop() {
    if ! read_state; then
        [[ -s "$env_file" ]] || rm -f "$env_file"
        log "no server state at $env_file; nothing to stop"
        return 0
    fi
    teardown "$st_dir" "$st_pid"
    rm -f "$env_file"
    log "stopped and removed $st_dir"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
