using System.Collections.Generic;

namespace Panel.Migrations.Batch;

/// <summary>A <c>CREATE TABLE</c> statement taken apart: columns, table constraints and table options.</summary>
/// <param name="Columns">The columns in order.</param>
/// <param name="Constraints">Table-level constraints in order.</param>
/// <param name="Options">What follows the closing parenthesis (<c>WITHOUT ROWID</c>, <c>STRICT</c>), verbatim.</param>
internal sealed record ParsedTable(List<ColumnSpec> Columns, List<SqlClause> Constraints, string Options);
