using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Configuration;

public class MigrationSettingsTests
{
    private const string Base = "/srv/panel";

    private static MigrationSettings From(string? environment, string? databaseUri)
    {
        var variables = new Dictionary<string, string?>
        {
            ["ENVIRONMENT"] = environment,
            ["DATABASE_URI"] = databaseUri,
        };
        return MigrationSettings.FromEnvironment(name => variables.TryGetValue(name, out string? value) ? value : null, Base);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("development")]
    [InlineData("Development")]
    public void DevelopmentIsTheDefaultAndUsesTheDefaultSqliteFile(string? environment)
    {
        MigrationSettings settings = From(environment, null);

        Assert.Equal(MigrationEnvironment.Development, settings.Environment);
        Assert.True(settings.IsDefaultDatabase);
        Assert.Equal(DatabaseKind.Sqlite, settings.DatabaseUri.Kind);
        Assert.Equal(Path.GetFullPath("/srv/panel/data/default.db"), settings.DatabaseUri.SqliteFilePath);
        Assert.Equal("development: sqlite:////srv/panel/data/default.db (default)", settings.ToString());
    }

    [Fact]
    public void TestingDefaultsToItsOwnSqliteFile()
    {
        MigrationSettings settings = From(" TESTING ", null);

        Assert.Equal(MigrationEnvironment.Testing, settings.Environment);
        Assert.True(settings.IsDefaultDatabase);
        Assert.Equal(Path.GetFullPath("/srv/panel/data/test.db"), settings.DatabaseUri.SqliteFilePath);
    }

    [Fact]
    public void ProductionRequiresDatabaseUri()
    {
        var e = Assert.Throws<MigrationConfigurationException>(() => From("production", null));

        Assert.Equal(
            "ENVIRONMENT is 'production' but DATABASE_URI is not set. Production never falls back to a default database: "
            + "set DATABASE_URI, e.g. postgresql://user:password@host:5432/database or mysql://user:password@host:3306/database.",
            e.Message);
    }

    [Fact]
    public void ProductionTreatsABlankDatabaseUriAsUnset() =>
        Assert.Throws<MigrationConfigurationException>(() => From("production", "   "));

    [Theory]
    [InlineData(null, MigrationEnvironment.Development)]
    [InlineData("development", MigrationEnvironment.Development)]
    [InlineData("testing", MigrationEnvironment.Testing)]
    [InlineData("production", MigrationEnvironment.Production)]
    public void DatabaseUriWinsInEveryEnvironment(string? environment, MigrationEnvironment expected)
    {
        MigrationSettings settings = From(environment, " postgresql://panel:pw@db:5432/panel ");

        Assert.Equal(expected, settings.Environment);
        Assert.False(settings.IsDefaultDatabase);
        Assert.Equal(DatabaseKind.PostgreSql, settings.DatabaseUri.Kind);
        Assert.Equal("db", settings.DatabaseUri.Host);
        Assert.Equal(MigrationSettings.NameOf(expected) + ": postgresql://panel:***@db:5432/panel", settings.ToString());
    }

    [Fact]
    public void RelativeSqliteDatabaseUriIsResolvedAgainstTheBaseDirectory()
    {
        MigrationSettings settings = From("testing", "sqlite:///var/x.db");

        Assert.Equal(Path.GetFullPath("/srv/panel/var/x.db"), settings.DatabaseUri.SqliteFilePath);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    [InlineData("test")]
    public void UnknownEnvironmentListsTheValidOnes(string environment)
    {
        var e = Assert.Throws<MigrationConfigurationException>(() => From(environment, "sqlite://"));

        Assert.Equal(
            $"ENVIRONMENT '{environment}' is not a known environment. Set it to one of: development, production, testing "
            + "(unset means development).",
            e.Message);
    }

    [Fact]
    public void MalformedDatabaseUriIsReportedWithoutThePassword()
    {
        var e = Assert.Throws<DatabaseUriException>(() => From("production", "postgres://panel:Hidden-77@db"));

        Assert.StartsWith("DATABASE_URI 'postgres://panel:***@db' has no database name", e.Message, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden-77", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsOnlyTheTwoVariablesThroughTheInjectedReader()
    {
        var asked = new List<string>();
        MigrationSettings.FromEnvironment(name => { asked.Add(name); return null; }, Base);

        Assert.Equal(new[] { "ENVIRONMENT", "DATABASE_URI" }, asked);
    }

    // The default reader is the process environment, and AddPanelMigrations with Migration left null reads it too. Each
    // case runs in a child process with its own variables: the test run's environment is shared by parallel tests.
    [Theory]
    [InlineData("testing", "sqlite:///panel.db", "testing: sqlite:///{0}/panel.db")]
    [InlineData(null, null, "development: sqlite:///{0}/data/default.db (default)")]
    public async Task DefaultReaderIsTheProcessEnvironment(string? environment, string? databaseUri, string expected)
    {
        using var files = new SqliteFiles();
        Directory.CreateDirectory(Path.Combine(files.Folder, "data"));
        var (exitCode, stdout, stderr) = await RunChildAsync(files.Folder, environment, databaseUri);

        Assert.True(exitCode == 0, stderr);
        var settings = string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, files.Folder);
        var uri = settings[(settings.IndexOf(' ') + 1)..].Replace(" (default)", "", System.StringComparison.Ordinal);
        Assert.Equal(["settings: " + settings, $"hosted: {uri} at a"], stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ProductionWithoutDatabaseUriInTheProcessEnvironmentIsRefused()
    {
        using var files = new SqliteFiles();
        var (exitCode, _, stderr) = await RunChildAsync(files.Folder, "production", null);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("ENVIRONMENT is 'production' but DATABASE_URI is not set.", stderr, System.StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunChildAsync(string folder, string? environment, string? databaseUri)
    {
        var start = Batch.ChildProcess.StartInfo("environment-child", folder);
        start.WorkingDirectory = folder;
        start.Environment.Remove("ENVIRONMENT");
        start.Environment.Remove("DATABASE_URI");
        if (environment is not null)
            start.Environment["ENVIRONMENT"] = environment;
        if (databaseUri is not null)
            start.Environment["DATABASE_URI"] = databaseUri;
        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        return (child.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public void ExplicitConstructor()
    {
        var settings = new MigrationSettings(MigrationEnvironment.Testing, DatabaseUri.Parse("sqlite://"));

        Assert.Equal("testing: sqlite:///:memory:", settings.ToString());
        Assert.False(settings.IsDefaultDatabase);
    }
}
