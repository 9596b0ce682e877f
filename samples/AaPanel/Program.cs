// The sample's entry point: the migration command line (current, history, upgrade, downgrade, stamp, check,
// create, merge, backup, restore ...) over the sample's migrations.
using System.IO;
using System.Runtime.CompilerServices;
using AaPanel;
using Panel.Migrations.Cli;

// The map is built only when a command needs it: an upgrade of a database already at head reads one row and ends.
return await MigrationCommandLine.RunAsync(args, static () => MigrationRegistry.Map, MigrationRegistry.Heads,
                                           new() { RootNamespace = "AaPanel", ProjectDirectory = ProjectFolder() });

// `create` writes new migrations next to this file, wherever `dotnet run --project` was started from.
static string ProjectFolder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
