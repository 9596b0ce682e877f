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
stop_servers() { stop_mariadb; stop_postgres; }
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
is_ci() { [[ "${CI:-}" == true || "${CI:-}" == 1 ]]; }
if [[ "${PANEL_SKIP_POSTGRES:-}" == 1 ]]; then
    if is_ci; then
        echo "test.sh: PANEL_SKIP_POSTGRES=1 is not allowed in CI: the PostgreSQL tests always run there" >&2
        exit 1
    fi
    echo "test.sh: PANEL_SKIP_POSTGRES=1: the PostgreSQL tests will be reported as skipped" >&2
    export PANEL_SKIP_POSTGRES
elif [[ -n "${PANEL_TEST_POSTGRES:-}" ]] && ! is_ci; then
    echo "test.sh: using the PostgreSQL server given in PANEL_TEST_POSTGRES" >&2
else
    pg_env="$(mktemp "${TMPDIR:-/tmp}/panel-pg-run.XXXXXXXX")"
    pg_line="$(PANEL_PG_ENV_FILE="$pg_env" tests/scripts/postgres.sh start)" || {
        echo "test.sh: FAILED to install or start PostgreSQL (see above); the PostgreSQL tests cannot run." >&2
        echo "test.sh: a developer may set PANEL_SKIP_POSTGRES=1 to skip them explicitly." >&2
        exit 1
    }
    PANEL_TEST_POSTGRES="${pg_line#PANEL_TEST_POSTGRES=}"
    [[ "$pg_line" == PANEL_TEST_POSTGRES=Host=* ]] || { echo "test.sh: unexpected output of postgres.sh start: $pg_line" >&2; exit 1; }
    export PANEL_TEST_POSTGRES
fi

if [[ "${PANEL_SKIP_MYSQL:-}" == 1 ]]; then
    if is_ci; then
        echo "test.sh: PANEL_SKIP_MYSQL=1 is not allowed in CI: the MySQL/MariaDB tests always run there" >&2
        exit 1
    fi
    echo "test.sh: PANEL_SKIP_MYSQL=1: the MySQL/MariaDB tests will be reported as skipped or failed" >&2
    export PANEL_SKIP_MYSQL
elif [[ -n "${PANEL_TEST_MYSQL:-}" ]] && ! is_ci; then
    echo "test.sh: using the MySQL/MariaDB server given in PANEL_TEST_MYSQL" >&2
else
    my_env="$(mktemp "${TMPDIR:-/tmp}/panel-mysql-run.XXXXXXXX")"
    my_line="$(PANEL_MYSQL_ENV_FILE="$my_env" tests/scripts/mariadb.sh start)" || {
        echo "test.sh: FAILED to install or start MariaDB (see above); the MySQL/MariaDB tests cannot run." >&2
        echo "test.sh: a developer may set PANEL_SKIP_MYSQL=1 to skip them explicitly." >&2
        exit 1
    }
    [[ "$my_line" == PANEL_TEST_MYSQL=Server=* ]] || { echo "test.sh: unexpected output of mariadb.sh start: $my_line" >&2; exit 1; }
    PANEL_TEST_MYSQL="${my_line#PANEL_TEST_MYSQL=}"
    export PANEL_TEST_MYSQL
fi

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
