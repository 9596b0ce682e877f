using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>The names one test server goes by: in messages, in the environment and under tests/scripts.</summary>
/// <param name="Server">The product, for messages ("PostgreSQL").</param>
/// <param name="Tests">What the skipped or failing tests are called in messages ("PostgreSQL tests").</param>
/// <param name="ConnectionVariable">Environment variable with the server's connection string.</param>
/// <param name="SkipVariable">Environment variable a developer sets to 1 to skip the tests (ignored in CI).</param>
/// <param name="SkipReason">The skip reason shown for every test when skipping was asked for.</param>
/// <param name="Script">The start/stop script's file name under tests/scripts.</param>
/// <param name="StateFileVariable">The script's environment variable naming its state file.</param>
/// <param name="StateFilePrefix">File name prefix of the state files the fixture makes in the temp folder.</param>
internal sealed record ServerNames(
    string Server,
    string Tests,
    string ConnectionVariable,
    string SkipVariable,
    string SkipReason,
    string Script,
    string StateFileVariable,
    string StateFilePrefix);

/// <summary>
/// A real database server for the tests of one xunit collection. Each test asks for its own fresh, empty
/// database with <see cref="CreateDatabaseAsync"/>; they are all dropped when the collection is done.
/// </summary>
/// <remarks>
/// The server comes from an environment variable (a connection string whose user may create databases),
/// which <c>test.sh</c> sets after starting the server's script under <c>tests/scripts</c>. When it is
/// missing outside CI, the fixture starts that script itself (and stops it at the end), so a plain
/// <c>dotnet test</c> works; in CI (CI=true) a missing variable fails every test of the collection, because
/// the database tests never skip there. The subclasses only say what differs: names, the ADO.NET types and
/// the CREATE/DROP DATABASE text.
/// </remarks>
public abstract class ServerFixture : IAsyncLifetime
{
    private const string DatabasePrefix = "panel_test_";

    private readonly ServerNames _names;
    private readonly List<string> _databases = new();
    private readonly string? _givenConnectionString;
    private string? _serverConnectionString;
    private ServerScript? _script;

    private protected ServerFixture(ServerNames names, string? givenConnectionString = null)
    {
        _names = names;
        _givenConnectionString = givenConnectionString;
    }

    /// <summary>True when CI=true (or 1).</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Connection string of the server's own test database (shared: tests use <see cref="CreateDatabaseAsync"/>).</summary>
    /// <exception cref="SkipException">A developer asked to skip this server's tests: a <c>[SkippableFact]</c> reports itself skipped.</exception>
    public string ServerConnectionString =>
        _serverConnectionString ?? (SkipAsked(_names.SkipVariable)
            ? throw new SkipException(_names.SkipReason)
            : throw new InvalidOperationException($"{GetType().Name} is not initialized"));

    /// <summary>True when this fixture started the server itself (and stops it at dispose).</summary>
    public bool StartedServer => _script is not null;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (SkipAsked(_names.SkipVariable))
        {
            return;
        }

        var connectionString = _givenConnectionString ?? Environment.GetEnvironmentVariable(_names.ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (InCi)
            {
                throw new InvalidOperationException(
                    $"{_names.ConnectionVariable} is not set and CI=true: run the tests through ./test.sh, which starts {_names.Server}. " +
                    $"The {_names.Tests} never skip in CI.");
            }

            connectionString = await StartServerAsync().ConfigureAwait(false);
        }

        // Fail here, once and clearly, rather than in every test.
        try
        {
            await using var connection = CreateConnection(connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Cannot connect to the {_names.Server} server of {_names.ConnectionVariable} ({Redact(connectionString)}): {e.Message}", e);
        }

        _serverConnectionString = connectionString;
    }

    /// <summary>
    /// Creates a new empty database <c>panel_test_&lt;guid&gt;</c> and returns its connection string.
    /// It is dropped when the fixture is disposed.
    /// </summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString;
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        await using (var connection = CreateConnection(WithoutPooling(server)))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = CreateDatabaseSql(name);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return WithDatabase(server, name);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            await DropDatabasesAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_script is { } script)
            {
                _script = null;
                await script.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when a developer set <paramref name="skipVariable"/> to 1; never in CI.</summary>
    private protected static bool SkipAsked(string skipVariable) =>
        Environment.GetEnvironmentVariable(skipVariable) == "1" && !InCi;

    /// <summary>A new, unopened connection of the server's ADO.NET provider.</summary>
    private protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>The connection string with pooling off, for the fixture's own short administrative connections.</summary>
    private protected abstract string WithoutPooling(string connectionString);

    /// <summary>The connection string pointed at another database of the same server.</summary>
    private protected abstract string WithDatabase(string connectionString, string database);

    /// <summary>Closes the provider's idle pooled connections, which would keep the databases busy.</summary>
    private protected abstract void ClearAllPools();

    /// <summary>The statement that creates the (fresh, safely named) database.</summary>
    private protected abstract string CreateDatabaseSql(string name);

    /// <summary>The statement that drops the database even when tests left connections open to it.</summary>
    private protected abstract string DropDatabaseSql(string name);

    private async Task DropDatabasesAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = _databases.ToArray();
            _databases.Clear();
        }

        if (names.Length == 0 || _serverConnectionString is null)
        {
            return;
        }

        ClearAllPools();
        await using var connection = CreateConnection(WithoutPooling(_serverConnectionString));
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in names)
        {
            await DropAsync(connection, name).ConfigureAwait(false);
        }
    }

    /// <summary>Drops one database of <see cref="CreateDatabaseAsync"/> now, rather than with the collection (a large one).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = (string)new DbConnectionStringBuilder { ConnectionString = connectionString }["Database"];
        lock (_databases)
        {
            if (!_databases.Remove(name))
            {
                throw new InvalidOperationException($"{name} is not a database this fixture created");
            }
        }

        await using var connection = CreateConnection(WithoutPooling(ServerConnectionString));
        await connection.OpenAsync().ConfigureAwait(false);
        await DropAsync(connection, name).ConfigureAwait(false);
    }

    private async Task DropAsync(DbConnection connection, string name)
    {
        // A server's background worker (PostgreSQL's autovacuum) may hold a test database for a moment, and a
        // non-superuser cannot terminate it: wait briefly and try again, a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = DropDatabaseSql(name);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (DbException) when (attempt < 10)
            {
                await Task.Delay(300).ConfigureAwait(false);
            }
        }
    }

    // The generic builder parses either provider's syntax; only the password is hidden.
    private static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "Pwd" })
            {
                if (builder.ContainsKey(key))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "<unparsable connection string>";
        }
    }

    private async Task<string> StartServerAsync()
    {
        var (script, connectionString) = await ServerScript.StartAsync(_names.Script, _names.StateFileVariable, _names.StateFilePrefix, _names.ConnectionVariable, _names.SkipVariable, _names.Tests).ConfigureAwait(false);
        _script = script;
        return connectionString;
    }
}
