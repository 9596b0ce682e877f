using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations;

// The public face of the history check (Pipeline/HistoryCheck): what check and upgrade report of edited migrations.
public sealed partial class MigrationRunner
{
    private readonly HistoryCheck _history;

    /// <summary>
    /// The applied migrations whose operations differ from what was recorded when they were applied (the migration was
    /// edited afterwards); empty when none did or when the database has no log yet. The database is not changed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<ChangedMigration>> FindChangedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _context.OpenExistingAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null || !await _context.Adapter.TableExistsAsync(connection, _context.History.Name, null, cancellationToken).ConfigureAwait(false))
            return [];
        return (await _history.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false)).Changed.Select(c => c.Changed).ToArray();
    }

    /// <summary>The checksum recorded for <paramref name="revision"/> when it is applied: SHA-256 (hex) of its rendered upgrade operations.</summary>
    /// <param name="revision">A revision of the map.</param>
    public string ChecksumOf(string revision) => _history.Checksum(Map[revision]);

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
}

/// <summary>An applied migration whose operations no longer match the checksum recorded when it was applied.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Message">Its message.</param>
/// <param name="RecordedChecksum">The checksum recorded when it was applied.</param>
/// <param name="CurrentChecksum">The checksum of the code now.</param>
public sealed record ChangedMigration(string Revision, string Message, string RecordedChecksum, string CurrentChecksum);
