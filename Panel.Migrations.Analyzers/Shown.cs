namespace Panel.Migrations.Analyzers;

/// <summary>How a message shows a name the analyzers may not have been able to read.</summary>
internal static class Shown
{
    /// <summary>The name, or what could not be read instead of it: e.g. "(table: not a constant)".</summary>
    public static string Name(string? name, string what) => name ?? "(" + what + ": not a constant)";

    /// <summary>A name read from raw SQL, or what could not be read instead of it.</summary>
    public static string SqlName(string? name, string what) => name ?? "(" + what + ": not readable in the SQL)";
}
