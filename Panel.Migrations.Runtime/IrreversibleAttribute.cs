using System;

namespace Panel.Migrations;

/// <summary>
/// Marks a migration whose <see cref="Migration.Down"/> is deliberately absent, with the reason.
/// Without it, a migration that does not override <see cref="Migration.Down"/> fails the build.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class IrreversibleAttribute : Attribute
{
    /// <summary>Marks the migration irreversible.</summary>
    /// <param name="reason">Why it cannot be undone; must not be empty.</param>
    public IrreversibleAttribute(string reason) => Reason = reason;

    /// <summary>Why the migration cannot be undone.</summary>
    public string Reason { get; }
}
