using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Generator.Model;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Generator;

/// <summary>
/// Checks the collected models with the runtime's graph code and decides what the registry holds. A graph with
/// errors, or a class that cannot be created, gives a stub whose map throws those errors: it always compiles, and
/// never runs half a graph (the analyzer reports the same errors at build time).
/// </summary>
internal static class RegistryPlanner
{
    public static RegistryModel Plan(string registryNamespace, EquatableArray<MigrationModel> models)
    {
        var nodes = models.Select(m => m.ToNode()).ToArray();
        var errors = models
            .Where(m => !m.IsInstantiable)
            .Select(m => $"Migration class '{m.DisplayName}' cannot be registered: {m.InstantiationProblem}")
            .Concat(RevisionGraph.Validate(nodes).Where(p => p.IsError).Select(p => p.Message))
            .ToArray();
        if (errors.Length > 0)
        {
            return new RegistryModel(
                registryNamespace,
                EquatableArray<MigrationModel>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<string>.Empty,
                new EquatableArray<string>(errors));
        }

        var graph = RevisionGraph.Build(nodes);
        var byRevision = models.ToDictionary(m => m.Revision, StringComparer.Ordinal);
        // A squash stands in the graph under the id of the last revision it replaces: every class is written, in upgrade order,
        // then the squashes whose ranges are still in the build.
        var ordered = graph.UpgradeOrder.Select(id => byRevision.TryGetValue(id, out var model) ? model : byRevision[graph.Squashes.First(s => s.End == id).Squash])
            .ToList();
        var written = new HashSet<string>(ordered.Select(m => m.Revision), StringComparer.Ordinal);
        ordered.AddRange(models.Where(m => !written.Contains(m.Revision)));
        return new RegistryModel(
            registryNamespace,
            new EquatableArray<MigrationModel>(ordered.ToArray()),
            new EquatableArray<string>(graph.Heads.ToArray()),
            new EquatableArray<string>(graph.Bases.ToArray()),
            EquatableArray<string>.Empty);
    }
}
