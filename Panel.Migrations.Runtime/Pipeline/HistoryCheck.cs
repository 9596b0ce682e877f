using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// History integrity: every applied step is recorded in the migration log with the SHA-256 of its rendered upgrade
/// operations (values as literals) and its class's fingerprint. Before an upgrade, an applied migration whose checksum
/// differs from the code's is an edit; one whose fingerprint is unchanged is not described again to tell. A checksum made by
/// an earlier version of the rule (<see cref="ChecksumVersion"/>) is accepted when it matches that version's text, and
/// recorded again in this version's by the next run that writes.
/// </summary>
internal sealed class HistoryCheck(PipelineContext context)
{
    private MigrationMap Map => context.Map;

    /// <summary>
    /// The version of the checksum rule this build writes (the log's <c>checksum_version</c>; a row without one was made
    /// by version 1). 1: a part its dialect cannot render alone was written as its operation's type and table only, so an
    /// edit inside it went unnoticed. 2: such a part is written with <see cref="OperationDescription"/>, every detail.
    /// </summary>
    public const int ChecksumVersion = 2;

    /// <summary>
    /// Reads the log's last rows: the applied migrations edited since (with the log row to update if accepted), and those
    /// whose checksum an earlier checksum version made and still matches, to record again in this version's.
    /// </summary>
    public async Task<HistoryReading> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        Compare(await context.History.ReadLastDoneAsync(connection, transaction, cancellationToken).ConfigureAwait(false));

    /// <summary>Compares the log's last rows (<see cref="MigrationLog.ReadLastDoneAsync"/>) with the code, as <see cref="ReadAsync"/> does.</summary>
    public HistoryReading Compare(IReadOnlyList<LogEntry> lastDone)
    {
        var reading = new HistoryReading();
        foreach (var entry in lastDone)
        {
            // Compared with the class of that id: a squash logs its own id, the migrations it replaced theirs (skipped once deleted).
            if (entry.Direction != MigrationDirection.Upgrade || entry.Checksum is null || !Map.Declared.TryGetValue(entry.Revision, out var info))
                continue;
            // The class is as it was when it was applied: its operations cannot differ, so Up need not run to tell.
            var sameClass = info.Fingerprint is { } fingerprint && fingerprint == entry.Fingerprint;
            if (sameClass && entry.ChecksumVersion == ChecksumVersion)
                continue;
            var operations = context.Describe(info, MigrationDirection.Upgrade);
            var now = Checksum(operations);
            if (Same(now, entry.Checksum) && entry.ChecksumVersion == ChecksumVersion)
                continue;
            // An older version's checksum: the class unchanged, or the old rule's text unchanged (all it can tell), is no edit.
            if (entry.ChecksumVersion < ChecksumVersion && (sameClass || Same(now, entry.Checksum) || Same(Checksum(operations, entry.ChecksumVersion), entry.Checksum)))
                reading.Outdated.Add(new OutdatedChecksum(entry.Id, new StepIdentity(now, info.Fingerprint)));
            else
                reading.Changed.Add(new EditedMigration(new ChangedMigration(entry.Revision, info.Message, entry.Checksum, now), entry.Id));
        }
        return reading;
    }

    private static bool Same(string checksum, string recorded) => string.Equals(checksum, recorded, StringComparison.OrdinalIgnoreCase);

    // Under the lock, once preflight passed: records this version's checksum where an older one matched, and with
    // MigrationOptions.AcceptChangedMigrations the code's checksums of the edited migrations.
    public async Task RecordAsync(HistoryReading reading, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (id, identity) in reading.Outdated)
            await context.History.AcceptChecksumAsync(connection, transaction, id, identity, cancellationToken).ConfigureAwait(false);
        foreach (var (migration, id) in reading.Changed)
        {
            context.Log($"Accepting the changed migration {migration.Revision}: recording checksum {migration.CurrentChecksum[..12]} (was {migration.RecordedChecksum[..Math.Min(12, migration.RecordedChecksum.Length)]}).");
            await context.History.AcceptChecksumAsync(connection, transaction, id, new StepIdentity(migration.CurrentChecksum, Map[migration.Revision].Fingerprint), cancellationToken).ConfigureAwait(false);
        }
    }

    // What the log records of a step: an upgrade's checksum and its class's fingerprint; a downgrade records neither.
    public StepIdentity Identity(MigrationStep step, DescribedStep described) =>
        new(described.Checksum, step.Direction == MigrationDirection.Upgrade ? Map[step.Revision].Fingerprint : null);

    public string Checksum(MigrationInfo info) => Checksum(context.Describe(info, MigrationDirection.Upgrade));

    // A run passes the upgrade operations it has already described, so a step builds its migration once. An older
    // version's rule is computed only to recognise the checksums it stored.
    public string Checksum(IReadOnlyList<MigrationOperation> upgradeOperations, int version = ChecksumVersion)
    {
        var text = new StringBuilder();
        foreach (var operation in upgradeOperations)
            AppendStable(text, operation, version);
        return Sha256.HexOf(text.ToString());
    }

    // The dialect's rendering with values inlined; a SQLite rebuild (rendered only from the live table) or a change the
    // dialect renders only from the live column is written as its parts rendered for PostgreSQL, which renders them all;
    // a part the dialect cannot render alone is written out in full (version 1: its type and table only).
    private void AppendStable(StringBuilder text, MigrationOperation operation, int version)
    {
        if (context.IsRebuild(operation) && operation is BatchAlterTableOperation batch)
        {
            text.Append("-- rebuild ").Append(batch.TableName).Append('\n');
            foreach (var inner in batch.Operations)
                AppendStable(text, inner, version);
            return;
        }
        IReadOnlyList<SqlStatement> statements;
        try
        {
            statements = context.Adapter.RendersLive(operation) ? PostgreSqlDialect.Instance.Render(operation) : context.Adapter.Dialect.Render(operation);
        }
        catch (Exception error) when (error is MigrationException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            text.Append("-- ").Append(operation.GetType().Name).Append(' ').Append(operation.Table);
            if (version >= 2)
                text.Append(": ").Append(OperationDescription.Of(operation));
            text.Append('\n');
            return;
        }
        foreach (var statement in statements)
        {
            if (statement.OnlyIf is { } condition)
                text.Append("-- only if ").Append(context.Inline(condition)).Append('\n');
            text.Append(context.Inline(statement)).Append(";\n");
        }
    }
}

/// <summary>What the history check read from the log: edited migrations, and checksums of an older version still matching.</summary>
internal sealed class HistoryReading
{
    /// <summary>Applied migrations whose checksum differs from the code's, with the log row that recorded it.</summary>
    public List<EditedMigration> Changed { get; } = [];

    /// <summary>Log rows whose checksum an older version made and the code still matches, with what to record instead.</summary>
    public List<OutdatedChecksum> Outdated { get; } = [];
}

// Records, not tuples: lists of a reference type share the framework's precompiled code (a deploy's run JITs less).

/// <summary>An applied migration edited since, and the log row that recorded it.</summary>
internal sealed record EditedMigration(ChangedMigration Changed, string LogId);

/// <summary>A log row whose checksum an older version of the rule made, and what to record instead.</summary>
internal sealed record OutdatedChecksum(string LogId, StepIdentity Identity);
