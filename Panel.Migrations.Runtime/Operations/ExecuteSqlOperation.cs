using System.Collections.Generic;

namespace Panel.Migrations.Operations;

/// <summary>Runs free SQL, with its values bound as parameters.</summary>
/// <param name="Sql">The statement text; parameters are written <c>@name</c>.</param>
/// <param name="Arguments">The values of the parameters.</param>
public sealed record ExecuteSqlOperation(string Sql, IReadOnlyList<SqlArgument> Arguments) : MigrationOperation
{
    /// <inheritdoc />
    public override string? Table => null;
}
