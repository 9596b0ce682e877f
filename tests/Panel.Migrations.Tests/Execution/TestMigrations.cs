using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Tests.Execution;

/// <summary>Small hand-built registries for executor tests; each revision creates a table named after itself.</summary>
internal static class TestMigrations
{
    /// <summary>A migration that creates table <c>t_&lt;rev&gt;</c> and drops it on Down.</summary>
    public sealed class CreatesTable(string revision) : Migration
    {
        public string TableName => "t_" + revision;

        public override void Up(MigrationBuilder op) => op.CreateTable(TableName, t => t
            .Column("id", SqlType.Integer, primaryKey: true)
            .Column("name", SqlType.String(50), nullable: false, serverDefault: "''"));

        public override void Down(MigrationBuilder op) => op.DropTable(TableName);
    }

    /// <summary>Adds columns to <c>t_a</c> only where missing: <c>name</c> exists already, <c>extra</c> does not.</summary>
    public sealed class AddsMissingColumns : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.AddColumn("t_a", "name", SqlType.String(50), ifNotExists: true);
            op.AddColumn("t_a", "extra", SqlType.Integer, serverDefault: "7", ifNotExists: true);
        }

        public override void Down(MigrationBuilder op) => op.DropColumn("t_a", "extra");
    }

    /// <summary>Builds an index on <c>t_a</c> concurrently: PostgreSQL refuses that inside a transaction.</summary>
    public sealed class IndexesConcurrently : Migration
    {
        public override void Up(MigrationBuilder op) => op.CreateIndex("ix_t_a_name", "t_a", ["name"], concurrently: true);

        public override void Down(MigrationBuilder op) => op.DropIndex("ix_t_a_name", "t_a");
    }

    /// <summary>Makes a column NOT NULL of the given type in a batch (a rebuild on SQLite, a change read from the live column on MySQL).</summary>
    public sealed class AltersInABatch(string table, string column, SqlType type, BatchRecreate recreate) : Migration
    {
        public override void Up(MigrationBuilder op) => op.BatchAlterTable(table, t => t.AlterColumn(column, type: type, nullable: false), recreate);

        public override void Down(MigrationBuilder op) => op.BatchAlterTable(table, t => t.AlterColumn(column, nullable: true), recreate);
    }

    /// <summary>A migration that does some work, then fails on a statement the database rejects.</summary>
    public sealed class FailsHalfway : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.CreateTable("half_done", t => t.Column("id", SqlType.Integer, primaryKey: true));
            op.InsertRows("half_done", ["id"], [[1]]);
            op.Execute("INSERT INTO no_such_table VALUES (1)");
        }

        public override void Down(MigrationBuilder op) => op.DropTable("half_done");
    }

    /// <summary>
    /// A table, columns and an index whose names carry quotes of every dialect, semicolons, comment markers and unicode,
    /// and a row whose value looks like SQL; the rebuild (SQLite) or ALTER (others) of the column must quote them too.
    /// </summary>
    public sealed class HostileNames : Migration
    {
        public const string Table = "we\"ird'; DROP TABLE t_a; --ت";
        public const string Column = "c\"ol`; DELETE FROM t_a; 名前";
        public const string Other = "n°2 '\" é";
        public const string Index = "ix'\"`; DROP INDEX x; ü";
        public const string Value = "'; DROP TABLE t_a; --";

        public override void Up(MigrationBuilder op)
        {
            op.CreateTable(Table, t => t.Column("id", SqlType.Integer, primaryKey: true).Column(Column, SqlType.String(60)));
            op.CreateIndex(Index, Table, [Column]);
            op.InsertRows(Table, ["id", Column], [[1, Value]]);
            op.BatchAlterTable(Table, t =>
            {
                t.AlterColumn(Column, type: SqlType.String(60), nullable: false);
                t.AddColumn(Other, SqlType.Integer, nullable: false, serverDefault: "7");
            });
        }

        public override void Down(MigrationBuilder op)
        {
            op.DropIndex(Index, Table);
            op.DropTable(Table);
        }
    }

    /// <summary>Creates <c>t_&lt;rev&gt;</c> like <see cref="CreatesTable"/> and counts the calls of its Up and Down in <paramref name="calls"/>.</summary>
    public sealed class CountsCalls(string revision, ConcurrentDictionary<string, int> calls) : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            calls.AddOrUpdate("up " + revision, 1, (_, n) => n + 1);
            new CreatesTable(revision).Up(op);
        }

        public override void Down(MigrationBuilder op)
        {
            calls.AddOrUpdate("down " + revision, 1, (_, n) => n + 1);
            new CreatesTable(revision).Down(op);
        }
    }

    /// <summary>A migration whose Up throws before it describes anything (a bug in the migration's code).</summary>
    public sealed class ThrowsInUp : Migration
    {
        public override void Up(MigrationBuilder op) => throw new InvalidOperationException("This Up fails on purpose.");

        public override void Down(MigrationBuilder op) => op.Execute("SELECT 1");
    }

    /// <summary>A migration that creates table <c>t_&lt;rev&gt;</c> for each revision at once (a squash of <see cref="CreatesTable"/>s), and drops them on Down.</summary>
    public sealed class CreatesTables(params string[] revisions) : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            foreach (var revision in revisions)
                new CreatesTable(revision).Up(op);
        }

        public override void Down(MigrationBuilder op)
        {
            foreach (var revision in revisions.Reverse())
                new CreatesTable(revision).Down(op);
        }
    }

    /// <summary>A migration of free statements (a sleep, say); its Down does nothing.</summary>
    public sealed class RunsSql(params string[] sql) : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            foreach (var statement in sql)
                op.Execute(statement);
        }

        public override void Down(MigrationBuilder op) => op.Execute("SELECT 1");
    }

    /// <summary>A registry of one base revision that runs each of <paramref name="sql"/>.</summary>
    public static MigrationMap Statements(string revision, params string[] sql) =>
        new([new MigrationInfo(revision, [], "runs statements", () => new RunsSql(sql))]);

    /// <summary>A registry from lines such as <c>"b &lt;- a"</c>, <c>"m &lt;- b c"</c> or <c>"a"</c> for a base.</summary>
    public static MigrationMap Graph(params string[] lines) =>
        new(lines.Select(line =>
        {
            var parts = line.Split("<-", StringSplitOptions.TrimEntries);
            var revision = parts[0];
            var parents = parts.Length > 1 ? parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            return new MigrationInfo(revision, parents, "create " + revision, () => new CreatesTable(revision));
        }));

    /// <summary>A registry from <see cref="Graph"/>'s lines whose migrations count their calls in <paramref name="calls"/>.</summary>
    public static MigrationMap Counting(ConcurrentDictionary<string, int> calls, params string[] lines) =>
        new(Graph(lines).Migrations.Select(m => new MigrationInfo(m.Revision, m.DownRevisions, m.Message, () => new CountsCalls(m.Revision, calls))));

    public static MigrationMap WithFailure(string failingRevision, string downRevision, params string[] lines)
    {
        var map = Graph(lines);
        var all = new List<MigrationInfo>(map.Migrations)
        {
            new(failingRevision, [downRevision], "fails half-way", () => new FailsHalfway()),
        };
        return new MigrationMap(all);
    }
}
