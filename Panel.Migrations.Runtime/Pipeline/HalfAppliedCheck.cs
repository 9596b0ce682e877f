using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// Finds the step that stopped part-way (its newest log row is <c>running</c> or <c>failed</c> with statements done, and
/// it is the next step from the current heads) and checks the journal against the catalog: each statement recorded as
/// done must show its mark (a table, column or index it made or dropped), each one not done must not, and the statement
/// that was running when the attempt ended, which may or may not have committed, is settled by its mark. Reads only.
/// </summary>
internal sealed class HalfAppliedCheck(PipelineContext context, HistoryCheck history)
{
    public async Task<HalfAppliedStep?> FindAsync(IReadOnlyList<string> heads, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        foreach (var attempt in await context.History.ReadLatestAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            if (!attempt.Unfinished || !context.Map.Graph.TryGet(attempt.Revision, out _) || !IsNext(attempt, heads))
                continue;
            if (attempt.Done == 0 && attempt.Running == 0)
                return null; // refused at its first statement: nothing of it took effect
            return await CheckAsync(attempt, heads, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    // Whether the attempt's step is the one that would run next: an upgrade whose parents are applied and itself not, or a
    // downgrade of a current head.
    private bool IsNext(LogAttempt attempt, IReadOnlyList<string> heads)
    {
        if (attempt.Direction == MigrationDirection.Downgrade)
            return heads.Contains(attempt.Revision, StringComparer.Ordinal);
        try
        {
            var walk = context.Map.Graph.PlanUpgrade(heads, attempt.Revision);
            return walk.Steps.Count == 1 && walk.Steps[0].Revision == attempt.Revision;
        }
        catch (RevisionGraphException)
        {
            return false;
        }
    }

    private async Task<HalfAppliedStep> CheckAsync(LogAttempt attempt, IReadOnlyList<string> heads, DbConnection connection, DbTransaction? transaction,
                                                   CancellationToken cancellationToken)
    {
        var operations = context.Describe(context.Map[attempt.Revision], attempt.Direction);
        var step = JournaledStep.Of(context, operations);
        var entries = step.Entries;
        var done = attempt.Done;
        var cutOff = attempt.Running > attempt.Done && done < entries.Count; // the statement running when the attempt ended may have committed
        var differences = new List<string>();
        if (done > entries.Count)
            differences.Add($"the journal records {done} statement(s) done, but the migration now has {entries.Count}: it was changed since");
        else if (attempt.Digest is not null ? attempt.Digest != step.Digest(done)
                 : attempt.Direction == MigrationDirection.Upgrade && attempt.Checksum is not null && attempt.Checksum != history.Checksum(operations))
            differences.Add($"statements 1-{done} of the migration are no longer those that ran (it was changed since; only statements not yet done may change)");
        if (differences.Count > 0)
            return Describe(attempt, heads, entries, done, differences, undone: false, doneAgree: false);

        var doneUndone = 0; // statements recorded as done whose mark shows them undone
        var laterDiffer = 0; // differences on statements not done
        var cutOffTookEffect = (bool?)null;
        for (var i = 0; i < entries.Count; i++)
        {
            var effect = entries[i].Effect;
            if (effect is null)
                continue;
            // A mark tells only where no other statement in between concerns the same object.
            var (from, to) = i < done ? (i + 1, cutOff ? done + 1 : done) : (done, i);
            if (Enumerable.Range(from, Math.Max(0, to - from)).Any(j => j != i && entries[j].Effect is { } other && other.Touches(effect)))
                continue;
            var state = await context.Adapter.ReadObjectAsync(connection, effect, transaction, cancellationToken).ConfigureAwait(false);
            var took = effect.TookEffect(state);
            var label = $"statement {i + 1} ({entries[i].Short})";
            if (i < done)
            {
                if (took == false)
                    doneUndone++;
                if (took != true)
                    differences.Add($"{label} is recorded as done, but {Seen(effect, state)}");
            }
            else if (i == done && cutOff)
            {
                cutOffTookEffect = took;
                if (took is null)
                    differences.Add($"{label} was cut off and left {effect.Object} half-made (an invalid index): drop it, then run the command again");
            }
            else if (took != false)
            {
                laterDiffer++;
                differences.Add($"{label} has not run, but {Seen(effect, state)}{(i == done ? ": remove it (or find why it is there), then run the command again" : "")}");
            }
        }
        if (cutOff && cutOffTookEffect is null && differences.Count == 0)
            differences.Add($"statement {done + 1} ({entries[done].Short}) was running when the attempt ended, and whether it took effect cannot be read from the catalog: " +
                            "check it by hand; then either complete the remaining statements by hand and run `stamp` to the step's revision, or undo those done and `stamp` where it was");
        // Every statement recorded as done shows its mark undone, and nothing else differs: undone by hand, the step can start over.
        var undone = done > 0 && doneUndone == done && differences.Count == done && cutOffTookEffect != true;
        if (undone || (done == 0 && cutOffTookEffect == false && differences.Count == 0))
            return Describe(attempt, heads, entries, 0, [], undone: true, doneAgree: true);
        return Describe(attempt, heads, entries, cutOffTookEffect == true ? done + 1 : done, differences, undone: false, doneAgree: differences.Count == laterDiffer);
    }

    private static string Seen(StatementEffect effect, CatalogObjectState state) => state switch
    {
        CatalogObjectState.Present => $"{effect.Object} exists",
        CatalogObjectState.Incomplete => $"{effect.Object} exists but is invalid (a failed concurrent build leaves it so)",
        _ => $"{effect.Object} does not exist",
    };

    private HalfAppliedStep Describe(LogAttempt attempt, IReadOnlyList<string> heads, IReadOnlyList<JournalEntry> entries, int done, List<string> differences, bool undone, bool doneAgree)
    {
        var info = context.Map[attempt.Revision];
        var verb = attempt.Direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";
        var text = new StringBuilder();
        text.Append($"{char.ToUpperInvariant(verb[0])}{verb[1..]} to {info} is half-applied: ");
        if (undone)
        {
            text.Append($"its journal in {context.History.Name} records {attempt.Done} of {entries.Count} statement(s) done, but the catalog shows none of them in effect, " +
                        "so it runs from its first statement.");
            return new HalfAppliedStep(attempt.Revision, attempt.Direction, 0, entries.Count, [], text.ToString()) { Undone = true, LogId = attempt.Id, DoneStatementsAgree = true };
        }
        text.Append($"{done} of {Math.Max(entries.Count, done)} statement(s) took effect ({(attempt.Status == "running" ? "the process ended before it finished" : "it failed")}; " +
                    $"{context.CommitsAsItRuns}), and the version table still says {PipelineContext.HeadsText(heads)}.");
        for (var i = 0; i < done && i < entries.Count; i++)
            text.Append("\n  [").Append(i + 1).Append("] ").Append(entries[i].Short);
        if (differences.Count > 0)
        {
            text.Append($"\nThe catalog disagrees with the journal in {context.History.Name}, so it cannot be resumed; nothing was changed:");
            foreach (var difference in differences)
                text.Append("\n  - ").Append(difference);
            text.Append("\nMake the schema match the journal (or undo the step by hand and run `stamp ").Append(PipelineContext.HeadsText(heads).Replace("<base>", "base", StringComparison.Ordinal))
                .Append("`), then run the command again.");
        }
        else
        {
            text.Append('\n').Append(WaysOut(attempt.Direction, done, heads));
        }
        return new HalfAppliedStep(attempt.Revision, attempt.Direction, done, entries.Count, differences, text.ToString()) { LogId = attempt.Id, DoneStatementsAgree = doneAgree };
    }

    /// <summary>The two ways out of a half-applied step, as every message about one says them.</summary>
    public static string WaysOut(MigrationDirection direction, int done, IReadOnlyList<string> heads)
    {
        var verb = direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";
        var stamp = heads.Count == 0 ? "base" : string.Join(" ", heads);
        return $"Two ways out: fix the cause and run `{verb} --resume` (MigrationOptions.Resume), which checks the catalog and continues from statement {done + 1}; " +
               $"or undo {(done == 1 ? "statement 1" : $"statements {done}-1, newest first")}" +
               (direction == MigrationDirection.Upgrade ? " with `downgrade --undo-partial` (MigrationOptions.UndoPartial; where each has a known inverse) or" : "") +
               $" by hand and run `stamp {stamp}` to close the attempt.";
    }
}
