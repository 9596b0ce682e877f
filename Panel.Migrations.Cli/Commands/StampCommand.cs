using System.CommandLine;
using Panel.Migrations.Cli.Backups;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>stamp REV [--purge]</c>: records REV in the version table without running any migration.</summary>
internal static class StampCommand
{
    public static Command Create(CommandSet set)
    {
        var revision = new Argument<string>("REV") { Description = "The revision to record: an id or unique prefix, head, heads, or base." };
        var purge = new Option<bool>("--purge") { Description = "Empty the version table first (e.g. when it names revisions this application does not know)." };
        var command = new Command("stamp", "Record a revision as the database's current one, without running migrations.") { revision, purge };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            context.Line("Database: " + context.DatabaseDescription);
            var result = await context.Runner.StampAsync(parse.GetValue(revision)!, parse.GetValue(purge), cancellationToken).ConfigureAwait(false);
            context.Line($"Done: the database is at {BackupService.Describe(result.HeadsAfter)}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
