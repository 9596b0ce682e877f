using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Panel.Migrations.Dialects;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>
/// Writes the migration that recreates a <see cref="Catalog"/>, as data first (<see cref="WrittenMigration"/>): tables with
/// the portable operations, indexes with <c>CreateIndex</c>, triggers and views (and indexes no operation expresses)
/// with <c>Execute</c>; <c>Down</c> drops them in reverse. <see cref="MigrationCode"/> prints it as C#.
/// </summary>
internal static class BaselineWriter
{
    /// <summary>The C# class of a baseline of <paramref name="catalog"/>.</summary>
    public static string Write(Catalog catalog, string revision, string @namespace, string className, string message, DateTimeOffset created) =>
        MigrationCode.Print(Build(catalog, revision, message, null), @namespace, className, created);

    /// <summary>The migration for <paramref name="catalog"/>; with <paramref name="squash"/>, a squash that replaces its range and carries its data changes.</summary>
    public static WrittenMigration Build(Catalog catalog, string revision, string message, SquashSource? squash)
    {
        var dialect = DialectFor(catalog.Kind);
        // Recorded by the builder the printed class calls, so these are the operations the class records.
        var up = new MigrationBuilder(catalog.Kind);
        // A serial column's default names its sequence, which must exist before the table; it is owned by the column after.
        foreach (var sequence in catalog.Sequences)
            up.Execute("CREATE SEQUENCE " + dialect.Quote(sequence.Name) + " AS " + sequence.Type);
        foreach (var table in Ordered(catalog.Tables))
        {
            up.CreateTable(table.Name, t =>
            {
                foreach (var column in table.Columns)
                {
                    var single = table.PrimaryKey is { Name: null, Columns.Count: 1 } pk && pk.Columns[0] == column.Name;
                    // MariaDB reports "no default" of a nullable column as the text NULL (a string default comes quoted).
                    var serverDefault = catalog.Kind == DatabaseKind.MySql && column.Default == "NULL" ? null : column.Default;
                    t.Column(column.Name, TypeFor(column.DeclaredType, dialect), nullable: column.Nullable, serverDefault: serverDefault, primaryKey: single, autoIncrement: column.AutoIncrement);
                }

                if (table.PrimaryKey is { } key && !(key.Name is null && key.Columns.Count == 1))
                    t.PrimaryKey(key.Name, key.Columns);
                foreach (var unique in table.Uniques)
                    t.Unique(unique.Name, unique.Columns);
                foreach (var check in table.Checks)
                    t.Check(check.Name, check.Condition);
                foreach (var fk in table.ForeignKeys)
                    t.ForeignKey(fk.Name, fk.Columns, fk.ReferencedTable, fk.ReferencedColumns, fk.OnDelete, fk.OnUpdate);
            });
        }

        foreach (var sequence in catalog.Sequences)
            up.Execute($"ALTER SEQUENCE {dialect.Quote(sequence.Name)} OWNED BY {dialect.Quote(sequence.Table)}.{dialect.Quote(sequence.Column)}");
        foreach (var table in catalog.Tables)
            foreach (var column in table.Columns.Where(c => c.GeneratedAlways))
                up.Execute($"ALTER TABLE {dialect.Quote(table.Name)} ALTER COLUMN {dialect.Quote(column.Name)} SET GENERATED ALWAYS");

        foreach (var index in catalog.Indexes)
        {
            if (catalog.Kind == DatabaseKind.MySql && IsForeignKeyIndex(catalog, index))
                continue; // MySQL makes it with the foreign key
            if (catalog.Kind == DatabaseKind.MySql && index.Sql is not null)
                throw new CommandLineException($"Index {index.Name} ({index.Sql}) has no portable form (a prefix length, FULLTEXT or SPATIAL), and the MySQL catalog " +
                                               "does not give its statement; nothing was written. Write that migration by hand (SHOW CREATE TABLE shows the index).");
            if (index.Sql is not null)
                up.Execute(index.Sql);
            else
                up.CreateIndex(index.Name, index.Table, index.Columns, index.Unique, index.Where);
        }

        foreach (var raw in catalog.Views.Concat(catalog.Functions).Concat(catalog.Triggers))
            up.Execute(raw.Sql);
        foreach (var operation in squash?.Data ?? [])
            up.Add(operation);

        var down = new MigrationBuilder(catalog.Kind);
        foreach (var trigger in Enumerable.Reverse(catalog.Triggers))
            down.Execute("DROP TRIGGER " + dialect.Quote(trigger.Name) + (catalog.Kind is DatabaseKind.Sqlite or DatabaseKind.MySql ? "" : " ON " + dialect.Quote(trigger.Table)));
        foreach (var view in Enumerable.Reverse(catalog.Views))
            down.Execute("DROP VIEW " + dialect.Quote(view.Name));
        foreach (var index in Enumerable.Reverse(catalog.Indexes))
            down.DropIndex(index.Name, index.Table);
        foreach (var table in Enumerable.Reverse(Ordered(catalog.Tables)))
            down.DropTable(table.Name);
        // The signature as regprocedure prints it is already quoted where it needs to be.
        foreach (var function in Enumerable.Reverse(catalog.Functions))
            down.Execute("DROP FUNCTION " + function.Name);

        var writtenBy = squash is null ? $"'baseline --from-database' from the live {catalog.Kind} catalog." : $"'squash' from the schema its range makes on {catalog.Kind}.";
        return new WrittenMigration(revision, squash?.DownRevision, message, squash?.Replaces, writtenBy, up.Operations, down.Operations);
    }

    // MySQL/MariaDB name the index that backs a foreign key after the key, on its columns.
    private static bool IsForeignKeyIndex(Catalog catalog, CatalogIndex index) =>
        catalog.Tables.Any(t => t.Name == index.Table && t.ForeignKeys.Any(fk => fk.Name == index.Name && fk.Columns.SequenceEqual(index.Columns)));

    /// <summary>The portable type whose rendering on this database is exactly the declared type, else <c>SqlType.Custom</c>.</summary>
    internal static SqlType TypeFor(string declared, SqlDialect dialect)
    {
        if (dialect is MySqlDialect && MySqlPortable(declared) is { } portable)
            return portable;
        foreach (var type in new[] { SqlType.Integer, SqlType.BigInteger, SqlType.Text, SqlType.Boolean, SqlType.DateTime, SqlType.Float, SqlType.Blob })
            if (string.Equals(dialect.RenderType(type), declared, StringComparison.Ordinal))
                return type;
        var length = System.Text.RegularExpressions.Regex.Match(declared, @"^\w+(?: \w+)*\((\d+)\)$");
        if (length.Success && int.TryParse(length.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            && dialect.RenderType(SqlType.String(n)) == declared)
            return SqlType.String(n);
        var numeric = System.Text.RegularExpressions.Regex.Match(declared, @"^\w+\((\d+), ?(\d+)\)$");
        if (numeric.Success && int.TryParse(numeric.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && int.TryParse(numeric.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && p > 0 && s <= p
            && dialect.RenderType(SqlType.Decimal(p, s)) == declared)
            return SqlType.Decimal(p, s);
        if (string.IsNullOrWhiteSpace(declared))
            throw new CommandLineException("A column without a declared type cannot be written as a portable column; give it a type first.");
        return SqlType.Custom(declared);
    }

    // MySQL/MariaDB report types in lower case, integers with a display width (int(11)) and a boolean as tinyint(1).
    private static SqlType? MySqlPortable(string declared)
    {
        var reported = System.Text.RegularExpressions.Regex.Replace(declared.ToUpperInvariant(), @"^(INT|BIGINT)\(\d+\)$", "$1");
        return reported == "TINYINT(1)" ? SqlType.Boolean
            : reported == declared ? null
            : TypeFor(reported, MySqlDialect.Instance) is { Kind: not SqlTypeKind.Custom } type ? type : null;
    }

    private static SqlDialect DialectFor(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => SqliteDialect.Instance,
        DatabaseKind.PostgreSql => PostgreSqlDialect.Instance,
        DatabaseKind.MySql => MySqlDialect.Instance,
        _ => throw new CommandLineException($"baseline --from-database reads SQLite, PostgreSQL and MySQL/MariaDB, not {kind}."),
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
}
