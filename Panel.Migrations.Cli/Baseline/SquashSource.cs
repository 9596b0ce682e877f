using System.Collections.Generic;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>What makes a written class a squash: the revision below its range, the range, and its data changes as C# lines of <c>Up</c>.</summary>
internal sealed record SquashSource(string? DownRevision, IReadOnlyList<string> Replaces, string DataUp);
