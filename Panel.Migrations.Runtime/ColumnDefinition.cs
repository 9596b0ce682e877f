namespace Panel.Migrations;

/// <summary>A column as a migration declares it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The portable type.</param>
/// <param name="Nullable">Whether the column accepts NULL.</param>
/// <param name="ServerDefault">
/// The default as a SQL expression rendered verbatim: <c>"0"</c>, <c>"'active'"</c>, <c>"CURRENT_TIMESTAMP"</c>.
/// A text default therefore carries its own quotes.
/// </param>
/// <param name="PrimaryKey">Whether the column alone is the primary key.</param>
/// <param name="AutoIncrement">Whether the database numbers new rows itself (SQLite AUTOINCREMENT, PostgreSQL identity, MySQL AUTO_INCREMENT).</param>
public sealed record ColumnDefinition(
    string Name,
    SqlType Type,
    bool Nullable = true,
    string? ServerDefault = null,
    bool PrimaryKey = false,
    bool AutoIncrement = false);
