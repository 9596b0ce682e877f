using System;
using System.Linq;
using Panel.Migrations.Backups;
using Xunit;

namespace Panel.Migrations.Tests.Backups;

/// <summary>The one retention rule (grandfather-father-son) that prunes the local folder and every remote.</summary>
public sealed class RetentionPlanTests
{
    // Three backups a day, 06:00, 12:00 and 18:00, from 2025-01-01 to 2025-03-31 (a Wednesday to a Monday).
    private static readonly BackupName[] Quarter = Enumerable.Range(0, 90)
        .SelectMany(day => new[] { 6, 12, 18 }.Select(hour => new DateTime(2025, 1, 1).AddDays(day).AddHours(hour)))
        .Select(at => new BackupName($"default_backup_{at:yyyyMMdd_HHmmss}.db", at))
        .ToArray();

    private static string[] Kept(BackupRetention retention, params string?[] protectedNames)
    {
        var doomed = RetentionPlan.ToDelete(Quarter.Reverse(), retention, protectedNames).ToHashSet();
        return Quarter.Select(b => b.Name).Where(n => !doomed.Contains(n)).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void Newest_N_keeps_the_last_N_whatever_their_day()
    {
        Assert.Equal(
            ["default_backup_20250330_180000.db", "default_backup_20250331_060000.db", "default_backup_20250331_120000.db", "default_backup_20250331_180000.db"],
            Kept(new BackupRetention { Newest = 4 }));
    }

    [Fact]
    public void Daily_weekly_and_monthly_keep_the_newest_of_each_period()
    {
        var kept = Kept(new BackupRetention { Newest = 1, Daily = 3, Weekly = 3, Monthly = 3 });

        Assert.Equal(
        [
            "default_backup_20250131_180000.db", // January's newest
            "default_backup_20250228_180000.db", // February's newest
            "default_backup_20250323_180000.db", // Sunday 23 March: the newest of ISO week 12, the third week back
            "default_backup_20250329_180000.db", // the last three days ...
            "default_backup_20250330_180000.db", // ... Sunday 30 March also the newest of week 13
            "default_backup_20250331_180000.db", // the newest overall, of its day, of week 14 (Monday 31 March starts it) and of March
        ], kept);
    }

    [Fact]
    public void The_backup_just_taken_and_the_last_verified_one_are_never_deleted()
    {
        var kept = Kept(new BackupRetention { Newest = 1 }, "default_backup_20250101_060000.db", "default_backup_20250215_120000.db");

        Assert.Equal(["default_backup_20250101_060000.db", "default_backup_20250215_120000.db", "default_backup_20250331_180000.db"], kept);
    }

    [Fact]
    public void All_zero_keeps_everything()
    {
        Assert.Equal(Quarter.Length, Kept(new BackupRetention { Newest = 0 }).Length);
        Assert.Empty(Kept(new BackupRetention { Newest = 0, Daily = 0 }).Except(Quarter.Select(b => b.Name)));
    }

    [Fact]
    public void Two_backups_of_the_same_second_are_ordered_by_their_suffix()
    {
        var at = new DateTime(2025, 1, 2, 3, 4, 5);
        var backups = new[] { "default_backup_20250102_030405.db", "default_backup_20250102_030405_2.db", "default_backup_20250102_030405_10.db" }
            .Select(n => new BackupName(n, at));

        Assert.Equal(["default_backup_20250102_030405_2.db", "default_backup_20250102_030405.db"], RetentionPlan.ToDelete(backups, new BackupRetention { Newest = 1 }, []));
    }

    [Theory]
    [InlineData("default_backup_20250102_030405.db", true)]
    [InlineData("default_backup_20250102_030405_3.db", true)]
    [InlineData("default_backup_20250102_030405.dump", true)]
    [InlineData("default_backup_20250102_030405.sql.gz", true)]
    [InlineData("default_backup_20250102_030405.db.verified", false)]
    [InlineData("default_backup_20250102_030405", false)]
    [InlineData("default_backup_20251302_030405.db", false)]
    [InlineData("default_backup_20250102_030405_.db", false)]
    [InlineData("other_backup_20250102_030405.db", false)]
    [InlineData(".default_backup_20250102_030405.db.1a2b3c4d.tmp", false)]
    public void Only_backup_names_of_the_database_are_listed_whatever_their_extension(string name, bool isBackup)
    {
        Assert.Equal(isBackup, BackupName.TryParse(name, "default") is not null);
    }

    [Fact]
    public void A_negative_count_is_refused_with_its_name()
    {
        var error = Assert.Throws<MigrationConfigurationException>(() => new BackupRetention { Weekly = -1 }.Checked("--keep-weekly"));
        Assert.Equal("The backup retention of --keep-weekly keeps -1 weekly backups; a count must be 0 or more (0 for none of that kind, all four 0 to keep every backup).", error.Message);
    }
}
