using System;

namespace Panel.Migrations;

/// <summary>
/// Acknowledges that a migration destroys data on purpose (drops a table or column, truncates), with the reason.
/// Without it, a destructive operation is reported by analyzer PMIG003.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AcknowledgeDataLossAttribute : Attribute
{
    /// <summary>Acknowledges the data loss.</summary>
    /// <param name="reason">Why losing the data is fine, e.g. "column unused since 7.0; archived"; must not be empty.</param>
    public AcknowledgeDataLossAttribute(string reason) => Reason = reason;

    /// <summary>Why losing the data is fine.</summary>
    public string Reason { get; }
}
