// The sample's entry point: a few commands until Panel.Migrations.Cli provides the full command line.
using System;
using System.Linq;
using AaPanel;
using Panel.Migrations;

var command = args.Length > 0 ? args[0] : "upgrade";
var target = args.Length > 1 ? args[1] : null;
try
{
    var options = MigrationOptions.FromEnvironment() with { Log = Console.WriteLine };
    var runner = new MigrationRunner(MigrationRegistry.Map, options);
    switch (command)
    {
        case "upgrade":
            await runner.UpgradeAsync(target ?? "head");
            break;
        case "downgrade":
            await runner.DowngradeAsync(target ?? "-1");
            break;
        case "current":
            foreach (var head in await runner.CurrentAsync())
                Console.WriteLine(MigrationRegistry.Map.Graph.Heads.Contains(head) ? head + " (head)" : head);
            break;
        default:
            Console.Error.WriteLine($"FAILED: unknown command '{command}'. Use upgrade [TARGET], downgrade [TARGET] or current.");
            return 2;
    }
    return 0;
}
catch (Exception error) when (error is MigrationException or Panel.Migrations.Graph.RevisionGraphException or DatabaseUriException or MigrationConfigurationException)
{
    Console.Error.WriteLine("FAILED: " + error.Message);
    return 1;
}
