using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Baseline;
using Panel.Migrations.Cli.Generation;
using Panel.Migrations.Cli.Squash;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>squash START:END -m MSG [--rev-id ID] [--output FILE]</c> writes one migration that replaces the linear range
/// (its schema by the baseline writer, its data changes carried over); <c>squash --verify REV</c> proves a squash in the
/// build equivalent to the chain it replaces on scratch databases (docs/squash.md).
/// </summary>
internal static class SquashCommand
{
    public static Command Create(CommandSet set)
    {
        var range = new Argument<string>("RANGE") { Description = "START:END or base:END to write a squash; with --verify, the squash's revision.", HelpName = "RANGE" };
        var verify = new Option<bool>("--verify") { Description = "Build the replaced chain and the squash on scratch databases and compare their catalogs and version tables." };
        var message = new Option<string?>("--message", "-m") { Description = "The squash's message.", HelpName = "MSG" };
        var revId = new Option<string?>("--rev-id") { Description = "The new revision's id instead of 12 random hex digits.", HelpName = "ID" };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write, instead of _<rev>_<Class>.cs in the migrations folder.", HelpName = "FILE" };
        var command = new Command("squash", "Replace a linear range of revisions with one migration, or verify a squash.") { range, verify, message, revId, output };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var given = parse.GetValue(range)!;
            if (parse.GetValue(verify))
                return await VerifyAsync(context, given, cancellationToken).ConfigureAwait(false);
            var text = parse.GetValue(message) ?? throw new CommandLineException("squash needs a message: -m \"Squash ...\".", ExitCodes.UsageError);
            var revisions = SquashSourceReader.Range(context.Graph, given);
            var revision = parse.GetValue(revId) ?? (context.Options.NewRevisionId ?? MigrationFile.NewRevisionId)();
            if (context.Graph.TryGet(revision, out _))
                throw new CommandLineException($"Revision {revision} already exists; choose another --rev-id.", ExitCodes.UsageError);
            var (schema, source) = await SquashSourceReader.ReadAsync(context.Map, revisions, context.MigrationOptions, cancellationToken).ConfigureAwait(false);
            var squash = BaselineWriter.Build(schema, revision, text, source);

            // Proven before it is written: the squash's operations run on a scratch database and must build what the chain builds.
            var map = new MigrationMap(context.Map.Declared.Values.Append(squash.ToInfo()));
            List<string> differences;
            try
            {
                differences = await SquashVerifier.DifferencesAsync(map, map.Graph.Squashes.Single(s => s.Squash == revision), context.MigrationOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (CommandLineException e)
            {
                // The squash's operations failed on the scratch database: a change the schema writer cannot express.
                throw new CommandLineException(e.Message + " Nothing was written: squash a range without that change, or write that squash by hand and prove it with 'squash --verify'.", e.ExitCode, e);
            }

            if (differences.Count > 0)
            {
                foreach (var line in differences)
                    context.Line(line);
                throw new CommandLineException($"The squash of {revisions[0]}..{revisions[^1]} would build another {context.MigrationOptions.Kind} schema than the chain, in {differences.Count} place(s) listed above " +
                                               "(a change the schema writer cannot express); nothing was written. Squash a range without it, or write that squash by hand and prove it with 'squash --verify'.", ExitCodes.CheckFailed);
            }

            // Into the app's project and namespace as its build recorded them, as `create` and `baseline` write.
            var project = Path.GetFullPath(context.Options.ProjectDirectory ?? BuildProject.Directory ?? context.BaseDirectory);
            var file = parse.GetValue(output);
            var folder = file is null ? Path.GetFullPath(context.Options.MigrationsFolder ?? "Migrations", project) : Path.GetDirectoryName(Path.GetFullPath(file, context.BaseDirectory))!;
            var className = MigrationFile.ClassNameFor(text);
            var path = file is null ? Path.Combine(folder, "_" + revision + "_" + className + ".cs") : Path.GetFullPath(file, context.BaseDirectory);
            var code = MigrationCode.Print(squash, MigrationFile.NamespaceFor(context.Options.RootNamespace ?? BuildProject.RootNamespace, folder, project), className, context.Clock.GetLocalNow());
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, code);
            context.Line($"Generating {path} ...  done (replaces {string.Join(", ", revisions)}: {schema.Tables.Count} tables, {schema.Indexes.Count} indexes)");
            context.Line($"Verified on {context.MigrationOptions.Kind} before writing: it builds the same schema and version table as {string.Join(", ", revisions)}.");
            context.Line($"Rebuild the application; run 'squash --verify {revision}' on each other kind of database you deploy to, then the replaced migrations can be deleted once databases have caught up (docs/squash.md).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> VerifyAsync(CommandContext context, string given, CancellationToken cancellationToken)
    {
        var squash = context.Graph.Squashes.FirstOrDefault(s => s.Squash == given || s.End == given)
                     ?? throw new CommandLineException($"{given} is not a squash in this build; name the revision of a class with Replaces.", ExitCodes.UsageError);
        if (!squash.ReplacedInBuild)
            throw new CommandLineException($"The migrations squash {squash.Squash} replaces ({string.Join(", ", squash.Replaced)}) are no longer in the build, so there is no chain to compare it with.", ExitCodes.UsageError);
        var differences = await SquashVerifier.DifferencesAsync(context.Map, squash, context.MigrationOptions, cancellationToken).ConfigureAwait(false);
        if (differences.Count == 0)
        {
            context.Line($"Squash {squash.Squash} builds the same {context.MigrationOptions.Kind} schema and version table as {string.Join(", ", squash.Replaced)}.");
            return ExitCodes.Success;
        }
        foreach (var line in differences)
            context.Line(line);
        throw new CommandLineException($"Squash {squash.Squash} differs from the chain it replaces in {differences.Count} place(s), listed above. Fix the squash (or the range), then verify again.", ExitCodes.CheckFailed);
    }
}
