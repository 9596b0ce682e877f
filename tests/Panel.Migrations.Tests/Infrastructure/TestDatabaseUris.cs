using System;
using MySqlConnector;
using Npgsql;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// The <c>DATABASE_URI</c> of a test server's database, as a user writes it, and the same URI as the command line shows
/// it (password masked).
/// </summary>
internal static class TestDatabaseUris
{
    public static (string Uri, string Shown) PostgreSql(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        return Both("postgresql", c.Username!, c.Password, c.Host!, c.Port, c.Database!);
    }

    public static (string Uri, string Shown) MySql(string connectionString)
    {
        var c = new MySqlConnectionStringBuilder(connectionString);
        return Both("mysql", c.UserID, c.Password, c.Server, (int)c.Port, c.Database);
    }

    private static (string, string) Both(string scheme, string user, string? password, string host, int port, string database)
    {
        var secret = string.IsNullOrEmpty(password) ? "" : ":" + Uri.EscapeDataString(password);
        var shown = string.IsNullOrEmpty(password) ? "" : ":***";
        var name = Uri.EscapeDataString(user);
        return ($"{scheme}://{name}{secret}@{host}:{port}/{database}", $"{scheme}://{name}{shown}@{host}:{port}/{database}");
    }
}
