using System.CommandLine;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Backups;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>backup [--output FILE]</c>: an online, consistent, integrity-checked copy of the SQLite database.</summary>
internal static class BackupCommand
{
    public static Command Create(CommandSet set)
    {
        var output = new Option<string?>("--output", "-o") { Description = "The backup file (default: data/backups/<name>_backup_YYYYMMDD_HHMMSS.db).", HelpName = "FILE" };
        var command = new Command("backup", "Back up the SQLite database (online: the panel may keep running).") { output };
        set.Bind(command, (context, parse, cancellationToken) =>
        {
            var file = BackupService.RequireSqliteFile(context, "backup");
            context.Line("Database: " + context.DatabaseDescription);
            BackupService.Take(context, file, parse.GetValue(output));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
