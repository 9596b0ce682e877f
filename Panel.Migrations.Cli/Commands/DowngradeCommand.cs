using System.CommandLine;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>downgrade [TARGET] [--sql] [--plan [--json]] [--no-backup] [--resume] [--undo-partial]</c>: reverts revisions down to TARGET (default <c>-1</c>, one step).</summary>
internal static class DowngradeCommand
{
    public static Command Create(CommandSet set)
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "-1 (default), -N, base, a revision id or unique prefix, or label@rev; with --sql, from the code's head or FROM:TO.",
            DefaultValueFactory = _ => "-1",
        };
        var sql = new Option<bool>("--sql") { Description = "Print the SQL instead of running it (offline mode), from the code's head(s) unless TARGET is FROM:TO." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not back up the database before changing it (SQLite copy, pg_dump, mariadb-dump)." };
        var plan = new Option<bool>("--plan") { Description = "Print what would run (steps, SQL, findings) without changing anything; exit 3 when preflight would refuse it." };
        var json = new Option<bool>("--json") { Description = "With --plan: the plan as JSON (schema in docs/plan.md)." };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue a step that stopped part-way outside a transaction (MySQL/MariaDB, or a migration without one) from its first statement not done, "
                          + "after checking from the catalog that its journal is right (docs/mysql.md).",
        };
        var undoPartial = new Option<bool>("--undo-partial")
        {
            Description = "Instead: undo the statements of a half-applied upgrade that took effect, newest first, where each has a known inverse (a column, index "
                          + "or table it made is dropped); otherwise say what to undo by hand (docs/mysql.md). TARGET is ignored.",
        };
        var command = new Command("downgrade", "Revert the database to an earlier revision.") { target, sql, noBackup, plan, json, resume, undoPartial };
        set.Bind(command, (context, parse, cancellationToken) => parse.GetValue(sql)
            ? System.Threading.Tasks.Task.FromResult(Migrate.Offline(context, MigrationDirection.Downgrade, parse.GetValue(target)!))
            : Migrate.OnlineAsync(context, new Migrate.Request(MigrationDirection.Downgrade, parse.GetValue(target)!, parse.GetValue(noBackup), AcceptChanged: false,
                                                               parse.GetValue(plan), parse.GetValue(json), parse.GetValue(resume),
                                                               parse.GetValue(undoPartial)), cancellationToken));
        return command;
    }
}
