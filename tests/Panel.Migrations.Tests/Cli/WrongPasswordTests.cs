using System;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Concurrency;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// The sample's <c>upgrade</c>, as a process, against the real test servers with a wrong password: a clear error naming
/// the failed authentication and the fix, a non-zero exit, neither the wrong nor the right password printed, and the
/// database left empty.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWrongPasswordTests(PostgresFixture postgres)
{
    [PostgresFact]
    public async Task AWrongPasswordIsAClearErrorWithoutThePassword()
    {
        var server = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync());
        await WrongPassword.AssertRefusedAsync(
            $"postgresql://{Uri.EscapeDataString(server.Username!)}:{WrongPassword.Value}@{server.Host}:{server.Port}/{server.Database}",
            server.Password!, "password authentication failed");

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        Assert.Empty(await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    }
}

/// <summary>The MariaDB case of <see cref="PostgresWrongPasswordTests"/>.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbWrongPasswordTests(MariaDbFixture mariaDb)
{
    [MariaDbFact]
    public async Task AWrongPasswordIsAClearErrorWithoutThePassword()
    {
        var server = new MySqlConnectionStringBuilder(await mariaDb.CreateDatabaseAsync());
        await WrongPassword.AssertRefusedAsync(
            $"mysql://{Uri.EscapeDataString(server.UserID)}:{WrongPassword.Value}@{server.Server}:{server.Port}/{server.Database}",
            server.Password, "Access denied");

        await using var connection = new MySqlConnection(server.ConnectionString);
        Assert.Empty(await connection.QueryAsync<string>("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
    }
}

/// <summary>The run and checks both servers share.</summary>
internal static class WrongPassword
{
    public const string Value = "Wr0ng-Pa55-7f3e";

    public static async Task AssertRefusedAsync(string databaseUri, string rightPassword, string serverSays)
    {
        var run = await SampleProcesses.RunAsync(databaseUri, "upgrade");

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        var error = run.Error.Trim().Split('\n').Last();
        Assert.StartsWith("FAILED: Cannot connect to the", error);
        Assert.Contains(serverSays, error);
        Assert.Contains("Check DATABASE_URI", error);
        Assert.Contains(":***@", run.Output);
        Assert.DoesNotContain(Value, run.Output + run.Error);
        Assert.DoesNotContain(rightPassword, run.Output + run.Error);
    }
}
