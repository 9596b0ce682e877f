namespace Panel.Migrations;

/// <summary>Something preflight found about a plan: a refusal, or a warning the run goes ahead with.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Message">One sentence naming the problem and, for a refusal, the fix.</param>
/// <param name="Blocks">True when the run is refused because of it (nothing is written).</param>
public sealed record PlanFinding(PlanFindingKind Kind, string Message, bool Blocks);

/// <summary>What a <see cref="PlanFinding"/> is about.</summary>
public enum PlanFindingKind
{
    /// <summary>The target cannot be resolved from the current heads.</summary>
    UnknownTarget,

    /// <summary>The database is at a revision this build does not know (it is newer than the code, or another app's).</summary>
    DatabaseNewerThanCode,

    /// <summary>The version table's rows overlap (a revision and one of its ancestors are both recorded).</summary>
    OverlappingVersionRows,

    /// <summary>The database has no version rows but already has tables that the base revision creates.</summary>
    UnversionedSchema,

    /// <summary>Applied migrations were edited since they were applied (their checksums differ).</summary>
    ChangedMigrations,

    /// <summary>Steps whose DDL commits as it runs (MySQL/MariaDB, or <see cref="MigrationTransaction.None"/>).</summary>
    NonTransactionalDdl,

    /// <summary>The requested transaction mode cannot be honoured for this plan.</summary>
    TransactionModeRefused,

    /// <summary>The database is inside a squashed range whose replaced migrations are no longer in the build.</summary>
    SquashedRevision,

    /// <summary>
    /// A step that runs outside a transaction stopped part-way (<see cref="HalfAppliedStep"/>): refused until it is resumed
    /// (<see cref="MigrationOptions.Resume"/>) or closed by hand; a warning when the run resumes it or starts it over.
    /// </summary>
    HalfAppliedStep,
}
