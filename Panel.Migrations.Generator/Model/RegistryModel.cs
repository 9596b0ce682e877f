namespace Panel.Migrations.Generator.Model;

/// <summary>
/// Everything <c>MigrationRegistry.g.cs</c> is made of: the namespace, the migrations in the order they are
/// written, and the heads and bases. Computed once per change of the collected models, then emitted.
/// </summary>
/// <param name="Namespace">The registry's namespace; empty for the global namespace.</param>
/// <param name="Migrations">The migrations in upgrade order; empty when there are errors.</param>
/// <param name="Heads">The heads; empty when there are errors.</param>
/// <param name="Bases">The bases; empty when there are errors.</param>
/// <param name="Errors">The graph errors and the classes that cannot be created; when there are any the registry is a stub whose map throws them.</param>
internal sealed record RegistryModel(
    string Namespace,
    EquatableArray<MigrationModel> Migrations,
    EquatableArray<string> Heads,
    EquatableArray<string> Bases,
    EquatableArray<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
