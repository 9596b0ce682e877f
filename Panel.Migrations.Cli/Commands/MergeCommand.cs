using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Generation;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>merge REV REV... -m MSG [--rev-id ID]</c>: writes a migration whose down revisions are the given ones (<c>heads</c> for all).</summary>
internal static class MergeCommand
{
    public static Command Create(CommandSet set)
    {
        var revisions = new Argument<string[]>("REV") { Description = "The revisions to join (usually heads), or 'heads'.", Arity = ArgumentArity.OneOrMore };
        var message = new Option<string?>("--message", "-m") { Description = "What the merge is, e.g. \"merge heads\".", HelpName = "MSG" };
        var revId = new Option<string?>("--rev-id") { Description = "The new revision's id instead of 12 random hex digits.", HelpName = "ID" };
        var command = new Command("merge", "Write a migration that joins two or more heads.") { revisions, message, revId };
        set.Bind(command, (context, parse, cancellationToken) =>
        {
            var given = parse.GetValue(revisions)!;
            var ids = given.SelectMany(context.Graph.Resolve).Distinct().ToList();
            if (ids.Count < 2)
            {
                throw new CommandLineException($"A merge joins at least two revisions, but '{string.Join(" ", given)}' names {(ids.Count == 0 ? "none" : "only " + ids[0])}. Name two heads (see 'heads'), or 'heads'.");
            }

            MigrationFileWriter.Write(context, ids, parse.GetValue(message) ?? "empty message", parse.GetValue(revId));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
