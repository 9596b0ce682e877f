using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Panel.Migrations.Operations;

/// <summary>
/// An operation written out with every detail it carries, the same on every machine and culture: what the migration log's
/// checksum reads of a part its dialect cannot render alone (a SQLite rebuild's column changes, a MySQL batch holding a
/// change rendered from the live column). Stored checksums depend on this text: a change to it is a new checksum version
/// (<c>HistoryCheck.ChecksumVersion</c>).
/// </summary>
internal static class OperationDescription
{
    /// <summary>The operation as <c>Kind(name: value, ...)</c>, strings quoted, lists in brackets.</summary>
    public static string Of(MigrationOperation operation) => operation switch
    {
        AddColumnOperation o => Call("AddColumn", ("table", o.TableName), ("column", o.Column), ("before", o.InsertBefore), ("after", o.InsertAfter), ("ifNotExists", o.IfNotExists)),
        AlterColumnOperation o => Call("AlterColumn", ("table", o.TableName), ("column", o.Column), ("type", o.Type), ("nullable", o.Nullable), ("serverDefault", o.ServerDefault),
                                       ("dropServerDefault", o.DropServerDefault), ("newName", o.NewName)),
        DropColumnOperation o => Call("DropColumn", ("table", o.TableName), ("column", o.Column)),
        AddConstraintOperation o => Call("AddConstraint", ("table", o.TableName), ("constraint", o.Constraint), ("validate", o.Validate)),
        DropConstraintOperation o => Call("DropConstraint", ("table", o.TableName), ("name", o.Name), ("kind", o.Kind)),
        CreateIndexOperation o => Call("CreateIndex", ("name", o.Name), ("table", o.TableName), ("columns", o.Columns), ("unique", o.Unique), ("where", o.Where),
                                       ("concurrently", o.Concurrently)),
        DropIndexOperation o => Call("DropIndex", ("name", o.Name), ("table", o.TableName)),
        CreateTableOperation o => Call("CreateTable", ("name", o.Name), ("columns", o.Columns), ("constraints", o.Constraints)),
        DropTableOperation o => Call("DropTable", ("name", o.Name)),
        RenameTableOperation o => Call("RenameTable", ("name", o.Name), ("newName", o.NewName)),
        InsertRowsOperation o => Call("InsertRows", ("table", o.TableName), ("columns", o.Columns), ("rows", o.Rows)),
        ExecuteSqlOperation o => Call("ExecuteSql", ("sql", o.Sql), ("arguments", o.Arguments)),
        BatchAlterTableOperation o => Call("BatchAlterTable", ("table", o.TableName), ("recreate", o.Recreate), ("operations", o.Operations)),
        _ => operation.GetType().Name + " " + Value(operation.ToString()),
    };

    private static string Call(string kind, params (string Name, object? Value)[] arguments) =>
        kind + "(" + string.Join(", ", arguments.Select(a => a.Name + ": " + Value(a.Value))) + ")";

    private static string Value(object? value) => value switch
    {
        null => "null",
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        Enum member => member.ToString(),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        MigrationOperation operation => Of(operation),
        SqlType type => Call("SqlType", ("kind", type.Kind), ("length", type.Length), ("precision", type.Precision), ("scale", type.Scale), ("declaration", type.Declaration)),
        ColumnDefinition c => Call("Column", ("name", c.Name), ("type", c.Type), ("nullable", c.Nullable), ("serverDefault", c.ServerDefault), ("primaryKey", c.PrimaryKey),
                                   ("autoIncrement", c.AutoIncrement)),
        PrimaryKeyConstraint c => Call("PrimaryKey", ("name", c.Name), ("columns", c.Columns)),
        UniqueConstraint c => Call("Unique", ("name", c.Name), ("columns", c.Columns)),
        CheckConstraint c => Call("Check", ("name", c.Name), ("condition", c.Condition)),
        ForeignKeyConstraint c => Call("ForeignKey", ("name", c.Name), ("columns", c.Columns), ("referencedTable", c.ReferencedTable), ("referencedColumns", c.ReferencedColumns),
                                       ("onDelete", c.OnDelete), ("onUpdate", c.OnUpdate)),
        SqlArgument argument => Call("Argument", ("name", argument.Name), ("value", argument.Value)),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => Quote(value.GetType().Name + " " + value),
    };

    // Quoted with its quotes and backslashes escaped, so no value can pass for the text around it.
    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                quoted.Append('\\');
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
