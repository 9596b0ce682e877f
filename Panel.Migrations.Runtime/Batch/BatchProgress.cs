using System;

namespace Panel.Migrations;

/// <summary>Progress of a SQLite table rebuild ("move and copy"), for a command line or a log to show.</summary>
/// <param name="Table">The table being rebuilt.</param>
/// <param name="Stage">What just happened.</param>
/// <param name="Rows">The rows of the table: to copy (<see cref="BatchStage.Copying"/>), copied so far (<see cref="BatchStage.RowsCopied"/>),
/// or copied (<see cref="BatchStage.Copied"/> and <see cref="BatchStage.Finished"/>).</param>
/// <param name="Elapsed">Time since the rebuild of this table began.</param>
/// <param name="TotalRows">The rows the table had when the copy began; 0 when they were not counted (no one listens to the progress).</param>
public sealed record BatchProgress(string Table, BatchStage Stage, long Rows, TimeSpan Elapsed, long TotalRows = 0)
{
    /// <summary>How much of the copy is done, 0 to 100: 0 when it begins, 100 once every row is copied (and for an empty table).</summary>
    public int Percent => Stage switch
    {
        BatchStage.Copying => 0,
        BatchStage.RowsCopied => TotalRows <= 0 ? 0 : (int)Math.Min(99, Rows * 100 / TotalRows),
        _ => 100,
    };
}
