"""The benchmarks' goals (issues 11 and 34) and how a run's figures are read, in one place: report.py prints the goals
table of docs/benchmarks.md from them and check.py compares a run with them, so the two cannot disagree.

A goal is (text, value, target): value is ours ÷ other (lower is better), computed from one run's results folder.
A goal whose contenders the run did not have (run.sh --quick publishes no app, runs no S3/S4) is left out.
"""
import json
import os
import statistics

med = statistics.median

# EF Core as it runs by default: on a SQLite file it creates itself, which it puts into WAL mode. The goals are judged
# on it; `efcore-rollback` (a file created empty beforehand, which keeps SQLite's rollback journal) is shown beside it.
EF = "efcore-wal"


def load(res, name):
    path = f"{res}/{name}.json"
    return json.load(open(path)) if os.path.exists(path) else None


def paired(xs, ys):
    """median over rounds of x/y, both measured in the same round"""
    return med([x / y for x, y in zip(xs, ys)])


def ratio(data, a, b):
    """median over rounds of a/b wall times, both measured in the same round"""
    return paired([x["wall"] for x in data["results"][a]], [y["wall"] for y in data["results"][b]])


def rss(data, name):
    return med(r["rss_kib"] for r in data["results"][name]) / 1024


def s4_times(res):
    """Scenario 4's build times: times(mode, label) -> seconds of each build, in order."""
    path = f"{res}/s4.txt"
    rows = [l.split() for l in open(path) if l.strip()] if os.path.exists(path) else []
    return lambda mode, label: [float(t) for m, k, t in rows if m == mode and k == label]


def evaluate(res):
    """[(text, value, target)] for every goal this run has the contenders of."""
    out = []

    def goal(text, value, target):
        try:
            out.append((text, value(), target))
        except (KeyError, TypeError):  # a contender or a scenario this run did not have
            pass

    s1, s1pg, s2, s5 = (load(res, n) for n in ("s1", "s1pg", "s2", "s5"))
    # Issue 34: EF Core, Evolve and grate. EF Core's S1 goal is relative to what the floor itself gets against it in
    # the same rounds (WAL gives EF Core an edge on SQLite that no other contender has): (ours ÷ EF Core) ÷ (floor ÷ EF Core).
    ef_over_floor = lambda data, ef: ratio(data, "ours", ef) / ratio(data, "floor", ef)
    peers = lambda label, data: [
        goal(f"{label}: ours ÷ Evolve", lambda: ratio(data, "ours", "evolve"), 0.8),
        goal(f"{label}: ours ÷ grate", lambda: ratio(data, "ours", "grate"), 0.8)]

    goal("S1 SQLite: ours ÷ Dapper floor", lambda: ratio(s1, "ours", "floor"), 1.05)
    goal("S1 SQLite: ours ÷ FluentMigrator", lambda: ratio(s1, "ours", "fluentmigrator"), 0.85)
    goal("S1 SQLite: ours ÷ Alembic", lambda: ratio(s1, "ours", "alembic"), 0.4)
    goal("S1 SQLite: ours WholeRun ÷ FluentMigrator", lambda: ratio(s1, "ours-wholerun", "fluentmigrator"), 0.5)
    goal("S1 SQLite: peak RSS ours ÷ floor", lambda: rss(s1, "ours") / rss(s1, "floor"), 1.2)
    goal("S1 SQLite: (ours ÷ EF Core) ÷ (floor ÷ EF Core), EF Core in WAL", lambda: ef_over_floor(s1, EF), 1.05)
    peers("S1 SQLite", s1)
    goal("S1 PostgreSQL: ours ÷ Dapper floor", lambda: ratio(s1pg, "ours", "floor"), 1.05)
    goal("S1 PostgreSQL: ours ÷ FluentMigrator", lambda: ratio(s1pg, "ours", "fluentmigrator"), 0.85)
    goal("S1 PostgreSQL: ours ÷ Alembic", lambda: ratio(s1pg, "ours", "alembic"), 0.4)
    goal("S1 PostgreSQL: ours WholeRun ÷ FluentMigrator", lambda: ratio(s1pg, "ours-wholerun", "fluentmigrator"), 0.5)
    goal("S1 PostgreSQL: peak RSS ours ÷ floor", lambda: rss(s1pg, "ours") / rss(s1pg, "floor"), 1.2)
    goal("S1 PostgreSQL: (ours ÷ EF Core) ÷ (floor ÷ EF Core)", lambda: ef_over_floor(s1pg, "efcore"), 1.05)
    peers("S1 PostgreSQL", s1pg)
    goal("S1 PostgreSQL, ours published NativeAOT: ÷ Alembic", lambda: ratio(s1pg, "ours-aot", "alembic"), 0.4)
    goal("S1 PostgreSQL, ours published NativeAOT: WholeRun ÷ FluentMigrator",
         lambda: ratio(s1pg, "ours-aot-wholerun", "fluentmigrator"), 0.5)
    goal("S2: ours ÷ open+read floor (JIT)", lambda: ratio(s2, "ours", "floor-check"), 1.05)
    goal("S2: peak RSS ours ÷ floor", lambda: rss(s2, "ours") / rss(s2, "floor-check"), 1.2)
    goal("S2: ours ÷ EF Core (its file, WAL)", lambda: ratio(s2, "ours", EF), 0.12)
    peers("S2", s2)
    goal("S2 NativeAOT (SQLite-only publish): ours ÷ DbUp NativeAOT", lambda: ratio(s2, "ours-aot", "dbup-aot"), 0.6)
    goal("S5 deploy: ours ÷ Dapper floor (JIT, as built)", lambda: ratio(s5, "ours", "floor"), 1.05)
    goal("S5 deploy: ours ÷ EF Core (its file, WAL)", lambda: ratio(s5, "ours", EF), 0.25)
    peers("S5 deploy", s5)

    # Scenario 3 (tests/scripts/bench-batch.sh's table and its line of same-round ratios).
    if os.path.exists(f"{res}/s3.md"):
        lines = open(f"{res}/s3.md").read().splitlines()
        s3_rss = {cells[1].strip(): float(cells[3]) for cells in (l.split("|") for l in lines)
                  if len(cells) > 4 and cells[3].strip().replace(".", "", 1).isdigit()}
        for line in lines:
            if line.startswith("same-round ratios:"):
                parts = dict(p.split(" = ") for p in line.split(": ", 1)[1].split(", "))
                part = lambda key: float(parts[key].split()[0])
                goal("S3: rebuild (BatchRecreate.Always) ÷ same SQL via Microsoft.Data.Sqlite", lambda: part("rebuild/raw"), 1.1)
                goal("S3: rebuild (BatchRecreate.Always) ÷ Alembic batch", lambda: part("rebuild/alembic"), 0.6)
                goal("S3: the change as written (Auto, in place) ÷ Alembic batch", lambda: part("ours/alembic"), 0.6)
        raw = lambda: s3_rss["same rebuild SQL via Microsoft.Data.Sqlite"]
        goal("S3: peak RSS rebuild ÷ same SQL via Microsoft.Data.Sqlite",
             lambda: s3_rss["Panel.Migrations, BatchRecreate.Always (rebuild)"] / raw(), 1.2)
        goal("S3: peak RSS as written ÷ same SQL via Microsoft.Data.Sqlite",
             lambda: s3_rss["Panel.Migrations as written (Auto: in place)"] / raw(), 1.2)

    times = s4_times(res)
    for mode in ("server", "cold"):
        if times(mode, "with") and times(mode, "without"):
            goal(f"S4: build with generator ÷ without, {mode} compiler",
                 lambda: paired(times(mode, "with"), times(mode, "without")), 1.10)
    return out
