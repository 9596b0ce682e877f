using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Panel.Migrations.Tests.Configuration;

public class DatabaseUriSqliteTests
{
    private static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "panel-config-base");

    [Fact]
    public void RelativePathIsResolvedAgainstTheGivenBaseDirectory()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:///data/default.db", BaseDirectory);

        Assert.Equal(DatabaseKind.Sqlite, uri.Kind);
        Assert.Equal(Path.Combine(BaseDirectory, "data", "default.db"), uri.SqliteFilePath);
        Assert.Equal(uri.SqliteFilePath, uri.Database);
        Assert.False(uri.IsInMemory);
        Assert.Null(uri.Host);
        Assert.Null(uri.Port);
        Assert.Null(uri.User);
        Assert.False(uri.HasPassword);
    }

    [Fact]
    public void RelativePathDefaultsToTheCurrentDirectory()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:///data/default.db");

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "default.db"), uri.SqliteFilePath);
    }

    [Fact]
    public void RelativePathIsNormalised()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:///./data/../db/x.db", BaseDirectory);

        Assert.Equal(Path.Combine(BaseDirectory, "db", "x.db"), uri.SqliteFilePath);
    }

    [Fact]
    public void FourSlashesMeanAnAbsolutePathThatIgnoresTheBaseDirectory()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:////var/lib/panel/default.db", BaseDirectory);

        Assert.Equal(Path.GetFullPath("/var/lib/panel/default.db"), uri.SqliteFilePath);
        Assert.False(uri.IsInMemory);
    }

    [Fact]
    public void PathIsPercentDecoded()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:////tmp/my%20panel/a%3Fb.db", BaseDirectory);

        Assert.Equal(Path.GetFullPath("/tmp/my panel/a?b.db"), uri.SqliteFilePath);
    }

    [Fact]
    public void DriverSuffixIsAcceptedAndIgnored()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite+pysqlite:///data/x.db", BaseDirectory);

        Assert.Equal(DatabaseKind.Sqlite, uri.Kind);
        Assert.Equal("sqlite+pysqlite", uri.Scheme);
        Assert.Equal(Path.Combine(BaseDirectory, "data", "x.db"), uri.SqliteFilePath);
    }

    [Theory]
    [InlineData("sqlite://")]
    [InlineData("sqlite:///:memory:")]
    [InlineData("  sqlite://  ")]
    [InlineData("SQLite://")]
    public void InMemoryForms(string text)
    {
        DatabaseUri uri = DatabaseUri.Parse(text, BaseDirectory);

        Assert.True(uri.IsInMemory);
        Assert.Null(uri.SqliteFilePath);
        Assert.Equal(":memory:", uri.Database);
        Assert.Equal("sqlite:///:memory:", uri.ToString());
    }

    [Fact]
    public void FileConnectionStringIsPooledAndPointsAtTheResolvedPath()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:///data/default.db", BaseDirectory);
        var builder = new SqliteConnectionStringBuilder(uri.ToConnectionString());

        Assert.Equal(Path.Combine(BaseDirectory, "data", "default.db"), builder.DataSource);
        Assert.True(builder.Pooling);
        Assert.Equal(SqliteOpenMode.ReadWriteCreate, builder.Mode);
        Assert.Equal(uri.ToConnectionString(), uri.ToMaskedConnectionString());
    }

    [Fact]
    public void InMemoryConnectionStringUsesASharedCacheThatSeveralConnectionsSee()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite://");
        var builder = new SqliteConnectionStringBuilder(uri.ToConnectionString());
        Assert.Equal(DatabaseUri.InMemoryDatabaseName, builder.DataSource);
        Assert.Equal(SqliteOpenMode.Memory, builder.Mode);
        Assert.Equal(SqliteCacheMode.Shared, builder.Cache);

        using var first = new SqliteConnection(uri.ToConnectionString());
        first.Open();
        using (SqliteCommand create = first.CreateCommand())
        {
            create.CommandText = "CREATE TABLE shared_probe (x INTEGER); INSERT INTO shared_probe VALUES (42);";
            create.ExecuteNonQuery();
        }

        using var second = new SqliteConnection(DatabaseUri.Parse("sqlite:///:memory:").ToConnectionString());
        second.Open();
        using SqliteCommand read = second.CreateCommand();
        read.CommandText = "SELECT x FROM shared_probe";
        Assert.Equal(42L, read.ExecuteScalar());

        using SqliteCommand drop = first.CreateCommand();
        drop.CommandText = "DROP TABLE shared_probe";
        drop.ExecuteNonQuery();
    }

    [Fact]
    public void FileConnectionStringOpensARealDatabase()
    {
        string directory = Path.Combine(Path.GetTempPath(), "panel-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            DatabaseUri uri = DatabaseUri.Parse("sqlite:///probe.db", directory);
            using (var connection = new SqliteConnection(uri.ToConnectionString()))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE t (x INTEGER)";
                command.ExecuteNonQuery();
            }

            SqliteConnection.ClearAllPools();
            Assert.True(File.Exists(Path.Combine(directory, "probe.db")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void QueryParametersMapToTheSqliteBuilder()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:///data/x.db?mode=ro&timeout=2.5&check_same_thread=False", BaseDirectory);
        var builder = new SqliteConnectionStringBuilder(uri.ToConnectionString());

        Assert.Equal(SqliteOpenMode.ReadOnly, builder.Mode);
        Assert.Equal(3, builder.DefaultTimeout);
        Assert.Equal("ro", uri.Query["MODE"]);
        Assert.Equal(3, uri.QueryParameters.Count);
    }

    [Fact]
    public void ToStringShowsTheResolvedAbsolutePathAndParsesBack()
    {
        DatabaseUri uri = DatabaseUri.Parse("sqlite:///data/default.db", "/srv/panel");

        Assert.Equal("sqlite:////srv/panel/data/default.db", uri.ToString());
        Assert.Equal(uri.SqliteFilePath, DatabaseUri.Parse(uri.ToString(), "/elsewhere").SqliteFilePath);
    }
}
