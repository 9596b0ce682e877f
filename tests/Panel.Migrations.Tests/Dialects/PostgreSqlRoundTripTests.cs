using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>
/// Each rendered operation is applied to a real PostgreSQL database, checked through information_schema,
/// pg_indexes and pg_constraint, then undone by its inverse, after which the catalog must be what it was.
/// </summary>
public sealed class PostgreSqlRoundTripTests : IClassFixture<PostgresTestDatabase>, IDisposable
{
    private readonly PostgresTestDatabase _db;

    public PostgreSqlRoundTripTests(PostgresTestDatabase db)
    {
        _db = db;
        if (PostgresTestDatabase.SkipReason is not null)
            return;
        Apply(op =>
        {
            op.CreateTable("users", t => t.Column("id", SqlType.Integer, primaryKey: true));
            op.CreateTable("sites", t => t
                .Column("id", SqlType.Integer, primaryKey: true, autoIncrement: true)
                .Column("name", SqlType.String(64), nullable: false)
                .Column("port", SqlType.Integer, serverDefault: "80")
                .Column("ps", SqlType.Text));
            op.InsertRows("sites", ["name", "ps"], [["one", "first"], ["two", null]]);
        });
    }

    // Every test starts from the same two tables, whatever the previous one left behind.
    public void Dispose()
    {
        if (PostgresTestDatabase.SkipReason is null)
            StatementRunner.Execute(_db.Connection, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }

    private void Apply(Action<MigrationBuilder> describe)
    {
        foreach (var operation in Describe.All(describe))
            StatementRunner.Apply(_db.Connection, PostgreSqlDialect.Instance, operation);
    }

    private List<string> Rows(string sql, params SqlArgument[] arguments) => StatementRunner.Rows(_db.Connection, sql, arguments);

    private List<string> Columns(string table) => Rows(
        "SELECT column_name, data_type, coalesce(character_maximum_length::text, ''), coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''), " +
        "is_nullable, coalesce(column_default, ''), is_identity FROM information_schema.columns " +
        "WHERE table_schema = 'public' AND table_name = @t ORDER BY ordinal_position", new SqlArgument("t", table));

    private List<string> Constraints(string table) => Rows(
        "SELECT c.conname, c.contype::text, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid " +
        "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = 'public' AND r.relname = @t ORDER BY c.conname", new SqlArgument("t", table));

    private List<string> Indexes(string table) => Rows(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = @t ORDER BY indexname", new SqlArgument("t", table));

    private List<string> Snapshot()
    {
        var snapshot = new List<string>();
        foreach (var table in Rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"))
        {
            snapshot.Add("table " + table);
            // By name: PostgreSQL appends a column that is dropped and added back, so its position cannot round-trip.
            snapshot.AddRange(Columns(table).Order(StringComparer.Ordinal).Select(c => "  column " + c));
            snapshot.AddRange(Constraints(table).Select(c => "  constraint " + c));
            snapshot.AddRange(Indexes(table).Select(i => "  index " + i));
        }
        return snapshot;
    }

    private void RoundTrip(Action<MigrationBuilder> apply, Action check, Action<MigrationBuilder> undo)
    {
        var before = Snapshot();
        Apply(apply);
        check();
        Assert.NotEqual(before, Snapshot());
        Apply(undo);
        Assert.Equal(before, Snapshot());
    }

    [PostgresFact]
    public void CreateTable_then_DropTable() => RoundTrip(
        op => op.CreateTable("order", t => t
            .Column("id", SqlType.BigInteger, primaryKey: true, autoIncrement: true)
            .Column("a\"b", SqlType.String(20), nullable: false, serverDefault: "'x'")
            .Column("my col", SqlType.Decimal(10, 2), serverDefault: "-1.5")
            .Column("added", SqlType.DateTime, nullable: false, serverDefault: "CURRENT_TIMESTAMP")
            .Column("flag", SqlType.Boolean, nullable: false, serverDefault: "0")
            .Column("ratio", SqlType.Float)
            .Column("data", SqlType.Blob)
            .Column("body", SqlType.Text)
            .Column("site_id", SqlType.Integer)
            .Unique("uq_order_ab", ["a\"b", "my col"])
            .Check("ck_order_ratio", "ratio > 0")
            .ForeignKey("fk_order_site", ["site_id"], "sites", ["id"], ReferentialAction.Cascade, ReferentialAction.SetNull)),
        () =>
        {
            Assert.Equal(
                [
                    "id|bigint||64|0|NO||YES",
                    "a\"b|character varying|20|||NO|'x'::character varying|NO",
                    "my col|numeric||10|2|YES|'-1.5'::numeric|NO",
                    "added|timestamp without time zone||||NO|CURRENT_TIMESTAMP|NO",
                    "flag|boolean||||NO|false|NO",
                    "ratio|double precision||53||YES||NO",
                    "data|bytea||||YES||NO",
                    "body|text||||YES||NO",
                    "site_id|integer||32|0|YES||NO",
                ],
                Columns("order"));
            Assert.Equal(
                [
                    "ck_order_ratio|c|CHECK ((ratio > (0)::double precision))",
                    "fk_order_site|f|FOREIGN KEY (site_id) REFERENCES sites(id) ON UPDATE SET NULL ON DELETE CASCADE",
                    "order_pkey|p|PRIMARY KEY (id)",
                    "uq_order_ab|u|UNIQUE (\"a\"\"b\", \"my col\")",
                ],
                Constraints("order"));
            Apply(op => op.InsertRows("order", ["ratio"], [[0.5]]));
            Assert.Equal(["1|x|-1.50|False"], Rows("SELECT id, \"a\"\"b\", \"my col\", flag FROM \"order\""));
        },
        op => op.DropTable("order"));

    [PostgresTheory]
    [InlineData("order")]
    [InlineData("a\"b")]
    [InlineData("my table")]
    public void RenameTable_with_hostile_names(string name) => RoundTrip(
        op => op.RenameTable("sites", name),
        () => Assert.Equal(["one", "two"], Rows($"SELECT name FROM {PostgreSqlDialect.Instance.Quote(name)} ORDER BY id")),
        op => op.RenameTable(name, "sites"));

    [PostgresFact]
    public void AddColumn_then_DropColumn() => RoundTrip(
        op => op.AddColumn("sites", "order", SqlType.Boolean, nullable: false, serverDefault: "1"),
        () =>
        {
            Assert.Equal("order|boolean||||NO|true|NO", Columns("sites")[^1]);
            Assert.Equal(["True", "True"], Rows("SELECT \"order\" FROM sites"));
        },
        op => op.DropColumn("sites", "order"));

    [PostgresFact]
    public void AlterColumn_every_aspect_then_back() => RoundTrip(
        op => op.AlterColumn("sites", "port", type: SqlType.BigInteger, nullable: false, serverDefault: "443", newName: "listen port"),
        () =>
        {
            Assert.Equal("listen port|bigint||64|0|NO|443|NO", Columns("sites")[2]);
            Assert.Equal(["80", "80"], Rows("SELECT \"listen port\" FROM sites"));
        },
        op => op.AlterColumn("sites", "listen port", type: SqlType.Integer, nullable: true, serverDefault: "80", newName: "port"));

    [PostgresFact]
    public void AlterColumn_type_with_USING_and_drop_default() => RoundTrip(
        op => op.AlterColumn("sites", "port", type: SqlType.Text, dropServerDefault: true),
        () =>
        {
            Assert.Equal("port|text||||YES||NO", Columns("sites")[2]);
            Assert.Equal(["80", "80"], Rows("SELECT port FROM sites"));
        },
        op => op.AlterColumn("sites", "port", type: SqlType.Integer, serverDefault: "80"));

    [PostgresFact]
    public void Unique_partial_expression_index_then_DropIndex() => RoundTrip(
        op => op.CreateIndex("ux sites", "sites", ["name", "(lower(ps))"], unique: true, where: "ps IS NOT NULL"),
        () => Assert.Contains("ux sites|CREATE UNIQUE INDEX \"ux sites\" ON public.sites USING btree (name, lower(ps)) WHERE (ps IS NOT NULL)", Indexes("sites")),
        op => op.DropIndex("ux sites", "sites"));

    [PostgresFact]
    public void Constraints_added_then_dropped() => RoundTrip(
        op =>
        {
            op.Execute("INSERT INTO users (id) VALUES (80)");
            op.CreateUniqueConstraint("uq sites name", "sites", ["name"]);
            op.CreateCheckConstraint("ck\"port", "sites", "port > 0");
            op.CreateForeignKey("fk_sites_user", "sites", ["port"], "users", ["id"], onDelete: ReferentialAction.SetNull);
        },
        () => Assert.Equal(
            [
                "ck\"port|c|CHECK ((port > 0))",
                "fk_sites_user|f|FOREIGN KEY (port) REFERENCES users(id) ON DELETE SET NULL",
                "sites_pkey|p|PRIMARY KEY (id)",
                "uq sites name|u|UNIQUE (name)",
            ],
            Constraints("sites")),
        op =>
        {
            op.DropConstraint("fk_sites_user", "sites", ConstraintKind.ForeignKey);
            op.DropConstraint("ck\"port", "sites", ConstraintKind.Check);
            op.DropConstraint("uq sites name", "sites", ConstraintKind.Unique);
        });

    [PostgresFact]
    public void Batch_is_plain_alters_and_its_inverse_undoes_it() => RoundTrip(
        op => op.BatchAlterTable("sites", t => t
            .AddColumn("ssl", SqlType.Boolean, nullable: false, serverDefault: "0")
            .AlterColumn("ps", newName: "note")
            .DropColumn("port")
            .CreateIndex("ix_sites_ssl", ["ssl"])
            .CreateUniqueConstraint("uq_sites_name", ["name"]), BatchRecreate.Always),
        () =>
        {
            Assert.Equal(["id", "name", "note", "ssl"], Columns("sites").Select(c => c.Split('|')[0]));
            Assert.Contains("ix_sites_ssl|CREATE INDEX ix_sites_ssl ON public.sites USING btree (ssl)", Indexes("sites"));
        },
        op => op.BatchAlterTable("sites", t => t
            .DropConstraint("uq_sites_name", ConstraintKind.Unique)
            .DropIndex("ix_sites_ssl")
            .AddColumn("port", SqlType.Integer, serverDefault: "80")
            .AlterColumn("note", newName: "ps")
            .DropColumn("ssl")));

    [PostgresFact]
    public void InsertRows_and_Execute_carry_hostile_values_as_parameters()
    {
        const string hostile = "x'); DROP TABLE sites; --";
        RoundTrip(
            op => op.CreateTable("notes", t => t.Column("id", SqlType.Integer, primaryKey: true).Column("body", SqlType.Text).Column("raw", SqlType.Blob).Column("on", SqlType.Boolean)),
            () =>
            {
                Apply(op => op.InsertRows("notes", ["id", "body", "raw", "on"], [[1, hostile, new byte[] { 0, 1, 2 }, true], [2, null, null, null]]));
                Apply(op => op.Execute("UPDATE notes SET body = @b WHERE id = @id", new SqlArgument("b", hostile + "2"), new SqlArgument("id", 2)));
                Assert.Equal([$"1|{hostile}|3|True", $"2|{hostile}2|NULL|NULL"], Rows("SELECT id, body, length(raw), \"on\" FROM notes ORDER BY id"));
                Assert.Equal(["2"], Rows("SELECT count(*) FROM sites"));
            },
            op => op.DropTable("notes"));
    }

    [PostgresFact]
    public void Version_table_in_Alembics_shape_with_parameters()
    {
        var dialect = PostgreSqlDialect.Instance;
        StatementRunner.Execute(_db.Connection, dialect.CreateVersionTable("alembic_version"));
        StatementRunner.Execute(_db.Connection, dialect.CreateVersionTable("alembic_version"));
        Assert.Equal(["version_num|character varying|32|||NO||NO"], Columns("alembic_version"));
        Assert.Equal(["alembic_version_pkc|p|PRIMARY KEY (version_num)"], Constraints("alembic_version"));

        StatementRunner.Execute(_db.Connection, dialect.InsertVersion("alembic_version"), [new("version", "001")]);
        StatementRunner.Execute(_db.Connection, dialect.InsertVersion("alembic_version"), [new("version", "3f2a9c1d7b10")]);
        StatementRunner.Execute(_db.Connection, dialect.UpdateVersion("alembic_version"), [new("from", "001"), new("to", "ae1027a6acf")]);
        StatementRunner.Execute(_db.Connection, dialect.DeleteVersion("alembic_version"), [new("version", "3f2a9c1d7b10")]);
        Assert.Equal(["ae1027a6acf"], Rows(dialect.SelectVersions("alembic_version")));
        // VARCHAR(32) is a real limit on PostgreSQL, as under Alembic.
        Assert.Throws<Npgsql.PostgresException>(() => StatementRunner.Execute(_db.Connection, dialect.InsertVersion("alembic_version"), [new("version", new string('a', 33))]));
    }
}
