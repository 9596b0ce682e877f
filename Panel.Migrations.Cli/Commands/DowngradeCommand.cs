using System.CommandLine;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>downgrade [TARGET] [--sql] [--no-backup]</c>: reverts revisions down to TARGET (default <c>-1</c>, one step).</summary>
internal static class DowngradeCommand
{
    public static Command Create(CommandSet set)
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "-1 (default), -N, base, a revision id or unique prefix, or label@rev; with --sql FROM:TO.",
            DefaultValueFactory = _ => "-1",
        };
        var sql = new Option<bool>("--sql") { Description = "Print the SQL instead of running it (offline mode); needs FROM:TO." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not back up a SQLite database before changing it." };
        var command = new Command("downgrade", "Revert the database to an earlier revision.") { target, sql, noBackup };
        set.Bind(command, (context, parse, cancellationToken) => parse.GetValue(sql)
            ? System.Threading.Tasks.Task.FromResult(Migrate.Offline(context, MigrationDirection.Downgrade, parse.GetValue(target)!))
            : Migrate.OnlineAsync(context, MigrationDirection.Downgrade, parse.GetValue(target)!, parse.GetValue(noBackup), cancellationToken));
        return command;
    }
}
