using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Batch;

/// <summary>A column of <c>CREATE TABLE</c>: its name, declared type and clauses as written.</summary>
internal sealed class ColumnSpec
{
    public ColumnSpec(string name, string type, List<SqlClause> clauses, string? source)
    {
        Name = name;
        Type = type;
        Clauses = clauses;
        Source = source;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The declared type as written (may be empty).</summary>
    public string Type { get; set; }

    /// <summary>The clauses in their order.</summary>
    public List<SqlClause> Clauses { get; }

    /// <summary>The definition exactly as the table had it; null once changed, so it is rendered from the parts.</summary>
    public string? Source { get; set; }

    public bool Has(ClauseKind kind) => Clauses.Any(c => c.Kind == kind);

    /// <summary>Whether rows are computed, not stored: such a column is never copied.</summary>
    public bool IsGenerated => Has(ClauseKind.Generated);
}
