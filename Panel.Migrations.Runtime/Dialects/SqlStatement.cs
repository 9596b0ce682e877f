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

    /// <inheritdoc />
    public override string ToString() => Sql;
}
