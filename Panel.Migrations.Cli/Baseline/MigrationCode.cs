using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>
/// Prints a <see cref="WrittenMigration"/> as its C# class: each operation as the <see cref="MigrationBuilder"/> call that
/// records exactly that operation, so the compiled class runs what was run and verified before it was printed.
/// </summary>
internal static class MigrationCode
{
    private const string Statement = "        op.";

    /// <summary>The file's text: header, attribute, and the class with its <c>Up</c> and <c>Down</c>.</summary>
    public static string Print(WrittenMigration migration, string @namespace, string className, DateTimeOffset created)
    {
        var summary = migration.Message.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        var attribute = Lit(migration.Revision) + (migration.DownRevision is { } parent ? ", DownRevision = " + Lit(parent) : "") + ", Message = " + Lit(migration.Message)
                        + (migration.Replaces is { } replaced ? ", Replaces = new[] { " + string.Join(", ", replaced.Select(Lit)) + " }" : "");
        return $$"""
            // Revision ID: {{migration.Revision}}
            // Revises: {{migration.DownRevision ?? "<base>"}}
            // Create Date: {{created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}}
            // Written by {{migration.WrittenBy}}
            using Panel.Migrations;

            namespace {{@namespace}};

            /// <summary>{{summary}}</summary>
            [Migration({{attribute}})]
            public sealed class {{className}} : Migration
            {
                /// <inheritdoc />
                public override void Up(MigrationBuilder op)
                {
            {{Statements(migration.Up)}}
                }

                /// <inheritdoc />
                public override void Down(MigrationBuilder op)
                {
            {{Statements(migration.Down)}}
                }
            }

            """;
    }

    /// <summary>Whether <paramref name="value"/> (a seed row's value or a SQL argument) can be written as a C# literal.</summary>
    public static bool CanWrite(object? value) =>
        value is null or string or bool or int or long or short or byte or decimal || value is double number && double.IsFinite(number);

    private static string Statements(IEnumerable<MigrationOperation> operations) =>
        string.Join("\n", operations.Select(operation => Statement + Call(operation) + ";"));

    private static string Call(MigrationOperation operation) => operation switch
    {
        CreateTableOperation table => "CreateTable(" + Lit(table.Name) + ", t => t" + string.Concat(table.Columns.Select(Column)) + string.Concat(table.Constraints.Select(Constraint)) + ")",
        CreateIndexOperation index => "CreateIndex(" + Lit(index.Name) + ", " + Lit(index.TableName) + ", " + List(index.Columns)
                                      + (index.Unique ? ", unique: true" : "") + (index.Where is null ? "" : ", where: " + Lit(index.Where)) + ")",
        DropIndexOperation index => "DropIndex(" + Lit(index.Name) + ", " + Lit(index.TableName) + ")",
        DropTableOperation table => "DropTable(" + Lit(table.Name) + ")",
        ExecuteSqlOperation execute => "Execute(" + Lit(execute.Sql)
                                       + string.Concat(execute.Arguments.Select(a => ", new global::Panel.Migrations.Operations.SqlArgument(" + Lit(a.Name) + ", " + Value(a.Value) + ")")) + ")",
        InsertRowsOperation insert => "InsertRows(" + Lit(insert.TableName) + ", " + List(insert.Columns) + ", ["
                                      + string.Join(", ", insert.Rows.Select(r => "new object?[] { " + string.Join(", ", r.Select(Value)) + " }")) + "])",
        _ => throw new InvalidOperationException($"The migration writer has no C# for {operation.GetType().Name}."),
    };

    // A primary key is NOT NULL by itself, so nullable: false is said only of other columns.
    private static string Column(ColumnDefinition column) =>
        "\n            .Column(" + Lit(column.Name) + ", " + Type(column.Type)
        + (!column.Nullable && !column.PrimaryKey ? ", nullable: false" : "")
        + (column.ServerDefault is null ? "" : ", serverDefault: " + Lit(column.ServerDefault))
        + (column.PrimaryKey ? ", primaryKey: true" : "") + (column.AutoIncrement ? ", autoIncrement: true" : "") + ")";

    private static string Constraint(TableConstraint constraint) => "\n            " + constraint switch
    {
        PrimaryKeyConstraint key => ".PrimaryKey(" + NullableLit(key.Name) + ", " + List(key.Columns) + ")",
        UniqueConstraint unique => ".Unique(" + NullableLit(unique.Name) + ", " + List(unique.Columns) + ")",
        CheckConstraint check => ".Check(" + NullableLit(check.Name) + ", " + Lit(check.Condition) + ")",
        ForeignKeyConstraint fk => ".ForeignKey(" + NullableLit(fk.Name) + ", " + List(fk.Columns) + ", " + Lit(fk.ReferencedTable) + ", " + List(fk.ReferencedColumns)
                                   + (fk.OnDelete == ReferentialAction.NoAction ? "" : ", onDelete: ReferentialAction." + fk.OnDelete)
                                   + (fk.OnUpdate == ReferentialAction.NoAction ? "" : ", onUpdate: ReferentialAction." + fk.OnUpdate) + ")",
        _ => throw new InvalidOperationException($"The migration writer has no C# for {constraint.GetType().Name}."),
    };

    private static string Type(SqlType type) => type.Kind switch
    {
        SqlTypeKind.String => "SqlType.String(" + type.Length!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.Decimal => "SqlType.Decimal(" + type.Precision!.Value.ToString(CultureInfo.InvariantCulture) + ", " + type.Scale!.Value.ToString(CultureInfo.InvariantCulture) + ")",
        SqlTypeKind.Custom => "SqlType.Custom(" + Lit(type.Declaration!) + ")",
        _ => "SqlType." + type.Kind,
    };

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => Lit(text),
        bool flag => flag ? "true" : "false",
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        int number => number.ToString(CultureInfo.InvariantCulture),
        short number => "(short)" + number.ToString(CultureInfo.InvariantCulture),
        byte number => "(byte)" + number.ToString(CultureInfo.InvariantCulture),
        double number when double.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture) + "d",
        decimal number => number.ToString(CultureInfo.InvariantCulture) + "m",
        _ => throw new InvalidOperationException($"A value of type {value.GetType().Name} cannot be written as a C# literal."),
    };

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Lit)) + "]";

    private static string NullableLit(string? text) => text is null ? "null" : Lit(text);

    /// <summary>A C# string literal, verbatim (<c>@"..."</c>) when the text spans lines.</summary>
    private static string Lit(string text) =>
        text.Contains('\n', StringComparison.Ordinal)
            ? "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
