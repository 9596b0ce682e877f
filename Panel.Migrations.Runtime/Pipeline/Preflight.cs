using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Pipeline;

/// <summary>The findings of one preflight and the walk they concern.</summary>
internal sealed class Preflight(MigrationDirection direction, string target, IReadOnlyList<string> heads)
{
    private readonly List<PlanFinding> _findings = [];
    private Exception? _targetError;

    public RevisionWalk? Walk { get; set; }

    // What the history check read: edited migrations, and older checksums to record again.
    public HistoryReading History { get; set; } = new();

    public List<EditedMigration> Changed => History.Changed;

    // The half-applied step this run resumes (MigrationOptions.Resume), if any.
    public HalfAppliedStep? Resume { get; set; }

    // The operations of the base revisions preflight described to check for an unversioned schema.
    public Dictionary<string, IReadOnlyList<MigrationOperation>> Described { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Heads => heads;

    public IEnumerable<PlanFinding> Warnings => _findings.Where(f => !f.Blocks);

    public bool IsRefused => _findings.Any(f => f.Blocks);

    public void Refuse(PlanFindingKind kind, string message, Exception? targetError = null)
    {
        _findings.Add(new PlanFinding(kind, message, Blocks: true));
        _targetError ??= targetError;
    }

    public void Warn(PlanFindingKind kind, string message) => _findings.Add(new PlanFinding(kind, message, Blocks: false));

    public MigrationPlan ToPlan(PipelineContext context, IReadOnlyList<PlannedStep> steps) =>
        new(direction, target, context.Options.DisplayName, context.Options.Kind, heads, Walk is { } walk && _findings.All(f => !f.Blocks) ? walk.HeadsAfter : heads,
            steps, _findings.ToArray());

    // A refused run throws here: a target the graph cannot resolve as the graph's own error (a usage error), any other
    // refusal as one MigrationRefusedException whose message joins them.
    public void ThrowIfRefused(PipelineContext context)
    {
        if (_targetError is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_targetError);
        if (_findings.Any(f => f.Blocks))
            throw new MigrationRefusedException(ToPlan(context, []));
    }
}
