using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Cli;
using Panel.Migrations.Tests.Sample;
using Xunit;

namespace Panel.Migrations.Tests.Drift;

/// <summary>
/// The aaPanel adoption case: a panel that aaPanel set up (the reference schema) and whose own code already added some
/// of the later columns, stamped at 001. <c>check --schema</c> lists exactly those columns, each with the later
/// revision that adds it; after <c>upgrade</c> there is no drift left.
/// </summary>
public sealed class AdoptionDriftTests : IDisposable
{
    private readonly CliHarness _cli = new(AaPanel.MigrationRegistry.Map);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_stamped_legacy_panel_lists_the_columns_aaPanel_already_added_with_the_revisions_that_add_them()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.DatabasePath)!);
        CliHarness.Execute(_cli.DatabasePath, LegacySchema.Sql);
        CliHarness.Execute(_cli.DatabasePath, AdoptionTests.AlreadyAdded);

        var unstamped = await _cli.RunAsync("check", "--schema");
        Assert.True(unstamped.ExitCode is not (0 or 1), unstamped.ToString());
        Assert.Contains("a panel set up by aaPanel is at 001", unstamped.Error);

        Assert.Equal(0, (await _cli.RunAsync("stamp", "001")).ExitCode);
        var stamped = await _cli.RunAsync("check", "--schema");

        Assert.True(stamped.ExitCode == 1, stamped.ToString());
        Assert.Equal(
        [
            "extra column crontab.status (INTEGER NULL DEFAULT 1): not in the schema of revision 001; later revision 77b32a0cf307 adds it",
            "extra column sites.type_id (INTEGER NULL DEFAULT 0): not in the schema of revision 001; later revision 5a1c0e7d9b21 adds it",
            "extra column users.salt (TEXT NULL no default): not in the schema of revision 001; later revision 69e6317080f5 adds it",
        ], SqliteDriftTests.Differences(stamped));

        Assert.Equal(0, (await _cli.RunAsync("upgrade")).ExitCode);
        var upgraded = await _cli.RunAsync("check", "--schema");
        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
    }
}
