using System.Collections.Generic;

namespace Panel.Migrations.Pipeline;

/// <summary>What the version and log tables say before a run: the heads, and whether each table exists yet.</summary>
internal sealed record DatabaseState(IReadOnlyList<string> Heads, bool VersionTableExists, bool LogExists)
{
    public static readonly DatabaseState Empty = new([], false, false);
}
