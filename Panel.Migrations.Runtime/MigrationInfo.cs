using System;
using System.Collections.Generic;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>
/// One revision of a registry: what its <see cref="MigrationAttribute"/> declares, and how to create the
/// migration. The generator emits one per migration class; it can also be written by hand.
/// </summary>
public sealed class MigrationInfo
{
    /// <summary>Describes a revision.</summary>
    /// <param name="revision">The revision id.</param>
    /// <param name="downRevisions">The parents: none for a base, several for a merge.</param>
    /// <param name="message">The one-line description.</param>
    /// <param name="factory">Creates the migration; a plain constructor call, so no reflection is needed.</param>
    /// <param name="branchLabels">Branch labels.</param>
    /// <param name="dependsOn">Revisions or labels this one depends on.</param>
    /// <param name="typeName">The migration class, for display.</param>
    /// <param name="transaction">Whether the migration runs in a transaction (<see cref="MigrationAttribute.Transaction"/>).</param>
    public MigrationInfo(string revision, IReadOnlyList<string>? downRevisions, string? message, Func<Migration> factory,
                         IReadOnlyList<string>? branchLabels = null, IReadOnlyList<string>? dependsOn = null, string? typeName = null,
                         MigrationTransaction transaction = MigrationTransaction.Default)
    {
        Transaction = transaction;
        Node = new RevisionNode(revision, downRevisions, branchLabels, dependsOn);
        Message = message ?? "";
        Factory = factory ?? throw new ArgumentNullException(nameof(factory));
        TypeName = typeName;
    }

    /// <summary>The revision as the graph sees it.</summary>
    public RevisionNode Node { get; }

    /// <summary>The revision id.</summary>
    public string Revision => Node.Id;

    /// <summary>The parents.</summary>
    public IReadOnlyList<string> DownRevisions => Node.DownRevisions;

    /// <summary>The one-line description ("" when none).</summary>
    public string Message { get; }

    /// <summary>Creates the migration.</summary>
    public Func<Migration> Factory { get; }

    /// <summary>Whether the migration runs in a transaction; <see cref="MigrationTransaction.None"/> is for PostgreSQL's concurrent index builds.</summary>
    public MigrationTransaction Transaction { get; }

    /// <summary>The migration class, for display; null when the revision was described by hand.</summary>
    public string? TypeName { get; }

    /// <inheritdoc />
    public override string ToString() => Message.Length == 0 ? Revision : $"{Revision}, {Message}";
}
