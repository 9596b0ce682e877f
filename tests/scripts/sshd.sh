#!/usr/bin/env bash
# Throw-away OpenSSH server (SFTP) for the remote-backup tests.
#
#   tests/scripts/sshd.sh start   # prints PANEL_TEST_SFTP=sftp://USER@127.0.0.1:PORT/FOLDER?key=KEYFILE&hostKey=SHA256:...
#   tests/scripts/sshd.sh stop    # stops the server and removes its folder
#
# `start` makes a temp folder with a throw-away host key and client key pair (ed25519), an sshd_config that
# listens on a free port of 127.0.0.1 only, allows that one client key and nothing else (no password, no PAM),
# and serves SFTP in-process (internal-sftp); then runs Debian's sshd as a normal user: as root, the system user
# panel-sftp (made if missing), else the calling user, who is the only user such an sshd can log in.
# The printed URI names the upload folder, the client's private key and the host key's fingerprint.
#
# State file: $PANEL_SFTP_ENV_FILE, default ${TMPDIR:-/tmp}/panel-sftp.env. When /usr/sbin/sshd is missing and we
# are root: apt-get install -y openssh-server (its service is kept from starting).
set -euo pipefail

env_file="${PANEL_SFTP_ENV_FILE:-${TMPDIR:-/tmp}/panel-sftp.env}"
state_prefix=PANEL_SFTP state_extra=PID conn_var=PANEL_TEST_SFTP dir_prefix=panel-sftp server_name="OpenSSH server"
sshd=/usr/sbin/sshd
# shellcheck source=lib/server.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/server.sh"

server_user() { if is_root; then echo panel-sftp; else id -un; fi; }

ensure_server_user() {
    is_root || return 0
    id -u panel-sftp >/dev/null 2>&1 && return 0
    log "creating system user panel-sftp"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin panel-sftp
}

teardown() { teardown_process "$1" "$2" "$1/sshd_config"; }
state_alive() { process_state_alive "$st_dir/sshd_config"; }

# Writes the config for the port, then starts sshd in the background as the server's user; setpriv execs (no helper
# process in between), so $! is sshd itself.
launch() { # port
    cat >"$dir/sshd_config" <<CONF
Port $1
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile none
AuthorizedKeysFile $dir/authorized_keys
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowUsers $user
Subsystem sftp internal-sftp
CONF
    if is_root; then
        setsid setpriv --reuid="$user" --regid="$user" --init-groups -- "$sshd" -D -e -f "$dir/sshd_config" </dev/null >"$dir/sshd.log" 2>&1 &
    else
        setsid "$sshd" -D -e -f "$dir/sshd_config" </dev/null >"$dir/sshd.log" 2>&1 &
    fi
}

cmd_start() {
    if [[ ! -x "$sshd" ]]; then
        is_root || die "$sshd not found and not root: apt-get install openssh-server, or set PANEL_SKIP_SFTP=1 to skip the SFTP tests"
        apt_install openssh-server
    fi
    command -v ssh-keygen >/dev/null 2>&1 || die "ssh-keygen not found (openssh-client)"
    ensure_server_user
    local started=$SECONDS pid="" port=""
    user="$(server_user)"
    dir="$(make_server_dir "$user" upload)"
    write_state "$dir" "" ""
    trap 'teardown "$dir" "$pid"; rm -f "$env_file"' EXIT

    ssh-keygen -q -t ed25519 -N '' -C panel-test-host -f "$dir/host_key"
    ssh-keygen -q -t ed25519 -N '' -C panel-test-client -f "$dir/client_key"
    cp "$dir/client_key.pub" "$dir/authorized_keys"
    chown "$user:" "$dir/host_key" "$dir/authorized_keys"
    chmod 600 "$dir/host_key" "$dir/client_key"
    local fingerprint
    fingerprint="$(ssh-keygen -l -E sha256 -f "$dir/host_key.pub" | awk '{print $2}')"

    start_on_free_port "$dir" "$dir/sshd.log" launch
    announce "$dir" "$port" "$pid" "sftp://$user@127.0.0.1:$port$dir/upload?key=$dir/client_key&hostKey=$fingerprint" \
        "$("$sshd" -V 2>&1 | head -1 | awk '{print $1}' | tr -d ,)"
}

server_main "$@"
