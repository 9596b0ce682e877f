using System.Globalization;

namespace Panel.Migrations;

/// <summary>
/// Which backups of one database to keep (grandfather-father-son): the newest <see cref="Newest"/>, plus the newest backup
/// of each of the last <see cref="Daily"/> days, <see cref="Weekly"/> ISO weeks and <see cref="Monthly"/> months that have
/// one. The same rule prunes the local backups folder and every remote. The backup just taken and the last verified
/// one are never deleted. All four zero keeps everything.
/// </summary>
public sealed record BackupRetention
{
    /// <summary>How many of the newest backups to keep, whatever their age; default 10.</summary>
    public int Newest { get; init; } = 10;

    /// <summary>How many days back to keep one backup a day (the newest of that day); default 0.</summary>
    public int Daily { get; init; }

    /// <summary>How many ISO weeks back to keep one backup a week; default 0.</summary>
    public int Weekly { get; init; }

    /// <summary>How many months back to keep one backup a month; default 0.</summary>
    public int Monthly { get; init; }

    /// <summary>True when nothing is ever pruned (all four are zero).</summary>
    public bool KeepsEverything => Newest == 0 && Daily == 0 && Weekly == 0 && Monthly == 0;

    /// <summary>Throws when a count is negative, naming it and the fix.</summary>
    /// <param name="source">Where the counts came from, for the message (e.g. <c>--keep</c>, <c>migrations.json</c>).</param>
    /// <exception cref="MigrationConfigurationException">A count is negative.</exception>
    public BackupRetention Checked(string source)
    {
        foreach (var (name, value) in new[] { ("newest", Newest), ("daily", Daily), ("weekly", Weekly), ("monthly", Monthly) })
        {
            if (value < 0)
                throw new MigrationConfigurationException(
                    $"The backup retention of {source} keeps {value.ToString(CultureInfo.InvariantCulture)} {name} backups; a count must be 0 or more (0 for none of that kind, all four 0 to keep every backup).");
        }
        return this;
    }

    /// <inheritdoc />
    public override string ToString() =>
        KeepsEverything ? "keep every backup" : string.Create(CultureInfo.InvariantCulture, $"newest {Newest}, daily {Daily}, weekly {Weekly}, monthly {Monthly}");
}
