using System;
using System.Collections.Generic;
using System.Linq;
using AaPanel.Migrations;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Operations;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Sample;

/// <summary>
/// A real SQLite database built from aaPanel's own CREATE statements (Sample/aapanel-baseline.sql, with
/// plain Microsoft.Data.Sqlite) compared with what the baseline revision 001 declares.
/// </summary>
/// <remarks>
/// Not compared yet: the declared-type affinity of the portable columns (SqlType.Text, SqlType.Integer),
/// which needs the SQLite dialect's rendering; that dialect is not in this tree yet. Once it is, render the
/// baseline's CreateTable operations with it into a second file and compare both PRAGMA table_info outputs
/// column by column. The columns whose declaration is kept verbatim (SqlType.Custom) are compared here.
/// </remarks>
public sealed class LegacySqliteDatabaseTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    private sealed record PragmaColumn(string Name, string Type, bool NotNull, string? Default, bool PrimaryKey);

    private SqliteConnection LegacyDatabase()
    {
        var connection = new SqliteConnection(_files.NewConnectionString());
        connection.Open();
        Execute(connection, LegacySchema.Sql);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<object?[]> Query(SqliteConnection connection, string sql) => Panel.Migrations.Schema.CatalogQuery.Rows(connection, sql);

    private static List<PragmaColumn> TableInfo(SqliteConnection connection, string table) =>
        Query(connection, $"PRAGMA table_info(\"{table}\")")
            .Select(r => new PragmaColumn((string)r[1]!, (string)r[2]!, (long)r[3]! != 0, (string?)r[4], (long)r[5]! != 0))
            .ToList();

    private static CreateTableOperation[] BaselineCreates()
    {
        var op = new MigrationBuilder(DatabaseKind.Sqlite);
        new InitialBaseline().Up(op);
        return op.Operations.OfType<CreateTableOperation>().ToArray();
    }

    [Fact]
    public void The_checked_in_statements_build_aaPanels_27_tables_5_indexes_and_trigger()
    {
        using var db = LegacyDatabase();
        var objects = Query(db, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
            .Select(r => ((string)r[0]!, (string)r[1]!)).ToArray();
        Assert.Equal(27, objects.Count(o => o.Item1 == "table"));
        Assert.Equal(["firewall_country_name", "firewall_domain_addr", "firewall_ip_addr", "firewall_new_port", "firewall_trans_port"],
                     objects.Where(o => o.Item1 == "index").Select(o => o.Item2));
        Assert.Equal(["update_port"], objects.Where(o => o.Item1 == "trigger").Select(o => o.Item2));
        Assert.Equal(BaselineCreates().Select(c => c.Name).Order(StringComparer.Ordinal),
                     objects.Where(o => o.Item1 == "table").Select(o => o.Item2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_baseline_matches_the_legacy_tables_in_names_order_keys_nullability_and_defaults()
    {
        using var db = LegacyDatabase();
        foreach (var create in BaselineCreates())
        {
            var legacy = TableInfo(db, create.Name);
            Assert.Equal(legacy.Select(c => c.Name), create.Columns.Select(c => c.Name));
            foreach (var (pragma, column) in legacy.Zip(create.Columns))
            {
                var where = $"{create.Name}.{column.Name}";
                Assert.True(pragma.PrimaryKey == column.PrimaryKey, $"{where}: pk");
                // aaPanel's "INTEGER PRIMARY KEY" reports notnull 0 although the rowid can never be NULL.
                if (!column.PrimaryKey)
                    Assert.True(pragma.NotNull == !column.Nullable, $"{where}: notnull");
                var expectedDefault = pragma.Default is ['"', .. var inner, '"'] ? $"'{inner}'" : pragma.Default;
                Assert.True(expectedDefault == column.ServerDefault, $"{where}: default {pragma.Default} vs {column.ServerDefault}");
                if (column.Type.Kind == SqlTypeKind.Custom)
                    Assert.True(string.Equals(pragma.Type, column.Type.Declaration, StringComparison.OrdinalIgnoreCase), $"{where}: type {pragma.Type} vs {column.Type}");
            }
        }
    }

    [Fact]
    public void The_legacy_affinity_quirks_that_the_kept_declarations_preserve()
    {
        // aapanel-schema.md Q2: why the baseline keeps REAL/INTEGER on SQLite for these text columns.
        using var db = LegacyDatabase();
        Execute(db, "INSERT INTO database_servers (db_host, db_port, db_user, db_password) VALUES ('127.0.0.1', '3306', 'root', '007123')");
        var row = Assert.Single(Query(db, "SELECT db_host, typeof(db_port), db_port, typeof(db_password), db_password, db_user FROM database_servers"));
        Assert.Equal(["127.0.0.1", "real", 3306.0, "integer", 7123L, "root"], row);
    }

    [Fact]
    public void The_baselines_SQLite_trigger_text_runs_and_behaves_like_aaPanels()
    {
        using var db = LegacyDatabase();
        var op = new MigrationBuilder(DatabaseKind.Sqlite);
        new InitialBaseline().Up(op);
        var create = Assert.Single(op.Operations.OfType<ExecuteSqlOperation>());
        var down = new MigrationBuilder(DatabaseKind.Sqlite);
        new InitialBaseline().Down(down);
        var drop = Assert.Single(down.Operations.OfType<ExecuteSqlOperation>());

        // Replace aaPanel's trigger by ours: our DROP, then our CREATE.
        Execute(db, drop.Sql);
        Assert.Empty(Query(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'"));
        Execute(db, create.Sql);

        Execute(db, """
            INSERT INTO firewall (port, ps) VALUES ('8080', 'web'), ('', 'empty');
            INSERT INTO firewall_new (ports) VALUES ('8080'), ('22'), ('');
            INSERT INTO firewall_ip (address) VALUES ('8080'), ('10.0.0.1'), ('');
            DELETE FROM firewall;
            """);
        Assert.Equal(["22", ""], Query(db, "SELECT ports FROM firewall_new ORDER BY id").Select(r => r[0]));
        Assert.Equal(["10.0.0.1", ""], Query(db, "SELECT address FROM firewall_ip ORDER BY id").Select(r => r[0]));
    }
}
