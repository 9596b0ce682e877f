using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using Panel.Migrations.Operations;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>
/// Each change is applied by the real executor to a fresh MariaDB database, checked through information_schema,
/// then undone by its Down, after which the catalog must be what it was.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MySqlRoundTripTests(MariaDbFixture mariaDb)
{
    private sealed class Delegated(Action<MigrationBuilder> up, Action<MigrationBuilder> down) : Migration
    {
        public override void Up(MigrationBuilder op) => up(op);

        public override void Down(MigrationBuilder op) => down(op);
    }

    private static MigrationMap Map(Action<MigrationBuilder> setUp, Action<MigrationBuilder> apply, Action<MigrationBuilder> undo) => new(
    [
        new MigrationInfo("base1", [], "set up", () => new Delegated(setUp, _ => { })),
        new MigrationInfo("change", ["base1"], "change", () => new Delegated(apply, undo)),
    ]);

    private static void SetUp(MigrationBuilder op)
    {
        op.CreateTable("users", t => t.Column("id", SqlType.Integer, primaryKey: true));
        op.CreateTable("sites", t => t
            .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
            .Column("name", SqlType.String(64), nullable: false)
            .Column("port", SqlType.Integer, serverDefault: "80")
            .Column("owner_id", SqlType.Integer)
            .Column("ps", SqlType.Text));
        op.CreateIndex("ix_sites_owner", "sites", ["owner_id"]);
        op.InsertRows("sites", ["name", "ps"], [["one", "first"], ["two", null]]);
        // What the portable API cannot declare but CHANGE COLUMN must keep: a comment, a collation, ON UPDATE.
        op.Execute("CREATE TABLE `legacy` (`id` INT NOT NULL PRIMARY KEY, `title` VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'it''s' COMMENT 'the title', " +
                   "`touched` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)");
    }

    private static List<string> Rows(MySqlConnection connection, string sql, params SqlArgument[] arguments) => StatementRunner.Rows(connection, sql, arguments);

    private static List<string> Columns(MySqlConnection connection, string table) => Rows(connection,
        "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, '-'), EXTRA, COLUMN_COMMENT, COALESCE(COLLATION_NAME, '-') FROM information_schema.COLUMNS " +
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @t ORDER BY ORDINAL_POSITION", new SqlArgument("t", table));

    private static List<string> Snapshot(MySqlConnection connection)
    {
        var snapshot = new List<string>();
        foreach (var table in Rows(connection, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('alembic_version', 'panel_migrations_log') ORDER BY TABLE_NAME"))
        {
            snapshot.Add("table " + table);
            snapshot.AddRange(Columns(connection, table).Select(c => "  column " + c));
            snapshot.AddRange(Rows(connection, "SELECT INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @t ORDER BY INDEX_NAME, SEQ_IN_INDEX",
                                   new SqlArgument("t", table)).Select(i => "  index " + i));
            snapshot.AddRange(Rows(connection, "SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = @t ORDER BY CONSTRAINT_NAME",
                                   new SqlArgument("t", table)).Select(c => "  constraint " + c));
        }
        return snapshot;
    }

    // Set up, apply (checked by `check`), undo; the catalog after the undo must equal the one before the apply.
    private async Task RoundTrip(Action<MigrationBuilder> apply, Action<MySqlConnection> check, Action<MigrationBuilder> undo)
    {
        var options = MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync());
        var runner = new MigrationRunner(Map(SetUp, apply, undo), options);
        await runner.UpgradeAsync("base1");
        await using var connection = new MySqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        var before = Snapshot(connection);

        await runner.UpgradeAsync("change");
        check(connection);
        Assert.NotEqual(before, Snapshot(connection));

        await runner.DowngradeAsync("base1");
        Assert.Equal(before, Snapshot(connection));
        Assert.Equal(["one|first", "two|NULL"], Rows(connection, "SELECT name, COALESCE(ps, 'NULL') FROM sites ORDER BY id"));
    }

    [MariaDbFact]
    public Task CreateTable_then_DropTable() => RoundTrip(
        op => op.CreateTable("order", t => t
            .Column("id", SqlType.BigInteger, primaryKey: true, autoIncrement: true)
            .Column("a`b", SqlType.String(20), nullable: false, serverDefault: "'x'")
            .Column("my col", SqlType.Decimal(10, 2), serverDefault: "-1.5")
            .Column("added", SqlType.DateTime, nullable: false, serverDefault: "CURRENT_TIMESTAMP")
            .Column("flag", SqlType.Boolean, nullable: false, serverDefault: "0")
            .Column("ratio", SqlType.Float)
            .Column("data", SqlType.Blob)
            .Column("body", SqlType.Text, serverDefault: "'hello'")
            .Column("site_id", SqlType.Integer)
            .Unique("uq_order_ab", ["a`b", "my col"])
            .Check("ck_order_ratio", "ratio > 0")
            .ForeignKey("fk_order_site", ["site_id"], "sites", ["id"], ReferentialAction.Cascade, ReferentialAction.SetNull)),
        connection =>
        {
            Assert.Equal(
                [
                    "id|bigint(20)|NO|-|auto_increment||-",
                    "a`b|varchar(20)|NO|'x'|||utf8mb4_general_ci",
                    "my col|decimal(10,2)|YES|-1.50|||-",
                    "added|datetime|NO|current_timestamp()|||-",
                    "flag|tinyint(1)|NO|0|||-",
                    "ratio|double|YES|NULL|||-",
                    "data|longblob|YES|NULL|||-",
                    "body|text|YES|'hello'|||utf8mb4_general_ci",
                    "site_id|int(11)|YES|NULL|||-",
                ],
                Columns(connection, "order"));
            Assert.Equal(
                ["ck_order_ratio|CHECK", "fk_order_site|FOREIGN KEY", "PRIMARY|PRIMARY KEY", "uq_order_ab|UNIQUE"],
                Rows(connection, "SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'order' ORDER BY CONSTRAINT_NAME"));
            Assert.Equal(["CASCADE|SET NULL"], Rows(connection, "SELECT DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'fk_order_site'"));
        },
        op => op.DropTable("order"));

    [MariaDbFact]
    public Task AlterColumn_nullability_keeps_type_default_comment_collation_and_on_update() => RoundTrip(
        op =>
        {
            op.AlterColumn("legacy", "title", nullable: true);
            op.AlterColumn("legacy", "touched", nullable: true);
        },
        connection => Assert.Equal(
            [
                "id|int(11)|NO|-|||-",
                "title|varchar(40)|YES|'it''s'||the title|utf8mb4_bin",
                "touched|datetime|YES|current_timestamp()|on update current_timestamp()||-",
            ],
            Columns(connection, "legacy")),
        op =>
        {
            op.AlterColumn("legacy", "title", nullable: false);
            op.AlterColumn("legacy", "touched", nullable: false);
        });

    [MariaDbFact]
    public Task AlterColumn_type_and_name_then_back() => RoundTrip(
        op => op.BatchAlterTable("sites", t => t
            .AlterColumn("ps", type: SqlType.String(255), newName: "remark")
            .AlterColumn("port", type: SqlType.BigInteger, nullable: false)
            .AlterColumn("name", serverDefault: "'unnamed'")),
        connection => Assert.Equal(
            [
                "id|int(11)|NO|-|auto_increment||-",
                "name|varchar(64)|NO|'unnamed'|||utf8mb4_general_ci",
                "port|bigint(20)|NO|80|||-",
                "owner_id|int(11)|YES|NULL|||-",
                "remark|varchar(255)|YES|NULL|||utf8mb4_general_ci",
            ],
            Columns(connection, "sites")),
        op => op.BatchAlterTable("sites", t => t
            .AlterColumn("remark", type: SqlType.Text, newName: "ps")
            .AlterColumn("port", type: SqlType.Integer, nullable: true)
            .AlterColumn("name", dropServerDefault: true)));

    [MariaDbFact]
    public Task Columns_indexes_and_constraints_added_then_dropped() => RoundTrip(
        op => op.BatchAlterTable("sites", t => t
            .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0", insertAfter: "name")
            .CreateIndex("ix_sites_name", ["name", "ssl"], unique: true)
            .CreateUniqueConstraint("uq_sites_port", ["port", "name"])
            .CreateCheckConstraint("ck_sites_port", "port > 0")
            .CreateForeignKey("fk_sites_owner", ["owner_id"], "users", ["id"])),
        connection =>
        {
            Assert.Equal("ssl|tinyint(1)|NO|0|||-", Columns(connection, "sites")[2]);
            Assert.Equal(
                ["ck_sites_port|CHECK", "fk_sites_owner|FOREIGN KEY", "ix_sites_name|UNIQUE", "PRIMARY|PRIMARY KEY", "uq_sites_port|UNIQUE"],
                Rows(connection, "SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'sites' ORDER BY CONSTRAINT_NAME"));
        },
        op => op.BatchAlterTable("sites", t => t
            .DropConstraint("fk_sites_owner", ConstraintKind.ForeignKey)
            .DropConstraint("ck_sites_port", ConstraintKind.Check)
            .DropConstraint("uq_sites_port", ConstraintKind.Unique)
            .DropIndex("ix_sites_name")
            .DropColumn("ssl")));

    [MariaDbFact]
    public Task RenameTable_then_back() => RoundTrip(
        op => op.RenameTable("users", "panel users"),
        connection => Assert.Single(Rows(connection, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'panel users'")),
        op => op.RenameTable("panel users", "users"));

    [MariaDbFact]
    public async Task Altering_a_column_that_does_not_exist_says_so_and_leaves_the_version_table()
    {
        var options = MigrationOptions.ForMySql(await mariaDb.CreateDatabaseAsync());
        var runner = new MigrationRunner(Map(SetUp, op => op.AlterColumn("sites", "nope", nullable: false), _ => { }), options);
        await runner.UpgradeAsync("base1");

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.UpgradeAsync());

        Assert.Contains("failed at statement 1 of 1: ", error.Message);
        Assert.Contains("Table 'sites' has no column 'nope'", error.Message);
        Assert.Contains("none of its statements had taken effect before it", error.Message);
        Assert.Equal(["base1"], await runner.CurrentAsync());
    }
}
