using System;

namespace Panel.Migrations;

/// <summary>
/// Acknowledges that a migration renames a table or column that running code may still use, with the reason
/// (e.g. "the panel is stopped while it migrates"). Without it, a rename is reported by analyzer PMIG052.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AcknowledgeBreakingChangeAttribute : Attribute
{
    /// <summary>Acknowledges the breaking change.</summary>
    /// <param name="reason">Why no running code is broken; must not be empty.</param>
    public AcknowledgeBreakingChangeAttribute(string reason) => Reason = reason;

    /// <summary>Why no running code is broken.</summary>
    public string Reason { get; }
}
