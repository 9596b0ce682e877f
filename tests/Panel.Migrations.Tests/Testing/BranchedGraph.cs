using System;
using Panel.Migrations.Tests.Batch;

namespace Panel.Migrations.Tests.Testing;

/// <summary>
/// A graph with a branch and a merge, portable across the three databases: a1 creates notes; b1 (tags with an index)
/// and c1 (a title column) both branch from a1; m1 merges them and indexes the title; d1 adds a column with a default.
/// <see cref="WithLeakyDown"/>: c1 also indexes the body, and its Down (which drops the title) leaves that index behind.
/// </summary>
internal static class BranchedGraph
{
    public static MigrationMap Map() => Build(leaky: false);

    /// <summary>The same graph, but c1 also creates an index that its Down forgets to drop.</summary>
    public static MigrationMap WithLeakyDown() => Build(leaky: true);

    private static MigrationMap Build(bool leaky) => new(
    [
        Revision("a1", [], "create notes",
                 op => op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true).Column("body", SqlType.Text)),
                 op => op.DropTable("notes")),
        Revision("b1", ["a1"], "create tags",
                 op =>
                 {
                     op.CreateTable("tags", t => t.Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true).Column("name", SqlType.String(40), nullable: false));
                     op.CreateIndex("ix_tags_name", "tags", ["name"], unique: true);
                 },
                 op =>
                 {
                     op.DropIndex("ix_tags_name", "tags");
                     op.DropTable("tags");
                 }),
        Revision("c1", ["a1"], "add note title",
                 op =>
                 {
                     op.BatchAlterTable("notes", t => t.AddColumn("title", SqlType.String(100)));
                     if (leaky)
                         op.CreateIndex("ix_notes_body", "notes", ["body"]);
                 },
                 op => op.BatchAlterTable("notes", t => t.DropColumn("title"))),
        Revision("m1", ["b1", "c1"], "merge tags and titles",
                 op => op.CreateIndex("ix_notes_title", "notes", ["title"]),
                 op => op.DropIndex("ix_notes_title", "notes")),
        Revision("d1", ["m1"], "add note pinned",
                 op => op.BatchAlterTable("notes", t => t.AddColumn("pinned", SqlType.Integer, nullable: false, serverDefault: "0")),
                 op => op.BatchAlterTable("notes", t => t.DropColumn("pinned"))),
    ]);

    private static MigrationInfo Revision(string id, string[] parents, string message, Action<MigrationBuilder> up, Action<MigrationBuilder> down) =>
        new(id, parents, message, () => new LambdaMigration(up, down));
}
