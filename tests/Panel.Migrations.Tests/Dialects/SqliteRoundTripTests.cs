using System;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Xunit;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>
/// Each rendered operation is applied to a real SQLite file, checked through SQLite's own catalog, then undone
/// by its inverse, after which the catalog must be exactly what it was.
/// </summary>
public sealed class SqliteRoundTripTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public SqliteRoundTripTests()
    {
        _db.Apply(op =>
        {
            op.CreateTable("users", t => t.Column("id", SqlType.Integer, primaryKey: true));
            op.CreateTable("sites", t => t
                .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
                .Column("name", SqlType.String(64), nullable: false)
                .Column("ps", SqlType.Text));
            op.InsertRows("sites", ["name", "ps"], [["one", "first"], ["two", null]]);
        });
    }

    public void Dispose() => _db.Dispose();

    private void RoundTrip(Action<MigrationBuilder> apply, Action check, Action<MigrationBuilder> undo)
    {
        var before = _db.Snapshot();
        _db.Apply(apply);
        check();
        Assert.NotEqual(before, _db.Snapshot());
        _db.Apply(undo);
        Assert.Equal(before, _db.Snapshot());
    }

    [Fact]
    public void CreateTable_then_DropTable() => RoundTrip(
        op => op.CreateTable("order", t => t
            .Column("id", SqlType.BigInteger, primaryKey: true, autoIncrement: true)
            .Column("a\"b", SqlType.String(20), nullable: false, serverDefault: "'x'")
            .Column("my col", SqlType.Decimal(10, 2), serverDefault: "-1.5")
            .Column("added", SqlType.DateTime, nullable: false, serverDefault: "CURRENT_TIMESTAMP")
            .Column("n", SqlType.Integer, serverDefault: "1 + 1")
            .Column("flag", SqlType.Boolean, nullable: false, serverDefault: "FALSE")
            .Column("ratio", SqlType.Float)
            .Column("data", SqlType.Blob)
            .Column("user_id", SqlType.Integer)
            .Unique("uq_order_ab", ["a\"b", "my col"])
            .Check("ck_order_n", "n > 0")
            .ForeignKey("fk_order_user", ["user_id"], "users", ["id"], ReferentialAction.Cascade, ReferentialAction.SetNull)),
        () =>
        {
            Assert.Equal(
                [
                    "id|INTEGER|1|NULL|1", "a\"b|VARCHAR(20)|1|'x'|0", "my col|NUMERIC(10, 2)|0|-1.5|0", "added|DATETIME|1|CURRENT_TIMESTAMP|0",
                    "n|INTEGER|0|1 + 1|0", "flag|BOOLEAN|1|FALSE|0", "ratio|REAL|0|NULL|0", "data|BLOB|0|NULL|0", "user_id|INTEGER|0|NULL|0",
                ],
                _db.Columns("order"));
            Assert.Equal(["sqlite_autoindex_order_1|1|u|0|a\"b,my col"], _db.Indexes("order"));
            Assert.Equal(["users|user_id|id|SET NULL|CASCADE"], _db.ForeignKeys("order"));
            Assert.Contains("AUTOINCREMENT", _db.Sql("order"));
            Assert.Contains("CONSTRAINT \"ck_order_n\" CHECK (n > 0)", _db.Sql("order"));
            // Defaults and the identity work: only the defaulted columns are left out of the insert.
            _db.Apply(op => op.InsertRows("order", ["ratio"], [[0.5]]));
            Assert.Equal(["1|x|-1.5|2|0"], _db.Rows("SELECT id, \"a\"\"b\", \"my col\", n, flag FROM \"order\""));
        },
        op => op.DropTable("order"));

    [Fact]
    public void Composite_primary_key_and_unnamed_constraints() => RoundTrip(
        op => op.CreateTable("user sites", t => t
            .Column("user_id", SqlType.Integer, nullable: false)
            .Column("site_id", SqlType.Integer, nullable: false)
            .PrimaryKey("pk_user_sites", ["user_id", "site_id"])
            .ForeignKey(null, ["site_id"], "sites", ["id"])),
        () =>
        {
            Assert.Equal(["user_id|INTEGER|1|NULL|1", "site_id|INTEGER|1|NULL|2"], _db.Columns("user sites"));
            Assert.Equal(["sites|site_id|id|NO ACTION|NO ACTION"], _db.ForeignKeys("user sites"));
        },
        op => op.DropTable("user sites"));

    [Theory]
    [InlineData("order")]
    [InlineData("a\"b")]
    [InlineData("my table")]
    public void RenameTable_with_hostile_names(string name) => RoundTrip(
        op => op.RenameTable("sites", name),
        () =>
        {
            Assert.Equal(["one", "two"], _db.Rows($"SELECT name FROM {SqliteDialect.Instance.Quote(name)} ORDER BY id"));
            Assert.Null(_db.Sql("sites"));
        },
        op => op.RenameTable(name, "sites"));

    [Fact]
    public void AddColumn_not_null_with_constant_default_then_DropColumn() => RoundTrip(
        op => op.AddColumn("sites", "order", SqlType.Boolean, nullable: false, serverDefault: "1"),
        () =>
        {
            Assert.Equal("order|BOOLEAN|1|1|0", _db.Columns("sites")[^1]);
            Assert.Equal(["1", "1"], _db.Rows("SELECT \"order\" FROM sites"));
        },
        op => op.DropColumn("sites", "order"));

    [Fact]
    public void AddColumn_nullable_with_string_default_then_DropColumn() => RoundTrip(
        op => op.AddColumn("sites", "my col", SqlType.String(10), serverDefault: "'it''s'"),
        () => Assert.Equal(["it's", "it's"], _db.Rows("SELECT \"my col\" FROM sites")),
        op => op.DropColumn("sites", "my col"));

    [Fact]
    public void Rename_column_then_back() => RoundTrip(
        op => op.AlterColumn("sites", "ps", newName: "a\"b"),
        () => Assert.Equal("a\"b|TEXT|0|NULL|0", _db.Columns("sites")[2]),
        op => op.AlterColumn("sites", "a\"b", newName: "ps"));

    [Fact]
    public void Unique_partial_expression_index_then_DropIndex() => RoundTrip(
        op => op.CreateIndex("ux sites", "sites", ["name", "(lower(ps))"], unique: true, where: "ps IS NOT NULL"),
        () =>
        {
            Assert.Equal(["ux sites|1|c|1|name,-2"], _db.Indexes("sites"));
            Assert.EndsWith("WHERE ps IS NOT NULL", _db.Sql("ux sites"));
        },
        op => op.DropIndex("ux sites", "sites"));

    [Fact]
    public void Batch_in_place_then_batch_never_inverse()
    {
        var batch = (BatchAlterTableOperation)Describe.One(op => op.BatchAlterTable("sites", t => t
            .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
            .AlterColumn("ps", newName: "note")
            .CreateIndex("ix_sites_ssl", ["ssl"])));
        Assert.True(SqliteDialect.Instance.CanAlterInPlace(batch));
        RoundTrip(
            op => op.BatchAlterTable("sites", t => t
                .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
                .AlterColumn("ps", newName: "note")
                .CreateIndex("ix_sites_ssl", ["ssl"])),
            () =>
            {
                Assert.Equal(["id|INTEGER|1|NULL|1", "name|VARCHAR(64)|1|NULL|0", "note|TEXT|0|NULL|0", "ssl|BOOLEAN|1|0|0"], _db.Columns("sites"));
                Assert.Equal(["ix_sites_ssl|0|c|0|ssl"], _db.Indexes("sites"));
            },
            op => op.BatchAlterTable("sites", t => t
                .DropIndex("ix_sites_ssl")
                .AlterColumn("note", newName: "ps")
                .DropColumn("ssl"), BatchRecreate.Never));
    }

    [Fact]
    public void InsertRows_and_Execute_carry_hostile_values_as_parameters()
    {
        const string hostile = "x'); DROP TABLE sites; --";
        RoundTrip(
            op => op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("body", SqlType.Text).Column("raw", SqlType.Blob)),
            () =>
            {
                _db.Apply(op => op.InsertRows("notes", ["id", "body", "raw"], [[1, hostile, new byte[] { 0, 1, 2 }], [2, null, null]]));
                _db.Apply(op => op.Execute("UPDATE notes SET body = @b WHERE id = @id", new SqlArgument("b", hostile + "2"), new SqlArgument("id", 2)));
                Assert.Equal([$"1|{hostile}|3", $"2|{hostile}2|NULL"], _db.Rows("SELECT id, body, length(raw) FROM notes ORDER BY id"));
                Assert.NotNull(_db.Sql("sites"));
            },
            op => op.DropTable("notes"));
    }

    [Fact]
    public void Version_table_in_Alembics_shape_with_parameters()
    {
        var dialect = SqliteDialect.Instance;
        StatementRunner.Execute(_db.Connection, dialect.CreateVersionTable("alembic_version"));
        StatementRunner.Execute(_db.Connection, dialect.CreateVersionTable("alembic_version")); // IF NOT EXISTS
        Assert.Equal(["version_num|VARCHAR(32)|1|NULL|1"], _db.Columns("alembic_version"));
        Assert.Equal(["sqlite_autoindex_alembic_version_1|1|pk|0|version_num"], _db.Indexes("alembic_version"));
        Assert.Contains("CONSTRAINT \"alembic_version_pkc\" PRIMARY KEY", _db.Sql("alembic_version"));

        StatementRunner.Execute(_db.Connection, dialect.InsertVersion("alembic_version"), [new("version", "001")]);
        StatementRunner.Execute(_db.Connection, dialect.InsertVersion("alembic_version"), [new("version", "3f2a9c1d7b10")]);
        StatementRunner.Execute(_db.Connection, dialect.UpdateVersion("alembic_version"), [new("from", "001"), new("to", "ae1027a6acf")]);
        StatementRunner.Execute(_db.Connection, dialect.DeleteVersion("alembic_version"), [new("version", "3f2a9c1d7b10")]);
        Assert.Equal(["ae1027a6acf"], _db.Rows(dialect.SelectVersions("alembic_version")));
    }

    [Fact]
    public void What_the_dialect_refuses_SQLite_refuses_too()
    {
        // The dialect's in-place rules mirror the engine: the same ALTER written by hand fails on a table with rows.
        Assert.Throws<MigrationException>(() => _db.Apply(op => op.AddColumn("sites", "ssl", SqlType.Boolean, nullable: false)));
        var engine = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => StatementRunner.Execute(_db.Connection, "ALTER TABLE \"sites\" ADD COLUMN \"ssl\" BOOLEAN NOT NULL"));
        Assert.Contains("NOT NULL", engine.Message);
        Assert.Throws<MigrationException>(() => _db.Apply(op => op.AddColumn("sites", "added", SqlType.DateTime, serverDefault: "CURRENT_TIMESTAMP")));
        engine = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => StatementRunner.Execute(_db.Connection, "ALTER TABLE \"sites\" ADD COLUMN \"added\" DATETIME DEFAULT CURRENT_TIMESTAMP"));
        Assert.Contains("non-constant default", engine.Message);
    }
}
