using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// The revision-graph and registration diagnostics PMIG010-PMIG016. Graph problems carry the graph code's own
/// message (the one the runtime throws), so the build and a run say the same thing.
/// </summary>
public static class GraphDescriptors
{
    private const string Category = "Graph";

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity, string description, bool compilationEnd = true) =>
        compilationEnd
            ? new(id, title, message, Category, severity, isEnabledByDefault: true, description, Rules.HelpLink(id), WellKnownDiagnosticTags.CompilationEnd)
            : new(id, title, message, Category, severity, isEnabledByDefault: true, description, Rules.HelpLink(id));

    /// <summary>PMIG010: two migrations share a revision id (or a branch label is declared twice).</summary>
    public static readonly DiagnosticDescriptor DuplicateRevision = Rule("PMIG010", "Duplicate revision id", "{0}", DiagnosticSeverity.Error,
        "Two migrations with one revision id make the heads and the version table ambiguous.");

    /// <summary>PMIG011: a down revision or DependsOn entry names no migration.</summary>
    public static readonly DiagnosticDescriptor UnknownDownRevision = Rule("PMIG011", "Unknown down revision", "{0}", DiagnosticSeverity.Error,
        "A down revision or dependency that no migration declares leaves the revision unreachable.");

    /// <summary>PMIG012: down revisions or dependencies form a cycle (or a self-loop).</summary>
    public static readonly DiagnosticDescriptor Cycle = Rule("PMIG012", "Revision cycle", "{0}", DiagnosticSeverity.Error,
        "Revisions in a cycle cannot be ordered, so none of them can be applied.");

    /// <summary>PMIG013: more than one head and no merge revision.</summary>
    public static readonly DiagnosticDescriptor MultipleHeads = Rule("PMIG013", "Multiple heads", "{0}", DiagnosticSeverity.Warning,
        "With several heads, 'upgrade head' is ambiguous; a merge revision joins them.");

    /// <summary>
    /// PMIG013 as an error: multiple heads when the build sets <c>PanelMigrationsHeadsAsErrors</c> to true (CI builds).
    /// </summary>
    public static readonly DiagnosticDescriptor MultipleHeadsError = Rule("PMIG013", "Multiple heads", "{0}", DiagnosticSeverity.Error,
        "With several heads, 'upgrade head' is ambiguous; a merge revision joins them. PanelMigrationsHeadsAsErrors makes this an error.");

    /// <summary>The analyzer-config key of the MSBuild switch that makes multiple heads an error.</summary>
    public const string HeadsAsErrorsKey = "build_property.PanelMigrationsHeadsAsErrors";

    /// <summary>PMIG013 (same id): more than one base.</summary>
    public static readonly DiagnosticDescriptor MultipleBases = Rule("PMIG013", "Multiple bases", "{0}", DiagnosticSeverity.Warning,
        "Several bases are right for independent branches; otherwise the newer base is missing its down revision.");

    /// <summary>PMIG014: empty, over-long (more than 32 characters) or illegal-character revision id.</summary>
    public static readonly DiagnosticDescriptor InvalidRevisionId = Rule("PMIG014", "Invalid revision id", "{0}", DiagnosticSeverity.Error,
        "Alembic's version table stores at most 32 characters, and '@ - + :' are reserved for targets.");

    /// <summary>PMIG015: the registry cannot create the class (not a Migration, abstract, generic, inaccessible, no parameterless constructor).</summary>
    public static readonly DiagnosticDescriptor NotRegistrable = Rule("PMIG015", "Migration not registrable",
        "Migration class '{0}' cannot be registered: {1}", DiagnosticSeverity.Error,
        "The generated registry creates each migration with 'new'; a class it cannot create would never run.", compilationEnd: false);

    /// <summary>PMIG016: a squash's range is not linear and contiguous, something outside builds on its middle, or a replaced revision is also a live parent.</summary>
    public static readonly DiagnosticDescriptor InvalidSquash = Rule("PMIG016", "Invalid squash", "{0}", DiagnosticSeverity.Error,
        "A squash replaces a linear range of revisions and is recorded under the last one; anything else would strand a database inside the range.");

    /// <summary>Every descriptor above.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        ImmutableArray.Create(DuplicateRevision, UnknownDownRevision, Cycle, MultipleHeads, MultipleHeadsError, MultipleBases, InvalidRevisionId, NotRegistrable, InvalidSquash);

    /// <summary>The descriptor of a graph problem.</summary>
    public static DiagnosticDescriptor For(GraphProblemKind kind) => kind switch
    {
        GraphProblemKind.DuplicateId or GraphProblemKind.DuplicateBranchLabel => DuplicateRevision,
        GraphProblemKind.MissingDownRevision or GraphProblemKind.MissingDependency => UnknownDownRevision,
        GraphProblemKind.SelfLoop or GraphProblemKind.DependencySelfLoop or GraphProblemKind.Cycle or GraphProblemKind.DependencyCycle => Cycle,
        GraphProblemKind.MultipleHeads => MultipleHeads,
        GraphProblemKind.MultipleBases => MultipleBases,
        GraphProblemKind.SquashRangeNotLinear or GraphProblemKind.SquashMiddleDependedOn or GraphProblemKind.ReplacedIsLiveParent => InvalidSquash,
        _ => InvalidRevisionId,
    };
}
