using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>One problem found in a revision graph: an error that stops the build, or a warning.</summary>
public sealed class GraphProblem
{
    /// <summary>Creates a problem.</summary>
    public GraphProblem(GraphProblemKind kind, IReadOnlyList<string> revisions, string message)
    {
        Kind = kind;
        Revisions = revisions;
        Message = message;
    }

    /// <summary>What kind of problem this is.</summary>
    public GraphProblemKind Kind { get; }

    /// <summary>True for errors; false for the warnings <see cref="GraphProblemKind.MultipleHeads"/> and <see cref="GraphProblemKind.MultipleBases"/>.</summary>
    public bool IsError => Kind != GraphProblemKind.MultipleHeads && Kind != GraphProblemKind.MultipleBases;

    /// <summary>The revisions the problem concerns; the first is where to report it.</summary>
    public IReadOnlyList<string> Revisions { get; }

    /// <summary>What is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => (IsError ? "error: " : "warning: ") + Message;
}
