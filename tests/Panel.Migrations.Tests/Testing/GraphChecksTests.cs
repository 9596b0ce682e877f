using System;
using System.Linq;
using Panel.Migrations.Testing;
using Panel.Migrations.Tests.Batch;
using Xunit;

namespace Panel.Migrations.Tests.Testing;

/// <summary>The checks that need no database: one head, and every migration rendering offline on each database.</summary>
public sealed class GraphChecksTests
{
    [Fact]
    public void A_merged_graph_has_a_single_head() => MigrationGraphChecks.AssertSingleHead(BranchedGraph.Map());

    [Fact]
    public void Two_unmerged_heads_fail_naming_both_and_the_merge_command()
    {
        var unmerged = new MigrationMap(BranchedGraph.Map().Migrations.Where(m => m.Revision is not ("m1" or "d1")));

        var error = Assert.Throws<MigrationTestException>(() => MigrationGraphChecks.AssertSingleHead(unmerged));

        Assert.StartsWith("The migrations have 2 heads: b1, c1. 'upgrade head' refuses to choose one", error.Message);
        Assert.EndsWith("join them with 'merge b1 c1 -m \"merge\"'.", error.Message);
    }

    [Fact]
    public void The_branched_graph_and_the_sample_render_offline_on_every_database()
    {
        MigrationGraphChecks.AssertRendersOffline(BranchedGraph.Map(), DatabaseKind.PostgreSql, DatabaseKind.MySql);
        MigrationGraphChecks.AssertRendersOffline(AaPanel.MigrationRegistry.Map, DatabaseKind.PostgreSql, DatabaseKind.MySql);
    }

    [Fact]
    public void A_migration_that_throws_on_one_database_fails_naming_the_revision_the_direction_and_the_database()
    {
        var map = new MigrationMap(
        [
            .. BranchedGraph.Map().Migrations,
            new MigrationInfo("e1", ["d1"], "mysql only breaks", () => new LambdaMigration(
                op => op.Execute("UPDATE notes SET pinned = 1"),
                op =>
                {
                    if (op.Database == DatabaseKind.MySql)
                        throw new InvalidOperationException("this Down has no MySQL form");
                    op.Execute("UPDATE notes SET pinned = 0");
                })),
        ]);

        var error = Assert.Throws<MigrationTestException>(() => MigrationGraphChecks.AssertRendersOffline(map, DatabaseKind.PostgreSql, DatabaseKind.MySql));

        Assert.Equal("e1", error.Revision);
        Assert.Equal("1 migration script(s) do not render offline:\n  - revision e1, downgrade on MySql: this Down has no MySQL form", error.Message);
    }

    [Fact]
    public void On_SQLite_a_table_rebuild_is_named_as_what_cannot_render_offline()
    {
        var error = Assert.Throws<MigrationTestException>(() => MigrationGraphChecks.AssertRendersOffline(BranchedGraph.Map(), DatabaseKind.Sqlite));

        Assert.Equal("c1", error.Revision);
        Assert.Contains("revision c1, downgrade on Sqlite: This operation cannot proceed in --sql mode", error.Message);
    }
}
