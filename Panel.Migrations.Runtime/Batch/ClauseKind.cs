namespace Panel.Migrations.Batch;

/// <summary>What a column clause or a table constraint of <c>CREATE TABLE</c> is.</summary>
internal enum ClauseKind
{
    /// <summary><c>PRIMARY KEY</c>.</summary>
    PrimaryKey,
    /// <summary><c>NOT NULL</c>.</summary>
    NotNull,
    /// <summary>A bare <c>NULL</c>.</summary>
    Null,
    /// <summary><c>UNIQUE</c>.</summary>
    Unique,
    /// <summary><c>CHECK (...)</c>.</summary>
    Check,
    /// <summary><c>DEFAULT ...</c>.</summary>
    Default,
    /// <summary><c>COLLATE name</c>.</summary>
    Collate,
    /// <summary><c>REFERENCES ...</c> on a column, <c>FOREIGN KEY</c> on the table.</summary>
    ForeignKey,
    /// <summary><c>GENERATED ALWAYS AS (...)</c>.</summary>
    Generated,
}
