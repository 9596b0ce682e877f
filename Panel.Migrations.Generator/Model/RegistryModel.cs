namespace Panel.Migrations.Generator.Model;

/// <summary>
/// Everything <c>MigrationRegistry.g.cs</c> is made of: the namespace, the migrations in the order they are
/// written, and the heads and bases. Computed once per change of the collected models, then emitted.
/// </summary>
/// <param name="Namespace">The registry's namespace; empty for the global namespace.</param>
/// <param name="Migrations">The instantiable migrations: upgrade order when the graph is valid, ordinal order otherwise.</param>
/// <param name="Heads">The heads; empty when the graph is invalid.</param>
/// <param name="Bases">The bases; empty when the graph is invalid.</param>
/// <param name="IsValid">False when the graph has errors or a class cannot be created: the registry is then a stub whose map throws.</param>
internal sealed record RegistryModel(
    string Namespace,
    EquatableArray<MigrationModel> Migrations,
    EquatableArray<string> Heads,
    EquatableArray<string> Bases,
    bool IsValid);
