namespace Panel.Migrations;

/// <summary>How a migration is wrapped in a transaction; see <see cref="MigrationAttribute.Transaction"/>.</summary>
public enum MigrationTransaction
{
    /// <summary>The migration and its version-table update run in one transaction.</summary>
    Default = 0,

    /// <summary>
    /// The migration runs without a transaction, e.g. for PostgreSQL's <c>CREATE INDEX CONCURRENTLY</c>. Keep such a
    /// migration to one idempotent operation: a failure half-way cannot be rolled back.
    /// </summary>
    None = 1,
}
