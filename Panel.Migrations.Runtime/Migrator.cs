using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations;

/// <summary>
/// The entry points behind the generated <c>MigrationRegistry</c>: each runs one command for a map,
/// on the database of the given options or, when none are given, of <c>ENVIRONMENT</c>/<c>DATABASE_URI</c>.
/// </summary>
public static class Migrator
{
    /// <summary>Upgrades to <paramref name="target"/>.</summary>
    public static Task<MigrationResult> UpgradeAsync(MigrationMap map, string target = "head", MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).UpgradeAsync(target, cancellationToken);

    /// <summary>Downgrades to <paramref name="target"/>.</summary>
    public static Task<MigrationResult> DowngradeAsync(MigrationMap map, string target, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).DowngradeAsync(target, cancellationToken);

    /// <summary>The database's current heads.</summary>
    public static Task<IReadOnlyList<string>> CurrentAsync(MigrationMap map, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).CurrentAsync(cancellationToken);

    /// <summary>Records <paramref name="target"/> in the version table without running migrations.</summary>
    public static Task<MigrationResult> StampAsync(MigrationMap map, string target, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).StampAsync(target, purge: false, cancellationToken);

    private static MigrationRunner Runner(MigrationMap map, MigrationOptions? options) => new(map, options ?? MigrationOptions.FromEnvironment());
}
