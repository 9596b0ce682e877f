using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Testing;

/// <summary>
/// Checks of the revision graph and of every migration's SQL that need no database: one head (so <c>upgrade head</c>
/// reaches every revision), and every upgrade and downgrade rendering offline (<c>--sql</c>) for each database the app runs on.
/// </summary>
public static class MigrationGraphChecks
{
    /// <summary>Fails unless the graph has exactly one head (two branches that were never merged fail <c>upgrade head</c>).</summary>
    /// <exception cref="MigrationTestException">Several heads (or none); the message names them and the fix.</exception>
    public static void AssertSingleHead(MigrationMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var heads = map.Graph.Heads;
        if (heads.Count == 1)
            return;
        if (heads.Count == 0)
            throw new MigrationTestException("The migrations have no revision, so there is no head.");
        throw new MigrationTestException(heads[0], $"The migrations have {heads.Count} heads: {string.Join(", ", heads)}. 'upgrade head' refuses to choose one, so no "
                                                   + $"revision of the other branches is ever applied; join them with 'merge {string.Join(" ", heads)} -m \"merge\"'.");
    }

    /// <summary>
    /// Renders every revision's upgrade and downgrade as offline SQL, one revision at a time in upgrade order, for each
    /// database kind given. Catches a migration that throws while it is described, or uses an operation a database
    /// cannot express. Irreversible revisions are rendered up only. Name the databases you ship <c>--sql</c> scripts
    /// for: on SQLite a migration that rebuilds a table (batch "move and copy") cannot render offline by design, and
    /// fails here with that reason; the stairway checks it on a real file instead.
    /// </summary>
    /// <exception cref="ArgumentException">No database kind was given.</exception>
    /// <exception cref="MigrationTestException">Some renders failed; the message lists each revision and database.</exception>
    public static void AssertRendersOffline(MigrationMap map, params DatabaseKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (kinds is null || kinds.Length == 0)
            throw new ArgumentException("Name the databases to render for, e.g. AssertRendersOffline(map, DatabaseKind.PostgreSql, DatabaseKind.MySql).", nameof(kinds));
        var failures = new List<(string Revision, string Line)>();
        foreach (var kind in kinds)
        {
            // Rendering never connects; the connection string only has to be well-formed for the provider.
            var runner = new MigrationRunner(map, new MigrationOptions(kind, kind == DatabaseKind.Sqlite ? "Data Source=offline.db" : "Server=localhost;Database=offline"));
            IReadOnlyList<string> heads = [];
            foreach (var revision in map.Graph.UpgradeOrder)
            {
                var upgraded = map.Graph.PlanUpgrade(heads, revision).HeadsAfter;
                Render(() => runner.RenderScript(Graph.MigrationDirection.Upgrade, revision, heads), revision, kind, "upgrade", failures);
                Render(() => runner.RenderScript(Graph.MigrationDirection.Downgrade, MigrationStairway.DowngradeTarget(map, upgraded, revision), upgraded), revision, kind, "downgrade", failures);
                heads = upgraded;
            }
        }

        if (failures.Count > 0)
            throw new MigrationTestException(failures[0].Revision, $"{failures.Count} migration script(s) do not render offline:{SchemaComparison.List(failures.Select(f => f.Line))}");
    }

    private static void Render(Func<string> render, string revision, DatabaseKind kind, string direction, List<(string, string)> failures)
    {
        try
        {
            render();
        }
        catch (IrreversibleMigrationException)
        {
            // No Down by design ([Irreversible]); its upgrade is rendered.
        }
        catch (Exception e) when (e is MigrationException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            failures.Add((revision, $"revision {revision}, {direction} on {kind}: {e.Message}"));
        }
    }
}
