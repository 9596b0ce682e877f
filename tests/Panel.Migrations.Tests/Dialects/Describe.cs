using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Dialects;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Tests.Dialects;

/// <summary>Records operations the way a migration does, and renders them to SQL text for exact comparisons.</summary>
internal static class Describe
{
    public static MigrationOperation One(Action<MigrationBuilder> describe) => All(describe).Single();

    public static IReadOnlyList<MigrationOperation> All(Action<MigrationBuilder> describe)
    {
        var builder = new MigrationBuilder();
        describe(builder);
        return builder.Operations;
    }

    /// <summary>The statements' text, one per statement.</summary>
    public static string[] Sql(SqlDialect dialect, Action<MigrationBuilder> describe) =>
        All(describe).SelectMany(dialect.Render).Select(s => s.Sql).ToArray();
}
