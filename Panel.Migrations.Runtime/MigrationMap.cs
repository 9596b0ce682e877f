using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>
/// The migrations of one application and their revision graph. The source generator builds one at compile
/// time (<c>MigrationRegistry.Map</c>); building one by hand runs the same graph checks at run time.
/// </summary>
public sealed class MigrationMap
{
    private readonly Dictionary<string, MigrationInfo> _byRevision;

    /// <summary>Builds the map and checks its graph.</summary>
    /// <exception cref="RevisionGraphException">The graph is invalid (duplicate id, unknown parent, cycle, ...).</exception>
    public MigrationMap(IEnumerable<MigrationInfo> migrations)
    {
        var list = (migrations ?? throw new ArgumentNullException(nameof(migrations))).ToList();
        Graph = RevisionGraph.Build(list.Select(m => m.Node));
        _byRevision = new Dictionary<string, MigrationInfo>(StringComparer.Ordinal);
        foreach (var migration in list)
            _byRevision[migration.Revision] = migration;
        Migrations = Graph.Revisions.Select(n => _byRevision[n.Id]).ToArray();
    }

    /// <summary>The revision graph.</summary>
    public RevisionGraph Graph { get; }

    /// <summary>Every migration, in load order (ordinal order of ids).</summary>
    public IReadOnlyList<MigrationInfo> Migrations { get; }

    /// <summary>The migration of a revision id.</summary>
    /// <exception cref="KeyNotFoundException">No such revision.</exception>
    public MigrationInfo this[string revision] =>
        _byRevision.TryGetValue(revision, out var info) ? info : throw new KeyNotFoundException($"Can't locate revision identified by '{revision}'");
}
