using System;

namespace Panel.Migrations;

/// <summary>Thrown when a downgrade reaches a migration that has no <see cref="Migration.Down"/>.</summary>
public sealed class IrreversibleMigrationException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public IrreversibleMigrationException(string message) : base(message)
    {
    }
}
