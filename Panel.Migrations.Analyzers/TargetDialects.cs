using System;
using Microsoft.CodeAnalysis.Diagnostics;
using Panel.Migrations.Sql;

namespace Panel.Migrations.Analyzers;

/// <summary>The databases a project targets, from the MSBuild property <c>PanelMigrationsDialects</c>.</summary>
[Flags]
public enum TargetDialects
{
    /// <summary>None recognised.</summary>
    None = 0,
    /// <summary>SQLite (the default).</summary>
    Sqlite = 1,
    /// <summary>PostgreSQL.</summary>
    PostgreSql = 2,
    /// <summary>MySQL or MariaDB.</summary>
    MySql = 4,
}

/// <summary>Reads <c>build_property.PanelMigrationsDialects</c>.</summary>
public static class TargetDialectsOption
{
    /// <summary>The analyzer-config key (the MSBuild property must be a CompilerVisibleProperty).</summary>
    public const string Key = "build_property.PanelMigrationsDialects";

    /// <summary>All three databases (not a member of the enum, so that a parsed value prints as its parts).</summary>
    internal const TargetDialects All = TargetDialects.Sqlite | TargetDialects.PostgreSql | TargetDialects.MySql;

    /// <summary>Parses e.g. <c>sqlite;postgresql;mysql</c>; empty or unknown means SQLite.</summary>
    public static TargetDialects Parse(string? value)
    {
        var result = TargetDialects.None;
        foreach (var raw in (value ?? string.Empty).Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            switch (raw.Trim().ToLowerInvariant())
            {
                case "sqlite": result |= TargetDialects.Sqlite; break;
                case "postgresql": case "postgres": case "pg": case "npgsql": result |= TargetDialects.PostgreSql; break;
                case "mysql": case "mariadb": result |= TargetDialects.MySql; break;
            }
        }
        return result == TargetDialects.None ? TargetDialects.Sqlite : result;
    }

    /// <summary>
    /// Whose quoting rules raw SQL is read by: SQLite's when SQLite is a target (they accept the other two's
    /// quoted names too), else PostgreSQL's, else MySQL's.
    /// </summary>
    internal static SqlSyntax LexerSyntax(TargetDialects dialects) =>
        (dialects & TargetDialects.Sqlite) != 0 ? SqlSyntax.Sqlite : (dialects & TargetDialects.PostgreSql) != 0 ? SqlSyntax.PostgreSql : SqlSyntax.MySql;

    /// <summary>Reads the option from the global analyzer config.</summary>
    public static TargetDialects Read(AnalyzerOptions options) =>
        Parse(options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(Key, out var value) ? value : null);
}
