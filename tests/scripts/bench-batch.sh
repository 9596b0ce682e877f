#!/usr/bin/env bash
# Benchmark (not a test): make big.email NOT NULL on a 1,000,000-row SQLite table with 2 indexes, side by side in one
# run: Panel.Migrations as written (BatchRecreate.Auto: in place, SQLite 3.53 can), Panel.Migrations forced to rebuild
# (BatchRecreate.Always), that rebuild with a progress listener (row count and chunked copy), the same 12-step rebuild
# SQL through Microsoft.Data.Sqlite and through the sqlite3 CLI, and Alembic's batch_alter_table (a rebuild). Each round copies a fresh database (untimed). Prints medians and ratios.
# Usage: tests/scripts/bench-batch.sh [ROUNDS=5]   (needs sqlite3, /usr/bin/python3 with python3-alembic)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/panel-bench-batch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

dotnet build benchmarks/BatchBench -c Release -nologo -v q -clp:NoSummary >/dev/null
bench=benchmarks/BatchBench/bin/Release/net10.0/BatchBench.dll

sqlite3 "$work/base.db" <<'SQL'
CREATE TABLE big (id integer primary key, name text not null, email text, score integer, created text);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000)
INSERT INTO big SELECT i, 'name_' || ((i * 7919) % 1000003), 'user' || i || '@example.com',
                       (i * 104729) % 100003, datetime(1600000000 + i, 'unixepoch') FROM c;
CREATE INDEX ix_big_name ON big(name);
CREATE INDEX ix_big_score ON big(score);
SQL

cat > "$work/rebuild.sql" <<'SQL'
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE big_new (id integer primary key, name text not null, email text not null, score integer, created text);
INSERT INTO big_new (id, name, email, score, created) SELECT id, name, email, score, created FROM big;
DROP TABLE big;
ALTER TABLE big_new RENAME TO big;
CREATE INDEX ix_big_name ON big(name);
CREATE INDEX ix_big_score ON big(score);
PRAGMA foreign_key_check;
INSERT INTO alembic_version VALUES ('rb1');
COMMIT;
PRAGMA foreign_keys=ON;
SQL

cat > "$work/alembic_rebuild.py" <<'PY'
import sys
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.begin() as connection:
    context = MigrationContext.configure(connection)
    with Operations(context).batch_alter_table("big") as batch:
        batch.alter_column("email", existing_type=sa.Text(), nullable=False)
    # The version row too, as the other contenders write it (Alembic's own table, created the way it does).
    context._ensure_version_table()
    connection.execute(sa.text("INSERT INTO alembic_version (version_num) VALUES ('rb1')"))
PY

run() { # name, command... ; appends "seconds maxrss_kib" to $work/<name>.times
    local name="$1"; shift
    cp "$work/base.db" "$work/run.db"; sync
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null
    cat "$work/t" >> "$work/$name.times"
    sqlite3 "$work/run.db" "SELECT COUNT(*) FROM big" | grep -qx 1000000
    [[ "$(sqlite3 "$work/run.db" "SELECT \"notnull\" FROM pragma_table_info('big') WHERE name = 'email'")" == 1 ]]
}

for ((r = 1; r <= rounds; r++)); do
    run ours dotnet "$bench" ours "$work/run.db"
    run rebuild dotnet "$bench" ours-rebuild "$work/run.db"
    run progress dotnet "$bench" ours-progress "$work/run.db"
    run raw dotnet "$bench" raw "$work/run.db" "$work/rebuild.sql"
    run cli sh -c "sqlite3 '$work/run.db' < '$work/rebuild.sql'"
    run alembic /usr/bin/python3 "$work/alembic_rebuild.py" "$work/run.db"
    echo "round $r/$rounds done" >&2
done

/usr/bin/python3 - "$work" <<'PY'
import statistics, sys
work = sys.argv[1]
def load(name):
    rows = [tuple(map(float, l.split())) for l in open(f"{work}/{name}.times") if l.strip()]
    return [r[0] for r in rows], [r[1] for r in rows]
names = ("ours", "rebuild", "progress", "raw", "cli", "alembic")
data = {n: load(n) for n in names}
med = {n: statistics.median(t) for n, (t, _) in data.items()}
label = {"ours": "Panel.Migrations as written (Auto: in place)", "rebuild": "Panel.Migrations, BatchRecreate.Always (rebuild)",
         "progress": "the same rebuild, progress reported (count + chunked copy)",
         "raw": "same rebuild SQL via Microsoft.Data.Sqlite", "cli": "same rebuild SQL via sqlite3 CLI",
         "alembic": "Alembic batch_alter_table (rebuild)"}
print(f"big.email made NOT NULL on 1,000,000 rows, {len(data['ours'][0])} rounds, medians")
print("| tool | median wall s (min-max) | max RSS MiB | as written / tool | rebuild / tool |")
print("|---|---|---|---|---|")
for n in names:
    t, m = data[n]
    print(f"| {label[n]} | {med[n]:.2f} ({min(t):.2f}-{max(t):.2f}) | {max(m)/1024:.1f} | {med['ours']/med[n]:.2f} | {med['rebuild']/med[n]:.2f} |")
ratio = lambda a, b: statistics.median([x / y for x, y in zip(data[a][0], data[b][0])])
print(f"same-round ratios: rebuild/raw = {ratio('rebuild', 'raw'):.2f} (goal <= 1.10), rebuild/alembic = {ratio('rebuild', 'alembic'):.2f} (goal <= 0.60), "
      f"progress/rebuild = {ratio('progress', 'rebuild'):.2f} (goal <= 1.05), rebuild/cli = {ratio('rebuild', 'cli'):.2f}, ours/alembic = {ratio('ours', 'alembic'):.2f}, ours/raw = {ratio('ours', 'raw'):.2f}")
PY
