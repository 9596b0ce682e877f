using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Panel.Migrations.Dialects;

using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>
/// Writes the C# migration class that recreates a <see cref="Catalog"/>: tables with the portable operations,
/// indexes with <c>CreateIndex</c>, triggers and views (and indexes no operation expresses) with <c>Execute</c>;
/// <c>Down</c> drops them in reverse.
/// </summary>
internal static class BaselineWriter
{
    public static string Write(Catalog catalog, string revision, string @namespace, string className, string message, DateTimeOffset created) =>
        Write(catalog, revision, @namespace, className, message, created, null);

    /// <summary>The class for <paramref name="catalog"/>; with <paramref name="squash"/>, a squash that replaces its range and carries its data changes.</summary>
    public static string Write(Catalog catalog, string revision, string @namespace, string className, string message, DateTimeOffset created, SquashSource? squash)
    {
        var dialect = DialectFor(catalog.Kind);
        var up = new StringBuilder();
        // A serial column's default names its sequence, which must exist before the table; it is owned by the column after.
        foreach (var sequence in catalog.Sequences)
            up.Append("        op.Execute(").Append(Lit("CREATE SEQUENCE " + dialect.Quote(sequence.Name) + " AS " + sequence.Type)).Append(");\n");
        foreach (var table in Ordered(catalog.Tables))
        {
            up.Append("        op.CreateTable(").Append(Lit(table.Name)).Append(", t => t");
            foreach (var column in table.Columns)
            {
                var single = table.PrimaryKey is { Name: null, Columns.Count: 1 } pk && pk.Columns[0] == column.Name;
                up.Append("\n            .Column(").Append(Lit(column.Name)).Append(", ").Append(TypeExpression(column.DeclaredType, dialect));
                if (!column.Nullable && !(single && column.AutoIncrement))
                    up.Append(", nullable: false");
                if (column.Default is not null)
                    up.Append(", serverDefault: ").Append(Lit(column.Default));
                if (single)
                    up.Append(", primaryKey: true");
                if (column.AutoIncrement)
                    up.Append(", autoIncrement: true");
                up.Append(')');
            }

            if (table.PrimaryKey is { } key && !(key.Name is null && key.Columns.Count == 1))
                up.Append("\n            .PrimaryKey(").Append(NullableLit(key.Name)).Append(", ").Append(List(key.Columns)).Append(')');
            foreach (var unique in table.Uniques)
                up.Append("\n            .Unique(").Append(NullableLit(unique.Name)).Append(", ").Append(List(unique.Columns)).Append(')');
            foreach (var check in table.Checks)
                up.Append("\n            .Check(").Append(NullableLit(check.Name)).Append(", ").Append(Lit(check.Condition)).Append(')');
            foreach (var fk in table.ForeignKeys)
            {
                up.Append("\n            .ForeignKey(").Append(NullableLit(fk.Name)).Append(", ").Append(List(fk.Columns)).Append(", ").Append(Lit(fk.ReferencedTable))
                  .Append(", ").Append(List(fk.ReferencedColumns));
                if (fk.OnDelete != ReferentialAction.NoAction)
                    up.Append(", onDelete: ReferentialAction.").Append(fk.OnDelete);
                if (fk.OnUpdate != ReferentialAction.NoAction)
                    up.Append(", onUpdate: ReferentialAction.").Append(fk.OnUpdate);
                up.Append(')');
            }

            up.Append(");\n");
        }

        foreach (var sequence in catalog.Sequences)
            up.Append("        op.Execute(").Append(Lit($"ALTER SEQUENCE {dialect.Quote(sequence.Name)} OWNED BY {dialect.Quote(sequence.Table)}.{dialect.Quote(sequence.Column)}")).Append(");\n");
        foreach (var table in catalog.Tables)
            foreach (var column in table.Columns.Where(c => c.GeneratedAlways))
                up.Append("        op.Execute(").Append(Lit($"ALTER TABLE {dialect.Quote(table.Name)} ALTER COLUMN {dialect.Quote(column.Name)} SET GENERATED ALWAYS")).Append(");\n");

        foreach (var index in catalog.Indexes)
        {
            if (index.Sql is not null)
            {
                up.Append("        op.Execute(").Append(Lit(index.Sql)).Append(");\n");
                continue;
            }

            up.Append("        op.CreateIndex(").Append(Lit(index.Name)).Append(", ").Append(Lit(index.Table)).Append(", ").Append(List(index.Columns));
            if (index.Unique)
                up.Append(", unique: true");
            if (index.Where is not null)
                up.Append(", where: ").Append(Lit(index.Where));
            up.Append(");\n");
        }

        foreach (var raw in catalog.Views.Concat(catalog.Functions).Concat(catalog.Triggers))
            up.Append("        op.Execute(").Append(Lit(raw.Sql)).Append(");\n");
        if (squash is not null)
            up.Append(squash.DataUp);

        var down = new StringBuilder();
        foreach (var trigger in Enumerable.Reverse(catalog.Triggers))
            down.Append("        op.Execute(").Append(Lit("DROP TRIGGER " + dialect.Quote(trigger.Name) + (catalog.Kind == DatabaseKind.Sqlite ? "" : " ON " + dialect.Quote(trigger.Table)))).Append(");\n");
        foreach (var view in Enumerable.Reverse(catalog.Views))
            down.Append("        op.Execute(").Append(Lit("DROP VIEW " + dialect.Quote(view.Name))).Append(");\n");
        foreach (var index in Enumerable.Reverse(catalog.Indexes))
            down.Append("        op.DropIndex(").Append(Lit(index.Name)).Append(", ").Append(Lit(index.Table)).Append(");\n");
        foreach (var table in Enumerable.Reverse(Ordered(catalog.Tables)))
            down.Append("        op.DropTable(").Append(Lit(table.Name)).Append(");\n");
        // The signature as regprocedure prints it is already quoted where it needs to be.
        foreach (var function in Enumerable.Reverse(catalog.Functions))
            down.Append("        op.Execute(").Append(Lit("DROP FUNCTION " + function.Name)).Append(");\n");

        var summary = message.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        return $$"""
            // Revision ID: {{revision}}
            // Revises: {{squash?.DownRevision ?? "<base>"}}
            // Create Date: {{created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}}
            // Written by {{(squash is null ? $"'baseline --from-database' from the live {catalog.Kind} catalog." : $"'squash' from the schema its range makes on {catalog.Kind}.")}}
            using Panel.Migrations;

            namespace {{@namespace}};

            /// <summary>{{summary}}</summary>
            [Migration({{Lit(revision)}}{{(squash?.DownRevision is { } parent ? ", DownRevision = " + Lit(parent) : "")}}, Message = {{Lit(message)}}{{(squash is null ? "" : ", Replaces = new[] { " + string.Join(", ", squash.Replaces.Select(Lit)) + " }")}})]
            public sealed class {{className}} : Migration
            {
                /// <inheritdoc />
                public override void Up(MigrationBuilder op)
                {
            {{up.ToString().TrimEnd('\n')}}
                }

                /// <inheritdoc />
                public override void Down(MigrationBuilder op)
                {
            {{down.ToString().TrimEnd('\n')}}
                }
            }

            """;
    }

    /// <summary>The portable type whose rendering on this database is exactly the declared type, else <c>SqlType.Custom</c>.</summary>
    internal static string TypeExpression(string declared, SqlDialect dialect)
    {
        var candidates = new (SqlType Type, string Expression)[]
        {
            (SqlType.Integer, "SqlType.Integer"), (SqlType.BigInteger, "SqlType.BigInteger"), (SqlType.Text, "SqlType.Text"),
            (SqlType.Boolean, "SqlType.Boolean"), (SqlType.DateTime, "SqlType.DateTime"), (SqlType.Float, "SqlType.Float"), (SqlType.Blob, "SqlType.Blob"),
        };
        foreach (var (type, expression) in candidates)
            if (string.Equals(dialect.RenderType(type), declared, StringComparison.Ordinal))
                return expression;
        var length = System.Text.RegularExpressions.Regex.Match(declared, @"^\w+(?: \w+)*\((\d+)\)$");
        if (length.Success && int.TryParse(length.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            && dialect.RenderType(SqlType.String(n)) == declared)
            return "SqlType.String(" + n.ToString(CultureInfo.InvariantCulture) + ")";
        var numeric = System.Text.RegularExpressions.Regex.Match(declared, @"^\w+\((\d+), ?(\d+)\)$");
        if (numeric.Success && int.TryParse(numeric.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && int.TryParse(numeric.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && p > 0 && s <= p
            && dialect.RenderType(SqlType.Decimal(p, s)) == declared)
            return "SqlType.Decimal(" + p.ToString(CultureInfo.InvariantCulture) + ", " + s.ToString(CultureInfo.InvariantCulture) + ")";
        if (string.IsNullOrWhiteSpace(declared))
            throw new CommandLineException("A column without a declared type cannot be written as a portable column; give it a type first.");
        return "SqlType.Custom(" + Lit(declared) + ")";
    }

    private static SqlDialect DialectFor(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => SqliteDialect.Instance,
        DatabaseKind.PostgreSql => PostgreSqlDialect.Instance,
        _ => throw new CommandLineException($"baseline --from-database reads SQLite and PostgreSQL, not {kind}."),
    };

    /// <summary>Referenced tables first, so every foreign key names an existing table; the database's order otherwise.</summary>
    private static List<CatalogTable> Ordered(List<CatalogTable> tables)
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<CatalogTable>();
        var pending = tables.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.ForeignKeys.All(fk => done.Contains(fk.ReferencedTable) || string.Equals(fk.ReferencedTable, t.Name, StringComparison.OrdinalIgnoreCase)
                                                                            || !tables.Any(o => string.Equals(o.Name, fk.ReferencedTable, StringComparison.OrdinalIgnoreCase))))
                       ?? pending[0];
            pending.Remove(next);
            done.Add(next.Name);
            result.Add(next);
        }

        return result;
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Lit)) + "]";

    private static string NullableLit(string? text) => text is null ? "null" : Lit(text);

    /// <summary>A C# string literal, verbatim (<c>@"..."</c>) when the text spans lines.</summary>
    internal static string Lit(string text) =>
        text.Contains('\n', StringComparison.Ordinal)
            ? "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
