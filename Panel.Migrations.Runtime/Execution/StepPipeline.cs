using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Execution;

/// <summary>
/// PostgreSQL: sends the steps of a run several at a time, in one round trip (a step sent by itself costs one for its
/// statements, one for its version and log rows, one for its COMMIT). Each step keeps its own transaction (<c>BEGIN</c> and
/// <c>COMMIT</c> travel in the batch), or shares the run's under <see cref="TransactionMode.WholeRun"/>. The server runs the
/// batch in order and skips everything after the first statement it refuses: the steps before it stay committed, its
/// step is rolled back, and no later step runs, just as when the runner sends the steps one by one.
/// </summary>
/// <remarks>
/// What the runner would check between round trips the server checks in the batch: a version row that a step updates or
/// deletes must be where the plan says (the statement divides by zero otherwise), and it times each step for the migration
/// log and returns the duration. A step travels here only if each of its statements holds one command and none has a
/// condition to read first; the runner sends the others by themselves, after the steps queued before them.
/// </remarks>
internal sealed class StepPipeline(DatabaseAdapter adapter, VersionTable versions, DbConnection connection, DbTransaction? runTransaction,
                                   Func<MigrationStep, SqlStatement?, DbException, Exception> failure)
{
    /// <summary>The most steps one round trip carries: the progress lines of a run come in groups of this size.</summary>
    public const int MaxSteps = 32;

    /// <summary>When the step's first command ran (the server's clock), set for the rest of its transaction.</summary>
    private const string StepStarted = "panel_migrations.step_started";

    /// <summary>The step's start, in UTC, for the log row.</summary>
    public const string StartedUtcSql = $"(current_setting('{StepStarted}')::timestamptz AT TIME ZONE 'UTC')";

    /// <summary>Now, in UTC, for the log row.</summary>
    public const string NowUtcSql = "(clock_timestamp() AT TIME ZONE 'UTC')";

    /// <summary>Milliseconds since the step's start, for the log row.</summary>
    public const string ElapsedMsSql = $"(EXTRACT(EPOCH FROM clock_timestamp() - current_setting('{StepStarted}')::timestamptz) * 1000)::bigint";

    /// <summary>The name the log row returns its duration under (no statement of a migration returns such a column).</summary>
    public const string DurationColumn = "panel_migrations_step_ms";

    private static readonly SqlStatement Begin = new("BEGIN");
    private static readonly SqlStatement Commit = new("COMMIT");
    private static readonly SqlStatement StartClock = new($"SELECT set_config('{StepStarted}', clock_timestamp()::text, true)");

    private readonly List<Queued> _queued = [];

    /// <summary>How many steps wait to be sent.</summary>
    public int Count => _queued.Count;

    /// <summary>Whether the next round trip is full.</summary>
    public bool IsFull => _queued.Count >= MaxSteps;

    /// <summary>Whether a step whose statements are these can travel with others.</summary>
    public static bool CanCarry(IReadOnlyList<SqlStatement> statements) =>
        statements.All(s => s.OnlyIf is null && StatementBatch.HoldsOneCommand(s));

    /// <summary>Queues a step: its statements, then its version-table change, then its log row (made by <see cref="MigrationLog.RecordTimedByServer"/>).</summary>
    public void Add(MigrationStep step, IReadOnlyList<SqlStatement> statements, IEnumerable<VersionStatement> versions, SqlStatement logRow) =>
        _queued.Add(new Queued(step, statements, versions.ToList(), logRow));

    /// <summary>
    /// Sends the queued steps and adds them to <paramref name="applied"/>, each with the duration the server measured; the
    /// queue is empty afterwards, whatever happened.
    /// </summary>
    /// <exception cref="MigrationException">A statement was refused: the steps before its step stay applied, the rest are not.</exception>
    public async Task SendAsync(List<AppliedStep> applied, CancellationToken cancellationToken)
    {
        var steps = _queued.ToArray();
        _queued.Clear();
        if (steps.Length == 0)
            return;
        await using var batch = connection.CreateBatch();
        batch.Transaction = runTransaction;
        batch.Timeout = 0; // the migration's statements have no limit unless MigrationOptions.CommandTimeout, which sends them one by one
        var sent = new List<Sent>();
        for (var s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            if (runTransaction is null)
                Add(batch, sent, s, Begin);
            Add(batch, sent, s, StartClock);
            foreach (var statement in step.Statements)
                Add(batch, sent, s, statement);
            foreach (var version in step.Versions)
            {
                if (version.ExpectOneRow is null)
                    Add(batch, sent, s, version.Statement);
                else
                    Add(batch, sent, s, version.Statement with { Sql = $"WITH changed AS ({version.Statement.Sql} RETURNING 1) SELECT 1 / (COUNT(*) = 1)::int FROM changed" },
                        version.ExpectOneRow);
            }
            Add(batch, sent, s, step.LogRow);
            if (runTransaction is null)
                Add(batch, sent, s, Commit);
        }

        var durations = new List<long>(steps.Length);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                if (reader.FieldCount == 1 && reader.GetName(0) == DurationColumn && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    durations.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception error) when (error is DbException or OperationCanceledException)
        {
            if (runTransaction is null)
                await RollBackAsync().ConfigureAwait(false);
            if (error is not DbException refusal)
                throw;
            var refused = adapter.RefusedIndex(batch, refusal);
            if (refused < 0)
                throw new MigrationException(
                    $"One of the steps sent together ({steps[0].Step.Revision} to {steps[^1].Step.Revision}) failed and was rolled back; the steps before it stay " +
                    $"applied. The database said: {refusal.Message}. Check 'current', fix the migration and run the command again.", refusal);
            var at = sent[refused];
            throw at.ExpectOneRow is { } expected
                ? versions.NotWhereExpected(expected, "none or several", refusal)
                : failure(steps[at.Step].Step, at.Statement, refusal);
        }
        applied.AddRange(steps.Select((q, i) => new AppliedStep(q.Step.Revision, q.Step.Direction, TimeSpan.FromMilliseconds(durations[i]))));
    }

    private static void Add(DbBatch batch, List<Sent> sent, int step, SqlStatement statement, string? expectOneRow = null)
    {
        Commands.Add(batch, statement);
        sent.Add(new Sent(step, statement, expectOneRow));
    }

    // The refused step's transaction is left open and failed until the session says how it ends (a COMMIT that was
    // refused has ended it already; ROLLBACK then only warns). A broken connection needs nothing: the server rolls back.
    private async Task RollBackAsync()
    {
        try
        {
            await connection.ExecuteAsync(new SqlStatement("ROLLBACK"), null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or InvalidOperationException)
        {
        }
    }

    private sealed record Queued(MigrationStep Step, IReadOnlyList<SqlStatement> Statements, IReadOnlyList<VersionStatement> Versions, SqlStatement LogRow);

    // A command of the batch: its step, the statement an error names, and for a version check what it expected.
    private readonly record struct Sent(int Step, SqlStatement Statement, string? ExpectOneRow);
}
