using System;

namespace Panel.Migrations;

/// <summary>
/// Declares a class as one revision of the migration graph, the way an Alembic revision file does.
/// The source generator reads this attribute at compile time to build the registry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MigrationAttribute : Attribute
{
    /// <summary>Declares revision <paramref name="revision"/>.</summary>
    /// <param name="revision">The revision id: a free string of at most 32 characters without <c>@ - + :</c>, e.g. <c>3f2a9c1d7b10</c> or <c>001</c>.</param>
    public MigrationAttribute(string revision) => Revision = revision;

    /// <summary>The revision id.</summary>
    public string Revision { get; }

    /// <summary>The parent revision; <see langword="null"/> for a base revision.</summary>
    public string? DownRevision { get; set; }

    /// <summary>The parents of a merge revision (takes the place of <see cref="DownRevision"/>).</summary>
    public string[]? DownRevisions { get; set; }

    /// <summary>A one-line description, shown by <c>history</c> and in the log.</summary>
    public string? Message { get; set; }

    /// <summary>Branch labels, usable in targets such as <c>label@head</c>.</summary>
    public string[]? BranchLabels { get; set; }

    /// <summary>Revisions or branch labels this revision depends on without descending from them.</summary>
    public string[]? DependsOn { get; set; }

    /// <summary>
    /// Makes this migration a squash: the revisions it replaces, oldest first, a linear range whose last revision is where
    /// the squash is recorded in the version table (see docs/squash.md). Written by the <c>squash</c> command.
    /// </summary>
    public string[]? Replaces { get; set; }

    /// <summary>
    /// Whether the migration runs inside a transaction (the default). <see cref="MigrationTransaction.None"/> is for
    /// statements a transaction forbids, such as PostgreSQL's <c>CREATE INDEX CONCURRENTLY</c>.
    /// </summary>
    public MigrationTransaction Transaction { get; set; } = MigrationTransaction.Default;
}
