using System;

namespace Panel.Migrations;

/// <summary>Progress of a SQLite table rebuild ("move and copy"), for a command line or a log to show.</summary>
/// <param name="Table">The table being rebuilt.</param>
/// <param name="Stage">What just happened.</param>
/// <param name="Rows">The rows of the table: to copy (<see cref="BatchStage.Copying"/>), or copied (<see cref="BatchStage.Copied"/>).</param>
/// <param name="Elapsed">Time since the rebuild of this table began.</param>
public sealed record BatchProgress(string Table, BatchStage Stage, long Rows, TimeSpan Elapsed);
