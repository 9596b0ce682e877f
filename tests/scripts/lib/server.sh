# Shared part of the throw-away test servers (tests/scripts/postgres.sh, mariadb.sh, s3.sh, sshd.sh):
# sourced, not run. Both scripts keep a temp folder per server, a state file that names it, and the
# same start/reuse/stop rules; only the server's own commands differ.
#
# The sourcing script sets, before calling anything here:
#   env_file      the state file
#   state_prefix  prefix of the state file's keys (PANEL_PG -> PANEL_PG_DIR, PANEL_PG_PORT, ...)
#   state_extra   the third key besides DIR and PORT (BIN, PID)
#   conn_var      the connection string's variable (PANEL_TEST_POSTGRES), printed by `start`
#   dir_prefix    name prefix of the temp folders (panel-pg -> .../panel-pg.XXXXXXXX)
#   server_name   the product, for messages
# and defines cmd_start, state_alive (is the server of the st_* variables usable?) and
# teardown DIR EXTRA (stop that server, remove its folder); then it calls server_main "$@".

log() { echo "${0##*/}: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }

random_hex() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# Runs a command as the given OS user: directly when that is us, else with the first privilege-drop
# tool that is there (runuser is not on every image, su always is but needs a shell command line).
run_as() { # user command...
    local user="$1"; shift
    if [[ "$user" == "$(id -un)" ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u "$user" -- "$@"
    elif command -v setpriv >/dev/null 2>&1; then
        setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
    else
        su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
    fi
}

# apt-get install as root, for a server whose binaries are missing. The package's postinst would start
# a system service; a policy-rc.d that says 101 keeps it from doing so. A stale package list is the
# usual failure on a fresh image, hence one apt-get update and a second try.
apt_install() { # packages...
    command -v apt-get >/dev/null 2>&1 || die "$server_name binaries not found and there is no apt-get"
    log "installing $server_name with apt-get"
    local policy=/usr/sbin/policy-rc.d made_policy=""
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
    fi
    local ok=""
    export DEBIAN_FRONTEND=noninteractive
    if apt-get install -y -q "$@" </dev/null >&2; then
        ok=1
    else
        log "apt-get install failed; running apt-get update and trying again"
        apt-get update -q </dev/null >&2 && apt-get install -y -q "$@" </dev/null >&2 && ok=1
    fi
    [[ -n "$made_policy" ]] && rm -f "$policy"
    [[ -n "$ok" ]] || die "apt-get install $* failed"
}

# Reads the state file into st_dir, st_port, st_extra, st_conn; returns 1 when there is none.
read_state() {
    st_dir="" st_port="" st_extra="" st_conn=""
    [[ -f "$env_file" ]] || return 1
    local key value
    while IFS='=' read -r key value; do
        value="${value#\'}"; value="${value%\'}"
        case "$key" in
            "${state_prefix}_DIR") st_dir="$value" ;;
            "${state_prefix}_PORT") st_port="$value" ;;
            "${state_prefix}_${state_extra}") st_extra="$value" ;;
            "$conn_var") st_conn="$value" ;;
        esac
    done <"$env_file"
    # An empty file (e.g. made by mktemp for us) is no state.
    [[ -n "$st_dir" ]]
}

# Written as soon as there is a folder, so that even a half-made server can be found and stopped.
write_state() { # dir port extra [conn]
    local tmp="$env_file.tmp.$$" script="tests/scripts/${0##*/}"
    {
        echo "# Throw-away $server_name of $script; stop it with: $script stop"
        echo "${state_prefix}_DIR='$1'"
        echo "${state_prefix}_PORT='$2'"
        echo "${state_prefix}_${state_extra}='$3'"
        [[ -z "${4:-}" ]] || echo "$conn_var='$4'"
        [[ -z "${4:-}" ]] || echo "export $conn_var"
    } >"$tmp"
    chmod 600 "$tmp"
    mv -f "$tmp" "$env_file"
}

# Our folders always look like .../$dir_prefix.XXXXXXXX; never remove anything else.
safe_dir() { [[ -n "$1" && "$(basename -- "$1")" == "$dir_prefix".* && -d "$1" ]]; }

# A new folder for a server that runs as the given user, who must own it and reach it.
make_server_dir() { # user [subfolder...]
    local user="$1" parent="${TMPDIR:-/tmp}" dir; shift
    if is_root && ! run_as "$user" test -x "$parent"; then parent=/tmp; fi
    dir="$(mktemp -d "$parent/$dir_prefix.XXXXXXXX")"
    chmod 755 "$dir"
    local sub
    for sub in "$@"; do mkdir -p "$dir/$sub"; done
    [[ "$user" == "$(id -un)" ]] || chown -R "$user:" "$dir"
    echo "$dir"
}

# kill -0 also succeeds for a zombie (an exited server its parent has not reaped yet): look at /proc too.
is_alive() { # pid
    [[ "$1" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$1" 2>/dev/null || return 1
    [[ -r "/proc/$1/stat" ]] || return 0
    local state
    state="$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)"
    [[ "$state" != Z ]]
}

# A pid from an old state or pid file may belong to another process by now: check that its command line
# names our folder.
is_our_server() { # pid text-of-its-command-line
    is_alive "$1" || return 1
    [[ -r "/proc/$1/cmdline" ]] || return 0
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# Sends a signal and waits up to tenths/10 seconds for the process to go; returns 1 if it is still there.
signal_and_wait() { # pid signal tenths
    kill "-$2" "$1" 2>/dev/null || true
    wait_until "$3" not_alive "$1"
}
not_alive() { ! is_alive "$1"; }

# Retries a check every 0.1 s, up to the given number of times.
wait_until() { # tries command...
    local tries="$1"; shift
    for _ in $(seq "$tries"); do
        "$@" && return 0
        sleep 0.1
    done
    return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port of 127.0.0.1; another process may still take it before the server binds, which is why
# the scripts try a few times. A given first choice is used on the first attempt only, and only when free.
pick_port() { # attempt [first-choice]
    local port
    if [[ -n "${2:-}" && "$1" == 1 ]] && ! port_in_use "$2"; then
        echo "$2"; return 0
    fi
    for _ in $(seq 50); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    die "no free port found"
}

# `start` reuses a live server of the state file and cleans up a stale one; returns 0 when reused.
reuse_state() {
    read_state || return 1
    if state_alive; then
        log "reusing the running server in $st_dir (port $st_port)"
        echo "$conn_var=$st_conn"
        return 0
    fi
    log "cleaning up a stale server state ($env_file)"
    teardown "$st_dir" "$st_extra"
    rm -f "$env_file"
    return 1
}

# The end of a good start: the full state, no more cleanup on exit, the connection string on stdout.
announce() { # dir port extra conn version
    write_state "$1" "$2" "$3" "$4"
    trap - EXIT
    log "$server_name $5 ready on 127.0.0.1:$2 in $((SECONDS - started))s (folder $1, state $env_file)"
    echo "$conn_var=$4"
}

# For a server that is one process of ours (s3rver, sshd): stop it by its pid, then remove its folder. The marker is a
# path that its command line names.
teardown_process() { # dir pid marker
    local dir="$1" pid="$2"
    safe_dir "$dir" || return 0
    if is_our_server "$pid" "$3" && ! signal_and_wait "$pid" TERM 50; then
        signal_and_wait "$pid" KILL 50 || true
    fi
    rm -rf -- "$dir"
}

# Is the one-process server of the state file ours and listening?
process_state_alive() { # marker
    [[ -n "$st_port" ]] && is_our_server "$st_extra" "$1" && port_in_use "$st_port"
}

# Starts a one-process server on a free port, trying a few: `launch PORT` starts it in the background (in this shell,
# so that $! is its pid). Sets port and pid, and writes the state as it goes.
start_on_free_port() { # dir log launch-function
    local attempt
    for attempt in 1 2 3 4 5; do
        port="$(pick_port "$attempt")"
        "$3" "$port"
        pid=$!
        write_state "$1" "$port" "$pid"
        if wait_until 100 port_in_use "$port" && is_alive "$pid"; then
            return 0
        fi
        log "$server_name did not start on port $port (attempt $attempt):"
        tail -5 "$2" >&2 || true
        signal_and_wait "$pid" KILL 50 || true
        pid="" port=""
    done
    die "$server_name did not start; see the log above"
}

cmd_stop() {
    if ! read_state; then
        [[ -s "$env_file" ]] || rm -f "$env_file"
        log "no server state at $env_file; nothing to stop"
        return 0
    fi
    teardown "$st_dir" "$st_extra"
    rm -f "$env_file"
    log "stopped and removed $st_dir"
}

server_main() {
    case "${1:-}" in
        start) reuse_state || cmd_start ;;
        stop) cmd_stop ;;
        *) echo "usage: $0 start|stop" >&2; exit 2 ;;
    esac
}
