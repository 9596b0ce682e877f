using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Backups;
using Panel.Migrations.Cli.Baseline;
using Panel.Migrations.Cli.Generation;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>baseline --from-database [--output FILE] [-m MSG] [--rev-id ID]</c>: writes a base migration that recreates the
/// configured database's schema, read from its catalog.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create(CommandSet set)
    {
        var fromDatabase = new Option<bool>("--from-database") { Description = "Read the schema from the configured database's catalog (required; the only source so far)." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write, instead of _<rev>_<Class>.cs in the migrations folder.", HelpName = "FILE" };
        var message = new Option<string?>("--message", "-m") { Description = "The revision's message; default \"baseline\".", HelpName = "MSG" };
        var revId = new Option<string?>("--rev-id") { Description = "The new revision's id instead of 12 random hex digits.", HelpName = "ID" };
        var force = new Option<bool>("--force") { Description = "Replace the --output file if it exists (never the configured database itself)." };
        var command = new Command("baseline", "Write a base migration that recreates the database's current schema.") { fromDatabase, output, message, revId, force };
        set.Bind(command, (context, parse, cancellationToken) =>
        {
            if (!parse.GetValue(fromDatabase))
            {
                throw new CommandLineException("baseline needs a source: pass --from-database to read the configured database's catalog.");
            }

            if (context.MigrationOptions.Kind is not (DatabaseKind.Sqlite or DatabaseKind.PostgreSql))
            {
                // squash writes from MySQL because it proves its class on a scratch database first; baseline has nothing to prove against yet.
                throw new CommandLineException($"baseline reads SQLite and PostgreSQL databases, not {context.MigrationOptions.Kind}: MySQL reports some schema in forms the writer " +
                                               "can misread (MySQL 8 gives a text default without its quotes, a prefix or FULLTEXT index without its statement), and unlike " +
                                               "'squash', baseline cannot yet prove its class on a scratch database. Write the base migration by hand (SHOW CREATE TABLE " +
                                               "gives each table's statement) and 'stamp' the database at it.");
            }

            var catalog = CatalogReader.Read(context.MigrationOptions);

            var text = parse.GetValue(message) ?? "baseline";
            var revision = parse.GetValue(revId) ?? (context.Options.NewRevisionId ?? MigrationFile.NewRevisionId)();
            if (context.Graph.TryGet(revision, out _))
            {
                throw new CommandLineException($"Revision {revision} already exists; choose another --rev-id.");
            }

            var project = Path.GetFullPath(context.Options.ProjectDirectory ?? Generation.BuildProject.Directory ?? context.BaseDirectory);
            var given = parse.GetValue(output);
            var folder = given is null ? Path.GetFullPath(context.Options.MigrationsFolder ?? "Migrations", project) : Path.GetDirectoryName(Path.GetFullPath(given, context.BaseDirectory))!;
            var className = MigrationFile.ClassNameFor(text);
            var path = given is null ? Path.Combine(folder, "_" + revision + "_" + className + ".cs") : Path.GetFullPath(given, context.BaseDirectory);
            RefuseToOverwrite(context, path, parse.GetValue(force));
            var source = BaselineWriter.Write(catalog, revision, MigrationFile.NamespaceFor(context.Options.RootNamespace ?? Generation.BuildProject.RootNamespace, folder, project), className, text, context.Clock.GetLocalNow());
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(path, parse.GetValue(force) ? FileMode.Create : FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(source);
            }

            context.Line($"Generating {path} ...  done ({catalog.Tables.Count} tables, {catalog.Indexes.Count} indexes, {catalog.Triggers.Count} triggers, {catalog.Views.Count} views)");
            context.Line($"Rebuild the application, then 'stamp {revision}' the database it was read from: it already has this schema.");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    // The source is decided before anything is written: an existing file (above all the database the schema was read
    // from, a classic slip of --output panel.db) is never replaced unless asked, and the database never.
    private static void RefuseToOverwrite(CommandContext context, string path, bool force)
    {
        if (context.Settings.DatabaseUri.SqliteFilePath is { } database && SamePath(database, path))
        {
            throw new CommandLineException($"--output {path} is the database the schema is read from; writing C# there would destroy it. Nothing was written: give another file name.");
        }

        if (!force && (File.Exists(path) || Directory.Exists(path)))
        {
            throw new CommandLineException($"{path} already exists; nothing was written. Give another --output, or add --force to replace that file.");
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(RealPath.Of(a), RealPath.Of(b), StringComparison.Ordinal);
}
