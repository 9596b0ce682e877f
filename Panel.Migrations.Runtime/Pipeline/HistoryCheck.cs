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
using Panel.Migrations.Pipeline;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// History integrity: every applied step is recorded in the migration log with the SHA-256 of its rendered upgrade
/// operations (values as literals) and its class's fingerprint. Before an upgrade, an applied migration whose checksum
/// differs from the code's is an edit; one whose fingerprint is unchanged is not described again to tell.
/// </summary>
internal sealed class HistoryCheck(PipelineContext context)
{
    private MigrationMap Map => context.Map;

    public async Task<List<(ChangedMigration Changed, string LogId)>> ChangedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var changed = new List<(ChangedMigration, string)>();
        foreach (var entry in await context.History.ReadLastDoneAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            // Compared with the class of that id: a squash logs its own id, the migrations it replaced theirs (skipped once deleted).
            if (entry.Direction != MigrationDirection.Upgrade || entry.Checksum is null || !Map.Declared.TryGetValue(entry.Revision, out var info))
                continue;
            // The class is as it was when it was applied: its operations cannot differ, so Up need not run to tell.
            if (info.Fingerprint is { } fingerprint && fingerprint == entry.Fingerprint)
                continue;
            var now = Checksum(info);
            if (!string.Equals(now, entry.Checksum, StringComparison.OrdinalIgnoreCase))
                changed.Add((new ChangedMigration(entry.Revision, info.Message, entry.Checksum, now), entry.Id));
        }
        return changed;
    }

    // Under the lock, once preflight passed with MigrationOptions.AcceptChangedMigrations: records the code's checksums.
    public async Task AcceptChangedAsync(List<(ChangedMigration Changed, string LogId)> changed, DbConnection connection, DbTransaction transaction,
                                          CancellationToken cancellationToken)
    {
        foreach (var (migration, id) in changed)
        {
            context.Log($"Accepting the changed migration {migration.Revision}: recording checksum {migration.CurrentChecksum[..12]} (was {migration.RecordedChecksum[..Math.Min(12, migration.RecordedChecksum.Length)]}).");
            await context.History.AcceptChecksumAsync(connection, transaction, id, new StepIdentity(migration.CurrentChecksum, Map[migration.Revision].Fingerprint), cancellationToken).ConfigureAwait(false);
        }
    }

    // What the log records of a step: an upgrade's checksum and its class's fingerprint; a downgrade records neither.
    public StepIdentity Identity(MigrationStep step, DescribedStep described) =>
        new(described.Checksum, step.Direction == MigrationDirection.Upgrade ? Map[step.Revision].Fingerprint : null);

    public string Checksum(MigrationInfo info) => Checksum(context.Describe(info, MigrationDirection.Upgrade));

    // A run passes the upgrade operations it has already described, so a step builds its migration once.
    public string Checksum(IReadOnlyList<MigrationOperation> upgradeOperations)
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
        if (context.IsRebuild(operation) && operation is BatchAlterTableOperation batch)
        {
            text.Append("-- rebuild ").Append(batch.TableName).Append('\n');
            foreach (var inner in batch.Operations)
                AppendStable(text, inner);
            return;
        }
        IReadOnlyList<SqlStatement> statements;
        try
        {
            statements = context.Adapter.RendersLive(operation) ? PostgreSqlDialect.Instance.Render(operation) : context.Adapter.Dialect.Render(operation);
        }
        catch (Exception error) when (error is MigrationException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            text.Append("-- ").Append(operation.GetType().Name).Append(' ').Append(operation.Table).Append('\n');
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
