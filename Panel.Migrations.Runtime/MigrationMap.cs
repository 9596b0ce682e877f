using System;
using System.Collections.Generic;
using System.ComponentModel;
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
        Declared = list.ToDictionary(m => m.Revision, StringComparer.Ordinal);
        foreach (var squash in Graph.Squashes.Where(s => !s.ReplacedInBuild))
        {
            // Once the replaced migrations are deleted, the squash stands in the graph under the id it is recorded under.
            var info = _byRevision[squash.Squash];
            _byRevision[squash.End] = new MigrationInfo(squash.End, Graph[squash.End].DownRevisions, info.Message, info.Factory, info.Node.BranchLabels,
                                                        info.Node.DependsOn, info.TypeName, info.Transaction, info.Fingerprint);
        }
        Migrations = Graph.Revisions.Select(n => _byRevision[n.Id]).ToArray();
    }

    /// <summary>
    /// The migration classes by their own revision ids, as declared: a squash under its own id, never under the revision it
    /// is recorded under. The history check compares the log with these.
    /// </summary>
    internal IReadOnlyDictionary<string, MigrationInfo> Declared { get; }

    /// <summary>
    /// The map of a generated registry: its revisions as the source generator writes them into one string (one row per
    /// revision, each text prefixed with its length), migration <c>i</c> of the table created by <paramref name="create"/>.
    /// </summary>
    /// <param name="table">The table, as the generator wrote it.</param>
    /// <param name="create">Creates migration <c>i</c> of the table (the registry's switch over its classes).</param>
    /// <exception cref="FormatException">The table was not written by the generator.</exception>
    /// <exception cref="RevisionGraphException">The graph is invalid.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static MigrationMap FromTable(string table, Func<int, Migration> create)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(create);
        var rows = RevisionTable.Read(table);
        var migrations = new MigrationInfo[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, index) = (rows[i], i);
            migrations[i] = new MigrationInfo(row.Revision, row.DownRevisions, row.Message, () => create(index), row.BranchLabels, row.DependsOn, row.TypeName,
                                              row.WithoutTransaction ? MigrationTransaction.None : MigrationTransaction.Default, row.Fingerprint,
                                              row.Replaces);
        }
        return new MigrationMap(migrations);
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
