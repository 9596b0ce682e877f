using System.Linq;
using System.Reflection;

namespace Panel.Migrations.Cli.Generation;

/// <summary>
/// Where the app's project is, as its build recorded it (build/Panel.Migrations.targets writes the project folder and root
/// namespace into the entry assembly's metadata): the defaults of <see cref="MigrationCommandLineOptions.ProjectDirectory"/>
/// and <see cref="MigrationCommandLineOptions.RootNamespace"/>, so `create` writes into the project wherever it runs from.
/// </summary>
internal static class BuildProject
{
    public const string DirectoryKey = "Panel.Migrations.ProjectDirectory";

    public const string RootNamespaceKey = "Panel.Migrations.RootNamespace";

    /// <summary>The project folder the build recorded, when it still exists.</summary>
    public static string? Directory => Read(DirectoryKey) is { } folder && System.IO.Directory.Exists(folder) ? folder : null;

    /// <summary>The root namespace the build recorded.</summary>
    public static string? RootNamespace => Read(RootNamespaceKey);

    private static string? Read(string key) =>
        Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value ? value : null;
}
