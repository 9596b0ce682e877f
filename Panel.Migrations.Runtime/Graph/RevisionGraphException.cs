using System;
using System.Collections.Generic;

namespace Panel.Migrations.Graph;

/// <summary>
/// A revision graph that cannot be built, a target that cannot be resolved, or a plan that cannot be made.
/// The message says what is wrong and how to fix it.
/// </summary>
public sealed class RevisionGraphException : Exception
{
    /// <summary>Creates an error about a target or a plan.</summary>
    public RevisionGraphException(string message)
        : this(message, Array.Empty<GraphProblem>())
    {
    }

    /// <summary>Creates an error about the graph itself, listing its problems.</summary>
    public RevisionGraphException(string message, IReadOnlyList<GraphProblem> problems)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>The graph errors that stopped the build; empty for target and plan errors.</summary>
    public IReadOnlyList<GraphProblem> Problems { get; }
}
