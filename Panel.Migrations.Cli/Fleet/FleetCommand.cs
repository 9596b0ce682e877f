using System.CommandLine;

namespace Panel.Migrations.Cli.Fleet;

/// <summary><c>fleet upgrade ...</c> and <c>fleet status RUN</c>: many databases through the same pipeline as <c>upgrade</c> (docs/fleet.md).</summary>
internal static class FleetCommand
{
    public static Command Create(CommandSet set)
    {
        var state = new Option<string?>("--state")
        {
            Description = "Where the fleet's state is: a SQLite file (default fleet-state.db here) or postgresql://... shared by several runners.",
            HelpName = "FILE|URI",
            Recursive = true,
        };
        var table = new Option<string>("--state-table")
        {
            Description = "The state's table (the runs go into the same name with _runs added).",
            DefaultValueFactory = _ => Panel.Migrations.Fleet.FleetState.DefaultTable,
            HelpName = "NAME",
            Recursive = true,
        };
        var json = new Option<bool>("--json") { Description = "The run's status as JSON (schema in docs/fleet.md).", Recursive = true };
        var shared = new FleetCommandOptions(state, table, json);
        return new Command("fleet", "Upgrade many databases in waves, with a state table, resume and status (docs/fleet.md).")
        {
            state, table, json,
            FleetUpgradeCommand.Create(set, shared),
            FleetStatusCommand.Create(set, shared),
        };
    }
}

/// <summary>The options <c>fleet upgrade</c> and <c>fleet status</c> share.</summary>
internal sealed record FleetCommandOptions(Option<string?> State, Option<string> Table, Option<bool> Json);
