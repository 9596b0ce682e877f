// The sample's entry point: the migration command line (current, history, upgrade, downgrade, stamp, check,
// create, merge, backup, restore ...) over the sample's migrations.
using AaPanel;
using Panel.Migrations.Cli;

// The map is built only when a command needs it: an upgrade of a database already at head reads one row and ends.
// `create` writes new migrations into this project (AaPanel.Migrations), wherever it runs from: the build records the
// project's folder and root namespace (Panel.Migrations.targets).
return await MigrationCommandLine.RunAsync(args, static () => MigrationRegistry.Map, MigrationRegistry.Heads);
