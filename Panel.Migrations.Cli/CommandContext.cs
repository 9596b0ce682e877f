using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Cli;

/// <summary>
/// One invocation of a command: the map, the writers, the settings read from the environment (lazily, so
/// commands that need no database never fail on its configuration), and the runner.
/// </summary>
internal sealed partial class CommandContext
{
    private string? _baseDirectory;
    private readonly MigrationCommandLineOptions _options;
    private readonly ParseResult _parse;
    private readonly GlobalOptions _globals;
    private MigrationSettings? _settings;
    private MigrationOptions? _migrationOptions;
    private MigrationRunner? _runner;
    private RebuildProgressOutput? _rebuildOutput;

    private readonly Lazy<MigrationMap> _map;
    private readonly IReadOnlyList<string> _heads;

    public CommandContext(Lazy<MigrationMap> map, IReadOnlyList<string> heads, MigrationCommandLineOptions options, ParseResult parse, GlobalOptions globals)
    {
        _map = map;
        _heads = heads;
        _options = options;
        _parse = parse;
        _globals = globals;
        Out = options.Out ?? Console.Out;
        Error = options.Error ?? Console.Error;
        Environment = options.GetEnvironmentVariable ?? System.Environment.GetEnvironmentVariable;
        Clock = options.Clock ?? TimeProvider.System;
        Verbose = parse.GetValue(globals.Verbose);
        var noColor = !string.IsNullOrEmpty(Environment("NO_COLOR")) || Environment("TERM") == "dumb";
        ColorOut = options.Color ?? (options.Out is null && !Console.IsOutputRedirected && !noColor);
        ColorError = options.Color ?? (options.Error is null && !Console.IsErrorRedirected && !noColor);
    }

    /// <summary>The migrations (built on first use).</summary>
    public MigrationMap Map => _map.Value;

    public RevisionGraph Graph => Map.Graph;

    /// <summary>The map's heads, known without building it.</summary>
    public IReadOnlyList<string> Heads => _heads;

    public MigrationCommandLineOptions Options => _options;

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>Where relative paths start: the options' base directory, else the current folder (read when first needed,
    /// inside the command's error handling, because a deleted current folder cannot be read).</summary>
    public string BaseDirectory => _baseDirectory ??= Path.GetFullPath(_options.BaseDirectory ?? CurrentFolder());

    private static string CurrentFolder()
    {
        try
        {
            return System.Environment.CurrentDirectory;
        }
        catch (IOException error)
        {
            throw new CommandLineException("The current folder no longer exists (it was deleted or moved). Change to an existing folder, e.g. 'cd ~', and run the command again.",
                                           ExitCodes.UsageError, error);
        }
    }

    public TimeProvider Clock { get; }

    public bool Verbose { get; }

    public bool ColorOut { get; }

    public bool ColorError { get; }

    /// <summary>Where progress lines go: standard output, or standard error while standard output carries a SQL script.</summary>
    public bool ProgressToError { get; set; }

    /// <summary>The environment and database, from <c>--database-uri</c>, <c>DATABASE_URI</c>, the configuration file or the environment's default.</summary>
    public MigrationSettings Settings
    {
        get
        {
            if (_settings is not null)
            {
                return _settings;
            }

            var (file, required) = ConfigurationFile;
            _settings = MigrationSettings.Resolve(new SettingsSources
            {
                Explicit = _parse.GetValue(_globals.DatabaseUri),
                ExplicitName = "--database-uri",
                GetVariable = Environment,
                ConfigurationFile = file,
                ConfigurationFileRequired = required,
                BaseDirectory = BaseDirectory,
            });
            return _settings;
        }
    }

    /// <summary>The configuration file (<c>--config</c>, the app's, else <c>migrations.json</c>), and whether it was named explicitly and so must exist.</summary>
    public (string Path, bool Required) ConfigurationFile
    {
        get
        {
            var explicitFile = _parse.GetValue(_globals.Config);
            return (Path.GetFullPath(explicitFile ?? _options.ConfigurationFile ?? DatabaseConfigurationFile.DefaultName, BaseDirectory), explicitFile is not null);
        }
    }

    /// <summary>The database as the user may see it: URI with the password masked, environment, and where it came from.</summary>
    public string DatabaseDescription
    {
        get
        {
            var settings = Settings;
            return $"{settings.DatabaseUri} ({MigrationSettings.NameOf(settings.Environment)}, from {settings.Source})";
        }
    }

    public MigrationOptions MigrationOptions
    {
        get
        {
            if (_migrationOptions is null)
            {
                var options = MigrationOptions.FromUri(Settings.DatabaseUri) with { Log = Progress, BatchProgress = Rebuilding, Events = Report };
                _migrationOptions = _options.ConfigureMigrations is null ? options : _options.ConfigureMigrations(options);
            }

            return _migrationOptions;
        }
    }

    public MigrationRunner Runner => _runner ??= RunnerWith(MigrationOptions);

    /// <summary>A runner over this command line's map, built only if the run needs it (an upgrade at head does not).</summary>
    public MigrationRunner RunnerWith(MigrationOptions options) => new(() => _map.Value, _heads, options);

    /// <summary>The database's heads, checked against the map.</summary>
    public async Task<IReadOnlyList<string>> CurrentHeadsAsync(CancellationToken cancellationToken, bool requireKnown = true)
    {
        var heads = await Runner.CurrentAsync(cancellationToken).ConfigureAwait(false);
        if (requireKnown)
        {
            var unknown = heads.Where(h => !Graph.TryGet(h, out _)).ToArray();
            if (unknown.Length > 0)
            {
                throw new CommandLineException(
                    $"Can't locate revision identified by '{unknown[0]}': the database is at {(unknown.Length == 1 ? "revision" : "revisions")} {string.Join(", ", unknown)}, which this build of the application does not know. "
                    + "Run 'history' to list the known revisions; deploy the build that has it, or 'stamp' a known revision if you are sure of the schema.",
                    ExitCodes.DatabaseError);
            }
        }

        return heads;
    }

    /// <summary>Says on standard error that the SQLite file does not exist (a read created nothing; the path may be mistyped).</summary>
    public void WarnIfSqliteFileMissing()
    {
        if (Settings.DatabaseUri.SqliteFilePath is { } file && !File.Exists(file))
        {
            Warn($"The SQLite database {file} does not exist, so it is at no revision; nothing was created. Check the path, or run 'upgrade' to create it.");
        }
    }

    /// <summary>Writes a line of output, with any secret of the database URI hidden.</summary>
    public void Line(string text = "") => Out.WriteLine(Scrub(text));

    /// <summary>Writes text without a new line (SQL scripts).</summary>
    public void Write(string text) => Out.Write(Scrub(text));

    /// <summary>Shows the copy of a SQLite table rebuild as it goes (<see cref="RebuildProgressOutput"/>).</summary>
    private void Rebuilding(BatchProgress progress)
    {
        _rebuildOutput ??= ProgressToError
            ? new RebuildProgressOutput(Error, Scrub, terminal: false)
            : new RebuildProgressOutput(Out, Scrub, terminal: _options.Out is null && !Console.IsOutputRedirected);
        _rebuildOutput.Report(progress);
    }

    /// <summary>Prints what the pipeline reports beyond its progress lines: the automatic backup.</summary>
    private void Report(MigrationEvent migrationEvent)
    {
        if (migrationEvent is BackupTaken backup)
            Progress(Backups.BackupService.Announce(backup.Path, backup.Heads, MigrationOptions.Kind));
    }

    /// <summary>Writes a progress line (<c>Running upgrade ...</c>).</summary>
    public void Progress(string text)
    {
        if (ProgressToError)
        {
            Error.WriteLine(Scrub(text));
        }
        else
        {
            Out.WriteLine(Scrub(text));
        }
    }

    /// <summary>Writes a warning or hint to standard error.</summary>
    public void Warn(string text) => Error.WriteLine(Scrub(text));

    /// <summary>Wraps <paramref name="text"/> in an ANSI colour when standard output is a terminal.</summary>
    public string Paint(string text, Ansi color) => ColorOut ? AnsiText.Wrap(text, color) : text;

    /// <summary>Hides passwords (<see cref="SecretMasker.MaskText"/>); everything this command line prints goes through here.</summary>
    public string Scrub(string text) => Scrub(text, _settings?.DatabaseUri.RevealPassword());

    public static string Scrub(string text, string? password) => SecretMasker.MaskText(text, password);
}
