using System;
using Xunit;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>A test on a real PostgreSQL server; skipped only when PANEL_SKIP_POSTGRES=1, never silently.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason from the environment.</summary>
    public PostgresFactAttribute() => Skip = PostgresTestDatabase.SkipReason;
}

/// <summary>A data-driven test on a real PostgreSQL server; skipped only when PANEL_SKIP_POSTGRES=1.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason from the environment.</summary>
    public PostgresTheoryAttribute() => Skip = PostgresTestDatabase.SkipReason;
}
