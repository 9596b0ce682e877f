using System;
using System.IO;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's bin folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder that holds Panel.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Panel.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"Panel.sln was not found above {AppContext.BaseDirectory}.");
    }
}
