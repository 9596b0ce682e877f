using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Tests.Batch;
using Panel.Migrations.Tests.Infrastructure;

namespace Panel.Migrations.Tests.Kill;

/// <summary>SQLite files for the kill harness: the seeded file is made once and copied for each kill.</summary>
internal sealed class SqliteKillTarget(SqliteFiles files) : KillTarget
{
    private string? _seededTemplate;

    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    // The batch rebuild of kx2 reports the start of its row copy.
    public override string TargetedStage => "BATCH Copying items";

    public override string TargetedStageEnd => "BATCH Copied items";

    // The first half of the row copy as long as it took in an uninterrupted run (about 0.4 s for 200,000 rows of some 350 bytes here).
    public override TimeSpan TargetedWindow(string stagesOfARun)
    {
        var copying = CopyStage(stagesOfARun, "Copying");
        var copied = CopyStage(stagesOfARun, "Copied");
        return TimeSpan.FromMilliseconds(Math.Max(1, (copied - copying) / 2));
    }

    public override Task<string> CreateDatabaseAsync(bool seeded)
    {
        var path = files.NewPath();
        if (seeded)
            File.Copy(_seededTemplate ??= CreateFile(seeded: true), path);
        else
            File.Move(CreateFile(seeded: false), path);
        return Task.FromResult(ConnectionString(path));
    }

    public override Task DropDatabaseAsync(string connectionString)
    {
        File.Delete(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return Task.CompletedTask;
    }

    // Normalised SQL, so that quoting and spacing do not count; an automatic index has no SQL, its name stands.
    protected override IEnumerable<string> CatalogQueries =>
    [
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY type, name",
        "SELECT m.name, c.cid, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk FROM sqlite_master m JOIN pragma_table_xinfo(m.name) c " +
        "WHERE m.type = 'table' AND m.name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY m.name, c.cid",
        "SELECT m.name, i.name, i.\"unique\", i.origin, i.partial FROM sqlite_master m JOIN pragma_index_list(m.name) i " +
        "WHERE m.type = 'table' AND m.name NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY m.name, i.name",
    ];

    protected override string VersionTableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE name = 'alembic_version'";

    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    // Opening the file rolls back a hot journal left by the kill; integrity_check then reads every page.
    public override async Task<string> IntegrityAfterKillAsync(string connectionString) =>
        string.Join("; ", await QueryAsync(connectionString, "PRAGMA integrity_check"));

    protected override string NormaliseCatalogRow(string row)
    {
        var parts = row.Split('|', 4);
        return parts.Length == 4 && parts[0] is "table" or "index" or "view" or "trigger" && parts[3] != "NULL"
            ? string.Join("|", parts[0], parts[1], parts[2], BatchDatabase.Normalise(parts[3]))
            : row;
    }

    private static int CopyStage(string stages, string stage) =>
        int.Parse(Regex.Match(stages, $@"BATCH {stage} items \d+ rows at (\d+) ms").Groups[1].Value, CultureInfo.InvariantCulture);

    private string CreateFile(bool seeded)
    {
        var path = files.NewPath();
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = KillMigrations.CreateItems + ";" + (seeded ? $"""
            WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < {KillMigrations.SeededRows})
            INSERT INTO items SELECT i, 'name_' || (i * 7919 % 1000003), 'user' || i || '@example.com', hex(randomblob(150)) FROM c;
            """ : "");
        command.ExecuteNonQuery();
        return path;
    }

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
}
