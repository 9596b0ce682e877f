namespace Panel.Migrations.Graph;

/// <summary>What is wrong with a revision graph.</summary>
public enum GraphProblemKind
{
    /// <summary>A revision has an empty id.</summary>
    EmptyId,

    /// <summary>A revision id is longer than the 32 characters of <c>alembic_version.version_num</c>.</summary>
    IdTooLong,

    /// <summary>A revision id contains <c>@ - + :</c>, which the target grammar reserves.</summary>
    IllegalCharacters,

    /// <summary>Two revisions share an id.</summary>
    DuplicateId,

    /// <summary>A down revision names a revision that does not exist.</summary>
    MissingDownRevision,

    /// <summary>A <c>DependsOn</c> entry names neither a revision nor a branch label.</summary>
    MissingDependency,

    /// <summary>A revision is its own down revision.</summary>
    SelfLoop,

    /// <summary>A revision depends on itself.</summary>
    DependencySelfLoop,

    /// <summary>Down revisions form a cycle.</summary>
    Cycle,

    /// <summary>Down revisions and dependencies together form a cycle.</summary>
    DependencyCycle,

    /// <summary>A branch label is declared twice, or equals a revision id.</summary>
    DuplicateBranchLabel,

    /// <summary>A squash's range is not linear and contiguous (or only part of it was deleted).</summary>
    SquashRangeNotLinear,

    /// <summary>A revision outside a squash's range names a revision in the middle of it.</summary>
    SquashMiddleDependedOn,

    /// <summary>A replaced revision is also a live parent: of the squash itself, or replaced by two squashes.</summary>
    ReplacedIsLiveParent,

    /// <summary>Warning: the graph has more than one head.</summary>
    MultipleHeads,

    /// <summary>Warning: the graph has more than one base.</summary>
    MultipleBases,
}
