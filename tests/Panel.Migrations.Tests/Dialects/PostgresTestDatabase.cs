using System;
using Npgsql;

using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>
/// A fresh database on the PostgreSQL server named by PANEL_TEST_POSTGRES, created for one test class and
/// dropped WITH (FORCE) afterwards. Without the variable the tests fail and say how to set it.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    private readonly string? _adminConnectionString;
    private readonly NpgsqlConnection? _connection;

    public PostgresTestDatabase()
    {
        if (SkipReason is not null)
            return;
        _adminConnectionString = Environment.GetEnvironmentVariable(PostgresFixture.ConnectionVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: run ./test.sh, which starts one and sets {PostgresFixture.ConnectionVariable}, " +
                $"or set {PostgresFixture.SkipVariable}=1 to skip them.");
        Name = "panel_d_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            create.ExecuteNonQuery();
        }
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name, Pooling = false }.ConnectionString);
        _connection.Open();
    }

    /// <summary>Null when the PostgreSQL tests run; the reason when they are skipped on request.</summary>
    public static string? SkipReason => PostgresFixture.SkipRequested ? PostgresFixture.SkipReason : null;

    public string Name { get; } = "";

    public NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("PostgreSQL tests are skipped.");

    public void Dispose()
    {
        if (_connection is null)
            return;
        _connection.Dispose();
        using var admin = new NpgsqlConnection(_adminConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
