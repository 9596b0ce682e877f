using System;
using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>
/// How one step changes the rows of <c>alembic_version</c>. Apply it in this order: DELETE each of
/// <see cref="Delete"/>, then UPDATE <see cref="UpdateFrom"/> to <see cref="UpdateTo"/> if set, then INSERT each of
/// <see cref="Insert"/>.
/// </summary>
public sealed class VersionChange
{
    /// <summary>Creates a change.</summary>
    public VersionChange(VersionChangeKind kind, IReadOnlyList<string>? delete = null, string? updateFrom = null, string? updateTo = null, IReadOnlyList<string>? insert = null)
    {
        Kind = kind;
        Delete = delete ?? Array.Empty<string>();
        UpdateFrom = updateFrom;
        UpdateTo = updateTo;
        Insert = insert ?? Array.Empty<string>();
    }

    /// <summary>Rows to delete first.</summary>
    public IReadOnlyList<string> Delete { get; }

    /// <summary>The row to update, or null.</summary>
    public string? UpdateFrom { get; }

    /// <summary>The new value of the updated row, or null.</summary>
    public string? UpdateTo { get; }

    /// <summary>Rows to insert last.</summary>
    public IReadOnlyList<string> Insert { get; }

    /// <summary>Which rule produced the change.</summary>
    public VersionChangeKind Kind { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var row in Delete)
        {
            parts.Add("DELETE " + row);
        }

        if (UpdateFrom is not null)
        {
            parts.Add("UPDATE " + UpdateFrom + "->" + UpdateTo);
        }

        foreach (var row in Insert)
        {
            parts.Add("INSERT " + row);
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
