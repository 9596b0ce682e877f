using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Panel.Migrations.Fleet;

/// <summary>
/// How a fleet is split into waves that run one after another: sizes as a percentage of the fleet or a count, ending with
/// <c>rest</c>, e.g. <c>1%,10%,rest</c> (a canary, then a tenth, then the rest). The stop rule is checked between waves, so
/// a failing canary stops the run before the next wave starts.
/// </summary>
public sealed class FleetWaves
{
    private readonly IReadOnlyList<string> _sizes;

    private FleetWaves(IReadOnlyList<string> sizes) => _sizes = sizes;

    /// <summary>A canary of 1 %, then 10 %, then the rest.</summary>
    public static FleetWaves Default { get; } = Parse("1%,10%,rest");

    /// <summary>One wave: every database at once (within the parallelism).</summary>
    public static FleetWaves Single { get; } = Parse("rest");

    /// <summary>Reads a list such as <c>1%,10%,rest</c> or <c>5,50,rest</c>; a list without <c>rest</c> gets it at the end.</summary>
    /// <exception cref="FormatException">A size is neither a count, a percentage nor <c>rest</c>; the message shows the form.</exception>
    public static FleetWaves Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sizes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToLowerInvariant()).ToList();
        for (var i = 0; i < sizes.Count; i++)
        {
            var size = sizes[i];
            var valid = size == "rest" ? i == sizes.Count - 1
                : size.EndsWith('%') ? double.TryParse(size.AsSpan(0, size.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100
                : int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0;
            if (!valid)
                throw new FormatException($"The wave size '{size}' in '{text}' is not valid: give counts or percentages of the fleet, with 'rest' only last, e.g. 1%,10%,rest or 5,50,rest.");
        }

        if (sizes.Count == 0 || sizes[^1] != "rest")
            sizes.Add("rest");
        return new FleetWaves(sizes);
    }

    /// <summary>The wave (from 0) of each of <paramref name="total"/> databases, in list order; a non-empty wave has at least one.</summary>
    public int[] Assign(int total)
    {
        var waves = new int[total];
        var start = 0;
        for (var wave = 0; wave < _sizes.Count && start < total; wave++)
        {
            var size = _sizes[wave] switch
            {
                "rest" => total - start,
                var s when s.EndsWith('%') => (int)Math.Ceiling(total * double.Parse(s.AsSpan(0, s.Length - 1), CultureInfo.InvariantCulture) / 100),
                var s => int.Parse(s, CultureInfo.InvariantCulture),
            };
            for (var i = start; i < Math.Min(total, start + Math.Max(1, size)); i++)
                waves[i] = wave;
            start += Math.Max(1, size);
        }

        return waves;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", _sizes);
}
