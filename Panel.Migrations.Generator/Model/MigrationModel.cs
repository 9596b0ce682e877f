using Panel.Migrations.Graph;

namespace Panel.Migrations.Generator.Model;

/// <summary>
/// One <c>[Migration]</c> class as the generator and the graph analyzer see it: plain strings only (no symbols,
/// syntax or locations), so that it compares by value and the incremental pipeline can cache it.
/// </summary>
/// <param name="TypeName">The class, fully qualified with <c>global::</c>, as the factory writes it.</param>
/// <param name="DisplayName">The class as messages show it, e.g. <c>App.Migrations.AddSsl</c>.</param>
/// <param name="Revision">The revision id.</param>
/// <param name="DownRevisions">The parents: <c>DownRevision</c> followed by <c>DownRevisions</c>.</param>
/// <param name="Message">The one-line description, or null.</param>
/// <param name="BranchLabels">The branch labels.</param>
/// <param name="DependsOn">Revisions or labels the revision depends on.</param>
/// <param name="InstantiationProblem">Why the registry cannot create the class (abstract, generic, ...); null when it can.</param>
/// <param name="WithoutTransaction">True when the attribute says <c>Transaction = MigrationTransaction.None</c>.</param>
/// <param name="Fingerprint">A hash of the class's own source, or "" when it reaches code declared elsewhere in the project.</param>
internal sealed record MigrationModel(
    string TypeName,
    string DisplayName,
    string Revision,
    EquatableArray<string> DownRevisions,
    string? Message,
    EquatableArray<string> BranchLabels,
    EquatableArray<string> DependsOn,
    string? InstantiationProblem,
    bool WithoutTransaction = false,
    string Fingerprint = "")
{
    /// <summary>For a squash, the revisions it replaces, oldest first (<c>Replaces</c> on the attribute); empty otherwise.</summary>
    public EquatableArray<string> Replaces { get; init; } = EquatableArray<string>.Empty;

    /// <summary>True when the registry can create the class with <c>new</c>.</summary>
    public bool IsInstantiable => InstantiationProblem is null;

    /// <summary>The revision as the shared graph code takes it.</summary>
    public RevisionNode ToNode() => new(Revision, DownRevisions.ToArray(), BranchLabels.ToArray(), DependsOn.ToArray(), Replaces.ToArray());
}
