using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Panel.Migrations.Generator.Model;
using Panel.Migrations.Generator.Parsing;

namespace Panel.Migrations.Generator;

/// <summary>
/// Emits <c>MigrationRegistry</c> for the assembly: every <c>[Migration]</c> class, checked as one revision graph
/// with the runtime's own graph code, ordered, with a factory each and the entry points. Diagnostics about the
/// graph come from <c>RevisionGraphAnalyzer</c> (Panel.Migrations.Analyzers), which reads the same models.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MigrationGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. One model per [Migration] class: strings only, so an unrelated edit leaves it Unchanged.
        var migrations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MigrationReader.AttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type && ctx.Attributes.Length > 0
                    ? WithFingerprint(MigrationReader.Read(type, ctx.Attributes[0], ct), type, ctx.SemanticModel.Compilation, ct)
                    : null)
            .WithTrackingName(TrackingNames.Parse)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

        // 2. All of them, in ordinal order of revision then class, so the output never depends on file order.
        var collected = migrations.Collect()
            .Select(static (all, _) => new EquatableArray<MigrationModel>(all
                .OrderBy(m => m.Revision, StringComparer.Ordinal)
                .ThenBy(m => m.TypeName, StringComparer.Ordinal)
                .ToArray()))
            .WithTrackingName(TrackingNames.Collect);

        // 3. The namespace: PanelMigrationsRegistryNamespace, else the project's RootNamespace.
        var registryNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => RegistryNamespace.Choose(
                options.GlobalOptions.TryGetValue("build_property.PanelMigrationsRegistryNamespace", out var chosen) ? chosen : null,
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) ? root : null))
            .WithTrackingName(TrackingNames.Namespace);

        // Without the runtime there is nothing the registry could compile against: emit nothing.
        var hasRuntime = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(RegistryEmitter.MigratorMetadataName) is not null)
            .WithTrackingName(TrackingNames.Runtime);

        // The provider packages referenced: the registry registers them at start-up.
        var providers = context.CompilationProvider
            .Select(static (compilation, _) => ProviderReferences.Of(compilation))
            .WithTrackingName(TrackingNames.Providers);

        // 4. Validate the graph (shared code) and decide the order; 5. write the file.
        var registry = collected.Combine(registryNamespace).Combine(hasRuntime)
            .Select(static (input, _) => input.Right ? RegistryPlanner.Plan(input.Left.Right, input.Left.Left) : null)
            .WithTrackingName(TrackingNames.Registry);

        context.RegisterSourceOutput(registry.Combine(providers), static (spc, input) =>
        {
            if (input.Left is { } model)
            {
                spc.AddSource("MigrationRegistry.g.cs", SourceText.From(RegistryEmitter.Emit(model, input.Right), Encoding.UTF8));
            }
        });
    }

    private static MigrationModel WithFingerprint(MigrationModel model, INamedTypeSymbol type, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
        model with { Fingerprint = MigrationFingerprint.Of(model.TypeName, type, compilation, cancellationToken) };
}
