namespace Panel.Migrations.Dialects;

/// <summary>
/// A column as it is in a live MySQL/MariaDB database (read from <c>information_schema.COLUMNS</c>): what
/// <c>CHANGE COLUMN</c> must restate for every aspect an <see cref="Operations.AlterColumnOperation"/> leaves as it is.
/// </summary>
/// <param name="ColumnType">The declared type, e.g. <c>varchar(64)</c> or <c>int(11)</c> (<c>COLUMN_TYPE</c>).</param>
/// <param name="Nullable">Whether the column accepts NULL.</param>
/// <param name="DefaultSql">The default as SQL text (a quoted literal, a number or an expression), or null for none.</param>
/// <param name="AutoIncrement">Whether the column is <c>AUTO_INCREMENT</c>.</param>
/// <param name="OnUpdate">The <c>ON UPDATE</c> expression, e.g. <c>current_timestamp()</c>, or null.</param>
/// <param name="Comment">The column comment, or null.</param>
/// <param name="CharacterSet">The character set of a text column, or null.</param>
/// <param name="Collation">The collation of a text column, or null.</param>
public sealed record MySqlExistingColumn(
    string ColumnType,
    bool Nullable,
    string? DefaultSql = null,
    bool AutoIncrement = false,
    string? OnUpdate = null,
    string? Comment = null,
    string? CharacterSet = null,
    string? Collation = null);
