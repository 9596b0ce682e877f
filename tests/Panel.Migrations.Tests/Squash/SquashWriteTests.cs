using System;
using System.IO;
using System.Threading.Tasks;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Squash;

/// <summary>
/// <c>squash START:END</c> proves the squash before it writes it: the squash's operations run on a scratch database of the
/// configured kind and must build what the chain builds; otherwise nothing is written.
/// </summary>
public abstract class SquashWriteTests : IDisposable
{
    private static MigrationInfo Info(string revision, string? parent, Func<Migration> create) =>
        new(revision, parent is null ? [] : [parent], "rev " + revision, create);

    // Portable, so the same chain runs on each database: a makes t_a; b a table, an index and a seed row; c changes that row.
    private static readonly MigrationInfo[] Chain =
    [
        Info("a", null, () => new TestMigrations.CreatesTable("a")),
        Info("b", "a", () => new Seeds()),
        Info("c", "b", () => new TestMigrations.RunsSql("UPDATE t_a SET name = 'renamed' WHERE id = 1")),
        Info("d", "c", () => new TestMigrations.CreatesTable("d")),
    ];

    private protected CliHarness Cli { get; } = new(new MigrationMap(Chain));

    public void Dispose() => Cli.Dispose();

    /// <summary>Points the harness's DATABASE_URI at a new database of this kind.</summary>
    protected abstract Task UseDatabaseAsync();

    protected abstract string Kind { get; }

    /// <summary>A table this database makes that the schema writer cannot express, and what the refusal says of it.</summary>
    protected abstract (string Sql, string Refusal) Inexpressible { get; }

    [Fact]
    public async Task A_squash_is_verified_on_a_scratch_database_before_it_is_written()
    {
        await UseDatabaseAsync();
        var output = Path.Combine(Cli.Folder, "Squashes", "Squash.cs");

        var run = await Cli.RunAsync("squash", "base:c", "-m", "Squash a to c", "--rev-id", "s01", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Verified on {Kind} before writing: it builds the same schema and version table as a, b, c.", run.Out);
        var text = File.ReadAllText(output);
        Assert.Contains("Replaces = new[] { \"a\", \"b\", \"c\" }", text);
        Assert.Contains("op.CreateIndex(\"ix_hosts_name\", \"hosts\", [\"name\"]);", text);
        // Portable types and no default where the chain gave none, as each database reports them (MariaDB: int(11), a NULL default).
        Assert.Contains(".Column(\"id\", SqlType.Integer, primaryKey: true)\n            .Column(\"name\", SqlType.String(50)));", text);
    }

    [Fact]
    public async Task A_squash_whose_verification_fails_is_refused_naming_what_differs_and_nothing_is_written()
    {
        await UseDatabaseAsync();
        Cli.Map = new MigrationMap([new MigrationInfo("a", [], "codes", () => new TestMigrations.RunsSql(Inexpressible.Sql.Split("; ")))]);
        var output = Path.Combine(Cli.Folder, "Squashes", "Squash.cs");

        var run = await Cli.RunAsync("squash", "base:a", "-m", "Squash codes", "--rev-id", "s01", "--output", output);

        Assert.Equal(ExitCodes.CheckFailed, run.ExitCode);
        Assert.Contains(Inexpressible.Refusal, run.Out + run.Error);
        Assert.Contains("othing was written", run.Error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(output)));
    }

    private sealed class Seeds : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.CreateTable("hosts", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("name", SqlType.String(50)));
            op.CreateIndex("ix_hosts_name", "hosts", ["name"]);
            op.InsertRows("t_a", ["id", "name"], [new object?[] { 1, "first" }]);
        }
    }
}

public sealed class SqliteSquashWriteTests : SquashWriteTests
{
    protected override string Kind => "Sqlite";

    protected override Task UseDatabaseAsync() => Task.CompletedTask;

    // SQLite lets a primary key other than the rowid hold NULL; the portable operations make every primary key NOT NULL.
    protected override (string Sql, string Refusal) Inexpressible =>
        ("CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT)", "different nullability of column codes.code: the chain makes it NULL, squash s01 makes it NOT NULL");
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSquashWriteTests(PostgresFixture postgres) : SquashWriteTests
{
    protected override string Kind => "PostgreSql";

    // The catalog gives a generated column's expression as its default, which PostgreSQL refuses as a DEFAULT.
    protected override (string Sql, string Refusal) Inexpressible =>
        ("CREATE TABLE codes (code int, twice int GENERATED ALWAYS AS (code * 2) STORED)", "Building revision a in a scratch database failed");

    protected override async Task UseDatabaseAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync());
        var password = string.IsNullOrEmpty(server.Password) ? "" : ":" + Uri.EscapeDataString(server.Password);
        Cli.Environment["DATABASE_URI"] = $"postgresql://{Uri.EscapeDataString(server.Username!)}{password}@{server.Host}:{server.Port}/{server.Database}";
    }
}

[Collection(MariaDbCollection.Name)]
public sealed class MariaDbSquashWriteTests(MariaDbFixture mariadb) : SquashWriteTests
{
    protected override string Kind => "MySql";

    // information_schema gives a view's definition with the database's name in each table reference.
    protected override (string Sql, string Refusal) Inexpressible =>
        ("CREATE TABLE codes (code int); CREATE VIEW live_codes AS SELECT code FROM codes", "Building revision a in a scratch database failed");

    protected override async Task UseDatabaseAsync()
    {
        var server = new MySqlConnectionStringBuilder(await mariadb.CreateDatabaseAsync());
        Cli.Environment["DATABASE_URI"] = $"mariadb://{Uri.EscapeDataString(server.UserID)}:{Uri.EscapeDataString(server.Password)}@{server.Server}:{server.Port}/{server.Database}";
    }
}
