using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Panel.Migrations.Generator.Parsing;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// Reports PMIG010-PMIG016 on the offending <c>[Migration]</c> attribute. Reads each class with the generator's
/// own <see cref="MigrationReader"/> and checks the whole set with the runtime's <see cref="RevisionGraph.Validate"/>
/// at the end of the compilation, so the analyzer, the generator and the runtime agree on every rule.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RevisionGraphAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => GraphDescriptors.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(MigrationReader.AttributeMetadataName);
            if (attribute is null)
            {
                return;
            }

            var declared = new ConcurrentBag<Declaration>();
            start.RegisterSymbolAction(symbol => Collect(symbol, attribute, declared), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportGraph(end, declared));
        });
    }

    private static void Collect(SymbolAnalysisContext context, INamedTypeSymbol attributeType, ConcurrentBag<Declaration> declared)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                continue;
            }

            var model = MigrationReader.Read(type, attribute, context.CancellationToken);
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
                           ?? (type.Locations.Length > 0 ? type.Locations[0] : Location.None);
            if (model.InstantiationProblem is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(GraphDescriptors.NotRegistrable, location, model.DisplayName, problem));
            }

            declared.Add(new Declaration(model, location));
        }
    }

    private static void ReportGraph(CompilationAnalysisContext context, ConcurrentBag<Declaration> declared)
    {
        // The same order as the generator's Collect step, then by place, so that "the second one" is well defined.
        var all = declared
            .OrderBy(d => d.Model.Revision, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceTree?.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();
        if (all.Count == 0)
        {
            return;
        }

        var headsAsErrors = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(GraphDescriptors.HeadsAsErrorsKey, out var flag)
                            && string.Equals(flag.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var byRevision = all.GroupBy(d => d.Model.Revision, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var seen = new Dictionary<(GraphProblemKind, string), int>();
        var problems = RevisionGraph.Validate(all.Select(d => d.Model.ToNode())).ToList();
        // An unknown parent splits the graph, so the heads or bases it makes would only repeat PMIG011 elsewhere.
        var unknownParent = problems.Any(p => p.Kind is GraphProblemKind.MissingDownRevision or GraphProblemKind.MissingDependency);
        foreach (var problem in problems)
        {
            if (unknownParent && problem.Kind is GraphProblemKind.MultipleHeads or GraphProblemKind.MultipleBases)
            {
                continue;
            }

            var first = problem.Revisions.Count > 0 ? problem.Revisions[0] : string.Empty;
            if (!byRevision.TryGetValue(first, out var declarations))
            {
                continue;
            }

            // One problem per extra occurrence of a duplicate id: the first declaration keeps its id, the others are flagged.
            seen.TryGetValue((problem.Kind, first), out var occurrence);
            seen[(problem.Kind, first)] = occurrence + 1;
            var index = problem.Kind == GraphProblemKind.DuplicateId ? occurrence + 1 : occurrence;
            var location = declarations[Math.Min(index, declarations.Count - 1)].Location;

            var others = problem.Kind == GraphProblemKind.DuplicateId
                ? new[] { declarations[0].Location }
                : problem.Revisions.Skip(1).Where(byRevision.ContainsKey).Select(r => byRevision[r][0].Location).ToArray();
            var descriptor = problem.Kind == GraphProblemKind.MultipleHeads && headsAsErrors ? GraphDescriptors.MultipleHeadsError : GraphDescriptors.For(problem.Kind);
            if (problem.Kind is GraphProblemKind.MissingDownRevision or GraphProblemKind.MissingDependency
                && NearestRevision.Suggest(declarations[0].Model, problem, all.Select(d => d.Model)) is { } suggestion)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, others, suggestion.Properties(),
                    problem.Message + " Did you mean " + suggestion.Revision + "?"));
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, others, problem.Message));
        }
    }

    private sealed class Declaration
    {
        public Declaration(Panel.Migrations.Generator.Model.MigrationModel model, Location location)
        {
            Model = model;
            Location = location;
        }

        public Panel.Migrations.Generator.Model.MigrationModel Model { get; }

        public Location Location { get; }
    }
}
