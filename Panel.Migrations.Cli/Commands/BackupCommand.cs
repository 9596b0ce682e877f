using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Panel.Migrations.Backups;
using Panel.Migrations.Cli.Backups;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>backup [--output FILE] [--prune] [--keep N] [--keep-daily N] [--keep-weekly N] [--keep-monthly N]</c>: an online,
/// consistent, checked backup of the database (SQLite copy, <c>pg_dump</c>, <c>mariadb-dump</c>); with <c>--prune</c> (for
/// system cron or a systemd timer) the backups the retention no longer keeps are deleted afterwards. <c>backup list</c> shows
/// the backups; <c>backup verify FILE</c> restores one into a scratch database and checks it.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CommandSet set)
    {
        var output = new Option<string?>("--output", "-o") { Description = "The backup file (default: data/backups/<name>_backup_YYYYMMDD_HHMMSS.db, .dump or .sql).", HelpName = "FILE" };
        var prune = new Option<bool>("--prune") { Description = "Afterwards, delete the backups the retention no longer keeps (never this one, nor the last verified one)." };
        var keep = Count("--keep", "Keep the newest N backups (default 10; configuration file key \"keep\").");
        var daily = Count("--keep-daily", "Also keep the newest backup of each of the last N days (\"keepDaily\").");
        var weekly = Count("--keep-weekly", "Also keep the newest backup of each of the last N weeks (\"keepWeekly\").");
        var monthly = Count("--keep-monthly", "Also keep the newest backup of each of the last N months (\"keepMonthly\").");
        var command = new Command("backup", "Back up the database (online: the panel may keep running).")
        {
            output, prune, keep, daily, weekly, monthly, CreateList(set), BackupVerifyCommand.Create(set),
        };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var source = BackupService.Source(context, "backup");
            var options = BackupService.Options(context, r => r with
            {
                Newest = parse.GetValue(keep) ?? r.Newest,
                Daily = parse.GetValue(daily) ?? r.Daily,
                Weekly = parse.GetValue(weekly) ?? r.Weekly,
                Monthly = parse.GetValue(monthly) ?? r.Monthly,
            });
            if (parse.GetValue(output) is not null && parse.GetValue(prune))
            {
                throw new CommandLineException("--prune works on the backups folder, and --output writes elsewhere; leave one of them out.");
            }

            context.Line("Database: " + context.DatabaseDescription);
            await BackupService.TakeAsync(context, source, cancellationToken, parse.GetValue(output), options, parse.GetValue(prune), failOnAftercare: true).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int?> Count(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError($"{name} must be 0 or more.");
            }
        });
        return option;
    }

    // backup list [--remote]: the backups of the database in the backups folder (or on each remote), newest first.
    private static Command CreateList(CommandSet set)
    {
        var remote = new Option<bool>("--remote") { Description = "List the backups on the remotes (S3, SFTP) instead of the local folder." };
        var command = new Command("list", "List the backups of the database, newest first.") { remote };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var database = BackupService.Source(context, "backup list").Name;
            if (parse.GetValue(remote))
            {
                foreach (var target in BackupService.RequireRemotes(context))
                {
                    var stored = await target.ListAsync(cancellationToken).ConfigureAwait(false);
                    var backups = BackupName.NewestFirst(stored.Select(f => BackupName.TryParse(f.Name, database)).OfType<BackupName>()).ToList();
                    context.Line($"Backups of {database} on {target.Name}: {backups.Count}");
                    foreach (var backup in backups)
                    {
                        context.Line($"  {backup.Name}  {Bytes(stored.First(f => f.Name == backup.Name).Bytes)}");
                    }
                }

                return ExitCodes.Success;
            }

            var folder = BackupService.Folder(context);
            var local = folder.List(database);
            context.Line($"Backups of {database} in {folder.Path}: {local.Count}");
            foreach (var backup in local)
            {
                var path = Path.Combine(folder.Path, backup.Name);
                context.Line($"  {backup.Name}  {Bytes(new FileInfo(path).Length)}{(BackupVerification.IsVerified(path) ? "  verified" : "")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
