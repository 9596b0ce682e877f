using System.Threading;

namespace Panel.Migrations.Execution;

/// <summary>
/// The registered server providers. A provider package registers itself with its <c>Register()</c>, which the generated
/// <c>MigrationRegistry</c> calls for each provider assembly the app references (a module initializer, so it runs before
/// the app's first line); no reflection, so NativeAOT and trimming keep exactly what is registered.
/// </summary>
internal static class DatabaseProviders
{
    private static DatabaseProvider? s_postgreSql;
    private static DatabaseProvider? s_mySql;

    /// <summary>Registers <paramref name="provider"/> for its kind; registering the same kind again keeps the first.</summary>
    public static void Add(DatabaseProvider provider)
    {
        if (provider.Kind == DatabaseKind.PostgreSql)
            Interlocked.CompareExchange(ref s_postgreSql, provider, null);
        else if (provider.Kind == DatabaseKind.MySql)
            Interlocked.CompareExchange(ref s_mySql, provider, null);
    }

    /// <summary>Whether a provider for <paramref name="kind"/> is registered.</summary>
    public static bool Has(DatabaseKind kind) => Find(kind) is not null;

    /// <summary>The provider of a server database; a clear error naming the package (or the feature switch) when there is none.</summary>
    public static DatabaseProvider For(DatabaseKind kind) => Find(kind) ?? throw Missing(kind);

    private static DatabaseProvider? Find(DatabaseKind kind) => kind switch
    {
        DatabaseKind.PostgreSql => Volatile.Read(ref s_postgreSql),
        DatabaseKind.MySql => Volatile.Read(ref s_mySql),
        _ => null,
    };

    private static MigrationException Missing(DatabaseKind kind)
    {
        var (scheme, package) = kind switch
        {
            DatabaseKind.PostgreSql => ("postgresql://", "Panel.Migrations.PostgreSql"),
            DatabaseKind.MySql => ("mysql://", "Panel.Migrations.MySql"),
            _ => (kind.ToString(), "Panel.Migrations"),
        };
        // A publish whose feature switch turned the provider off registered nothing on purpose: say which switch.
        if ((kind == DatabaseKind.PostgreSql && !DatabaseSupport.PostgreSql) || (kind == DatabaseKind.MySql && !DatabaseSupport.MySql))
            return DatabaseSupport.NotCarried(kind);
        return new MigrationException($"{scheme} needs the {package} package: dotnet add package {package} "
                                      + $"(the generated MigrationRegistry then registers it; or call Panel.Migrations.{ProviderClass(kind)}.Register() once at start-up). Nothing was changed.");
    }

    private static string ProviderClass(DatabaseKind kind) => kind == DatabaseKind.PostgreSql ? "PostgreSqlProvider" : "MySqlProvider";
}
