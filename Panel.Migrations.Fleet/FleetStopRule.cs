using System;
using System.Globalization;

namespace Panel.Migrations.Fleet;

/// <summary>
/// When a fleet run stops starting databases: after more than <see cref="MaxFailures"/> failures (checked as each database
/// finishes), or when more than <see cref="MaxFailurePercent"/> % of the databases attempted so far failed (checked at the end
/// of each wave), or never (<see cref="ContinueOnError"/>). Databases already started finish; a stopped run can be resumed.
/// </summary>
/// <param name="MaxFailures">The failures tolerated; one more stops the run. Null: no count limit.</param>
/// <param name="MaxFailurePercent">The share of failures tolerated at a wave's end. Null: no share limit.</param>
public sealed record FleetStopRule(int? MaxFailures, double? MaxFailurePercent)
{
    /// <summary>Stop at a wave's end when more than 10 % of the databases attempted failed (a failing canary stops the run).</summary>
    public static FleetStopRule Default { get; } = new(null, 10);

    /// <summary>Never stop: every database is attempted and each failure recorded.</summary>
    public static FleetStopRule ContinueOnError { get; } = new(null, null);

    /// <summary>Reads <c>N</c> (failures tolerated) or <c>X%</c> (share tolerated at a wave's end).</summary>
    /// <exception cref="FormatException">Neither form; the message shows both.</exception>
    public static FleetStopRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.EndsWith('%') && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
            return new FleetStopRule(null, percent);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return new FleetStopRule(count, null);
        throw new FormatException($"The stop rule '{text}' is not valid: give the failures to tolerate (e.g. 5) or their share at a wave's end (e.g. 2%).");
    }

    /// <summary>Whether <paramref name="failed"/> failures (a running count, mid-wave) stop the run.</summary>
    public bool StopsDuringWave(int failed) => MaxFailures is { } max && failed > max;

    /// <summary>Whether the run stops at a wave's end with <paramref name="failed"/> of <paramref name="attempted"/> databases failed.</summary>
    public bool StopsAtWaveEnd(int failed, int attempted) =>
        StopsDuringWave(failed) || (MaxFailurePercent is { } share && attempted > 0 && failed * 100.0 > share * attempted);

    /// <inheritdoc />
    public override string ToString() =>
        MaxFailures is { } n ? $"{n}" : MaxFailurePercent is { } p ? $"{p.ToString(CultureInfo.InvariantCulture)}%" : "continue-on-error";
}
