using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Commands;

namespace Panel.Migrations.Cli;

/// <summary>
/// The migrations command line as a library: an application that compiles its migrations in hands its map
/// to <c>RunAsync</c> and returns the exit code, e.g.
/// <c>return await MigrationCommandLine.RunAsync(args, MigrationRegistry.Map);</c>.
/// </summary>
/// <remarks>
/// Commands: <c>current</c>, <c>history</c>, <c>heads</c>, <c>branches</c>, <c>show</c>, <c>upgrade</c>,
/// <c>downgrade</c>, <c>stamp</c>, <c>check</c>, <c>create</c>, <c>merge</c>, <c>backup</c>, <c>restore</c> and <c>fleet</c>, each
/// with <c>--help</c>. Output follows Alembic's shapes; errors are one <c>FAILED: message</c> line on standard
/// error (a stack trace only with <c>--verbose</c> or <c>PANEL_MIGRATIONS_DEBUG=1</c>); exit codes are those of
/// <see cref="ExitCodes"/>. Passwords never appear in any output.
/// </remarks>
public static class MigrationCommandLine
{
    /// <summary>The variable that, when set to anything but 0, adds stack traces to errors.</summary>
    public const string DebugVariable = "PANEL_MIGRATIONS_DEBUG";

    /// <summary>Parses <paramref name="args"/>, runs the command against <paramref name="map"/>, and returns the exit code.</summary>
    /// <param name="args">The command line, e.g. <c>["upgrade", "head"]</c>.</param>
    /// <param name="map">The application's migrations, usually the generated <c>MigrationRegistry.Map</c>.</param>
    /// <param name="options">Writers, environment, folders and backup policy; defaults suit a console application.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, MigrationMap map, MigrationCommandLineOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        return RunAsync(args, () => map, map.Graph.Heads, options, cancellationToken);
    }

    /// <summary>
    /// As <see cref="RunAsync(string[], MigrationMap, MigrationCommandLineOptions?, CancellationToken)"/>, with the map built only
    /// when a command needs it: <c>upgrade</c> of a database already at <paramref name="heads"/> costs one query and never
    /// builds it. Pass the generated registry's <c>() =&gt; MigrationRegistry.Map</c> and <c>MigrationRegistry.Heads</c>.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="map">Builds the application's migrations; called at most once.</param>
    /// <param name="heads">The map's heads, as its graph would find them (the generated registry knows them at compile time).</param>
    /// <param name="options">Writers, environment, folders and backup policy.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, Func<MigrationMap> map, IReadOnlyList<string> heads, MigrationCommandLineOptions? options = null,
                                           CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(heads);
        options ??= new MigrationCommandLineOptions();
        // The command line serves every database it references (each behind its feature switch), whichever assembly holds the registry.
        PostgreSqlProvider.Register();
        MySqlProvider.Register();
        var output = options.Out ?? Console.Out;
        var error = options.Error ?? Console.Error;

        var globals = new GlobalOptions();
        var root = new RootCommand("Database migrations for this application, in the manner of Alembic. Run '<command> --help' for a command's options.");
        globals.AddTo(root);
        // Our own signal handling, not System.CommandLine's: its handler returns 130/143 two seconds after the signal even
        // while the step is still rolling back, with no line saying where the database is.
        using var signals = new CommandLineSignals(cancellationToken);
        var set = new CommandSet(new Lazy<MigrationMap>(map), heads, options, globals, signals);
        root.Add(CurrentCommand.Create(set));
        root.Add(HistoryCommand.Create(set));
        root.Add(HeadsCommand.Create(set));
        root.Add(BranchesCommand.Create(set));
        root.Add(ShowCommand.Create(set));
        root.Add(UpgradeCommand.Create(set));
        root.Add(DowngradeCommand.Create(set));
        root.Add(StampCommand.Create(set));
        root.Add(CheckCommand.Create(set));
        root.Add(CreateCommand.Create(set));
        root.Add(MergeCommand.Create(set));
        root.Add(BaselineCommand.Create(set));
        root.Add(SquashCommand.Create(set));
        root.Add(BackupCommand.Create(set));
        root.Add(RestoreCommand.Create(set));
        root.Add(Fleet.FleetCommand.Create(set));

        // No response files: an argument that begins with '@' is a value (a revision, a password), never a file to read.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction || (parse.Errors.Count > 0 && parse.Action is null))
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine("FAILED: " + CommandContext.Scrub(problem.Message, null));
            }

            var command = parse.CommandResult.Command;
            error.WriteLine($"Run '{(command is RootCommand ? "" : command.Name + " ")}--help' for usage.");
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(invocation, signals.Token).ConfigureAwait(false);
    }
}
