using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli;

/// <summary>What every command is built with, and the one place where a command's failure becomes <c>FAILED: ...</c> and an exit code.</summary>
internal sealed class CommandSet
{
    public CommandSet(Lazy<MigrationMap> map, IReadOnlyList<string> heads, MigrationCommandLineOptions options, GlobalOptions globals, CommandLineSignals signals)
    {
        Signals = signals;
        Map = map;
        Heads = heads;
        Options = options;
        Globals = globals;
    }

    /// <summary>The migrations, built by the first command that needs them.</summary>
    public Lazy<MigrationMap> Map { get; }

    /// <summary>The map's heads, known without building it.</summary>
    public IReadOnlyList<string> Heads { get; }

    public MigrationCommandLineOptions Options { get; }

    public GlobalOptions Globals { get; }

    /// <summary>Which signal cancelled the command, for its exit code.</summary>
    public CommandLineSignals Signals { get; }

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="run"/>, with errors reported the one way.</summary>
    public void Bind(Command command, Func<CommandContext, ParseResult, CancellationToken, Task<int>> run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(Map, Heads, Options, parse, Globals);
            try
            {
                RefuseUnknownOption(parse);
                return await run(context, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                return Fail(context, error, Signals.ExitCode);
            }
        });

    // System.CommandLine hands a token like "--bogus" to a command's free argument (TARGET, REV) when one is open; a
    // revision never starts with "--", so it is a mistyped option, not a revision to look up.
    private static void RefuseUnknownOption(ParseResult parse)
    {
        foreach (var argument in parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
        {
            if (argument.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } token)
            {
                var command = parse.CommandResult.Command.Name;
                throw new CommandLineException($"Unknown option '{token.Value}' for '{command}'. Run '{command} --help' to list its options.");
            }
        }
    }

    private static int Fail(CommandContext context, Exception error, int cancelledCode)
    {
        var (message, code) = error is Microsoft.Data.Sqlite.SqliteException sqlite && context.Settings.DatabaseUri.SqliteFilePath is { } file
            && Execution.SqliteAdapter.ExplainError(sqlite, file) is { } sentence
            ? (sentence, ExitCodes.DatabaseError)
            : Describe(error, cancelledCode);
        var line = "FAILED: " + message;
        context.Error.WriteLine(context.Scrub(context.ColorError ? AnsiText.Wrap(line, Ansi.Red) : line));
        var debug = context.Environment(MigrationCommandLine.DebugVariable);
        if (context.Verbose || (!string.IsNullOrEmpty(debug) && debug != "0"))
        {
            context.Error.WriteLine(context.Scrub(error.ToString()));
        }

        return code;
    }

    private static (string Message, int Code) Describe(Exception error, int cancelledCode) => error switch
    {
        MigrationCanceledException e => (e.Message, cancelledCode),
        CommandLineException e => (e.Message, e.ExitCode),
        RevisionGraphException or DatabaseUriException or MigrationConfigurationException => (error.Message, ExitCodes.UsageError),
        OperationCanceledException => ("Cancelled before the command finished; a change in progress was rolled back. Run 'current' to see where the database is.", cancelledCode),
        _ when DiskWriteFailure.Describe(error) is { } message => (message, ExitCodes.DatabaseError),
        IOException or UnauthorizedAccessException or DbException or MigrationException => (error.Message, ExitCodes.DatabaseError),
        _ => (error.GetType().Name + ": " + error.Message, ExitCodes.DatabaseError),
    };
}
