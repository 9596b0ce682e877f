using System.CommandLine;
using Panel.Migrations.Cli.Backups;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>backup [--output FILE]</c>: an online, consistent, checked backup of the database (SQLite copy, <c>pg_dump</c>,
/// <c>mariadb-dump</c>); <c>backup verify FILE</c> restores one into a scratch database and checks it.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CommandSet set)
    {
        var output = new Option<string?>("--output", "-o") { Description = "The backup file (default: data/backups/<name>_backup_YYYYMMDD_HHMMSS.db, .dump or .sql).", HelpName = "FILE" };
        var command = new Command("backup", "Back up the database (online: the panel may keep running).") { output, BackupVerifyCommand.Create(set) };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var source = BackupService.Source(context, "backup");
            context.Line("Database: " + context.DatabaseDescription);
            await BackupService.TakeAsync(context, source, parse.GetValue(output), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
