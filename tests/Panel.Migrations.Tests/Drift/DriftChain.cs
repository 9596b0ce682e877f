using System;
using System.Collections.Generic;
using Panel.Migrations.Tests.Batch;

namespace Panel.Migrations.Tests.Drift;

/// <summary>
/// A three-revision chain (r1 creates tables, an index, a check, a foreign key, a view and a trigger; r2 adds a column and
/// changes a default; r3 adds another column) and a "drift" revision after r2, known only to the map that builds the live
/// database, that makes exactly one difference of each kind. Trigger statements differ per database; the rest is portable.
/// </summary>
internal static class DriftChain
{
    /// <summary>The chain r1 ← r2 ← r3 as the application knows it.</summary>
    public static MigrationMap Map(DatabaseKind kind) => new(Revisions(kind));

    /// <summary>The chain plus "drift" after r2: upgrade the live database to it, then stamp r2 with <see cref="Map"/>.</summary>
    public static MigrationMap WithDrift(DatabaseKind kind) =>
        new([.. Revisions(kind), new MigrationInfo("drift", ["r2"], "drift", () => new LambdaMigration(op => Drift(op, kind), null))]);

    /// <summary>Each difference "drift" makes, as the start and the end of its report line (the middle shows definitions, which differ per database).</summary>
    public static IReadOnlyList<(string Start, string End)> ExpectedLines { get; } =
    [
        ("extra table extras:", "not in the schema of revision r2; no later revision adds it"),
        ("missing table logs:", "revision r1 adds it"),
        ("different type of column owners.email:", "the database has INTEGER; revision r1 makes it VARCHAR(120)"),
        ("different nullability of column sites.name:", "the database has NULL; revision r1 makes it NOT NULL"),
        ("extra column sites.note (TEXT NULL no default):", "not in the schema of revision r2; later revision r3 adds it"),
        ("different default of column sites.port:", "the database has DEFAULT 8080; revision r2 makes it DEFAULT 81"),
        ("missing column sites.ssl (BOOLEAN NOT NULL DEFAULT ", "revision r2 adds it"),
        ("extra unique constraint uq_sites_name (CONSTRAINT uq_sites_name UNIQUE (name)):", "no later revision adds it"),
        ("missing check constraint ck_sites_port (CONSTRAINT ck_sites_port CHECK (", "revision r1 adds it"),
        ("extra index ix_sites_owner (", "no later revision adds it"),
        ("missing index ix_sites_port (ON sites (port)):", "revision r1 adds it"),
        ("extra trigger trg_extra (", "no later revision adds it"),
        ("missing trigger trg_sites_touch (", "revision r1 adds it"),
        ("extra view all_sites (", "no later revision adds it"),
        ("missing view live_sites (", "revision r1 adds it"),
    ];

    private static MigrationInfo[] Revisions(DatabaseKind kind) =>
    [
        new("r1", [], "create", () => new LambdaMigration(op => Create(op, kind), null)),
        new("r2", ["r1"], "ssl", () => new LambdaMigration(op => op.BatchAlterTable("sites", t => t
            .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
            .AlterColumn("port", serverDefault: "81")), null)),
        new("r3", ["r2"], "note", () => new LambdaMigration(op => op.BatchAlterTable("sites", t => t.AddColumn("note", SqlType.Text)), null)),
    ];

    private static void Create(MigrationBuilder op, DatabaseKind kind)
    {
        op.CreateTable("owners", t => t
            .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
            .Column("email", SqlType.String(120), nullable: false));
        op.CreateTable("sites", t => t
            .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
            .Column("owner_id", SqlType.Integer)
            .Column("name", SqlType.Text, nullable: false, serverDefault: "''")
            .Column("port", SqlType.Integer, serverDefault: "80")
            .Check("ck_sites_port", "port > 0")
            .ForeignKey("fk_sites_owner", ["owner_id"], "owners", ["id"]));
        op.CreateTable("logs", t => t.Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true).Column("line", SqlType.Text));
        op.CreateIndex("ix_sites_port", "sites", ["port"]);
        op.Execute("CREATE VIEW live_sites AS SELECT id, name FROM sites WHERE port IS NOT NULL");
        if (kind == DatabaseKind.PostgreSql)
        {
            op.Execute("CREATE FUNCTION touch_site() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
        }

        op.Execute(Trigger(kind, "trg_sites_touch", "UPDATE OF name"));
    }

    private static void Drift(MigrationBuilder op, DatabaseKind kind)
    {
        op.Execute("DROP VIEW live_sites");
        op.Execute(kind == DatabaseKind.PostgreSql ? "DROP TRIGGER trg_sites_touch ON sites" : "DROP TRIGGER trg_sites_touch");
        op.DropTable("logs");
        op.CreateTable("extras", t => t.Column("id", SqlType.Integer));
        op.BatchAlterTable("sites", t => t
            .DropColumn("ssl")
            .AddColumn("note", SqlType.Text)
            .AlterColumn("name", nullable: true)
            .AlterColumn("port", serverDefault: "8080")
            .DropConstraint("ck_sites_port", ConstraintKind.Check)
            .CreateUniqueConstraint("uq_sites_name", ["name"])
            .DropIndex("ix_sites_port")
            .CreateIndex("ix_sites_owner", ["owner_id"]));
        op.BatchAlterTable("owners", t => t.AlterColumn("email", type: SqlType.Integer));
        op.Execute("CREATE VIEW all_sites AS SELECT id FROM sites");
        op.Execute(Trigger(kind, "trg_extra", "INSERT"));
    }

    private static string Trigger(DatabaseKind kind, string name, string when) => kind == DatabaseKind.PostgreSql
        ? $"CREATE TRIGGER {name} BEFORE {when} ON sites FOR EACH ROW EXECUTE FUNCTION touch_site()"
        : $"CREATE TRIGGER {name} AFTER {when} ON sites BEGIN UPDATE sites SET port = port WHERE id = NEW.id; END";

    /// <summary>Asserts that <paramref name="lines"/> are exactly the expected differences, in order, each once.</summary>
    public static void AssertReported(IReadOnlyList<string> lines)
    {
        var failures = new List<string>();
        if (lines.Count != ExpectedLines.Count)
            failures.Add($"{lines.Count} lines, expected {ExpectedLines.Count}");
        for (var i = 0; i < Math.Min(lines.Count, ExpectedLines.Count); i++)
        {
            var (start, end) = ExpectedLines[i];
            if (!lines[i].StartsWith(start, StringComparison.Ordinal) || !lines[i].EndsWith(end, StringComparison.Ordinal))
                failures.Add($"line {i + 1}: expected \"{start} ... {end}\"");
        }

        Xunit.Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n--- report ---\n" + string.Join("\n", lines));
    }
}
