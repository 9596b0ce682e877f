#!/usr/bin/python3
"""Round-robin whole-process timer for benchmarks/run.sh.

usage: bench.py WORK SCENARIO ROUNDS WARMUP OUT.json
SCENARIO: s1 (500 migrations, SQLite on disk), s1pg (500 migrations, PostgreSQL; needs PANEL_TEST_POSTGRES),
          s2setup (apply 1,000 once per tool, untimed start state), s2 (already at head with 1,000, SQLite on disk),
          s5setup (apply 999 once per tool), s5 (a deploy: one new migration on a SQLite file with 999 applied)

Every round runs every contender once, in turn, so all see the same noise; the untimed prepare step (delete the
database, drop/create the PostgreSQL database) runs before each. Wall time is taken around fork/exec/wait of the
contender's own process; CPU (user+sys) and peak RSS come from wait4's rusage of that process. Every run is checked
afterwards (tables and version rows). Ratios are taken per round against the baseline of the same round.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time

WORK, SCEN, ROUNDS, WARM, OUT = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
PY = "/usr/bin/python3"
BIN = "bin/Release/net10.0"
N2 = int(os.environ.get("PANEL_BENCH_N", "1000"))  # fewer only for a smoke test of the harness (run.sh passes it to gen.py)
N1 = N2 // 2
GRATE = f"{WORK}/grate-tool/grate"  # its dotnet tool, installed by run.sh into the work folder


def app(name):
    return f"{WORK}/{name}/{BIN}/{name}"


def rm(path):
    def f():
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    return f


def sq(db, query):
    c = sqlite3.connect(db)
    try:
        return c.execute(query).fetchone()[0]
    finally:
        c.close()


def sqlite_ok(db, vquery, want, n):
    def f():
        tables = sq(db, r"select count(*) from sqlite_master where type='table' and name like 't\_%' escape '\'")
        got = sq(db, vquery)
        assert tables == n and str(got) == str(want), (db, tables, got)
    return f


# ------------------------------------------------------------------ PostgreSQL (tests/scripts/postgres.sh's server)
PGCONN = os.environ.get("PANEL_TEST_POSTGRES", "")
PGP = dict(kv.split("=", 1) for kv in PGCONN.split(";") if "=" in kv)


def psql(db, query):
    env = dict(os.environ, PGPASSWORD=PGP.get("Password", ""))
    return subprocess.run(["psql", "-X", "-qAt", "-h", PGP["Host"], "-p", PGP["Port"], "-U", PGP["Username"], "-d", db,
                           "-v", "ON_ERROR_STOP=1", "-c", query], env=env, check=True, capture_output=True, text=True).stdout.strip()


def pg_fresh(db):
    def f():
        psql(PGP["Database"], f"DROP DATABASE IF EXISTS {db}")
        psql(PGP["Database"], f"CREATE DATABASE {db}")
    return f


def pg_conn(db):
    return re.sub(r"Database=[^;]*", f"Database={db}", PGCONN)


def pg_url(db):
    return f"postgresql://{PGP['Username']}:{PGP['Password']}@{PGP['Host']}:{PGP['Port']}/{db}"


def pg_ok(db, vquery, want, n):
    def f():
        tables = psql(db, r"select count(*) from pg_tables where schemaname='public' and tablename like 't\_%'")
        got = psql(db, vquery)
        assert tables == str(n) and got == str(want), (db, tables, got)
    return f


def journal(db, mode):
    """EF Core puts a SQLite file it creates into WAL mode; one that exists already keeps its rollback journal."""
    def f():
        got = sq(db, "pragma journal_mode")
        assert got == mode, (db, "journal_mode", got, "expected", mode)
    return f


def in_turn(*steps):
    def f():
        for step in steps:
            if step:
                step()
    return f


def clear(folder):
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def empty_file(db):
    def f():
        rm(db)()
        open(db, "wb").close()
    return f


def grate(files, conn, dbtype, out):
    """grate as its command line runs it: every script of its folders not yet run, no transaction (its default),
    a copy of each script it runs written to its output folder (cleared, untimed, before each run)."""
    return [GRATE, f"--connectionstring={conn}", f"--databasetype={dbtype}", f"--files={files}", "--silent", f"--output={out}"]


def sqlite_peers(d, n, mode, suffix=""):
    """EF Core (twice: the file it creates, WAL; a file created empty beforehand, rollback journal), Evolve and grate
    on the SQLite files of folder d (NAME{suffix}.db), brought to n. mode "apply": each starts from no file; "head": the
    files are there already (scenario 2); "copy": each starts from a fresh copy of its file at n - 1 (scenario 5)."""
    def start(name, db, create_empty=False):
        if mode == "head":
            return None
        if mode == "copy":
            def f():
                rm(db)()
                shutil.copyfile(f"{d}/{name}-{n - 1}.db", db)
            return f
        return empty_file(db) if create_empty else rm(db)
    ef_target = "head" if mode != "apply" else f"m{n}"  # EF Core takes a migration's name (gen.py: mI) as its target
    efw, efr, ev, gr = (f"{d}/{x}{suffix}.db" for x in ("efcore-wal", "efcore-rollback", "evolve", "grate"))
    ef_rows = lambda db: sqlite_ok(db, "select count(*) from __EFMigrationsHistory", n, n)
    out = f"{WORK}/grate-out/{os.path.basename(d)}"
    return [
        c("efcore-wal", [app("ef"), "sqlite", efw, ef_target], start("efcore-wal", efw), in_turn(ef_rows(efw), journal(efw, "wal"))),
        c("efcore-rollback", [app("ef"), "sqlite", efr, ef_target], start("efcore-rollback", efr, True),
          in_turn(ef_rows(efr), journal(efr, "delete"))),
        c("evolve", [app("evolvebench"), "sqlite", ev, str(n), f"{WORK}/evolvebench/sql"], start("evolve", ev),
          sqlite_ok(ev, "select count(*) from changelog where type = 0 and success = 1", n, n)),
        c("grate", grate(f"{WORK}/grate/{n}", f"Data Source={gr}", "sqlite", out), in_turn(clear(out), start("grate", gr)),
          sqlite_ok(gr, "select count(*) from grate_ScriptsRun", n, n)),
    ]


def c(name, argv, prepare=None, verify=None, stdin=None, cwd=None, env=None):
    return dict(name=name, argv=argv, prepare=prepare, verify=verify, stdin=stdin, cwd=cwd, env=env)


ALEMBIC = [PY, "-m", "alembic"]  # Debian's package ships no `alembic` script; same entry point


def s1():
    d = f"{WORK}/s1"
    os.makedirs(d, exist_ok=True)
    last = f"r{N1:05d}"
    al = dict(os.environ, BENCH_URL=f"sqlite:///{d}/alembic.db")
    return ["floor", "sqlite3-cli"], [
        c("sqlite3-cli", ["sqlite3", f"{d}/cli.db"], rm(f"{d}/cli.db"), sqlite_ok(f"{d}/cli.db", "select count(*) from schema_version", N1, N1), stdin=f"{WORK}/cli{N1}.sql"),
        c("floor", [app("floor"), "apply", "sqlite", f"{d}/floor.db", str(N1)], rm(f"{d}/floor.db"), sqlite_ok(f"{d}/floor.db", "select count(*) from schema_version", N1, N1)),
        c("ours", [app("ours"), "sqlite", f"{d}/ours.db", last], rm(f"{d}/ours.db"), sqlite_ok(f"{d}/ours.db", "select version_num from alembic_version", last, N1)),
        c("ours-wholerun", [app("ours"), "sqlite", f"{d}/ourw.db", last, "whole"], rm(f"{d}/ourw.db"), sqlite_ok(f"{d}/ourw.db", "select version_num from alembic_version", last, N1)),
        c("ours-r2r", [f"{WORK}/ours-r2r/ours", "sqlite", f"{d}/ourr.db", last], rm(f"{d}/ourr.db"), sqlite_ok(f"{d}/ourr.db", "select version_num from alembic_version", last, N1)),
        c("ours-aot", [f"{WORK}/ours-aot/ours", "sqlite", f"{d}/oura.db", last], rm(f"{d}/oura.db"), sqlite_ok(f"{d}/oura.db", "select version_num from alembic_version", last, N1)),
        c("fluentmigrator", [app("fm"), "sqlite", f"{d}/fm.db", str(N1)], rm(f"{d}/fm.db"), sqlite_ok(f"{d}/fm.db", "select count(*) from VersionInfo", N1, N1)),
        c("dbup", [app("dbup"), "sqlite", f"{d}/dbup.db", str(N1)], rm(f"{d}/dbup.db"), sqlite_ok(f"{d}/dbup.db", "select count(*) from SchemaVersions", N1, N1)),
        c("alembic", ALEMBIC + ["upgrade", last], rm(f"{d}/alembic.db"), sqlite_ok(f"{d}/alembic.db", "select version_num from alembic_version", last, N1), cwd=f"{WORK}/alembic", env=al),
    ] + sqlite_peers(d, N1, "apply")


def s1pg():
    last = f"r{N1:05d}"
    env = dict(os.environ, PGPASSWORD=PGP.get("Password", ""))
    al = dict(os.environ, BENCH_URL=pg_url("b_alembic"))
    return ["floor", "psql-cli"], [
        c("psql-cli", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PGP["Host"], "-p", PGP["Port"], "-U", PGP["Username"], "-d", "b_cli", "-f", f"{WORK}/cli{N1}_pg.sql"],
          pg_fresh("b_cli"), pg_ok("b_cli", "select count(*) from schema_version", N1, N1), env=env),
        c("floor", [app("floor"), "apply", "pg", pg_conn("b_floor"), str(N1)], pg_fresh("b_floor"), pg_ok("b_floor", "select count(*) from schema_version", N1, N1)),
        c("ours", [app("ours"), "pg", pg_conn("b_ours"), last], pg_fresh("b_ours"), pg_ok("b_ours", "select version_num from alembic_version", last, N1)),
        c("ours-wholerun", [app("ours"), "pg", pg_conn("b_ourw"), last, "whole"], pg_fresh("b_ourw"), pg_ok("b_ourw", "select version_num from alembic_version", last, N1)),
        c("ours-r2r", [f"{WORK}/ours-r2r/ours", "pg", pg_conn("b_ourr"), last], pg_fresh("b_ourr"), pg_ok("b_ourr", "select version_num from alembic_version", last, N1)),
        c("ours-aot", [f"{WORK}/ours-aot/ours", "pg", pg_conn("b_oura"), last], pg_fresh("b_oura"), pg_ok("b_oura", "select version_num from alembic_version", last, N1)),
        c("ours-aot-wholerun", [f"{WORK}/ours-aot/ours", "pg", pg_conn("b_ouraw"), last, "whole"], pg_fresh("b_ouraw"), pg_ok("b_ouraw", "select version_num from alembic_version", last, N1)),
        c("fluentmigrator", [app("fm"), "pg", pg_conn("b_fm"), str(N1)], pg_fresh("b_fm"), pg_ok("b_fm", 'select count(*) from "VersionInfo"', N1, N1)),
        c("dbup", [app("dbup"), "pg", pg_conn("b_dbup"), str(N1)], pg_fresh("b_dbup"), pg_ok("b_dbup", "select count(*) from schemaversions", N1, N1)),
        c("alembic", ALEMBIC + ["upgrade", last], pg_fresh("b_alembic"), pg_ok("b_alembic", "select version_num from alembic_version", last, N1), cwd=f"{WORK}/alembic", env=al),
        c("efcore", [app("ef"), "pg", pg_conn("b_ef"), f"m{N1}"], pg_fresh("b_ef"), pg_ok("b_ef", 'select count(*) from "__EFMigrationsHistory"', N1, N1)),
        c("evolve", [app("evolvebench"), "pg", pg_conn("b_evolve"), str(N1), f"{WORK}/evolvebench/sql"], pg_fresh("b_evolve"),
          pg_ok("b_evolve", "select count(*) from changelog where type = 0 and success", N1, N1)),
        c("grate", grate(f"{WORK}/grate/{N1}", pg_conn("b_grate"), "postgresql", f"{WORK}/grate-out/s1pg"), in_turn(clear(f"{WORK}/grate-out/s1pg"), pg_fresh("b_grate")),
          pg_ok("b_grate", 'select count(*) from grate."ScriptsRun"', N1, N1)),
    ]


def s2_tools():
    d = os.environ.get("S2DIR", f"{WORK}/s2")  # s2setup builds the start state on tmpfs; run.sh copies it here
    os.makedirs(d, exist_ok=True)
    last = f"r{N2:05d}"
    al = dict(os.environ, BENCH_URL=f"sqlite:///{d}/alembic.db")
    same = lambda db, q, want: sqlite_ok(db, q, want, N2)
    return ["floor-check", "dotnet-noop"], [
        c("floor-check", [app("floor"), "check", "sqlite", f"{d}/floor.db", str(N2)], None, same(f"{d}/floor.db", "select count(*) from schema_version", N2)),
        c("sqlite3-cli-check", ["sqlite3", f"{d}/cli.db", "select max(version) from schema_version"]),
        c("ours", [app("ours"), "sqlite", f"{d}/ours.db", "head"], None, same(f"{d}/ours.db", "select version_num from alembic_version", last)),
        c("fluentmigrator", [app("fm"), "sqlite", f"{d}/fm.db", str(N2)], None, same(f"{d}/fm.db", "select count(*) from VersionInfo", N2)),
        c("dbup", [app("dbup"), "sqlite", f"{d}/dbup.db", str(N2)], None, same(f"{d}/dbup.db", "select count(*) from SchemaVersions", N2)),
        c("ours-aot", [f"{WORK}/ours-aot-sqlite/ours", "sqlite", f"{d}/ours.db", "head"], None, same(f"{d}/ours.db", "select version_num from alembic_version", last)),
        c("dbup-aot", [f"{WORK}/dbup-aot-sqlite/dbup", "sqlite", f"{d}/dbup.db", str(N2)], None, same(f"{d}/dbup.db", "select count(*) from SchemaVersions", N2)),
        c("alembic", ALEMBIC + ["upgrade", "head"], None, same(f"{d}/alembic.db", "select version_num from alembic_version", last), cwd=f"{WORK}/alembic", env=al),
    ] + sqlite_peers(d, N2, "head")


def s2():
    bases, tools = s2_tools()
    return bases, [c("dotnet-noop", [app("floor"), "noop"])] + tools


def s2setup():
    """The start state of s2: every tool applies its 1,000 migrations once (timed once, informative only)."""
    _, tools = s2_tools()
    d = os.environ.get("S2DIR", f"{WORK}/s2")
    os.makedirs(d, exist_ok=True)
    for db in ("floor", "cli", "ours", "fm", "dbup", "alembic", "efcore-wal", "efcore-rollback", "evolve", "grate"):
        rm(f"{d}/{db}.db")()
    setup = []
    for t in tools:
        t = dict(t)
        if t["name"] == "efcore-rollback":
            t["prepare"] = empty_file(f"{d}/efcore-rollback.db")
        elif t["name"] == "floor-check":
            t["argv"] = [app("floor"), "apply", "sqlite", f"{d}/floor.db", str(N2)]
        elif t["name"] == "sqlite3-cli-check":
            t.update(argv=["sqlite3", f"{d}/cli.db"], stdin=f"{WORK}/cli{N2}.sql")
        setup.append(t)
    return [], setup


def s5_tools():
    """A deploy's usual case: the 1,000th migration on a copy, fresh before every run, of a file at 999 (issue 24)."""
    d = f"{WORK}/s5"
    os.makedirs(d, exist_ok=True)
    last = f"r{N2:05d}"

    def fresh(base, db):
        def f():
            rm(db)()
            shutil.copyfile(f"{d}/{base}-{N2 - 1}.db", db)
        return f
    ours = lambda name, exe: c(name, [exe, "sqlite", f"{d}/{name}.db", last], fresh("ours", f"{d}/{name}.db"),
                               sqlite_ok(f"{d}/{name}.db", "select version_num from alembic_version", last, N2))
    return ["floor"], [
        c("floor", [app("floor"), "apply", "sqlite", f"{d}/floor.db", str(N2)], fresh("floor", f"{d}/floor.db"),
          sqlite_ok(f"{d}/floor.db", "select count(*) from schema_version", N2, N2)),
        ours("ours", app("ours")),
        ours("ours-r2r", f"{WORK}/ours-r2r/ours"),
        ours("ours-aot", f"{WORK}/ours-aot/ours"),
    ] + sqlite_peers(d, N2, "copy")


def s5setup():
    """The start state of s5: each tool applies 999 migrations once to a file of its own."""
    d = f"{WORK}/s5"
    os.makedirs(d, exist_ok=True)
    at = N2 - 1
    for db in ("floor", "ours", "efcore-wal", "efcore-rollback", "evolve", "grate"):
        rm(f"{d}/{db}-{at}.db")()
    return [], [
        c("floor", [app("floor"), "apply", "sqlite", f"{d}/floor-{at}.db", str(at)]),
        c("ours", [app("ours"), "sqlite", f"{d}/ours-{at}.db", f"r{at:05d}"]),
    ] + sqlite_peers(d, at, "apply", f"-{at}")


def s5():
    return s5_tools()


def run_once(t):
    if t["prepare"]:
        t["prepare"]()
    stdin = open(t["stdin"], "rb") if t["stdin"] else subprocess.DEVNULL
    start = time.perf_counter()
    p = subprocess.Popen(t["argv"], cwd=t["cwd"], env=t["env"], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    if rc != t.get("ok_rc", 0):
        raise SystemExit(f"{t['name']} failed (exit {rc}): {err[-3000:].decode(errors='replace')}")
    if t["verify"]:
        t["verify"]()
    return dict(wall=wall, cpu=ru.ru_utime + ru.ru_stime, rss_kib=ru.ru_maxrss)


PUBLISHED = ("ours-r2r", "ours-aot", "ours-aot-wholerun", "dbup-aot")  # run.sh --quick does not publish them


def main():
    bases, tools = {"s1": s1, "s1pg": s1pg, "s2": s2, "s2setup": s2setup, "s5": s5, "s5setup": s5setup}[SCEN]()
    if os.environ.get("PANEL_BENCH_PUBLISHED") == "0":
        tools = [t for t in tools if t["name"] not in PUBLISHED]
    results = {t["name"]: [] for t in tools}
    for r in range(-WARM, ROUNDS):
        for t in tools:
            m = run_once(t)
            if r >= 0:
                results[t["name"]].append(m)
            print(f"{SCEN} round {r} {t['name']}: {m['wall']:.3f}s cpu {m['cpu']:.3f}s {m['rss_kib'] / 1024:.1f}MiB", file=sys.stderr, flush=True)
    with open(OUT, "w") as f:
        json.dump(dict(scenario=SCEN, rounds=ROUNDS, warmup=WARM, bases=bases, order=[t["name"] for t in tools], results=results), f, indent=1)


main()
