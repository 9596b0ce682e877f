using Panel.Migrations.Tests.Batch;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// The migrations the kill harness interrupts, over a seeded table <c>items</c> of <see cref="SeededRows"/> rows:
/// kx1 adds a table, an index and a view; kx2 rebuilds <c>items</c> (on SQLite a batch "move and copy" of every row);
/// kx3 copies every row into a new table and, on PostgreSQL, sleeps a second so a kill lands inside one long statement;
/// kx4 adds a trigger. Portable where it can be; the trigger body is per database.
/// </summary>
internal static class KillMigrations
{
    public const int SeededRows = 200_000;

    public const string Head = "kx4";

    /// <summary>The revisions in order, after "no revision" (null).</summary>
    public static readonly string?[] Revisions = [null, "kx1", "kx2", "kx3", "kx4"];

    public static readonly MigrationMap Map = new([
        new MigrationInfo("kx1", [], "notes, index, view", () => new LambdaMigration(
            op =>
            {
                op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("item_id", SqlType.Integer).Column("body", SqlType.Text));
                op.CreateIndex("ix_items_name", "items", ["name"]);
                op.Execute("CREATE VIEW item_names AS SELECT id, name FROM items");
            },
            op =>
            {
                op.Execute("DROP VIEW item_names");
                op.DropIndex("ix_items_name", "items");
                op.DropTable("notes");
            })),
        new MigrationInfo("kx2", ["kx1"], "rebuild items", () => new LambdaMigration(
            op => op.BatchAlterTable("items", t =>
            {
                t.AlterColumn("email", nullable: false);
                t.AddColumn("score", SqlType.Integer, nullable: false, serverDefault: "0");
            }),
            op => op.BatchAlterTable("items", t =>
            {
                t.DropColumn("score");
                t.AlterColumn("email", nullable: true);
            }))),
        new MigrationInfo("kx3", ["kx2"], "archive every row", () => new LambdaMigration(
            op =>
            {
                op.CreateTable("items_archive", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("name", SqlType.Text).Column("email", SqlType.Text));
                op.Execute("INSERT INTO items_archive (id, name, email) SELECT id, name, email FROM items");
                if (op.Database == DatabaseKind.PostgreSql)
                    op.Execute("SELECT pg_sleep(1)"); // a long statement in the middle of a migration
            },
            op => op.DropTable("items_archive"))),
        new MigrationInfo("kx4", ["kx3"], "cleanup trigger", () => new LambdaMigration(AddTrigger, DropTrigger)),
    ]);

    /// <summary>The table the harness seeds, and whose rows must all survive every kill.</summary>
    public const string CreateItems = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, pad TEXT)";

    /// <summary>A digest of every seeded value: count, sums of ids and of the lengths of each text column.</summary>
    public const string RowDigest = "SELECT COUNT(*), SUM(id), SUM(LENGTH(name)), SUM(LENGTH(email)), SUM(LENGTH(pad)) FROM items";

    private static void AddTrigger(MigrationBuilder op)
    {
        if (op.Database == DatabaseKind.PostgreSql)
        {
            op.Execute("CREATE FUNCTION notes_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM notes WHERE item_id = OLD.id; RETURN OLD; END $$");
            op.Execute("CREATE TRIGGER trg_items_cleanup AFTER DELETE ON items FOR EACH ROW EXECUTE FUNCTION notes_cleanup()");
        }
        else
        {
            op.Execute("CREATE TRIGGER trg_items_cleanup AFTER DELETE ON items BEGIN DELETE FROM notes WHERE item_id = OLD.id; END");
        }
    }

    private static void DropTrigger(MigrationBuilder op)
    {
        op.Execute(op.Database == DatabaseKind.PostgreSql ? "DROP TRIGGER trg_items_cleanup ON items" : "DROP TRIGGER trg_items_cleanup");
        if (op.Database == DatabaseKind.PostgreSql)
            op.Execute("DROP FUNCTION notes_cleanup()");
    }
}
