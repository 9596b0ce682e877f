using System;
using System.Diagnostics;
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
/// #25 item 7: a SQLite URI's <c>?timeout=</c> bounds the wait for a busy database, and a URI whose scheme does not
/// match the server at its port fails with a sentence saying so, without retrying for minutes.
/// </summary>
public sealed class SqliteUriTimeoutTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_uri_timeout_bounds_the_wait_for_another_writer()
    {
        await _cli.RunAsync("upgrade", "001");
        await using var other = new SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False");
        await other.OpenAsync();
        await using var holding = await other.BeginTransactionAsync(System.Data.IsolationLevel.Serializable); // BEGIN IMMEDIATE: the write lock
        _cli.Environment["DATABASE_URI"] = $"sqlite:///{_cli.DatabasePath}?timeout=1";
        var clock = Stopwatch.StartNew();

        var run = await _cli.RunAsync("upgrade", "--no-backup");

        // The default lock timeout is 2 minutes; the URI asked for 1 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"waited {clock.Elapsed} for a lock the URI bounded to 1 s");
        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.Contains("stayed locked for 1 s; nothing was changed", run.Error, StringComparison.Ordinal);
        await holding.RollbackAsync();
        Assert.Equal(["001"], _cli.VersionRows());
    }
}

/// <summary>A <c>mysql://</c> URI at the PostgreSQL test server's port.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MySqlUriAtPostgresPortTests(PostgresFixture postgres) : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001"));

    public void Dispose() => _cli.Dispose();

    [PostgresFact]
    public async Task Says_nothing_greeted_as_MySQL_and_does_not_retry()
    {
        var server = new NpgsqlConnectionStringBuilder(postgres.ServerConnectionString);
        _cli.Environment["DATABASE_URI"] = $"mysql://panel:secret-pw@{server.Host}:{server.Port}/panel?connect_timeout=2";

        var run = await _cli.RunAsync("current");

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.StartsWith($"FAILED: No MySQL/MariaDB server answered at {server.Host}:{server.Port} within 2 s: something accepted the connection but did not greet as MySQL does",
                          run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", run.Out + run.Error, StringComparison.Ordinal);
    }
}

/// <summary>A <c>postgresql://</c> URI at the MariaDB test server's port.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class PostgresUriAtMariaDbPortTests(MariaDbFixture mariaDb) : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001"));

    public void Dispose() => _cli.Dispose();

    [MariaDbFact]
    public async Task Says_the_server_did_not_answer_as_PostgreSQL()
    {
        var server = new MySqlConnectionStringBuilder(mariaDb.ServerConnectionString);
        _cli.Environment["DATABASE_URI"] = $"postgresql://panel:secret-pw@{server.Server}:{server.Port}/panel";

        var run = await _cli.RunAsync("current");

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.StartsWith($"FAILED: The server at {server.Server}:{server.Port} did not answer as PostgreSQL does", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", run.Out + run.Error, StringComparison.Ordinal);
    }
}
