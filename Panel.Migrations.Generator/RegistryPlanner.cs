using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Generator.Model;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Generator;

/// <summary>
/// Checks the collected models with the runtime's graph code and decides what the registry holds. A graph with
/// errors, or a class that cannot be created, gives a stub: ordinal order, no heads or bases, and only the classes
/// that can be created, so the generated code always compiles (the analyzer reports the errors).
/// </summary>
internal static class RegistryPlanner
{
    public static RegistryModel Plan(string registryNamespace, EquatableArray<MigrationModel> models)
    {
        var nodes = models.Select(m => m.ToNode()).ToArray();
        var valid = models.All(m => m.IsInstantiable) && !RevisionGraph.Validate(nodes).Any(p => p.IsError);
        if (!valid)
        {
            return new RegistryModel(
                registryNamespace,
                new EquatableArray<MigrationModel>(models.Where(m => m.IsInstantiable).ToArray()),
                EquatableArray<string>.Empty,
                EquatableArray<string>.Empty,
                IsValid: false);
        }

        var graph = RevisionGraph.Build(nodes);
        var byRevision = models.ToDictionary(m => m.Revision, StringComparer.Ordinal);
        var ordered = graph.UpgradeOrder.Select(id => byRevision[id]).ToArray();
        return new RegistryModel(
            registryNamespace,
            new EquatableArray<MigrationModel>(ordered),
            new EquatableArray<string>(graph.Heads.ToArray()),
            new EquatableArray<string>(graph.Bases.ToArray()),
            IsValid: true);
    }
}
