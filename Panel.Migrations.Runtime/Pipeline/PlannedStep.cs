using System.Collections.Generic;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>One step of a <see cref="MigrationPlan"/>: one revision's <c>Up</c> or <c>Down</c>, rendered for the database.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Message">The migration's message.</param>
/// <param name="Direction">Upgrade or downgrade.</param>
/// <param name="DownRevisions">The revision's parents (empty for a base revision).</param>
/// <param name="Transaction">How the step's statements are made atomic.</param>
/// <param name="Statements">
/// The SQL in the order it runs, values as <c>@name</c> placeholders (they travel as parameters). What can only be rendered
/// from the live schema (a SQLite table rebuild, a MySQL column change) is a <c>--</c> comment saying what will happen.
/// </param>
/// <param name="RebuiltTables">The SQLite tables this step rebuilds (batch "move and copy"); empty elsewhere.</param>
/// <param name="AlteredInPlaceTables">The SQLite tables whose batch is altered in place (constraint changes on SQLite 3.53+).</param>
/// <param name="HeadsAfter">The version rows after this step.</param>
public sealed record PlannedStep(
    string Revision,
    string Message,
    MigrationDirection Direction,
    IReadOnlyList<string> DownRevisions,
    StepTransaction Transaction,
    IReadOnlyList<string> Statements,
    IReadOnlyList<string> RebuiltTables,
    IReadOnlyList<string> AlteredInPlaceTables,
    IReadOnlyList<string> HeadsAfter);

/// <summary>How a planned step's statements are made atomic.</summary>
public enum StepTransaction
{
    /// <summary>In a transaction of its own (or of the whole run): a failure rolls the step back.</summary>
    Transactional,

    /// <summary>Without a transaction (<see cref="MigrationTransaction.None"/>): statements commit as they run, journaled one by one.</summary>
    None,

    /// <summary>The database commits DDL as it runs (MySQL, MariaDB): statements are journaled one by one.</summary>
    NonTransactionalDdl,
}
