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
    /// <param name="fingerprint">The generator's fingerprint of the class's source, or null (see <see cref="Fingerprint"/>).</param>
    /// <param name="replaces">For a squash, the revisions it replaces, oldest first (<see cref="MigrationAttribute.Replaces"/>).</param>
    public MigrationInfo(string revision, IReadOnlyList<string>? downRevisions, string? message, Func<Migration> factory,
                         IReadOnlyList<string>? branchLabels = null, IReadOnlyList<string>? dependsOn = null, string? typeName = null,
                         MigrationTransaction transaction = MigrationTransaction.Default, string? fingerprint = null,
                         IReadOnlyList<string>? replaces = null)
    {
        Fingerprint = string.IsNullOrEmpty(fingerprint) ? null : fingerprint;
        Transaction = transaction;
        Node = new RevisionNode(revision, downRevisions, branchLabels, dependsOn, replaces);
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

    /// <summary>For a squash, the revisions it replaces, oldest first; empty otherwise.</summary>
    public IReadOnlyList<string> Replaces => Node.Replaces;

    /// <summary>The one-line description ("" when none).</summary>
    public string Message { get; }

    /// <summary>Creates the migration.</summary>
    public Func<Migration> Factory { get; }

    /// <summary>Whether the migration runs in a transaction; <see cref="MigrationTransaction.None"/> is for PostgreSQL's concurrent index builds.</summary>
    public MigrationTransaction Transaction { get; }

    /// <summary>
    /// A hash of the migration class's source as the generator saw it, recorded in the migration log when the migration is
    /// applied: while it is unchanged the class cannot have changed, so the history check skips running its <c>Up</c> to
    /// checksum it. Null (always checksummed) when the class reaches code declared outside itself in the project (a
    /// helper, a constant, a base class), which can change without changing the class, or for a map written by hand.
    /// </summary>
    public string? Fingerprint { get; }

    /// <summary>The migration class, for display; null when the revision was described by hand.</summary>
    public string? TypeName { get; }

    /// <inheritdoc />
    public override string ToString() => Message.Length == 0 ? Revision : $"{Revision}, {Message}";
}
