using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations;

/// <summary>Checks the names a migration passes, so that a typo fails while the migration is described, not half-way through a run.</summary>
internal static class Identifier
{
    public static string Require(string? name, string what)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"The {what} must not be empty; pass the name as it is in the database.", what);
        if (name.IndexOf('\0') >= 0)
            throw new ArgumentException($"The {what} '{name.Replace("\0", "\\0")}' contains a NUL character; remove it.", what);
        return name;
    }

    public static IReadOnlyList<string> RequireAll(IReadOnlyList<string>? names, string what)
    {
        if (names is null || names.Count == 0)
            throw new ArgumentException($"At least one {what} is required.", what);
        return names.Select(n => Require(n, what)).ToArray();
    }
}
