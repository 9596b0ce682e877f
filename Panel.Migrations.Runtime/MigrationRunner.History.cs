using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations;

// History integrity: every applied step is recorded in the migration log with the SHA-256 of its rendered upgrade
// operations (values as literals), the host and the duration. An upgrade refuses to run while an applied migration's
// checksum differs from the code's, unless MigrationOptions.AcceptChangedMigrations records the new checksum.
public sealed partial class MigrationRunner
{
    private MigrationLog History { get; }

    /// <summary>
    /// The applied migrations whose operations differ from what was recorded when they were applied (the migration was
    /// edited afterwards); empty when none did or when the database has no log yet. The database is not changed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<ChangedMigration>> FindChangedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await _adapter.TableExistsAsync(connection, History.Name, null, cancellationToken).ConfigureAwait(false))
            return [];
        return (await ChangedAsync(connection, null, cancellationToken).ConfigureAwait(false)).Select(c => c.Changed).ToArray();
    }

    /// <summary>The checksum recorded for <paramref name="revision"/> when it is applied: SHA-256 (hex) of its rendered upgrade operations.</summary>
    /// <param name="revision">A revision of the map.</param>
    public string ChecksumOf(string revision) => Checksum(Map[revision]);

    private async Task<List<(ChangedMigration Changed, string LogId)>> ChangedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var changed = new List<(ChangedMigration, string)>();
        foreach (var entry in await History.ReadLastDoneAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Direction != MigrationDirection.Upgrade || entry.Checksum is null || !Map.Graph.TryGet(entry.Revision, out _))
                continue;
            // The class is as it was when it was applied: its operations cannot differ, so Up need not run to tell.
            if (Map[entry.Revision].Fingerprint is { } fingerprint && fingerprint == entry.Fingerprint)
                continue;
            var now = Checksum(Map[entry.Revision]);
            if (!string.Equals(now, entry.Checksum, StringComparison.OrdinalIgnoreCase))
                changed.Add((new ChangedMigration(entry.Revision, Map[entry.Revision].Message, entry.Checksum, now), entry.Id));
        }
        return changed;
    }

    // Under the lock, once preflight passed with MigrationOptions.AcceptChangedMigrations: records the code's checksums.
    private async Task AcceptChangedAsync(List<(ChangedMigration Changed, string LogId)> changed, DbConnection connection, DbTransaction transaction,
                                          CancellationToken cancellationToken)
    {
        foreach (var (migration, id) in changed)
        {
            Log($"Accepting the changed migration {migration.Revision}: recording checksum {migration.CurrentChecksum[..12]} (was {migration.RecordedChecksum[..Math.Min(12, migration.RecordedChecksum.Length)]}).");
            await History.AcceptChecksumAsync(connection, transaction, id, new StepIdentity(migration.CurrentChecksum, Map[migration.Revision].Fingerprint), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The message that refuses an upgrade over changed migrations: names each revision and the two ways out.</summary>
    /// <param name="changed">The changed migrations.</param>
    /// <param name="database">What to call the database.</param>
    public static string ChangedMessage(IReadOnlyList<ChangedMigration> changed, string database)
    {
        var text = new StringBuilder();
        text.Append(changed.Count == 1 ? "Migration " : "Migrations ")
            .Append(string.Join(", ", changed.Select(c => c.Message.Length == 0 ? c.Revision : $"{c.Revision} ({c.Message})")))
            .Append(changed.Count == 1 ? " was" : " were").Append(" changed after ").Append(changed.Count == 1 ? "it was" : "they were")
            .Append(" applied to ").Append(database).Append(": ");
        text.Append(string.Join("; ", changed.Select(c => $"{c.Revision} recorded checksum {Short(c.RecordedChecksum)}, the code's is now {Short(c.CurrentChecksum)}")));
        text.Append(". An applied migration is never run again, so the edit does not reach this database; nothing was changed. ");
        text.Append("Fix: restore the migration as it was and put the change in a new migration; or, if this database already has the change, ");
        text.Append("run 'upgrade --accept-changed' (MigrationOptions.AcceptChangedMigrations = true) to record the new checksum.");
        return text.ToString();
    }

    private static string Short(string checksum) => checksum.Length <= 12 ? checksum : checksum[..12];

    // What the log records of a step: an upgrade's checksum and its class's fingerprint; a downgrade records neither.
    private StepIdentity Identity(MigrationStep step, DescribedStep described) =>
        new(described.Checksum, step.Direction == MigrationDirection.Upgrade ? Map[step.Revision].Fingerprint : null);

    private string Checksum(MigrationInfo info) => Checksum(Describe(info, MigrationDirection.Upgrade));

    // A run passes the upgrade operations it has already described, so a step builds its migration once.
    private string Checksum(IReadOnlyList<MigrationOperation> upgradeOperations)
    {
        var text = new StringBuilder();
        foreach (var operation in upgradeOperations)
            AppendStable(text, operation);
        return Convert.ToHexString(Sha256.Hash(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    // The dialect's rendering with values inlined; a SQLite rebuild (rendered only from the live table) or a change the
    // dialect renders only from the live column is written as its parts rendered for PostgreSQL, which renders them all.
    private void AppendStable(StringBuilder text, MigrationOperation operation)
    {
        if (IsRebuild(operation) && operation is BatchAlterTableOperation batch)
        {
            text.Append("-- rebuild ").Append(batch.TableName).Append('\n');
            foreach (var inner in batch.Operations)
                AppendStable(text, inner);
            return;
        }
        IReadOnlyList<SqlStatement> statements;
        try
        {
            statements = _adapter.RendersLive(operation) ? PostgreSqlDialect.Instance.Render(operation) : _adapter.Dialect.Render(operation);
        }
        catch (Exception error) when (error is MigrationException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            text.Append("-- ").Append(operation.GetType().Name).Append(' ').Append(operation.Table).Append('\n');
            return;
        }
        foreach (var statement in statements)
        {
            if (statement.OnlyIf is { } condition)
                text.Append("-- only if ").Append(Inline(condition)).Append('\n');
            text.Append(Inline(statement)).Append(";\n");
        }
    }
}

/// <summary>An applied migration whose operations no longer match the checksum recorded when it was applied.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Message">Its message.</param>
/// <param name="RecordedChecksum">The checksum recorded when it was applied.</param>
/// <param name="CurrentChecksum">The checksum of the code now.</param>
public sealed record ChangedMigration(string Revision, string Message, string RecordedChecksum, string CurrentChecksum);
