using System.Collections.Generic;

namespace Panel.Migrations;

/// <summary>A table-level constraint; <see cref="Name"/> may be null where the database names it.</summary>
/// <param name="Name">The constraint name; give one so that a later migration can drop it.</param>
public abstract record TableConstraint(string? Name)
{
    /// <summary>The kind of constraint.</summary>
    public abstract ConstraintKind Kind { get; }
}

/// <summary>A primary key over one or more columns.</summary>
/// <param name="Name">The constraint name, or null.</param>
/// <param name="Columns">The key columns, in order.</param>
public sealed record PrimaryKeyConstraint(string? Name, IReadOnlyList<string> Columns) : TableConstraint(Name)
{
    /// <inheritdoc />
    public override ConstraintKind Kind => ConstraintKind.PrimaryKey;
}

/// <summary>A unique constraint over one or more columns.</summary>
/// <param name="Name">The constraint name, or null.</param>
/// <param name="Columns">The columns that are unique together.</param>
public sealed record UniqueConstraint(string? Name, IReadOnlyList<string> Columns) : TableConstraint(Name)
{
    /// <inheritdoc />
    public override ConstraintKind Kind => ConstraintKind.Unique;
}

/// <summary>A check constraint.</summary>
/// <param name="Name">The constraint name, or null.</param>
/// <param name="Condition">The SQL condition, rendered verbatim.</param>
public sealed record CheckConstraint(string? Name, string Condition) : TableConstraint(Name)
{
    /// <inheritdoc />
    public override ConstraintKind Kind => ConstraintKind.Check;
}

/// <summary>A foreign key.</summary>
/// <param name="Name">The constraint name, or null.</param>
/// <param name="Columns">The referring columns.</param>
/// <param name="ReferencedTable">The referenced table.</param>
/// <param name="ReferencedColumns">The referenced columns, in the order of <paramref name="Columns"/>.</param>
/// <param name="OnDelete">What happens when the referenced row is deleted.</param>
/// <param name="OnUpdate">What happens when the referenced key changes.</param>
public sealed record ForeignKeyConstraint(
    string? Name,
    IReadOnlyList<string> Columns,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    ReferentialAction OnDelete = ReferentialAction.NoAction,
    ReferentialAction OnUpdate = ReferentialAction.NoAction) : TableConstraint(Name)
{
    /// <inheritdoc />
    public override ConstraintKind Kind => ConstraintKind.ForeignKey;
}
