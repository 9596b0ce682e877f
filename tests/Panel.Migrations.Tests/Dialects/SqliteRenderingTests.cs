using System;
using System.Linq;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Xunit;

namespace Panel.Migrations.Tests.Dialects;

public class SqliteRenderingTests
{
    private static readonly SqliteDialect Dialect = SqliteDialect.Instance;

    private static string[] Sql(Action<MigrationBuilder> describe) => Describe.Sql(Dialect, describe);

    private static MigrationException Refused(Action<MigrationBuilder> describe) =>
        Assert.Throws<MigrationException>(() => Describe.All(describe).SelectMany(Dialect.Render).ToArray());

    [Theory]
    [InlineData("sites", "\"sites\"")]
    [InlineData("order", "\"order\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("my table", "\"my table\"")]
    [InlineData("x\"; DROP TABLE t; --", "\"x\"\"; DROP TABLE t; --\"")]
    public void Quote_always_double_quotes_and_doubles_inner_quotes(string name, string expected) =>
        Assert.Equal(expected, Dialect.Quote(name));

    [Fact]
    public void Quote_refuses_empty_and_nul() =>
        Assert.All(new[] { "", "a\0b" }, name => Assert.Throws<ArgumentException>(() => Dialect.Quote(name)));

    public static TheoryData<SqlType, string> Types => new()
    {
        { SqlType.Integer, "INTEGER" },
        { SqlType.BigInteger, "BIGINT" },
        { SqlType.Text, "TEXT" },
        { SqlType.Boolean, "BOOLEAN" },
        { SqlType.String(64), "VARCHAR(64)" },
        { SqlType.DateTime, "DATETIME" },
        { SqlType.Decimal(10, 2), "NUMERIC(10, 2)" },
        { SqlType.Float, "REAL" },
        { SqlType.Blob, "BLOB" },
        { SqlType.Custom("REAL"), "REAL" },
        { SqlType.Custom("varchar(20) COLLATE NOCASE"), "varchar(20) COLLATE NOCASE" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void RenderType_maps_portable_types(SqlType type, string expected) => Assert.Equal(expected, Dialect.RenderType(type));

    [Fact]
    public void CreateTable_renders_columns_defaults_keys_and_constraints() =>
        Assert.Equal(
            "CREATE TABLE \"sites\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"name\" VARCHAR(64) NOT NULL, " +
            "\"status\" TEXT DEFAULT 'active' NOT NULL, \"ssl\" BOOLEAN DEFAULT 0 NOT NULL, \"added\" DATETIME DEFAULT CURRENT_TIMESTAMP, " +
            "\"ratio\" REAL DEFAULT (1.0 / 3), \"owner_id\" INTEGER, " +
            "CONSTRAINT \"uq_sites_name\" UNIQUE (\"name\"), CHECK (length(name) > 0), " +
            "CONSTRAINT \"fk_sites_owner\" FOREIGN KEY (\"owner_id\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE SET NULL)",
            Assert.Single(Sql(op => op.CreateTable("sites", t => t
                .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
                .Column("name", SqlType.String(64), nullable: false)
                .Column("status", SqlType.Text, nullable: false, serverDefault: "'active'")
                .Column("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
                .Column("added", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP")
                .Column("ratio", SqlType.Float, serverDefault: "1.0 / 3")
                .Column("owner_id", SqlType.Integer)
                .Unique("uq_sites_name", ["name"])
                .Check(null, "length(name) > 0")
                .ForeignKey("fk_sites_owner", ["owner_id"], "users", ["id"], ReferentialAction.Cascade, ReferentialAction.SetNull)))));

    [Fact]
    public void CreateTable_with_composite_key_and_no_action_foreign_key() =>
        Assert.Equal(
            "CREATE TABLE \"order\" (\"a\"\"b\" INTEGER NOT NULL, \"my col\" BIGINT NOT NULL, " +
            "CONSTRAINT \"pk order\" PRIMARY KEY (\"a\"\"b\", \"my col\"), FOREIGN KEY (\"my col\") REFERENCES \"group\" (\"id\"))",
            Assert.Single(Sql(op => op.CreateTable("order", t => t
                .Column("a\"b", SqlType.Integer, nullable: false)
                .Column("my col", SqlType.BigInteger, nullable: false)
                .PrimaryKey("pk order", ["a\"b", "my col"])
                .ForeignKey(null, ["my col"], "group", ["id"])))));

    [Fact]
    public void AutoIncrement_big_integer_is_declared_INTEGER_because_only_that_is_the_rowid() =>
        Assert.Equal("CREATE TABLE \"logs\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT)",
                     Assert.Single(Sql(op => op.CreateTable("logs", t => t.Column("id", SqlType.BigInteger, primaryKey: true, autoIncrement: true)))));

    [Fact]
    public void AutoIncrement_needs_an_integer_primary_key()
    {
        Assert.Contains("'code' of table 'logs'", Refused(op => op.CreateTable("logs", t => t.Column("code", SqlType.Text, primaryKey: true, autoIncrement: true))).Message);
        Assert.Contains("not the primary key", Refused(op => op.CreateTable("logs", t => t.Column("n", SqlType.Integer, autoIncrement: true))).Message);
    }

    [Theory]
    [InlineData("0", "0", true)]
    [InlineData("-1", "-1", true)]
    [InlineData("+2.5e-3", "+2.5e-3", true)]
    [InlineData("0x1F", "0x1F", true)]
    [InlineData(".5", ".5", true)]
    [InlineData("1.", "1.", true)]
    [InlineData("'it''s'", "'it''s'", true)]
    [InlineData("''", "''", true)]
    [InlineData("X'00ff'", "X'00ff'", true)]
    [InlineData("NULL", "NULL", true)]
    [InlineData("true", "true", true)]
    [InlineData("FALSE", "FALSE", true)]
    [InlineData(" 7 ", "7", true)]
    [InlineData("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP", false)]
    [InlineData("current_date", "current_date", false)]
    [InlineData("(1+1)", "(1+1)", false)]
    [InlineData("1+1", "(1+1)", false)]
    [InlineData("(1)+(2)", "((1)+(2))", false)]
    [InlineData("'a' || 'b'", "('a' || 'b')", false)]
    [InlineData("'a)' || '('", "('a)' || '(')", false)]
    [InlineData("datetime('now')", "(datetime('now'))", false)]
    [InlineData("- 1", "(- 1)", false)]
    [InlineData("1e", "(1e)", false)]
    public void Defaults_that_are_not_literals_are_wrapped_in_parentheses(string expression, string rendered, bool constant)
    {
        Assert.Equal($"CREATE TABLE \"t\" (\"c\" TEXT DEFAULT {rendered})",
                     Assert.Single(Dialect.Render(new CreateTableOperation("t", [new ColumnDefinition("c", SqlType.Text, ServerDefault: expression)], []))).Sql);
        // ADD COLUMN accepts only constants on a table with rows.
        var add = new AddColumnOperation("t", new ColumnDefinition("c", SqlType.Text, ServerDefault: expression));
        if (constant)
            Assert.Equal($"ALTER TABLE \"t\" ADD COLUMN \"c\" TEXT DEFAULT {rendered}", Assert.Single(Dialect.Render(add)).Sql);
        else
            Assert.Contains("not a constant", Assert.Throws<MigrationException>(() => Dialect.Render(add)).Message);
    }

    [Fact]
    public void DropTable_and_RenameTable()
    {
        Assert.Equal(["DROP TABLE \"a\"\"b\""], Sql(op => op.DropTable("a\"b")));
        Assert.Equal(["ALTER TABLE \"order\" RENAME TO \"my table\""], Sql(op => op.RenameTable("order", "my table")));
    }

    [Fact]
    public void AddColumn_nullable_or_with_constant_default_is_native()
    {
        Assert.Equal(["ALTER TABLE \"sites\" ADD COLUMN \"note\" TEXT"], Sql(op => op.AddColumn("sites", "note", SqlType.Text)));
        Assert.Equal(["ALTER TABLE \"sites\" ADD COLUMN \"ssl\" BOOLEAN DEFAULT 0 NOT NULL"],
                     Sql(op => op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false, serverDefault: "0")));
    }

    [Fact]
    public void AddColumn_that_SQLite_rejects_on_a_table_with_rows_names_the_fix()
    {
        var notNull = Refused(op => op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false));
        Assert.Equal("SQLite cannot add column 'ssl' to table 'sites' in place: a NOT NULL column needs a default other than NULL for the existing rows; " +
                     "describe the change inside op.BatchAlterTable(\"sites\", t => ...)", notNull.Message);
        Assert.Contains("NULL", Refused(op => op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false, serverDefault: "null")).Message);
        Assert.Contains("not a constant", Refused(op => op.AddColumn("sites", "added", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP")).Message);
        Assert.Contains("not a constant", Refused(op => op.AddColumn("sites", "n", SqlType.Integer, serverDefault: "(1+1)")).Message);
        var key = Assert.Throws<MigrationException>(() => Dialect.Render(new AddColumnOperation("sites", new ColumnDefinition("id2", SqlType.Integer, Nullable: false, PrimaryKey: true))));
        Assert.Contains("primary key", key.Message);
    }

    [Fact]
    public void DropColumn_is_native_outside_a_batch() =>
        Assert.Equal(["ALTER TABLE \"sites\" DROP COLUMN \"order\""], Sql(op => op.DropColumn("sites", "order")));

    [Fact]
    public void AlterColumn_pure_rename_is_native() =>
        Assert.Equal(["ALTER TABLE \"sites\" RENAME COLUMN \"a\"\"b\" TO \"my col\""], Sql(op => op.AlterColumn("sites", "a\"b", newName: "my col")));

    [Fact]
    public void AlterColumn_of_any_other_kind_names_the_batch_fix()
    {
        const string expected = "SQLite cannot alter column 'x' of table 'sites' in place; describe the change inside op.BatchAlterTable(\"sites\", t => ...)";
        Assert.Equal(expected, Refused(op => op.AlterColumn("sites", "x", type: SqlType.BigInteger)).Message);
        Assert.Equal(expected, Refused(op => op.AlterColumn("sites", "x", nullable: false)).Message);
        Assert.Equal(expected, Refused(op => op.AlterColumn("sites", "x", serverDefault: "1")).Message);
        Assert.Equal(expected, Refused(op => op.AlterColumn("sites", "x", dropServerDefault: true)).Message);
        Assert.Equal(expected, Refused(op => op.AlterColumn("sites", "x", nullable: true, newName: "y")).Message);
    }

    [Fact]
    public void Constraints_on_an_existing_table_name_the_batch_fix()
    {
        Assert.Equal("SQLite cannot add constraint 'uq_sites_name' to table 'sites' in place; describe the change inside op.BatchAlterTable(\"sites\", t => ...)",
                     Refused(op => op.CreateUniqueConstraint("uq_sites_name", "sites", ["name"])).Message);
        Assert.Contains("'ck'", Refused(op => op.CreateCheckConstraint("ck", "sites", "x > 0")).Message);
        Assert.Contains("'fk'", Refused(op => op.CreateForeignKey("fk", "sites", ["u"], "users", ["id"])).Message);
        Assert.Equal("SQLite cannot drop constraint 'uq_sites_name' of table 'sites' in place; describe the change inside op.BatchAlterTable(\"sites\", t => ...)",
                     Refused(op => op.DropConstraint("uq_sites_name", "sites", ConstraintKind.Unique)).Message);
    }

    [Fact]
    public void CreateIndex_plain_unique_partial_and_expression()
    {
        Assert.Equal(["CREATE INDEX \"ix_sites_name\" ON \"sites\" (\"name\")"], Sql(op => op.CreateIndex("ix_sites_name", "sites", ["name"])));
        Assert.Equal(["CREATE UNIQUE INDEX \"ux order\" ON \"order\" (\"a\"\"b\", (lower(name)), \"id\") WHERE deleted = 0"],
                     Sql(op => op.CreateIndex("ux order", "order", ["a\"b", "(lower(name))", "id"], unique: true, where: "deleted = 0")));
    }

    [Fact]
    public void DropIndex_by_name() => Assert.Equal(["DROP INDEX \"ix a\"\"b\""], Sql(op => op.DropIndex("ix a\"b", "sites")));

    [Fact]
    public void Execute_passes_text_and_arguments_through()
    {
        var statement = Assert.Single(Dialect.Render(Describe.One(op => op.Execute("UPDATE sites SET ps = @ps WHERE id = @id", new("ps", "x'; DROP TABLE sites; --"), new("id", 3)))));
        Assert.Equal("UPDATE sites SET ps = @ps WHERE id = @id", statement.Sql);
        Assert.Equal([new SqlArgument("ps", "x'; DROP TABLE sites; --"), new SqlArgument("id", 3)], statement.Arguments);
    }

    [Fact]
    public void InsertRows_is_one_parameterised_statement_per_row()
    {
        var statements = Dialect.Render(Describe.One(op => op.InsertRows("order", ["id", "a\"b"], [[1, "x'); DROP TABLE t; --"], [2, null]])));
        Assert.Equal(2, statements.Count);
        Assert.All(statements, s => Assert.Equal("INSERT INTO \"order\" (\"id\", \"a\"\"b\") VALUES (@p0, @p1)", s.Sql));
        Assert.Equal([new SqlArgument("p0", 1), new SqlArgument("p1", "x'); DROP TABLE t; --")], statements[0].Arguments);
        Assert.Equal([new SqlArgument("p0", 2), new SqlArgument("p1", null)], statements[1].Arguments);
        Assert.DoesNotContain(statements, s => s.Sql.Contains("DROP", StringComparison.Ordinal));
    }

    [Fact]
    public void InsertRows_without_rows_renders_nothing() =>
        Assert.Empty(Dialect.Render(Describe.One(op => op.InsertRows("t", ["id"], []))));

    [Fact]
    public void Batch_of_in_place_changes_renders_natively_in_order() =>
        Assert.Equal(
            [
                "ALTER TABLE \"sites\" ADD COLUMN \"ssl\" BOOLEAN DEFAULT 0 NOT NULL",
                "ALTER TABLE \"sites\" RENAME COLUMN \"ps\" TO \"note\"",
                "CREATE INDEX \"ix_sites_ssl\" ON \"sites\" (\"ssl\")",
                "DROP INDEX \"ix_old\"",
            ],
            Sql(op => op.BatchAlterTable("sites", t => t
                .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
                .AlterColumn("ps", newName: "note")
                .CreateIndex("ix_sites_ssl", ["ssl"])
                .DropIndex("ix_old"))));

    public static TheoryData<string, bool> BatchCases => new()
    {
        { "add nullable", true },
        { "add constant default", true },
        { "rename column", true },
        { "index", true },
        { "empty", true },
        { "add not null without default", false },
        { "add expression default", false },
        { "add placed", false },
        { "drop column", false },
        { "alter type", false },
        { "alter nullable", false },
        { "add constraint", false },
        { "drop constraint", false },
        { "in place but always", false },
    };

    [Theory]
    [MemberData(nameof(BatchCases))]
    public void CanAlterInPlace_follows_what_SQLite_can_do(string scenario, bool inPlace)
    {
        var batch = Batch(scenario);
        Assert.Equal(inPlace, Dialect.CanAlterInPlace(batch));
        if (inPlace)
            return;
        var refused = Assert.Throws<MigrationException>(() => Dialect.Render(batch));
        Assert.Contains("table 'sites' needs a table rebuild", refused.Message);
        Assert.Contains("batch runner", refused.Message);
    }

    [Fact]
    public void Recreate_never_renders_drop_column_natively() =>
        Assert.Equal(["ALTER TABLE \"sites\" DROP COLUMN \"old\"", "ALTER TABLE \"sites\" ADD COLUMN \"new\" TEXT"],
                     Sql(op => op.BatchAlterTable("sites", t => t.DropColumn("old").AddColumn("new", SqlType.Text), BatchRecreate.Never)));

    [Fact]
    public void Recreate_never_with_a_change_that_needs_a_rebuild_is_an_error()
    {
        var batch = (BatchAlterTableOperation)Describe.One(op => op.BatchAlterTable("sites", t => t.AlterColumn("port", nullable: false), BatchRecreate.Never));
        var error = Assert.Throws<MigrationException>(() => Dialect.CanAlterInPlace(batch));
        Assert.Equal("The batch on table 'sites' says recreate: BatchRecreate.Never, but making column 'port' NOT NULL needs a rebuild unless the database's SQLite " +
                     "is 3.53 or later, which only BatchRecreate.Auto checks. Use BatchRecreate.Auto, which makes the change in place where SQLite can and rebuilds " +
                     "the table otherwise, or leave this change out of the batch.", error.Message);
        Assert.Throws<MigrationException>(() => Dialect.Render(batch));
    }

    [Fact]
    public void Version_table_statements_have_Alembics_shape()
    {
        Assert.Equal("CREATE TABLE IF NOT EXISTS \"alembic_version\" (\"version_num\" VARCHAR(32) NOT NULL, CONSTRAINT \"alembic_version_pkc\" PRIMARY KEY (\"version_num\"))",
                     Dialect.CreateVersionTable("alembic_version"));
        Assert.Equal("SELECT \"version_num\" FROM \"alembic_version\"", Dialect.SelectVersions("alembic_version"));
        Assert.Equal("INSERT INTO \"alembic_version\" (\"version_num\") VALUES (@version)", Dialect.InsertVersion("alembic_version"));
        Assert.Equal("DELETE FROM \"alembic_version\" WHERE \"version_num\" = @version", Dialect.DeleteVersion("alembic_version"));
        Assert.Equal("UPDATE \"alembic_version\" SET \"version_num\" = @to WHERE \"version_num\" = @from", Dialect.UpdateVersion("alembic_version"));
        Assert.Equal("SELECT \"version_num\" FROM \"my\"\"versions\"", Dialect.SelectVersions("my\"versions"));
    }

    [Fact]
    public void RenderLiteral_for_offline_scripts()
    {
        Assert.Equal("1", Dialect.RenderLiteral(true));
        Assert.Equal("'it''s'", Dialect.RenderLiteral("it's"));
        Assert.Equal("X'00FF'", Dialect.RenderLiteral(new byte[] { 0, 255 }));
        Assert.Equal("NULL", Dialect.RenderLiteral(null));
        Assert.Equal("2.5", Dialect.RenderLiteral(2.5m));
    }

    private static BatchAlterTableOperation Batch(string scenario) =>
        (BatchAlterTableOperation)Describe.One(op => op.BatchAlterTable("sites", t =>
        {
            switch (scenario)
            {
                case "add nullable": t.AddColumn("note", SqlType.Text); break;
                case "add constant default": t.AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0"); break;
                case "rename column": t.AlterColumn("ps", newName: "note"); break;
                case "index": t.CreateIndex("ix", ["name"], unique: true).DropIndex("ix_old"); break;
                case "empty": break;
                case "add not null without default": t.AddColumn("ssl", SqlType.Boolean, nullable: false); break;
                case "add expression default": t.AddColumn("added", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP"); break;
                case "add placed": t.AddColumn("note", SqlType.Text, insertAfter: "id"); break;
                case "drop column": t.DropColumn("old"); break;
                case "alter type": t.AlterColumn("port", type: SqlType.BigInteger); break;
                case "alter nullable": t.AddColumn("note", SqlType.Text).AlterColumn("port", nullable: false); break;
                case "add constraint": t.CreateUniqueConstraint("uq", ["name"]); break;
                case "drop constraint": t.DropConstraint("uq", ConstraintKind.Unique); break;
                case "in place but always": break;
            }
        }, scenario == "in place but always" ? BatchRecreate.Always : BatchRecreate.Auto));
}
