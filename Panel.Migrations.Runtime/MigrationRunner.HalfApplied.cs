using System.Threading;
using System.Threading.Tasks;

namespace Panel.Migrations;

// Where a step stopped part-way outside a transaction (Pipeline/NonTransactionalExecutor journals such steps).
public sealed partial class MigrationRunner
{
    /// <summary>
    /// The step that stopped part-way outside a transaction, if there is one: how many of its statements took effect (the
    /// journal, settled from the catalog), where the catalog disagrees, and the ways out. <c>current</c> and <c>check</c>
    /// show it. The database is not changed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<HalfAppliedStep?> FindHalfAppliedStepAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _context.OpenExistingAsync(cancellationToken).ConfigureAwait(false);
        if (connection is null)
            return null;
        var state = await _planner.ReadStateAsync(connection, null, cancellationToken).ConfigureAwait(false);
        return await _planner.FindHalfAppliedAsync(state, connection, null, cancellationToken).ConfigureAwait(false);
    }
}
