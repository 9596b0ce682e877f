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
state_prefix=PANEL_MYSQL state_extra=PID conn_var=PANEL_TEST_MYSQL dir_prefix=panel-mysql server_name=MariaDB
user="panel_test"
database="panel_test"
# shellcheck source=lib/server.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/server.sh"

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
    apt_install --no-install-recommends mariadb-server mariadb-client
}

# The OS user the server runs as (mariadbd's --user).
server_user() {
    if ! is_root; then id -un
    elif id -u mysql >/dev/null 2>&1; then echo mysql
    else echo root
    fi
}

# mariadbd runs with --datadir=<folder>/data; a pid whose command line does not say so is not ours.
is_our_mariadbd() { is_our_server "$1" "--datadir=$2/data"; }

# Stops the server (SIGTERM is a clean shutdown, then by force) and removes the folder.
teardown() { # dir pid
    local dir="$1" pid="$2"
    safe_dir "$dir" || return 0
    if is_our_mariadbd "$pid" "$dir" && ! signal_and_wait "$pid" TERM 200; then
        log "server $pid did not stop in 20 s; killing it"
        signal_and_wait "$pid" KILL 50 || true
    fi
    rm -rf -- "$dir"
}

can_login() { # client port password
    MYSQL_PWD="$3" "$1" --no-defaults --protocol=TCP -h 127.0.0.1 -P "$2" -u "$user" --connect-timeout=5 -N -B -e 'SELECT 1' "$database" >/dev/null 2>&1
}

# Done waiting: the server took the login, or it died trying.
up_or_gone() { # pid client port password
    ! is_alive "$1" || can_login "$2" "$3" "$4"
}

state_alive() {
    [[ -n "$st_dir" && -n "$st_port" && -n "$st_conn" ]] || return 1
    is_our_mariadbd "$st_extra" "$st_dir" || return 1
    local client
    client="$(find_client)" || return 1
    can_login "$client" "$st_port" "$(sed -n 's/.*;Password=\([^;]*\);.*/\1/p' <<<"$st_conn")"
}

cmd_start() {
    local server install_db client
    if ! server="$(find_server)" || ! install_db="$(find_install_db)" || ! client="$(find_client)"; then
        install_mariadb
        server="$(find_server)" || die "mariadbd still not found after installing"
        install_db="$(find_install_db)" || die "mariadb-install-db not found after installing"
        client="$(find_client)" || die "the mariadb client not found after installing"
    fi

    local started=$SECONDS os_user dir
    os_user="$(server_user)"
    dir="$(make_server_dir "$os_user" data tmp)"
    write_state "$dir" "" ""
    local pid=""
    # A start that fails half-way leaves nothing behind.
    trap 'teardown "$dir" "$pid"; rm -f "$env_file"' EXIT

    "$install_db" --no-defaults --datadir="$dir/data" --user="$os_user" --auth-root-authentication-method=socket \
        --skip-test-db --skip-name-resolve >"$dir/install-db.log" 2>&1 \
        || { cat "$dir/install-db.log" >&2; die "mariadb-install-db failed"; }

    local password
    password="$(random_hex)"
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
        port="$(pick_port "$attempt")"
        # Speed over durability: the data is thrown away after the run.
        setsid "$server" --no-defaults --user="$os_user" --datadir="$dir/data" --tmpdir="$dir/tmp" \
            --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
            --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --init-file="$dir/init.sql" \
            --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=64M \
            --skip-log-bin --performance-schema=OFF --max-connections=300 --character-set-server=utf8mb4 \
            --collation-server=utf8mb4_general_ci </dev/null >"$dir/stdout.log" 2>&1 &
        pid=$!
        write_state "$dir" "$port" "$pid"
        wait_until 300 up_or_gone "$pid" "$client" "$port" "$password" || true
        if is_alive "$pid" && can_login "$client" "$port" "$password"; then
            break
        fi
        log "server did not start on port $port (attempt $attempt):"
        tail -5 "$dir/error.log" >&2 || true
        signal_and_wait "$pid" KILL 50 || true
        pid="" port=""
    done
    [[ -n "$port" ]] || die "MariaDB did not start; see the log above"

    announce "$dir" "$port" "$pid" "Server=127.0.0.1;Port=$port;User ID=$user;Password=$password;Database=$database" \
        "$("$server" --no-defaults --version | grep -o '[0-9][0-9.]*-MariaDB' | head -1)"
}

server_main "$@"
