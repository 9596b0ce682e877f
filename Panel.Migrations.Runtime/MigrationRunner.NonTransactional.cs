using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations;

// Where DDL is not transactional (MySQL, MariaDB): each statement commits as it runs, so a migration cannot be
// rolled back as a whole. The runner records its intent in the migration log before the first statement, counts
// every statement that commits, and moves the version table only after the whole migration succeeded; on failure
// it says which statement failed, what had been applied, and how to recover.
public sealed partial class MigrationRunner
{
    // False when another runner moved the heads meanwhile (the caller re-plans), true when the step was applied.
    private async Task<bool> TryApplyWithoutTransactionAsync(MigrationStep step, DescribedStep described, IReadOnlyList<string> expected, List<AppliedStep> applied,
                                                             DbConnection connection, CancellationToken cancellationToken)
    {
        if (await HeadsMovedAsync(expected, connection, null, cancellationToken).ConfigureAwait(false))
            return false;

        var info = Map[step.Revision];
        var clock = Stopwatch.StartNew();
        _context.Started(step);
        // Render all that can be rendered now, so that a change this database cannot express fails before anything runs.
        var operations = _context.Adapter.Expand(described.Operations);
        var rendered = operations.Select(o => _context.Adapter.RendersLive(o) ? null : _context.Adapter.Dialect.Render(o)).ToList();
        var total = rendered.Sum(r => r?.Count ?? 1);

        var log = _context.History;
        var id = await log.StartAsync(connection, info.Revision, step.Direction, total, _history.Identity(step, described), cancellationToken).ConfigureAwait(false);
        var done = new List<string>();
        for (var i = 0; i < operations.Count; i++)
        {
            SqlStatement? current = null;
            try
            {
                var statements = rendered[i] ?? await _context.Adapter.RenderLiveAsync(operations[i], connection, cancellationToken).ConfigureAwait(false);
                foreach (var statement in statements)
                {
                    current = statement;
                    // A statement that depends on the live database (a column added only where it is missing) may have nothing to do.
                    if (statement.OnlyIf is { } condition && await connection.CountAsync(condition, null, cancellationToken).ConfigureAwait(false) == 0)
                    {
                        done.Add("(skipped, nothing to do) " + PipelineContext.Shorten(statement.Sql));
                    }
                    else
                    {
                        await connection.ExecuteAsync(statement, null, cancellationToken, _context.Adapter.StatementTimeoutSeconds).ConfigureAwait(false);
                        done.Add(PipelineContext.Shorten(statement.Sql));
                    }
                    current = null;
                    await log.ProgressAsync(connection, id, done.Count, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is DbException or MigrationException or OperationCanceledException)
            {
                var message = PartlyApplied(info, step, expected, log.Name, done, current, total, error);
                await TryRecordFailureAsync(log, connection, id, message).ConfigureAwait(false);
                throw new MigrationException(message, error);
            }
        }

        try
        {
            await _context.InTransactionAsync(connection, (tx, ct) => _context.Versions.ApplyAsync(step.Change, connection, tx, ct, alongside: log.Finish(id, clock.Elapsed)),
                                     cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or MigrationException or OperationCanceledException)
        {
            var message = $"{Verb(step)} to {info}: all {total} statement(s) were applied, but recording it in the version table failed: {error.Message} " +
                          $"The version table still says {PipelineContext.HeadsText(expected)}. Check the schema, then run `stamp {StampTarget(step, info)}` to record it.";
            await TryRecordFailureAsync(log, connection, id, message).ConfigureAwait(false);
            throw new MigrationException(message, error);
        }
        applied.Add(new AppliedStep(step.Revision, step.Direction, clock.Elapsed));
        return true;
    }

    private static async Task TryRecordFailureAsync(MigrationLog log, DbConnection connection, string id, string message)
    {
        try
        {
            await log.FailAsync(connection, id, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection is gone: the row stays 'running', which says the same, and the error below is what matters.
        }
    }

    private string PartlyApplied(MigrationInfo info, MigrationStep step, IReadOnlyList<string> expected, string logTable,
                                 List<string> done, SqlStatement? failed, int total, Exception error)
    {
        var text = new StringBuilder();
        var index = done.Count + 1;
        text.Append(Verb(step)).Append(" to ").Append(info).Append(" failed at statement ").Append(index).Append(" of ").Append(total);
        text.Append(failed is null ? " (before it ran)" : ": " + PipelineContext.Shorten(failed.Sql)).Append(". ");
        text.Append(error is OperationCanceledException ? "The run was cancelled." : "The database said: " + error.Message.TrimEnd('.') + ".");
        text.Append(' ').Append(_context.EngineName).Append(" commits DDL as it runs, so this migration was not rolled back: ");
        if (done.Count == 0)
        {
            text.Append("none of its statements had been applied, so the schema is unchanged. ");
        }
        else
        {
            text.Append(done.Count == 1 ? "statement 1 was already applied and stays applied:" : $"statements 1-{done.Count} were already applied and stay applied:");
            for (var i = 0; i < done.Count; i++)
                text.Append("\n  [").Append(i + 1).Append("] ").Append(done[i]);
            text.Append('\n');
        }
        text.Append($"The version table still says {PipelineContext.HeadsText(expected)}; this attempt is recorded as failed in {logTable}. To recover: ");
        text.Append(done.Count == 0
            ? "fix the migration and run the command again."
            : $"either undo the applied statements by hand (the database is then at {PipelineContext.HeadsText(expected)} again), fix the migration and run the command again; " +
              $"or complete the change by hand so that the schema matches {StampTarget(step, info)} and run `stamp {StampTarget(step, info)}`.");
        return text.ToString();
    }

    private static string Verb(MigrationStep step) => step.Direction == MigrationDirection.Upgrade ? "Upgrade" : "Downgrade";

    private static string StampTarget(MigrationStep step, MigrationInfo info) =>
        step.Direction == MigrationDirection.Upgrade ? info.Revision
        : info.DownRevisions.Count == 0 ? "base" : string.Join(" ", info.DownRevisions);
}
