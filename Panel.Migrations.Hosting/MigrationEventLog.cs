using Microsoft.Extensions.Logging;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations.Hosting;

/// <summary>
/// The pipeline's events as log lines, each when it happens: the run starting (from where), a step started, a table
/// rebuild's copy (rows and percentage), a step committed, the backup taken. The run's own start event carries the heads
/// it began at, so saying them costs no query of its own.
/// </summary>
internal sealed class MigrationEventLog(ILogger logger, string database, string target)
{
    private int _shownTenth;

    public void Write(MigrationEvent migrationEvent)
    {
        switch (migrationEvent)
        {
            case RunStarting starting:
                MigrationLog.Upgrading(logger, database, target, PipelineContext.HeadsText(starting.HeadsBefore));
                foreach (var warning in starting.Warnings)
                    MigrationLog.Warning(logger, warning.Message);
                break;
            case BackupTaken backup:
                MigrationLog.BackedUp(logger, backup.Path, backup.Bytes, backup.Elapsed.TotalMilliseconds);
                break;
            case BackupsPruned pruned:
                MigrationLog.Pruned(logger, pruned.Deleted.Count, pruned.Location);
                break;
            case StepStarted started:
                MigrationLog.Applying(logger, Name(started.Direction), started.Revision, started.Message);
                break;
            // The start, each tenth and the end of the copy: a long rebuild shows it moves, without a line per chunk.
            case TableRebuildProgress { Progress: { Stage: BatchStage.Copying or BatchStage.RowsCopied or BatchStage.Copied } progress }
                when progress.Stage != BatchStage.RowsCopied || progress.Percent / 10 > _shownTenth:
                _shownTenth = progress.Stage == BatchStage.Copying ? 0 : progress.Percent / 10;
                MigrationLog.Copying(logger, progress.Table, progress.Stage == BatchStage.Copying ? 0 : progress.Rows, progress.TotalRows, progress.Percent);
                break;
            case StepCommitted committed:
                MigrationLog.Applied(logger, Name(committed.Step.Direction), committed.Step.Revision, committed.Step.Elapsed.TotalMilliseconds);
                break;
        }
    }

    private static string Name(MigrationDirection direction) => direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";
}
