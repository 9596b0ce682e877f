using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations;

/// <summary>
/// The entry points behind the generated <c>MigrationRegistry</c>: each runs one command for a map,
/// on the database of the given options or, when none are given, of <c>ENVIRONMENT</c>/<c>DATABASE_URI</c>.
/// The overloads that take the map as a factory and its heads build the map only when the command needs it.
/// </summary>
public static class Migrator
{
    /// <summary>Upgrades to <paramref name="target"/>.</summary>
    public static Task<MigrationResult> UpgradeAsync(MigrationMap map, string target = "head", MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).UpgradeAsync(target, cancellationToken);

    /// <summary>Upgrades to <paramref name="target"/>; a database already there costs one query and <paramref name="map"/> is not called.</summary>
    public static Task<MigrationResult> UpgradeAsync(Func<MigrationMap> map, IReadOnlyList<string> heads, string target = "head", MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, heads, options).UpgradeAsync(target, cancellationToken);

    /// <summary>Downgrades to <paramref name="target"/>.</summary>
    public static Task<MigrationResult> DowngradeAsync(MigrationMap map, string target, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).DowngradeAsync(target, cancellationToken);

    /// <summary>The database's current heads.</summary>
    public static Task<IReadOnlyList<string>> CurrentAsync(MigrationMap map, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).CurrentAsync(cancellationToken);

    /// <summary>The database's current heads; <paramref name="map"/> is not called.</summary>
    public static Task<IReadOnlyList<string>> CurrentAsync(Func<MigrationMap> map, IReadOnlyList<string> heads, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, heads, options).CurrentAsync(cancellationToken);

    /// <summary>Records <paramref name="target"/> in the version table without running migrations.</summary>
    public static Task<MigrationResult> StampAsync(MigrationMap map, string target, MigrationOptions? options = null, CancellationToken cancellationToken = default) =>
        Runner(map, options).StampAsync(target, purge: false, cancellationToken);

    private static MigrationRunner Runner(MigrationMap map, MigrationOptions? options) => new(map, options ?? MigrationOptions.FromEnvironment());

    private static MigrationRunner Runner(Func<MigrationMap> map, IReadOnlyList<string> heads, MigrationOptions? options) =>
        new(map, heads, options ?? MigrationOptions.FromEnvironment());
}
