using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Generation;

namespace Panel.Migrations.Cli.Commands;

/// <summary><c>create "MESSAGE" [--head REV] [--splice] [--rev-id ID]</c>: writes a new migration file on top of the head.</summary>
internal static class CreateCommand
{
    public static Command Create(CommandSet set)
    {
        var message = new Argument<string>("MESSAGE") { Description = "What the migration does, e.g. \"Add SSL column to sites\"." };
        var head = new Option<string?>("--head") { Description = "The head to build on when there are several (or 'base' for a new base).", HelpName = "REV" };
        var splice = new Option<bool>("--splice") { Description = "Allow --head to name a revision that is not a head, starting a new branch from it." };
        var revId = new Option<string?>("--rev-id") { Description = "The new revision's id instead of 12 random hex digits.", HelpName = "ID" };
        var command = new Command("create", "Write a new, empty migration class file into the migrations folder.") { message, head, splice, revId };
        set.Bind(command, (context, parse, cancellationToken) =>
        {
            var heads = context.Graph.Heads;
            IReadOnlyList<string> down;
            var chosen = parse.GetValue(head);
            if (chosen is not null)
            {
                down = context.Graph.Resolve(chosen);
                if (down.Count > 1)
                {
                    throw new CommandLineException($"--head {chosen} names several revisions ({string.Join(", ", down)}); name one head, or use 'merge' to join them.");
                }

                if (down.Count == 1 && !heads.Contains(down[0]) && !parse.GetValue(splice))
                {
                    throw new CommandLineException($"Revision {down[0]} is not a head revision; please specify --splice to create a new branch from this revision");
                }
            }
            else
            {
                down = heads.Count > 1
                    ? throw new CommandLineException($"Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge. Heads: {string.Join(", ", heads)}; pass --head REV, or run 'merge {string.Join(" ", heads)} -m \"merge heads\"'.")
                    : heads.ToList();
            }

            MigrationFileWriter.Write(context, down, parse.GetValue(message)!, parse.GetValue(revId));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
