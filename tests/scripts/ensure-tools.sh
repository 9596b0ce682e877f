#!/usr/bin/env bash
# Installs the outside references the tests compare against, where they are missing:
# Debian's Alembic (with SQLAlchemy) and its PostgreSQL driver, run by /usr/bin/python3; and the databases' own backup
# tools the backup tests run as the product does, from PATH (pg_dump/pg_restore/psql, mariadb-dump/mariadb), in case the
# servers come from elsewhere than postgres.sh/mariadb.sh, whose packages bring them.
set -euo pipefail

missing=()
/usr/bin/python3 -c "import alembic" 2>/dev/null || missing+=(python3-alembic)
/usr/bin/python3 -c "import psycopg2" 2>/dev/null || missing+=(python3-psycopg2)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
{ command -v pg_dump && command -v pg_restore && command -v psql; } >/dev/null || missing+=(postgresql-client)
{ command -v mariadb-dump || command -v mysqldump; } >/dev/null && { command -v mariadb || command -v mysql; } >/dev/null || missing+=(mariadb-client)
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "ensure-tools.sh: installing ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
