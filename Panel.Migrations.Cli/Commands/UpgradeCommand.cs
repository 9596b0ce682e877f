using System.CommandLine;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>upgrade [TARGET] [--sql] [--plan [--json]] [--no-backup] [--accept-changed] [--resume]</c>: applies revisions up to TARGET (default <c>head</c>).</summary>
internal static class UpgradeCommand
{
    public static Command Create(CommandSet set)
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "head (default), heads, a revision id or unique prefix, +N, or label@head; with --sql also START:END.",
            DefaultValueFactory = _ => "head",
        };
        var sql = new Option<bool>("--sql") { Description = "Print the SQL instead of running it (offline mode); START:END picks the starting point, base by default." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not back up the database before changing it (SQLite copy, pg_dump, mariadb-dump)." };
        var plan = new Option<bool>("--plan") { Description = "Print what would run (steps, SQL, findings) without changing anything; exit 3 when preflight would refuse it." };
        var json = new Option<bool>("--json") { Description = "With --plan: the plan as JSON (schema in docs/plan.md)." };
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue a step that stopped part-way outside a transaction (MySQL/MariaDB, or a migration without one) from its first statement not done, "
                          + "after checking from the catalog that its journal is right (docs/mysql.md).",
        };
        var acceptChanged = new Option<bool>("--accept-changed")
        {
            Description = "Upgrade even though an applied migration was edited since, recording its new checksum (only when the database already has the change).",
        };
        var command = new Command("upgrade", "Upgrade the database to a later revision.") { target, sql, noBackup, acceptChanged, plan, json, resume };
        set.Bind(command, (context, parse, cancellationToken) => parse.GetValue(sql)
            ? System.Threading.Tasks.Task.FromResult(Migrate.Offline(context, MigrationDirection.Upgrade, parse.GetValue(target)!))
            : Migrate.OnlineAsync(context, new Migrate.Request(MigrationDirection.Upgrade, parse.GetValue(target)!, parse.GetValue(noBackup), parse.GetValue(acceptChanged),
                                                               parse.GetValue(plan), parse.GetValue(json), parse.GetValue(resume)), cancellationToken));
        return command;
    }
}
