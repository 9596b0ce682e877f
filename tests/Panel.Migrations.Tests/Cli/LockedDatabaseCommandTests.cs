using System;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// A database another process holds past the lock timeout, through the command line: exit code 3 (database error), the
/// documented sentence (docs/guide.md: "database is locked: stop the panel or wait; the migration changed nothing") and
/// the version rows as they were. The lock timeout is 1 s (MigrationOptions.LockTimeout through ConfigureMigrations).
/// </summary>
public sealed class SqliteLockedDatabaseCommandTests : IDisposable
{
    private readonly CliHarness _cli = Harness();

    public void Dispose() => _cli.Dispose();

    /// <summary>The command line over 001 ← 002 with a lock timeout of 1 s and no retries, shared by the three databases' classes.</summary>
    internal static CliHarness Harness() => new(TestMigrations.Graph("001", "002 <- 001"))
    {
        Configure = o => o with { ConfigureMigrations = m => m with { LockTimeout = TimeSpan.FromSeconds(1), Retry = RetryPolicy.None } },
    };

    // The panel in the middle of a commit holds SQLite's exclusive lock: not even a read gets through, so every command
    // meets SQLite's own "database is locked" opening the database (it said "Cannot connect ... Check DATABASE_URI" before).
    // Another writer's write lock (BEGIN IMMEDIATE) is SqliteUriTimeoutTests' "stayed locked for 1 s".
    [Fact]
    public async Task An_exclusive_lock_held_past_the_timeout_is_refused_with_exit_code_3_and_nothing_changes()
    {
        await _cli.RunAsync("upgrade", "001");
        await using var panel = new SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False");
        await panel.OpenAsync();
        await using (var exclusive = panel.CreateCommand())
        {
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync();
        }

        var current = await _cli.RunAsync("current");
        var upgrade = await _cli.RunAsync("upgrade", "--no-backup");

        foreach (var run in new[] { current, upgrade })
        {
            Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
            Assert.Contains($"FAILED: The SQLite database {_cli.DatabasePath} is locked (SQLite error 5: database is locked): the panel or another tool is using it; " +
                            "nothing was changed. Stop it or wait, then run the command again.", run.Error, StringComparison.Ordinal);
        }
        await using (var rollback = panel.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.Equal(["001"], _cli.VersionRows());
    }
}

/// <summary>Another runner holds PostgreSQL's advisory lock of the version table past the timeout.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLockedDatabaseCommandTests(PostgresFixture postgres) : IDisposable
{
    private readonly CliHarness _cli = SqliteLockedDatabaseCommandTests.Harness();

    public void Dispose() => _cli.Dispose();

    [PostgresFact]
    public async Task The_lock_held_past_the_timeout_is_refused_with_exit_code_3_and_nothing_changes()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        _cli.Environment["DATABASE_URI"] = TestDatabaseUris.PostgreSql(connectionString).Uri;
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "001")).ExitCode);
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_lock({Panel.Migrations.Execution.PostgreSqlAdapter.LockKey("alembic_version")})", other))
            await hold.ExecuteNonQueryAsync();

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.Contains("Another migration runner has held the lock on this database for 1 s; nothing was changed.", run.Error, StringComparison.Ordinal);
        await other.CloseAsync();
        Assert.StartsWith("001", (await _cli.RunAsync("current")).Out, StringComparison.Ordinal);
    }
}

/// <summary>Another runner holds MariaDB's user lock of the version table past the timeout.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbLockedDatabaseCommandTests(MariaDbFixture mariadb) : IDisposable
{
    private readonly CliHarness _cli = SqliteLockedDatabaseCommandTests.Harness();

    public void Dispose() => _cli.Dispose();

    [MariaDbFact]
    public async Task The_lock_held_past_the_timeout_is_refused_with_exit_code_3_and_nothing_changes()
    {
        var connectionString = await mariadb.CreateDatabaseAsync();
        _cli.Environment["DATABASE_URI"] = TestDatabaseUris.MySql(connectionString).Uri;
        Assert.Equal(0, (await _cli.RunAsync("upgrade", "001")).ExitCode);
        await using var other = new MySqlConnection(connectionString);
        await other.OpenAsync();
        await using (var hold = new MySqlCommand("SELECT GET_LOCK(@name, 0)", other))
        {
            hold.Parameters.AddWithValue("name", Panel.Migrations.Execution.MySqlAdapter.LockName(other.Database, "alembic_version"));
            Assert.Equal(1L, Convert.ToInt64(await hold.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.Contains("Another migration runner has held the lock on this database for 1 s (MySQL user lock 'panel_migrations.", run.Error, StringComparison.Ordinal);
        Assert.Contains("see SHOW PROCESSLIST); nothing was changed.", run.Error, StringComparison.Ordinal);
        await other.CloseAsync();
        Assert.StartsWith("001", (await _cli.RunAsync("current")).Out, StringComparison.Ordinal);
    }
}
