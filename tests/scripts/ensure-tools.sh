#!/usr/bin/env bash
# Installs the outside references the tests compare against, where they are missing:
# Debian's Alembic (with SQLAlchemy) and its PostgreSQL driver, run by /usr/bin/python3.
set -euo pipefail

missing=()
/usr/bin/python3 -c "import alembic" 2>/dev/null || missing+=(python3-alembic)
/usr/bin/python3 -c "import psycopg2" 2>/dev/null || missing+=(python3-psycopg2)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "ensure-tools.sh: installing ${missing[*]}" >&2
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
