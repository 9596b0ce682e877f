namespace Panel.Migrations.Schema;

/// <summary>A foreign key's ON DELETE / ON UPDATE action from the words a catalog reports (<c>SET NULL</c>, <c>cascade</c>, ...).</summary>
internal static class ReferentialActionWords
{
    /// <summary>The action; anything unknown (<c>NO ACTION</c>) is <see cref="ReferentialAction.NoAction"/>.</summary>
    public static ReferentialAction Parse(string words) => words.ToUpperInvariant() switch
    {
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        "RESTRICT" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };
}
