using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Panel.Migrations.Cli.Generation;

/// <summary>Writes a new migration file for <c>create</c> and <c>merge</c>, with a fresh id that the map does not use yet.</summary>
internal static class MigrationFileWriter
{
    private static readonly char[] IllegalInId = ['@', '-', '+', ':'];

    public static string Write(CommandContext context, IReadOnlyList<string> downRevisions, string message, string? revisionId)
    {
        var revision = revisionId ?? NewId(context);
        Validate(context, revision);
        var project = Path.GetFullPath(context.Options.ProjectDirectory ?? Generation.BuildProject.Directory ?? context.BaseDirectory);
        var folder = Path.GetFullPath(context.Options.MigrationsFolder ?? "Migrations", project);
        var className = MigrationFile.ClassNameFor(message);
        if (context.Map.Migrations.Any(m => m.TypeName is not null && (m.TypeName == className || m.TypeName.EndsWith("." + className, StringComparison.Ordinal)))
            || Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*_" + className + ".cs").Any())
        {
            className += "_" + revision;
        }

        var file = new MigrationFile(revision, downRevisions, message, MigrationFile.NamespaceFor(context.Options.RootNamespace ?? Generation.BuildProject.RootNamespace, folder, project), className, context.Clock.GetLocalNow());
        var path = Path.Combine(folder, file.FileName);
        Directory.CreateDirectory(folder);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(file.Render());
        }

        context.Line($"Generating {path} ...  done");
        context.Line("Rebuild the application (e.g. dotnet build) to compile the new migration in; until then 'history' does not show it.");
        return path;
    }

    private static string NewId(CommandContext context)
    {
        var make = context.Options.NewRevisionId ?? MigrationFile.NewRevisionId;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var id = make();
            if (!context.Graph.TryGet(id, out _))
            {
                return id;
            }
        }

        throw new CommandLineException("Could not make a revision id that is not in use; pass one with --rev-id.");
    }

    private static void Validate(CommandContext context, string revision)
    {
        if (revision.Length == 0 || revision.Length > 32 || revision.IndexOfAny(IllegalInId) >= 0 || revision.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
        {
            throw new CommandLineException($"'{revision}' cannot be a revision id: use 1 to 32 letters, digits or underscores, such as 12 hex digits.");
        }

        if (context.Graph.TryGet(revision, out _))
        {
            throw new CommandLineException($"Revision {revision} already exists; choose another --rev-id, or leave it out for a fresh one.");
        }
    }
}
