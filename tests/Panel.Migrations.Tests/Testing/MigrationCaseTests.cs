using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Testing;
using Xunit;

namespace Panel.Migrations.Tests.Testing;

/// <summary>One test case per revision, in upgrade order (Alembic's: c1 before b1), named by revision and message: the way docs/testing.md shows it.</summary>
public sealed class MigrationCaseTests
{
    public static IEnumerable<object[]> Revisions => MigrationCase.Rows(BranchedGraph.Map());

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Each_revision_is_a_stair_of_its_own(MigrationCase revision)
    {
        var step = await MigrationStairway.StepAsync(BranchedGraph.Map(), revision);

        Assert.Equal(revision.Revision, step.Revision);
        Assert.False(step.Irreversible);
    }

    [Fact]
    public void Cases_come_in_upgrade_order_named_by_revision_and_message()
    {
        Assert.Equal(["a1: create notes", "c1: add note title", "b1: create tags", "m1: merge tags and titles", "d1: add note pinned"],
                     MigrationCase.All(BranchedGraph.Map()).Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_stair_after_the_merge_fails_alone_naming_its_revision()
    {
        var map = BranchedGraph.WithLeakyDown();

        await MigrationStairway.StepAsync(map, "m1"); // c1 is below m1 and only upgraded here
        var error = await Assert.ThrowsAsync<MigrationTestException>(() => MigrationStairway.StepAsync(map, "c1"));

        Assert.Equal("c1", error.Revision);
    }

    [Fact]
    public async Task An_unknown_revision_is_refused_with_where_cases_come_from()
    {
        var error = await Assert.ThrowsAsync<System.ArgumentException>(() => MigrationStairway.StepAsync(BranchedGraph.Map(), "zz"));

        Assert.StartsWith("The migrations have no revision 'zz'. Take the cases from MigrationCase.All(map)", error.Message);
    }
}
