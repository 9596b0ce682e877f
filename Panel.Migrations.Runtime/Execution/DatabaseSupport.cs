using System;

namespace Panel.Migrations.Execution;

/// <summary>
/// Which database providers the app carries. Each is on unless a feature switch turns it off: a trimmed or NativeAOT
/// publish turns off the databases its <c>PanelMigrationsDialects</c> does not name (build/Panel.Migrations.targets),
/// and <c>ILLink.Substitutions.xml</c> then makes the property a constant false, so the trimmer drops that provider
/// (Npgsql, MySqlConnector, Microsoft.Data.Sqlite) from the binary: smaller, and faster to start.
/// </summary>
internal static class DatabaseSupport
{
    public static bool Sqlite => IsOn("Panel.Migrations.Sqlite.IsSupported");

    public static bool PostgreSql => IsOn("Panel.Migrations.PostgreSql.IsSupported");

    public static bool MySql => IsOn("Panel.Migrations.MySql.IsSupported");

    /// <summary>The error for a database the app was published without.</summary>
    public static MigrationException NotCarried(DatabaseKind kind)
    {
        var name = kind switch { DatabaseKind.PostgreSql => "postgresql", DatabaseKind.MySql => "mysql", _ => "sqlite" };
        return new MigrationException($"This app was published without {kind} support: its project's PanelMigrationsDialects does not name {name}, " +
                                      $"so the trimmer left the {kind} provider out. Add {name} to <PanelMigrationsDialects> in the project file and publish again.");
    }

    private static bool IsOn(string feature) => !AppContext.TryGetSwitch(feature, out var on) || on;
}
