using System;
using System.Collections.Generic;
using System.Linq;

namespace Panel.Migrations.Testing;

/// <summary>
/// One revision as a test case: for a <c>[Theory]</c> with <c>[MemberData]</c> (xUnit) or a <c>[TestCaseSource]</c>
/// (NUnit), one case per revision in upgrade order, shown as <c>revision: message</c>. Run it with
/// <see cref="MigrationStairway.StepAsync(MigrationMap, string, TestDatabase?, System.Threading.CancellationToken)"/>.
/// </summary>
/// <param name="Revision">The revision id.</param>
/// <param name="Message">The revision's message ("" when none).</param>
public sealed record MigrationCase(string Revision, string Message)
{
    /// <summary>Every revision of <paramref name="map"/>, in the order <c>upgrade heads</c> runs them on an empty database (branches and merges included).</summary>
    public static IReadOnlyList<MigrationCase> All(MigrationMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Graph.UpgradeOrder.Select(r => new MigrationCase(r, map[r].Message)).ToList();
    }

    /// <summary>The same cases as argument rows (<c>object[] { case }</c>), the shape xUnit's <c>MemberData</c> and NUnit's <c>TestCaseSource</c> take.</summary>
    public static IEnumerable<object[]> Rows(MigrationMap map) => All(map).Select(c => new object[] { c });

    /// <summary><c>revision: message</c>, or the revision alone; test runners show it as the case's name.</summary>
    public override string ToString() => Message.Length == 0 ? Revision : Revision + ": " + Message;
}
