using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

public sealed class SqliteFilesTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void NewPathsAreDistinctFreshFilesInTheFolder()
    {
        var first = _files.NewPath();
        var second = _files.NewPath();
        Assert.NotEqual(first, second);
        Assert.Equal(_files.Folder, Path.GetDirectoryName(first));
        Assert.False(File.Exists(first));
        Assert.False(File.Exists(second));
    }

    [Fact]
    public void DatabaseFileKeepsDataAcrossConnections()
    {
        var path = _files.NewPath();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE widget (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            Execute(connection, "INSERT INTO widget (name) VALUES ('a'), ('b')");
        }

        Assert.True(File.Exists(path));
        using var reopened = new SqliteConnection(connectionString);
        reopened.Open();
        using var command = reopened.CreateCommand();
        command.CommandText = "SELECT count(*) FROM widget";
        Assert.Equal(2L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public void DisposeRemovesTheFolderWithOpenedDatabases()
    {
        var files = new SqliteFiles();
        using (var connection = new SqliteConnection(files.NewConnectionString()))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE t (id INTEGER)");
        }

        Assert.Single(Directory.GetFiles(files.Folder, "*.db"));
        files.Dispose();
        Assert.False(Directory.Exists(files.Folder));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
