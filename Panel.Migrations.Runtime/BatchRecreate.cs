namespace Panel.Migrations;

/// <summary>Whether a batch rebuilds the table on SQLite ("move and copy").</summary>
public enum BatchRecreate
{
    /// <summary>Alters in place what the database can alter safely, rebuilds otherwise.</summary>
    Auto,
    /// <summary>Always rebuilds the table.</summary>
    Always,
    /// <summary>Never rebuilds; an operation that would need a rebuild is an error.</summary>
    Never,
}
