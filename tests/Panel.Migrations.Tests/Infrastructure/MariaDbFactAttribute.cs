using System;
using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>A <see cref="FactAttribute"/> for MySQL/MariaDB tests: skipped (with the reason) when <c>PANEL_SKIP_MYSQL=1</c> outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MariaDbFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when skipping was asked for.</summary>
    public MariaDbFactAttribute()
    {
        if (MariaDbFixture.SkipRequested)
            Skip = MariaDbFixture.SkipReason;
    }
}
