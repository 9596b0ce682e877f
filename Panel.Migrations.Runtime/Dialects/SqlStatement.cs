using System.Collections.Generic;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Dialects;

/// <summary>One statement as a dialect renders it: the text, with its values as parameters.</summary>
/// <param name="Sql">The statement text; parameters are written <c>@name</c>.</param>
/// <param name="Arguments">The parameter values.</param>
public sealed record SqlStatement(string Sql, IReadOnlyList<SqlArgument> Arguments)
{
    /// <summary>A statement without parameters.</summary>
    public SqlStatement(string sql) : this(sql, [])
    {
    }

    /// <summary>
    /// A scalar query that decides whether the statement runs (non-zero: run it), for statements that depend on the
    /// live database, such as adding a column only where it is missing. Null: always run.
    /// </summary>
    public SqlStatement? OnlyIf { get; init; }

    /// <inheritdoc />
    public override string ToString() => Sql;
}
