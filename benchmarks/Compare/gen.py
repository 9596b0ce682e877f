#!/usr/bin/python3
"""Writes every contender of benchmarks/run.sh into a work folder (outside the repository).

usage: gen.py WORK REPO N

Each contender knows the same N migrations; migration i runs three literal statements
    CREATE TABLE t_i (id integer primary key, name text)
    ALTER TABLE t_i ADD COLUMN c text
    CREATE INDEX ix_i ON t_i(name)
and records itself in its tool's version table. The .NET apps are built once with all N migrations and are told how
far to go (a target), so scenario 1 (500 of them) and scenario 2 (at head with N) use the same binaries.
"""
import os
import sys

WORK, REPO, N = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3])


def sql(i):
    return [f"CREATE TABLE t_{i} (id integer primary key, name text)",
            f"ALTER TABLE t_{i} ADD COLUMN c text",
            f"CREATE INDEX ix_{i} ON t_{i}(name)"]


def rev(i):
    return f"r{i:05d}"


def write(path, text):
    """Leaves a file with the same text untouched, so that a reused work folder builds incrementally."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path) and open(path).read() == text:
        return
    with open(path, "w") as f:
        f.write(text)


SDK_HEAD = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <AssemblyName>{name}</AssemblyName>
    <NoWarn>$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
"""


def csproj(name, *packages):
    """An app's project file that only references NuGet packages ("Id Version" each)."""
    refs = "".join(f'    <PackageReference Include="{p.split()[0]}" Version="{p.split()[1]}" />\n' for p in packages)
    return SDK_HEAD.format(name=name) + f"  <ItemGroup>\n{refs}  </ItemGroup>\n</Project>\n"


# ---------------------------------------------------------------- ours: generated registry (or a hand-built map)
OURS_CSPROJ = f"""<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="{REPO}/Panel.Migrations.Runtime/build/Panel.Migrations.props" />
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <AssemblyName>ours</AssemblyName>
    <RootNamespace>Bench</RootNamespace>
    <PanelMigrationsDialects>sqlite;postgresql</PanelMigrationsDialects>
    <!-- The benchmark's Down methods are empty like the peers' (PMIG002); the analyzers still run. -->
    <NoWarn>$(NoWarn);CS1591;PMIG002</NoWarn>
  </PropertyGroup>
  <!-- NoGen=true: the same app without the source generator and analyzers (a hand-built MigrationMap instead).
       To tell their shares apart: NoAnalyzers=true keeps only the generator, NoGen=true WithAnalyzers=true only the analyzers. -->
  <PropertyGroup Condition="'$(NoGen)' == 'true'">
    <DefineConstants>$(DefineConstants);NOGEN</DefineConstants>
  </PropertyGroup>
  <!-- BenchAot=true: published NativeAOT as the sample's AOT build is (PublishAot=true on the command line would reach
       the netstandard2.0 generator and analyzers). -->
  <PropertyGroup Condition="'$(BenchAot)' == 'true'">
    <PublishAot>true</PublishAot>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="{REPO}/Panel.Migrations.Runtime/Panel.Migrations.Runtime.csproj" />
    <!-- Scenario 1 runs on PostgreSQL too: its provider package, registered by the generated registry. -->
    <ProjectReference Include="{REPO}/Panel.Migrations.PostgreSql/Panel.Migrations.PostgreSql.csproj" />
  </ItemGroup>
  <!-- As the Panel.Migrations package hands them to the compiler: analyzer items (benchmarks/run.sh builds them first).
       Project references would add MSBuild's evaluation of two more projects to every build measured. -->
  <ItemGroup Condition="'$(NoGen)' != 'true'">
    <Analyzer Include="{REPO}/Panel.Migrations.Generator/bin/Release/netstandard2.0/Panel.Migrations.Generator.dll" />
  </ItemGroup>
  <ItemGroup Condition="('$(NoGen)' != 'true' and '$(NoAnalyzers)' != 'true') or '$(WithAnalyzers)' == 'true'">
    <Analyzer Include="{REPO}/Panel.Migrations.Analyzers/bin/Release/netstandard2.0/Panel.Migrations.Analyzers.dll" />
  </ItemGroup>
  <!-- As the package does: a NativeAOT publish carries the providers PanelMigrationsDialects names (run.sh publishes a
       SQLite-only one for scenario 2 with -p:PanelMigrationsDialects=sqlite). -->
  <Import Project="{REPO}/Panel.Migrations.Runtime/build/Panel.Migrations.targets" />
</Project>
"""

OURS_PROGRAM = """// usage: ours sqlite|pg DB TARGET [whole]   (DB: a file, or an Npgsql connection string; TARGET: a revision or head)
using Panel.Migrations;

// A deliberately slowed build, to see benchmarks/check.sh fail (a throw-away run only; see docs/benchmarks.md, Method).
if (Environment.GetEnvironmentVariable("PANEL_BENCH_SLOW_OURS_MS") is { Length: > 0 } slow)
    Thread.Sleep(int.Parse(slow));
var options = args[0] == "pg" ? MigrationOptions.ForPostgreSql(args[1]) : MigrationOptions.ForSqlite(args[1]);
if (args.Length > 3 && args[3] == "whole")
    options = options with { TransactionMode = TransactionMode.WholeRun };
#if NOGEN
await new MigrationRunner(Bench.HandMap.Map, options).UpgradeAsync(args[2]);
#else
await Bench.MigrationRegistry.UpgradeAsync(options, args[2]);
#endif
Console.WriteLine("up to date");
"""


def ours(out):
    write(f"{out}/Ours.csproj", OURS_CSPROJ)
    write(f"{out}/Program.cs", OURS_PROGRAM)
    lines = ["using Panel.Migrations;", "", "namespace Bench;", ""]
    for i in range(1, N + 1):
        down = "" if i == 1 else f', DownRevision = "{rev(i - 1)}"'
        body = " ".join(f'op.Execute("{s}");' for s in sql(i))
        lines.append(f'[Migration("{rev(i)}"{down}, Message = "m{i}")]')
        lines.append(f"public sealed class M{i:05d} : Migration {{ public override void Up(MigrationBuilder op) {{ {body} }} "
                     f'public override void Down(MigrationBuilder op) {{  }} }}')
    write(f"{out}/Migrations.cs", "\n".join(lines) + "\n")
    hand = ["#if NOGEN", "using Panel.Migrations;", "", "namespace Bench;", "",
            "internal static class HandMap", "{",
            "    public static readonly MigrationMap Map = new(["]
    for i in range(1, N + 1):
        down = "[]" if i == 1 else f'["{rev(i - 1)}"]'
        hand.append(f'        new MigrationInfo("{rev(i)}", {down}, "m{i}", () => new M{i:05d}()),')
    hand += ["    ]);", "}", "#endif"]
    write(f"{out}/HandMap.cs", "\n".join(hand) + "\n")


# ---------------------------------------------------------------- the plain Dapper floor
FLOOR_CSPROJ = csproj("floor", "Dapper 2.1.86", "Microsoft.Data.Sqlite 10.0.15", "Npgsql 10.0.3")

FLOOR_PROGRAM = """// The floor: only what any migrations tool must do, with Dapper.
// usage: floor noop                  -- print and exit (the .NET runtime's start-up)
//        floor apply sqlite|pg DB N   -- version table, read the current version, then 1 transaction per migration
//        floor check sqlite|pg DB N   -- open, read max(version), compare (the 'already at head' floor)
using System.Data.Common;
using Dapper;

static DbConnection Open(string kind, string db)
{
    DbConnection c = kind == "pg" ? new Npgsql.NpgsqlConnection(db)
        : new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + db);
    c.Open();
    return c;
}

if (args[0] == "noop")
{
    Console.WriteLine("up to date"); // the runtime's own start-up, nothing loaded
    return 0;
}
var n = long.Parse(args[3]);
using var c = Open(args[1], args[2]);
if (args[0] == "check")
{
    var cur = c.ExecuteScalar<long?>("SELECT max(version) FROM schema_version") ?? 0;
    Console.WriteLine(cur == n ? "up to date" : "behind");
    return 0;
}
c.Execute("CREATE TABLE IF NOT EXISTS schema_version (version bigint primary key, applied_at text)");
var from = (c.ExecuteScalar<long?>("SELECT max(version) FROM schema_version") ?? 0) + 1;
for (var i = from; i <= n; i++)
{
    using var tx = c.BeginTransaction();
    c.Execute($"CREATE TABLE t_{i} (id integer primary key, name text)", transaction: tx);
    c.Execute($"ALTER TABLE t_{i} ADD COLUMN c text", transaction: tx);
    c.Execute($"CREATE INDEX ix_{i} ON t_{i}(name)", transaction: tx);
    c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (@v, @t)", new { v = i, t = DateTime.UtcNow.ToString("O") }, tx);
    tx.Commit();
}
Console.WriteLine("up to date");
return 0;
"""

# ---------------------------------------------------------------- FluentMigrator 8.0.1 (Runner.Core + SQLite/Postgres)
FM_CSPROJ = csproj("fm", "FluentMigrator 8.0.1", "FluentMigrator.Runner.Core 8.0.1", "FluentMigrator.Runner.SQLite 8.0.1",
                   "FluentMigrator.Runner.Postgres 8.0.1", "Microsoft.Data.Sqlite 10.0.15", "Npgsql 10.0.3")

FM_PROGRAM = """// FluentMigrator in-process, as its quick start shows it (console logger).  usage: fm sqlite|pg DB TARGET_VERSION
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection()
    .AddFluentMigratorCore()
    .ConfigureRunner(rb =>
    {
        if (args[0] == "pg") rb.AddPostgres().WithGlobalConnectionString(args[1]);
        else rb.AddSQLite().WithGlobalConnectionString("Data Source=" + args[1]);
        rb.ScanIn(typeof(Program).Assembly).For.Migrations();
    })
    .AddLogging(lb => lb.AddFluentMigratorConsole());
using var sp = services.BuildServiceProvider(false);
using (var scope = sp.CreateScope())
    scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp(long.Parse(args[2]));
Console.WriteLine("up to date");
"""


def fm(out):
    write(f"{out}/Fm.csproj", FM_CSPROJ)
    write(f"{out}/Program.cs", FM_PROGRAM)
    lines = ["using FluentMigrator;", "namespace Bench;"]
    for i in range(1, N + 1):
        body = " ".join(f'Execute.Sql("{s}");' for s in sql(i))
        lines.append(f"[Migration({i})] public sealed class M{i:05d} : Migration {{ public override void Up() {{ {body} }} "
                     "public override void Down() { } }")
    write(f"{out}/Migrations.cs", "\n".join(lines) + "\n")


# ---------------------------------------------------------------- DbUp (dbup-sqlite 6.0.4, dbup-postgresql 7.0.1)
DBUP_CSPROJ = SDK_HEAD.format(name="dbup") + """  <ItemGroup>
    <PackageReference Include="dbup-core" Version="6.1.1" />
    <PackageReference Include="dbup-sqlite" Version="6.0.4" />
    <PackageReference Include="Microsoft.Data.Sqlite" Version="10.0.15" />
    <EmbeddedResource Include="Scripts/*.sql" />
  </ItemGroup>
  <!-- SqliteOnly=true: without the PostgreSQL packages, as ours is published for scenario 2 under NativeAOT. -->
  <ItemGroup Condition="'$(SqliteOnly)' != 'true'">
    <PackageReference Include="dbup-postgresql" Version="7.0.1" />
    <PackageReference Include="Npgsql" Version="10.0.3" />
  </ItemGroup>
  <PropertyGroup Condition="'$(SqliteOnly)' == 'true'">
    <DefineConstants>$(DefineConstants);SQLITE_ONLY</DefineConstants>
  </PropertyGroup>
  <PropertyGroup Condition="'$(BenchAot)' == 'true'">
    <PublishAot>true</PublishAot>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
</Project>
"""

DBUP_PROGRAM = """// DbUp with embedded scripts and a transaction per script (= one per migration).  usage: dbup sqlite|pg DB LAST
using DbUp;

var last = int.Parse(args[2]);
bool Wanted(string name) => int.Parse(name.Split('.')[^2].Split('_')[0]) <= last;
#if SQLITE_ONLY
var builder = DeployChanges.To.SqliteDatabase("Data Source=" + args[1])
#else
var builder = (args[0] == "pg" ? DeployChanges.To.PostgresqlDatabase(args[1]) : DeployChanges.To.SqliteDatabase("Data Source=" + args[1]))
#endif
    .WithScriptsEmbeddedInAssembly(typeof(Program).Assembly, Wanted)
    .WithTransactionPerScript()
    .LogToConsole();
var result = builder.Build().PerformUpgrade();
if (!result.Successful) { Console.Error.WriteLine(result.Error); return 1; }
Console.WriteLine("up to date");
return 0;
"""


def dbup(out):
    write(f"{out}/DbUpBench.csproj", DBUP_CSPROJ)
    write(f"{out}/Program.cs", DBUP_PROGRAM)
    for i in range(1, N + 1):
        write(f"{out}/Scripts/{i:05d}_m{i}.sql", ";\n".join(sql(i)) + ";\n")


# ---------------------------------------------------------------- EF Core 10 migrations (MigrateAsync)
EF_CSPROJ = csproj("ef", "Microsoft.EntityFrameworkCore.Sqlite 10.0.15", "Npgsql.EntityFrameworkCore.PostgreSQL 10.0.3")

EF_PROGRAM = """// EF Core migrations applied as its docs show it at start-up: Database.MigrateAsync(target), no logger configured.
// usage: ef sqlite|pg DB TARGET   (TARGET: a migration name or id, or head)
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

await using var db = new Bench.BenchContext(args[0], args[1]);
await db.Database.MigrateAsync(args[2] == "head" ? null : args[2]);
Console.WriteLine("up to date");

namespace Bench
{
    // No entities: the migrations are raw SQL, so there is no model snapshot to compare with (hence the ignored warning).
    public sealed class BenchContext(string kind, string db) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder o)
        {
            if (kind == "pg") o.UseNpgsql(db);
            else o.UseSqlite("Data Source=" + db);
            o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
    }
}
"""


def ef_id(i):
    return f"20250101{i:06d}_m{i}"


def ef(out):
    write(f"{out}/Ef.csproj", EF_CSPROJ)
    write(f"{out}/Program.cs", EF_PROGRAM)
    lines = ["using Microsoft.EntityFrameworkCore.Infrastructure;", "using Microsoft.EntityFrameworkCore.Migrations;",
             "namespace Bench;"]
    for i in range(1, N + 1):
        body = " ".join(f'b.Sql("{s}");' for s in sql(i))
        lines.append(f'[DbContext(typeof(BenchContext))] [Migration("{ef_id(i)}")] public sealed class M{i:05d} : Migration '
                     f"{{ protected override void Up(MigrationBuilder b) {{ {body} }} }}")
    write(f"{out}/Migrations.cs", "\n".join(lines) + "\n")


# ---------------------------------------------------------------- Evolve 3.2 (SQL files on disk)
# Not named "evolve": NuGet would see the app depend on itself, and the runtime would load the app as Evolve.dll.
EVOLVE_CSPROJ = csproj("evolvebench", "Evolve 3.2.0", "Microsoft.Data.Sqlite 10.0.15", "Npgsql 10.0.3")

EVOLVE_PROGRAM = """// Evolve with its defaults: SQL files from a folder, a transaction per script (CommitEach), its log to the console.
// usage: evolvebench sqlite|pg DB TARGET_VERSION SQL_FOLDER
using System.Data.Common;
using EvolveDb;
using EvolveDb.Migration;

DbConnection cn = args[0] == "pg" ? new Npgsql.NpgsqlConnection(args[1]) : new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + args[1]);
var evolve = new Evolve(cn, Console.WriteLine)
{
    Locations = [args[3]],
    IsEraseDisabled = true,
    TargetVersion = new MigrationVersion(args[2]),
};
evolve.Migrate();
Console.WriteLine("up to date");
"""


def evolve(out):
    write(f"{out}/EvolveBench.csproj", EVOLVE_CSPROJ)
    write(f"{out}/Program.cs", EVOLVE_PROGRAM)
    for i in range(1, N + 1):
        write(f"{out}/sql/V{i}__m{i}.sql", ";\n".join(sql(i)) + ";\n")


# ---------------------------------------------------------------- grate 2.3 (its dotnet tool, run.sh installs it)
def grate(out, n):
    """grate runs every script of its folders, so each count has a folder of its own; `up` holds the one-time scripts."""
    for i in range(1, n + 1):
        write(f"{out}/{n}/up/{i:05d}_m{i}.sql", ";\n".join(sql(i)) + ";\n")


# ---------------------------------------------------------------- Alembic (Debian python3-alembic), generic template
ALEMBIC_INI = """[alembic]
script_location = %(here)s/alembic
sqlalchemy.url = sqlite:///%(here)s/bench.db

[loggers]
keys = root,sqlalchemy,alembic
[handlers]
keys = console
[formatters]
keys = generic
[logger_root]
level = WARN
handlers = console
qualname =
[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine
[logger_alembic]
level = INFO
handlers =
qualname = alembic
[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic
[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

# The generic template's env.py (online only); the URL may come from BENCH_URL.
ENV_PY = """import os
from logging.config import fileConfig
from sqlalchemy import engine_from_config, pool
from alembic import context

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
if os.environ.get("BENCH_URL"):
    config.set_main_option("sqlalchemy.url", os.environ["BENCH_URL"])

connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
"""


def alembic(out):
    write(f"{out}/alembic.ini", ALEMBIC_INI)
    write(f"{out}/alembic/env.py", ENV_PY)
    for i in range(1, N + 1):
        down = "None" if i == 1 else f"'{rev(i - 1)}'"
        body = "\n".join(f'    op.execute("{s}")' for s in sql(i))
        write(f"{out}/alembic/versions/{rev(i)}_m{i}.py",
              f'"""m{i}"""\nfrom alembic import op\n\nrevision = \'{rev(i)}\'\ndown_revision = {down}\n'
              f"branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n{body}\n\n\ndef downgrade():\n    pass\n")


# ---------------------------------------------------------------- the limit: the same SQL through the CLIs
def cli(out, n, pg):
    now = "now()::text" if pg else "datetime('now')"
    with open(out, "w") as f:
        f.write("CREATE TABLE IF NOT EXISTS schema_version (version bigint primary key, applied_at text);\n")
        f.write("SELECT max(version) FROM schema_version;\n")
        for i in range(1, n + 1):
            f.write("BEGIN;\n" + "".join(s + ";\n" for s in sql(i)) + f"INSERT INTO schema_version VALUES ({i}, {now});\nCOMMIT;\n")


ours(f"{WORK}/ours")
write(f"{WORK}/floor/Floor.csproj", FLOOR_CSPROJ)
write(f"{WORK}/floor/Program.cs", FLOOR_PROGRAM)
fm(f"{WORK}/fm")
dbup(f"{WORK}/dbup")
alembic(f"{WORK}/alembic")
ef(f"{WORK}/ef")
evolve(f"{WORK}/evolvebench")
for n in (N // 2, N - 1, N):  # scenario 1, scenario 5's start state, scenarios 2 and 5
    grate(f"{WORK}/grate", n)
for n in (N // 2, N):
    cli(f"{WORK}/cli{n}.sql", n, False)
    cli(f"{WORK}/cli{n}_pg.sql", n, True)
