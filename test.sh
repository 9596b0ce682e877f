#!/usr/bin/env bash
# Runs every test of Panel.Migrations on a fresh machine: builds the solution (warnings are errors),
# starts the throw-away database servers the tests need, runs the tests, prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

dotnet build Panel.sln -c Release -nologo -clp:NoSummary
tests/scripts/ensure-tools.sh

# Alembic (Debian's python3-alembic) is the reference the SQLite batch tests compare against
# (tests/scripts/alembic_batch.py, run with the system /usr/bin/python3).
if ! /usr/bin/python3 -c "import alembic" >/dev/null 2>&1; then
    echo "test.sh: installing python3-alembic for the batch comparison tests" >&2
    if [[ "$(id -u)" == 0 ]]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
    "${apt_get[@]}" update -qq && "${apt_get[@]}" install -y -qq python3-alembic >/dev/null || {
        echo "test.sh: FAILED to install python3-alembic; the Alembic comparison tests cannot run." >&2
        exit 1
    }
fi

# PostgreSQL: a throw-away server (tests/scripts/postgres.sh) whose connection string the tests read
# from PANEL_TEST_POSTGRES; stopped whatever way this script ends. A server that cannot be installed or
# started fails the run: only a developer's explicit PANEL_SKIP_POSTGRES=1 skips those tests, never CI.
pg_env=""
stop_postgres() {
    if [[ -n "$pg_env" ]]; then
        PANEL_PG_ENV_FILE="$pg_env" tests/scripts/postgres.sh stop || echo "test.sh: stopping PostgreSQL failed" >&2
        rm -f "$pg_env"
    fi
}
# MariaDB likewise (tests/scripts/mariadb.sh, PANEL_TEST_MYSQL, PANEL_SKIP_MYSQL=1 for developers only).
my_env=""
stop_mariadb() {
    if [[ -n "$my_env" ]]; then
        PANEL_MYSQL_ENV_FILE="$my_env" tests/scripts/mariadb.sh stop || echo "test.sh: stopping MariaDB failed" >&2
        rm -f "$my_env"
    fi
}
# The remotes of the backup tests likewise: s3rver (tests/scripts/s3.sh, PANEL_TEST_S3, PANEL_SKIP_S3=1) and an
# OpenSSH server for SFTP (tests/scripts/sshd.sh, PANEL_TEST_SFTP, PANEL_SKIP_SFTP=1), both for developers only.
s3_env=""
sftp_env=""
stop_remote() { # script state-var env-file label
    if [[ -n "$3" ]]; then
        env "$2=$3" "tests/scripts/$1.sh" stop || echo "test.sh: stopping $4 failed" >&2
        rm -f "$3"
    fi
}
stop_servers() { stop_remote sshd PANEL_SFTP_ENV_FILE "$sftp_env" "the SFTP server"; stop_remote s3 PANEL_S3_ENV_FILE "$s3_env" s3rver; stop_mariadb; stop_postgres; }
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
is_ci() { [[ "${CI:-}" == true || "${CI:-}" == 1 ]]; }
# Starts one throw-away server unless the developer skips its tests or gives a server of their own (both
# are refused or ignored in CI, where the database tests always run on a fresh server), and exports its
# connection string. The run's state file goes into the variable named by holder, for the stop functions.
start_server() { # label tests script state-var conn-var skip-var holder
    local label="$1" tests="$2" script="tests/scripts/$3.sh" state_var="$4" conn_var="$5" skip_var="$6" holder="$7"
    if [[ "${!skip_var:-}" == 1 ]]; then
        if is_ci; then
            echo "test.sh: $skip_var=1 is not allowed in CI: the $tests tests always run there" >&2
            exit 1
        fi
        echo "test.sh: $skip_var=1: the $tests tests will be reported as skipped" >&2
        export "${skip_var?}"
    elif [[ -n "${!conn_var:-}" ]] && ! is_ci; then
        echo "test.sh: using the $tests server given in $conn_var" >&2
    else
        local env_file line name="${state_var#PANEL_}"
        name="${name%_ENV_FILE}"
        env_file="$(mktemp "${TMPDIR:-/tmp}/panel-${name,,}-run.XXXXXXXX")"
        printf -v "$holder" '%s' "$env_file"
        line="$(env "$state_var=$env_file" "$script" start)" || {
            echo "test.sh: FAILED to install or start $label (see above); the $tests tests cannot run." >&2
            echo "test.sh: a developer may set $skip_var=1 to skip them explicitly." >&2
            exit 1
        }
        [[ "$line" == "$conn_var="?* ]] || { echo "test.sh: unexpected output of ${script##*/} start: $line" >&2; exit 1; }
        export "$conn_var=${line#"$conn_var="}"
    fi
}
start_server PostgreSQL PostgreSQL postgres PANEL_PG_ENV_FILE PANEL_TEST_POSTGRES PANEL_SKIP_POSTGRES pg_env
start_server MariaDB MySQL/MariaDB mariadb PANEL_MYSQL_ENV_FILE PANEL_TEST_MYSQL PANEL_SKIP_MYSQL my_env
start_server s3rver "S3 backup" s3 PANEL_S3_ENV_FILE PANEL_TEST_S3 PANEL_SKIP_S3 s3_env
start_server "the OpenSSH server" "SFTP backup" sshd PANEL_SFTP_ENV_FILE PANEL_TEST_SFTP PANEL_SKIP_SFTP sftp_env

results="$(mktemp -d)"
status=0
dotnet test tests/Panel.Migrations.Tests -c Release --no-build -nologo \
    --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@" || status=$?

# VSTest's own summary is not a line CI reads; print the plain one from the trx counters.
trx="$results/results.trx"
if [[ -f "$trx" ]]; then
    passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    # The trx's notExecuted counter stays 0 for skipped tests: count them as total - executed.
    total=$(grep -o 'total="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    executed=$(grep -o 'executed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    skipped=$(( ${total:-0} - ${executed:-0} ))
    echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
    [[ "${passed:-0}" -gt 0 ]] || { echo "no test ran" >&2; status=1; }
else
    echo "no test results were written" >&2
    status=1
fi
exit "$status"
