using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Fleet;

namespace Panel.Migrations.Cli.Fleet;

/// <summary>
/// <c>fleet upgrade [TARGET] --members FILE | --members-query SQL --members-from URI [--run NAME | --resume NAME] ...</c>: every
/// database of the list through the pipeline of <c>upgrade</c>, recorded in the state (docs/fleet.md).
/// </summary>
internal static class FleetUpgradeCommand
{
    private const string FileSource = "file:";

    public static Command Create(CommandSet set, FleetCommandOptions shared)
    {
        var target = new Argument<string>("TARGET") { Description = "The revision to upgrade every database to (head by default).", DefaultValueFactory = _ => "head" };
        var members = new Option<string?>("--members") { Description = "A file with one database URI or connection string a line (# starts a comment).", HelpName = "FILE" };
        var query = new Option<string?>("--members-query") { Description = "A SQL query whose first column is the databases' URIs or connection strings (with --members-from).", HelpName = "SQL" };
        var from = new Option<string?>("--members-from") { Description = "The database --members-query runs on.", HelpName = "URI" };
        var run = new Option<string?>("--run") { Description = "The run's name: a new run, or one another runner started (they share its work). Default: a new name.", HelpName = "NAME" };
        var resume = new Option<string?>("--resume") { Description = "Resume a run: retry its failed databases and start those never reached.", HelpName = "NAME" };
        var parallel = new Option<int>("--parallel") { Description = "How many databases this runner upgrades at once.", DefaultValueFactory = _ => 4, HelpName = "N" };
        var waves = new Option<string>("--waves") { Description = "Wave sizes, counts or percentages, e.g. 1%,10%,rest or 5,50,rest.", DefaultValueFactory = _ => FleetWaves.Default.ToString(), HelpName = "LIST" };
        var maxFailures = new Option<string>("--max-failures")
        {
            Description = "Stop after more than N failures, or more than X% of the databases attempted at a wave's end.",
            DefaultValueFactory = _ => FleetStopRule.Default.ToString(),
            HelpName = "N|X%",
        };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Never stop: attempt every database and record each failure." };
        var lockTimeout = new Option<double>("--lock-timeout") { Description = "Seconds a database's upgrade waits for a lock held elsewhere.", DefaultValueFactory = _ => 30, HelpName = "SECONDS" };
        var lease = new Option<double>("--lease") { Description = "Seconds after which another runner takes over the claims of a runner that stopped renewing them.", DefaultValueFactory = _ => 60, HelpName = "SECONDS" };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not back up each SQLite database before changing it." };
        var command = new Command("upgrade", "Upgrade every database of a list to TARGET, in waves, recording each in the fleet state.")
        {
            target, members, query, from, run, resume, parallel, waves, maxFailures, continueOnError, lockTimeout, lease, noBackup,
        };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            if (parse.GetValue(run) is not null && parse.GetValue(resume) is not null)
                throw new CommandLineException("Give --run (a new or shared run) or --resume (an earlier run), not both.", ExitCodes.UsageError);
            if (parse.GetValue(parallel) < 1)
                throw new CommandLineException("--parallel must be at least 1.", ExitCodes.UsageError);
            var state = await FleetStateOption.OpenAsync(context, parse, shared, cancellationToken).ConfigureAwait(false);
            var resumed = parse.GetValue(resume);
            var (list, source) = await MembersAsync(context, state, parse.GetValue(members), parse.GetValue(query), parse.GetValue(from), resumed, cancellationToken).ConfigureAwait(false);
            var options = new FleetOptions
            {
                Target = parse.GetValue(target)!,
                RunId = resumed ?? parse.GetValue(run) ?? NewRunId(context),
                Resume = resumed is not null,
                Parallelism = parse.GetValue(parallel),
                Waves = Parse(() => FleetWaves.Parse(parse.GetValue(waves)!)),
                StopRule = parse.GetValue(continueOnError) ? FleetStopRule.ContinueOnError : Parse(() => FleetStopRule.Parse(parse.GetValue(maxFailures)!)),
                LockTimeout = TimeSpan.FromSeconds(parse.GetValue(lockTimeout)),
                Lease = TimeSpan.FromSeconds(parse.GetValue(lease)),
                Backup = parse.GetValue(noBackup) ? null : Backups.BackupService.Automatic(context, MigrationSettings.ParseEnvironment(context.Environment("ENVIRONMENT"))),
                ConfigureMember = context.Options.ConfigureMigrations is { } configure ? (_, o) => configure(o) : null,
                Source = source,
            };
            // With --json, standard output carries the JSON alone; the progress goes to standard error.
            context.ProgressToError = parse.GetValue(shared.Json);
            var progress = new FleetProgressOutput(context);
            context.Progress($"Fleet run {options.RunId}: {list.Count} database(s), waves {options.Waves}, {options.Parallelism} at once, stop rule {options.StopRule}; state {state.Display}");
            var status = await new FleetUpgrade(() => context.Map, context.Heads).RunAsync(list, state, options with { Progress = progress.Report }, cancellationToken).ConfigureAwait(false);
            progress.End();
            context.Write(parse.GetValue(shared.Json) ? FleetStatusJson.Write(status) : FleetStatusText.Write(status));
            return status.Succeeded ? ExitCodes.Success : ExitCodes.DatabaseError;
        });
        return command;
    }

    // The list from --members or --members-query; a resume without either reads the file the run was started with.
    private static async Task<(IReadOnlyList<FleetMember> Members, string? Source)> MembersAsync(
        CommandContext context, FleetState state, string? file, string? query, string? from, string? resume, CancellationToken cancellationToken)
    {
        if (file is not null && query is not null)
            throw new CommandLineException("Give --members (a file) or --members-query (with --members-from), not both.", ExitCodes.UsageError);
        if (query is not null)
        {
            if (from is null)
                throw new CommandLineException("--members-query needs --members-from URI: the database the query runs on.", ExitCodes.UsageError);
            var list = await FleetMembers.QueryAsync(from, query, context.BaseDirectory, cancellationToken).ConfigureAwait(false);
            return (list, $"query on {DatabaseUri.Parse(from, context.BaseDirectory)}: {query}");
        }

        if (file is null && resume is not null && await state.FindRunAsync(resume, cancellationToken).ConfigureAwait(false) is { Source: { } source } && source.StartsWith(FileSource, StringComparison.Ordinal))
            file = source.Substring(FileSource.Length);
        if (file is null)
            throw new CommandLineException("Name the databases: --members FILE (one URI or connection string a line) or --members-query SQL --members-from URI.", ExitCodes.UsageError);
        var path = Path.GetFullPath(file, context.BaseDirectory);
        try
        {
            return (FleetMembers.ReadFile(path), FileSource + path);
        }
        catch (FileNotFoundException error)
        {
            throw new CommandLineException(error.Message, ExitCodes.UsageError, error);
        }
    }

    private static string NewRunId(CommandContext context) =>
        context.Clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];

    private static T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException error)
        {
            throw new CommandLineException(error.Message, ExitCodes.UsageError, error);
        }
    }
}
