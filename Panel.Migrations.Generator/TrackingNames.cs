namespace Panel.Migrations.Generator;

/// <summary>The names of the pipeline steps, for <c>GeneratorDriverRunResult</c> step tracking in tests.</summary>
public static class TrackingNames
{
    /// <summary>Each <c>[Migration]</c> class read into its model.</summary>
    public const string Parse = "Parse";

    /// <summary>All models, sorted ordinally.</summary>
    public const string Collect = "Collect";

    /// <summary>The registry's namespace, read from MSBuild properties.</summary>
    public const string Namespace = "Namespace";

    /// <summary>Whether the compilation references the runtime (<c>Panel.Migrations.Migrator</c>).</summary>
    public const string Runtime = "Runtime";

    /// <summary>The provider packages the compilation references, as their registration classes.</summary>
    public const string Providers = "Providers";

    /// <summary>The validated graph and what the registry is made of.</summary>
    public const string Registry = "Registry";
}
