using System;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Xunit;

namespace Panel.Migrations.Tests.Dialects;

public class MySqlRenderingTests
{
    private static readonly MySqlDialect Dialect = MySqlDialect.Instance;

    private static string[] Sql(Action<MigrationBuilder> describe) => Describe.Sql(Dialect, describe);

    [Theory]
    [InlineData("sites", "`sites`")]
    [InlineData("order", "`order`")]
    [InlineData("a`b", "`a``b`")]
    [InlineData("x`; DROP TABLE users; --", "`x``; DROP TABLE users; --`")]
    [InlineData("a\"b'c", "`a\"b'c`")]
    [InlineData("my table", "`my table`")]
    public void Quote_always_backticks_and_doubles_inner_backticks(string name, string expected) =>
        Assert.Equal(expected, Dialect.Quote(name));

    [Fact]
    public void Quote_rejects_empty_and_nul() =>
        Assert.Contains("NUL", Assert.Throws<ArgumentException>(() => Dialect.Quote("a\0b")).Message);

    public static TheoryData<SqlType, string> Types => new()
    {
        { SqlType.Integer, "INT" },
        { SqlType.BigInteger, "BIGINT" },
        { SqlType.Text, "TEXT" },
        { SqlType.Boolean, "BOOLEAN" },
        { SqlType.String(64), "VARCHAR(64)" },
        { SqlType.DateTime, "DATETIME" },
        { SqlType.Decimal(10, 2), "DECIMAL(10, 2)" },
        { SqlType.Float, "DOUBLE" },
        { SqlType.Blob, "LONGBLOB" },
        { SqlType.Custom("MEDIUMTEXT"), "MEDIUMTEXT" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void RenderType_maps_portable_types(SqlType type, string expected) => Assert.Equal(expected, Dialect.RenderType(type));

    [Fact]
    public void CreateTable_renders_auto_increment_defaults_keys_and_constraints() =>
        Assert.Equal(
            "CREATE TABLE `sites` (`id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, `name` VARCHAR(64) NOT NULL, " +
            "`ssl` BOOLEAN DEFAULT 0 NOT NULL, `ps` TEXT DEFAULT ('x'), `data` LONGBLOB DEFAULT NULL, `added` DATETIME DEFAULT CURRENT_TIMESTAMP, " +
            "`owner_id` INT, CONSTRAINT `uq_sites_name` UNIQUE (`name`), CONSTRAINT `ck_n` CHECK (owner_id > 0), " +
            "CONSTRAINT `fk_owner` FOREIGN KEY (`owner_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT)",
            Assert.Single(Sql(op => op.CreateTable("sites", t => t
                .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
                .Column("name", SqlType.String(64), nullable: false)
                .Column("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
                .Column("ps", SqlType.Text, serverDefault: "'x'")
                .Column("data", SqlType.Blob, serverDefault: "NULL")
                .Column("added", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP")
                .Column("owner_id", SqlType.Integer)
                .Unique("uq_sites_name", ["name"])
                .Check("ck_n", "owner_id > 0")
                .ForeignKey("fk_owner", ["owner_id"], "users", ["id"], ReferentialAction.Cascade, ReferentialAction.Restrict)))));

    [Fact]
    public void AutoIncrement_needs_an_integer_type_and_no_default_and_SET_DEFAULT_is_refused()
    {
        Assert.Contains("integer", Assert.Throws<MigrationException>(() => Sql(op => op.CreateTable("t", t => t.Column("id", SqlType.Text, primaryKey: true, autoIncrement: true)))).Message);
        Assert.Contains("remove serverDefault", Assert.Throws<MigrationException>(() => Sql(op => op.CreateTable("t", t => t.Column("id", SqlType.BigInteger, primaryKey: true, autoIncrement: true, serverDefault: "1")))).Message);
        Assert.Contains("InnoDB rejects", Assert.Throws<MigrationException>(() => Sql(op => op.CreateTable("t", t => t
            .Column("id", SqlType.Integer).ForeignKey("fk", ["id"], "u", ["id"], ReferentialAction.SetDefault)))).Message);
    }

    [Fact]
    public void Table_and_column_operations() =>
        Assert.Equal(
            [
                "DROP TABLE `a``b`",
                "ALTER TABLE `sites` RENAME TO `web sites`",
                "ALTER TABLE `sites` ADD COLUMN `ssl` BOOLEAN DEFAULT 0 NOT NULL",
                "ALTER TABLE `sites` DROP COLUMN `ssl`",
            ],
            Sql(op =>
            {
                op.DropTable("a`b");
                op.RenameTable("sites", "web sites");
                op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false, serverDefault: "0");
                op.DropColumn("sites", "ssl");
            }));

    [Fact]
    public void AlterColumn_without_the_live_column_renders_defaults_renames_and_full_definitions() =>
        Assert.Equal(
            [
                "ALTER TABLE `sites` ALTER COLUMN `port` DROP DEFAULT",
                "ALTER TABLE `sites` ALTER COLUMN `port` SET DEFAULT 80",
                "ALTER TABLE `sites` RENAME COLUMN `port` TO `web port`",
                "ALTER TABLE `sites` CHANGE COLUMN `ps` `ps` VARCHAR(255) DEFAULT '' NOT NULL",
                "ALTER TABLE `sites` CHANGE COLUMN `body` `text` TEXT",
            ],
            Sql(op =>
            {
                op.AlterColumn("sites", "port", dropServerDefault: true);
                op.AlterColumn("sites", "port", serverDefault: "80");
                op.AlterColumn("sites", "port", newName: "web port");
                op.AlterColumn("sites", "ps", type: SqlType.String(255), nullable: false, serverDefault: "''");
                op.AlterColumn("sites", "body", type: SqlType.Text, nullable: true, dropServerDefault: true, newName: "text");
            }));

    [Fact]
    public void AlterColumn_of_type_or_nullability_alone_needs_the_live_column()
    {
        var error = Assert.Throws<MigrationException>(() => Sql(op => op.AlterColumn("sites", "ps", nullable: false)));
        Assert.Contains("CHANGE COLUMN", error.Message);
        Assert.Contains("column 'ps' of table 'sites'", error.Message);
        Assert.Contains("offline --sql", error.Message);
        Assert.True(MySqlDialect.NeedsExistingColumn(new AlterColumnOperation("sites", "ps", Type: SqlType.Text)));
        Assert.False(MySqlDialect.NeedsExistingColumn(new AlterColumnOperation("sites", "ps", NewName: "x")));
    }

    [Fact]
    public void AlterColumn_with_the_live_column_keeps_what_it_does_not_change()
    {
        var existing = new MySqlExistingColumn("varchar(64)", Nullable: true, DefaultSql: "'a\\\\b'", OnUpdate: null, Comment: "it's", CharacterSet: "utf8mb4", Collation: "utf8mb4_bin");
        Assert.Equal(
            "ALTER TABLE `sites` CHANGE COLUMN `name` `name` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'a\\\\b' COMMENT 'it''s'",
            Assert.Single(Dialect.RenderAlterColumn(new AlterColumnOperation("sites", "name", Nullable: false), existing)).Sql);
        Assert.Equal(
            "ALTER TABLE `sites` CHANGE COLUMN `name` `title` TEXT NULL DEFAULT ('a\\\\b') COMMENT 'it''s'",
            Assert.Single(Dialect.RenderAlterColumn(new AlterColumnOperation("sites", "name", Type: SqlType.Text, NewName: "title"), existing)).Sql);
        var counter = new MySqlExistingColumn("int(11)", Nullable: false, AutoIncrement: true);
        Assert.Equal(
            "ALTER TABLE `t` CHANGE COLUMN `id` `id` BIGINT NOT NULL AUTO_INCREMENT",
            Assert.Single(Dialect.RenderAlterColumn(new AlterColumnOperation("t", "id", Type: SqlType.BigInteger), counter)).Sql);
        var stamp = new MySqlExistingColumn("datetime", Nullable: false, DefaultSql: "current_timestamp()", OnUpdate: "current_timestamp()");
        Assert.Equal(
            "ALTER TABLE `t` CHANGE COLUMN `at` `at` datetime NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()",
            Assert.Single(Dialect.RenderAlterColumn(new AlterColumnOperation("t", "at", Nullable: true), stamp)).Sql);
    }

    [Fact]
    public void Indexes_drop_with_their_table_and_partial_ones_are_refused()
    {
        Assert.Equal(
            [
                "CREATE UNIQUE INDEX `ix_sites_name` ON `sites` (`name`, `a``b`)",
                "CREATE INDEX `ix_expr` ON `sites` ((lower(name)))",
                "DROP INDEX `ix_sites_name` ON `sites`",
            ],
            Sql(op =>
            {
                op.CreateIndex("ix_sites_name", "sites", ["name", "a`b"], unique: true);
                op.CreateIndex("ix_expr", "sites", ["(lower(name))"]);
                op.DropIndex("ix_sites_name", "sites");
            }));
        var error = Assert.Throws<MigrationException>(() => Sql(op => op.CreateIndex("ix_live", "sites", ["name"], where: "status = 1")));
        Assert.Contains("no partial indexes", error.Message);
        Assert.Contains("ix_live", error.Message);
        Assert.Throws<MigrationException>(() => Sql(op => op.BatchAlterTable("sites", t => t.CreateIndex("ix_live", ["name"], where: "status = 1"))));
    }

    [Fact]
    public void Constraints_are_added_natively_and_dropped_per_kind() =>
        Assert.Equal(
            [
                "ALTER TABLE `sites` ADD CONSTRAINT `uq_name` UNIQUE (`name`)",
                "ALTER TABLE `sites` ADD CONSTRAINT `ck_port` CHECK (port > 0)",
                "ALTER TABLE `sites` ADD CONSTRAINT `fk_owner` FOREIGN KEY (`owner_id`) REFERENCES `users` (`id`) ON DELETE SET NULL",
                "ALTER TABLE `sites` DROP FOREIGN KEY `fk_owner`",
                "ALTER TABLE `sites` DROP CONSTRAINT `ck_port`",
                "ALTER TABLE `sites` DROP INDEX `uq_name`",
                "ALTER TABLE `sites` DROP PRIMARY KEY",
            ],
            Sql(op =>
            {
                op.CreateUniqueConstraint("uq_name", "sites", ["name"]);
                op.CreateCheckConstraint("ck_port", "sites", "port > 0");
                op.CreateForeignKey("fk_owner", "sites", ["owner_id"], "users", ["id"], ReferentialAction.SetNull);
                op.DropConstraint("fk_owner", "sites", ConstraintKind.ForeignKey);
                op.DropConstraint("ck_port", "sites", ConstraintKind.Check);
                op.DropConstraint("uq_name", "sites", ConstraintKind.Unique);
                op.DropConstraint("sites_pkey", "sites", ConstraintKind.PrimaryKey);
            }));

    [Fact]
    public void Execute_and_InsertRows_keep_values_out_of_the_text()
    {
        var statements = Describe.All(op =>
        {
            op.Execute("UPDATE sites SET ps = @ps", new SqlArgument("ps", "x'; DROP TABLE sites; --"));
            op.InsertRows("sites", ["name", "ps"], [["a'b", null]]);
        });
        var rendered = Dialect.Render(statements[0]);
        Assert.Equal("UPDATE sites SET ps = @ps", Assert.Single(rendered).Sql);
        var insert = Assert.Single(Dialect.Render(statements[1]));
        Assert.Equal("INSERT INTO `sites` (`name`, `ps`) VALUES (@p0, @p1)", insert.Sql);
        Assert.Equal("a'b", insert.Arguments[0].Value);
    }

    [Theory]
    [InlineData(BatchRecreate.Auto)]
    [InlineData(BatchRecreate.Always)]
    [InlineData(BatchRecreate.Never)]
    public void Batch_is_its_changes_as_plain_alters(BatchRecreate recreate) =>
        Assert.Equal(
            [
                "ALTER TABLE `sites` ADD COLUMN `ssl` BOOLEAN DEFAULT 0 NOT NULL AFTER `name`",
                "ALTER TABLE `sites` DROP COLUMN `old`",
                "ALTER TABLE `sites` RENAME COLUMN `a` TO `b`",
                "CREATE INDEX `ix_ssl` ON `sites` (`ssl`)",
            ],
            Sql(op => op.BatchAlterTable("sites", t => t
                .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0", insertAfter: "name")
                .DropColumn("old")
                .AlterColumn("a", newName: "b")
                .CreateIndex("ix_ssl", ["ssl"]), recreate)));

    [Fact]
    public void Version_table_statements_have_Alembics_shape()
    {
        Assert.Equal("CREATE TABLE IF NOT EXISTS `alembic_version` (`version_num` VARCHAR(32) NOT NULL, CONSTRAINT `alembic_version_pkc` PRIMARY KEY (`version_num`))",
                     Dialect.CreateVersionTable("alembic_version"));
        Assert.Equal("UPDATE `alembic_version` SET `version_num` = @to WHERE `version_num` = @from", Dialect.UpdateVersion("alembic_version"));
        Assert.False(Dialect.TransactionalDdl);
    }

    [Fact]
    public void RenderLiteral_doubles_backslashes_and_quotes()
    {
        Assert.Equal("'a\\\\b''c'", Dialect.RenderLiteral("a\\b'c"));
        Assert.Equal("1", Dialect.RenderLiteral(true));
        Assert.Equal("X'0A0B'", Dialect.RenderLiteral(new byte[] { 10, 11 }));
    }
}
