using System.Collections.Generic;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>What makes a written class a squash: the revision below its range, the range, and its data changes (seed rows, raw DML), in order.</summary>
internal sealed record SquashSource(string? DownRevision, IReadOnlyList<string> Replaces, IReadOnlyList<MigrationOperation> Data);
