using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Cli.Baseline;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Panel.Migrations.Schema;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Baseline;

/// <summary>
/// The class <see cref="MigrationCode"/> prints records exactly the operations it was printed from, so what <c>squash</c>
/// ran and verified before writing is what the written file runs. Compared as the SQL and arguments the dialect renders.
/// </summary>
public sealed class MigrationCodeTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_compiled_class_records_the_operations_it_was_printed_from()
    {
        var file = Path.Combine(_files.Folder, "every-feature.db");
        Catalog catalog;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = SqliteBaselineRoundTripTests.EveryFeature;
                command.ExecuteNonQuery();
            }

            catalog = SqliteCatalogReader.Read(connection, CatalogReader.BookkeepingTables(MigrationOptions.ForSqlite(file)));
        }

        // Every kind of value a squash carries, and text that needs escaping.
        var data = new MigrationOperation[]
        {
            new InsertRowsOperation("owners", ["id", "email"], [[1, "a@b \"c\" \\ d"], [2L, null], [(short)3, "e\tf"]]),
            new ExecuteSqlOperation("UPDATE sites SET name = @n,\n  price = @p, ratio = @r, port = @o\nWHERE id = 1",
                                    [new SqlArgument("n", "it's"), new SqlArgument("p", 1.5d), new SqlArgument("r", 2.25m), new SqlArgument("o", true)]),
        };
        var written = BaselineWriter.Build(catalog, "s1", "Squash <all> & more", new SquashSource("a0", ["a1", "a2"], data));

        var compiled = CompiledBaseline.Load(MigrationCode.Print(written, "App.Migrations", "Squash", DateTimeOffset.UnixEpoch), typeName: null)();
        var up = new MigrationBuilder(DatabaseKind.Sqlite);
        var down = new MigrationBuilder(DatabaseKind.Sqlite);
        compiled.Up(up);
        compiled.Down(down);

        Assert.Equal(Rendered(written.Up), Rendered(up.Operations));
        Assert.Equal(Rendered(written.Down), Rendered(down.Operations));
    }

    private static List<string> Rendered(IEnumerable<MigrationOperation> operations) =>
        operations.SelectMany(SqliteDialect.Instance.Render)
            .Select(s => s.Sql + " | " + string.Join(", ", s.Arguments.Select(a => $"{a.Name}={a.Value} ({a.Value?.GetType().Name})")))
            .ToList();
}
