using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Compatibility;

/// <summary>
/// A database that Alembic itself migrated (Debian's python3-alembic, revisions a and b of
/// tests/fixtures/alembic) is carried on to head by Panel.Migrations, without a reset.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AlembicCarryOnTests(PostgresFixture postgres) : IDisposable
{
    private static readonly MigrationMap Linear = TestMigrations.Graph("a", "b <- a", "c <- b", "d <- c");
    private readonly SqliteFiles _files = new();

    [Fact]
    public async Task SqliteDatabaseMigratedByAlembicIsCarriedOnToHead()
    {
        var path = _files.NewPath();
        await RunAlembicAsync("sqlite:///" + path, "upgrade", "b");
        var runner = new MigrationRunner(Linear, MigrationOptions.ForSqlite(path));
        Assert.Equal(["b"], await runner.CurrentAsync());

        var result = await runner.UpgradeAsync();

        Assert.Equal(["c", "d"], result.Steps.Select(s => s.Revision));
        Assert.Equal(["d"], await runner.CurrentAsync());

        // And back: Alembic reads what we wrote, and downgrades from there.
        await runner.DowngradeAsync("b");
        await RunAlembicAsync("sqlite:///" + path, "downgrade", "base");
        Assert.Empty(await runner.CurrentAsync());
    }

    [PostgresFact]
    public async Task PostgreSqlDatabaseMigratedByAlembicIsCarriedOnToHead()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var url = $"postgresql://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password ?? "")}@{builder.Host}:{builder.Port}/{builder.Database}";
        await RunAlembicAsync(url, "upgrade", "b");
        var runner = new MigrationRunner(Linear, MigrationOptions.ForPostgreSql(connectionString));

        var result = await runner.UpgradeAsync();

        Assert.Equal(["c", "d"], result.Steps.Select(s => s.Revision));
        Assert.Equal(["d"], await runner.CurrentAsync());
        await runner.DowngradeAsync("a");
        await RunAlembicAsync(url, "upgrade", "b");
        Assert.Equal(["b"], await runner.CurrentAsync());
    }

    // Debian's interpreter, not whatever python3 comes first on PATH: python3-alembic lives there.
    private static async Task RunAlembicAsync(string url, params string[] command)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-m", "alembic", "-c", RepositoryPaths.Of("tests", "fixtures", "alembic", "alembic.ini"), "-x", "url=" + url, .. command])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"alembic {string.Join(' ', command)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    public void Dispose() => _files.Dispose();
}
