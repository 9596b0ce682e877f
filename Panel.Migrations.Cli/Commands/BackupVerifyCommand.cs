using System.CommandLine;
using System.IO;
using Panel.Migrations.Cli.Backups;
using Panel.Migrations.Cli.Schema;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Commands;

/// <summary>
/// <c>backup verify FILE</c>: the restore drill. Restores the backup into a scratch database of the configured database's
/// kind (SQLite: a temp file; PostgreSQL, MySQL/MariaDB: a database on the same server, always dropped afterwards), reads
/// its revision and compares its schema with the one its revisions make (the drift check of <c>check --schema</c>). A backup
/// that passes is marked verified (<see cref="Panel.Migrations.Backups.BackupVerification"/>): pruning keeps the newest such.
/// </summary>
internal static class BackupVerifyCommand
{
    public static Command Create(CommandSet set)
    {
        var file = new Argument<string>("FILE") { Description = "The backup to check." };
        var command = new Command("verify", "Restore a backup into a scratch database and check its revision and schema (the live database is not touched).") { file };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var backups = BackupService.Source(context, "backup verify");
            var source = Path.GetFullPath(parse.GetValue(file)!, context.BaseDirectory);
            var heads = await RestoreCommand.CheckAsync(context, backups, source, force: false, cancellationToken).ConfigureAwait(false);
            context.Line("Database: " + context.DatabaseDescription);
            await using (var scratch = await ScratchDatabase.CreateAsync(context.MigrationOptions, cancellationToken, "panel_verify_").ConfigureAwait(false))
            {
                await backups.RestoreIntoAsync(source, scratch.Options, cancellationToken).ConfigureAwait(false);
                var restored = await context.RunnerWith(scratch.Options).CurrentAsync(cancellationToken).ConfigureAwait(false);
                var at = BackupService.Describe(restored);
                context.Line($"Restored {source} into a scratch database: it is at {at}.");
                if (scratch.Options.Kind == DatabaseKind.MySql)
                {
                    context.Line("Schema not compared: the drift check (check --schema) does not support MySQL/MariaDB yet.");
                    BackupService.MarkVerified(context, backups, source, "restored into a scratch database by backup verify");
                    return ExitCodes.Success;
                }

                var findings = await SchemaDrift.FindAsync(context.Map, scratch.Options, CatalogReader.Read(scratch.Options), restored, cancellationToken).ConfigureAwait(false);
                if (findings.Count == 0)
                {
                    context.Line($"Backup ok: its schema is the one its revisions make (at {at}).");
                    BackupService.MarkVerified(context, backups, source, "restored into a scratch database and its schema checked by backup verify");
                    return ExitCodes.Success;
                }

                foreach (var finding in findings)
                {
                    context.Line(finding.ToLine(restored));
                }

                throw new CommandLineException(
                    $"The backup's schema differs from the one its revisions make (at {at}) in {findings.Count} place(s), listed above; it restores, but not to a schema this build expects.",
                    ExitCodes.CheckFailed);
            }
        });
        return command;
    }
}
