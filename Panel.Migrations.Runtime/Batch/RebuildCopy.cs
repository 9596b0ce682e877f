using System;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Batch;

/// <summary>
/// Copies the rows of a rebuilt table into the new one inside the rebuild's transaction: one INSERT ... SELECT, or, when
/// someone listens to the progress and the table is large, one per rowid range, reporting the rows copied after each.
/// The ranges split the rowids between the lowest and the highest into at most <see cref="MaximumChunks"/> equal spans,
/// so sparse rowids make uneven chunks but never more statements; the rows still go in rowid order, as one statement copies them.
/// </summary>
internal static class RebuildCopy
{
    /// <summary>A table of fewer than twice this many rows is copied in one statement, progress or not.</summary>
    public const long MinimumChunkRows = 50_000;

    /// <summary>The most statements a copy is split into, so about one report per percent.</summary>
    public const long MaximumChunks = 100;

    public static long Run(SqliteConnection connection, SqliteTransaction transaction, string copySql, LiveTable live, Stopwatch clock, Action<BatchProgress>? progress)
    {
        var table = live.Name;
        if (progress is null)
            return SqliteTableRebuilder.Execute(connection, transaction, copySql, table);

        // Counted only for a progress report: on a large table the count reads a whole index.
        var total = SqliteTableRebuilder.Scalar(connection, transaction, $"SELECT COUNT(*) FROM {SqliteTableRebuilder.Quote(table)}");
        progress(new BatchProgress(table, BatchStage.Copying, total, clock.Elapsed, total));
        var rowid = RowidName(live);
        long copied = 0;
        if (total < 2 * MinimumChunkRows || rowid is null)
        {
            copied = SqliteTableRebuilder.Execute(connection, transaction, copySql, table);
        }
        else
        {
            var (lowest, highest) = Bounds(connection, transaction, table, rowid);
            var chunks = Math.Min(MaximumChunks, total / MinimumChunkRows);
            var width = ((Int128)highest - lowest + chunks) / chunks;
            var ranged = $"{copySql} WHERE {rowid} BETWEEN @from AND @to";
            for (Int128 from = lowest; from <= highest; from += width)
            {
                var to = (long)Int128.Min(from + width - 1, highest);
                copied += SqliteTableRebuilder.Execute(connection, transaction, ranged, table, bind: command =>
                {
                    command.Parameters.AddWithValue("@from", (long)from);
                    command.Parameters.AddWithValue("@to", to);
                });
                if (to < highest)
                    progress(new BatchProgress(table, BatchStage.RowsCopied, copied, clock.Elapsed, total));
            }

            // The ranges must cover every row; a miss would lose rows without an error, so it is one.
            if (copied != total)
                throw new MigrationException($"Batch on table '{table}': the chunked copy moved {copied} of {total} rows. The table was not changed.");
        }

        progress(new BatchProgress(table, BatchStage.Copied, copied, clock.Elapsed, total));
        return copied;
    }

    // The name that reaches the rowid in this table: a column may take "rowid", "_rowid_" or "oid" for itself. None for WITHOUT ROWID.
    private static string? RowidName(LiveTable live)
    {
        if (live.WithoutRowid)
            return null;
        foreach (var name in (string[])["rowid", "_rowid_", "oid"])
        {
            if (!live.Definition.Columns.Exists(c => LiveTable.Same(c.Name, name)))
                return name;
        }
        return null;
    }

    private static (long Lowest, long Highest) Bounds(SqliteConnection connection, SqliteTransaction transaction, string table, string rowid)
    {
        using var command = LiveTable.Command(connection, transaction, $"SELECT MIN({rowid}), MAX({rowid}) FROM {SqliteTableRebuilder.Quote(table)}");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
