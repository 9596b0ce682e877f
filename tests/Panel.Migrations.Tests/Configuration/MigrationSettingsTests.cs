using System.Collections.Generic;
using System.IO;
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

    [Fact]
    public void DefaultReaderIsTheProcessEnvironment()
    {
        // Reads the real process environment without changing it; only checks that it produces consistent settings.
        string? environment = System.Environment.GetEnvironmentVariable("ENVIRONMENT");
        string? uri = System.Environment.GetEnvironmentVariable("DATABASE_URI");
        if (environment is null && uri is null)
        {
            MigrationSettings settings = MigrationSettings.FromEnvironment(baseDirectory: Base);
            Assert.Equal(MigrationEnvironment.Development, settings.Environment);
            Assert.True(settings.IsDefaultDatabase);
        }
    }

    [Fact]
    public void ExplicitConstructor()
    {
        var settings = new MigrationSettings(MigrationEnvironment.Testing, DatabaseUri.Parse("sqlite://"));

        Assert.Equal("testing: sqlite:///:memory:", settings.ToString());
        Assert.False(settings.IsDefaultDatabase);
    }
}
