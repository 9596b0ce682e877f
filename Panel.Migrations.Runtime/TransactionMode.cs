namespace Panel.Migrations;

/// <summary>How a run groups its steps into transactions.</summary>
public enum TransactionMode
{
    /// <summary>Each migration in its own transaction (the default): a failure keeps the steps before it.</summary>
    PerMigration,
    /// <summary>One transaction for the whole run, where DDL is transactional: a failure keeps nothing.</summary>
    WholeRun,
}
