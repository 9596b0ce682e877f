using System;
using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations.Testing;

/// <summary>
/// The pattern for testing a data migration: upgrade a new throw-away database to the revision before it, put rows in
/// (<c>seed</c>), upgrade to the data migration, and check what became of the rows (<c>verify</c>, with the test
/// framework's own assertions, which reach the test unchanged).
/// </summary>
public static class DataMigrationTest
{
    /// <summary>Runs seed and verify around the upgrade from <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <param name="map">The app's migrations.</param>
    /// <param name="before">The revision to seed at (any upgrade target: a revision, <c>label@head</c>, ...).</param>
    /// <param name="after">The revision whose effect on the rows is verified.</param>
    /// <param name="seed">Writes the rows, e.g. with <see cref="ThrowawayDatabase.ExecuteAsync"/>.</param>
    /// <param name="verify">Reads them back and asserts, e.g. with <see cref="ThrowawayDatabase.QueryAsync"/>.</param>
    /// <param name="database">Where the throw-away database is made; <see cref="TestDatabase.Sqlite"/> when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="MigrationTestException">An upgrade failed; the message names the target.</exception>
    public static async Task RunAsync(MigrationMap map, string before, string after, Func<ThrowawayDatabase, Task> seed, Func<ThrowawayDatabase, Task> verify,
                                      TestDatabase? database = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(verify);
        await using var db = await (database ?? TestDatabase.Sqlite).CreateAsync(cancellationToken).ConfigureAwait(false);
        var runner = db.RunnerFor(map);
        await MigrationStairway.UpgradeAsync(runner, before, before, $"Upgrading to {before} before the seed failed", cancellationToken).ConfigureAwait(false);
        await seed(db).ConfigureAwait(false);
        await MigrationStairway.UpgradeAsync(runner, after, after, $"Upgrading the seeded database from {before} to {after} failed", cancellationToken).ConfigureAwait(false);
        await verify(db).ConfigureAwait(false);
    }
}
