using System.CommandLine;

namespace Panel.Migrations.Cli;

/// <summary>The options every command accepts, before or after its name.</summary>
internal sealed class GlobalOptions
{
    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "More detail: full revision entries, and the stack trace of an error (also PANEL_MIGRATIONS_DEBUG=1).",
        Recursive = true,
    };

    public Option<string?> DatabaseUri { get; } = new("--database-uri")
    {
        Description = "The database, e.g. sqlite:///data/default.db; overrides DATABASE_URI and the configuration file.",
        HelpName = "URI",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "A JSON file of database URIs per environment (default: migrations.json when it exists).",
        HelpName = "FILE",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Add(Verbose);
        root.Add(DatabaseUri);
        root.Add(Config);
    }
}
