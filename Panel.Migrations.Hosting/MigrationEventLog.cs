using Microsoft.Extensions.Logging;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Hosting;

/// <summary>The pipeline's events as log lines, each when it happens: a step started, a step committed, the backup taken.</summary>
internal sealed class MigrationEventLog(ILogger logger)
{
    public void Write(MigrationEvent migrationEvent)
    {
        switch (migrationEvent)
        {
            case RunStarting starting:
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
            case StepCommitted committed:
                MigrationLog.Applied(logger, Name(committed.Step.Direction), committed.Step.Revision, committed.Step.Elapsed.TotalMilliseconds);
                break;
        }
    }

    private static string Name(MigrationDirection direction) => direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";
}
