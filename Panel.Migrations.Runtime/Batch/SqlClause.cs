namespace Panel.Migrations.Batch;

/// <summary>One constraint of a column or of the table, kept as its exact source text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Name">The name after <c>CONSTRAINT</c>, or null.</param>
/// <param name="Text">The source text, <c>CONSTRAINT name</c> included.</param>
internal sealed record SqlClause(ClauseKind Kind, string? Name, string Text);
