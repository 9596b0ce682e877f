using System.CommandLine;
using Panel.Migrations.Fleet;

namespace Panel.Migrations.Cli.Fleet;

/// <summary><c>fleet status RUN [--json]</c>: counts by status and revision, failures grouped by message.</summary>
internal static class FleetStatusCommand
{
    public static Command Create(CommandSet set, FleetCommandOptions shared)
    {
        var run = new Argument<string>("RUN") { Description = "The run's name, as 'fleet upgrade' printed it." };
        var command = new Command("status", "Show a fleet run: databases by status and by revision, failures grouped by message.") { run };
        set.Bind(command, async (context, parse, cancellationToken) =>
        {
            var state = await FleetStateOption.OpenAsync(context, parse, shared, cancellationToken).ConfigureAwait(false);
            var status = await state.StatusAsync(parse.GetValue(run)!, cancellationToken).ConfigureAwait(false);
            context.Write(parse.GetValue(shared.Json) ? FleetStatusJson.Write(status) : FleetStatusText.Write(status));
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>Opens the state that <c>--state</c> names, or <c>fleet-state.db</c> in the base directory.</summary>
internal static class FleetStateOption
{
    public const string DefaultFile = "fleet-state.db";

    public static System.Threading.Tasks.Task<FleetState> OpenAsync(CommandContext context, ParseResult parse, FleetCommandOptions shared, System.Threading.CancellationToken cancellationToken) =>
        FleetState.OpenAsync(parse.GetValue(shared.State) ?? DefaultFile, parse.GetValue(shared.Table)!, context.BaseDirectory, cancellationToken);
}
