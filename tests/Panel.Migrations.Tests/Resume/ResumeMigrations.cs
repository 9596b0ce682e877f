using Panel.Migrations.Tests.Batch;

namespace Panel.Migrations.Tests.Resume;

/// <summary>
/// The migrations the resume tests stop part-way: rs1 makes tables <c>acct</c> and <c>side</c>; rs2 is four DDL
/// statements, each leaving a mark in the catalog: (1) column <c>acct.a</c>, (2) index <c>ix_acct_name</c>, (3) column
/// <c>side.s</c> (another table, so that a lock held on <c>side</c> stops the step there), (4) column <c>acct.b</c>.
/// </summary>
internal static class ResumeMigrations
{
    public const string Head = "rs2";

    /// <summary>The step's statements' marks, in order, as (what, the query that counts it).</summary>
    public static readonly (string Object, string Count)[] Marks =
    [
        ("column acct.a", "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'acct' AND COLUMN_NAME = 'a'"),
        ("index ix_acct_name", "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'ix_acct_name'"),
        ("column side.s", "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'side' AND COLUMN_NAME = 's'"),
        ("column acct.b", "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'acct' AND COLUMN_NAME = 'b'"),
    ];

    public static readonly MigrationMap Map = new([
        new MigrationInfo("rs1", [], "accounts", () => new LambdaMigration(
            op =>
            {
                op.CreateTable("acct", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("name", SqlType.String(60)));
                op.CreateTable("side", t => t.Column("id", SqlType.Integer, primaryKey: true));
            },
            op =>
            {
                op.DropTable("side");
                op.DropTable("acct");
            })),
        new MigrationInfo("rs2", ["rs1"], "four statements", () => new LambdaMigration(
            op =>
            {
                op.AddColumn("acct", "a", SqlType.Integer);
                op.CreateIndex("ix_acct_name", "acct", ["name"]);
                op.AddColumn("side", "s", SqlType.Integer);
                op.AddColumn("acct", "b", SqlType.Integer);
            },
            op =>
            {
                op.DropColumn("acct", "b");
                op.DropColumn("side", "s");
                op.DropIndex("ix_acct_name", "acct");
                op.DropColumn("acct", "a");
            })),
    ]);
}
