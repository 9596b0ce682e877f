using System;
using System.Globalization;
using Panel.Migrations.Fleet;

namespace Panel.Migrations.Cli.Fleet;

/// <summary>
/// What <c>fleet upgrade</c> prints as databases finish: on a terminal one progress line rewritten in place (done, rate, time
/// left) with failures printed above it; elsewhere (a log, a pipe) one plain line per database.
/// </summary>
internal sealed class FleetProgressOutput
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);
    private readonly CommandContext _context;
    private readonly bool _terminal;
    private readonly object _gate = new();
    private DateTime _shown = DateTime.MinValue;
    private bool _lineOpen;

    public FleetProgressOutput(CommandContext context)
    {
        _context = context;
        _terminal = !context.ProgressToError && context.Options.Out is null && !Console.IsOutputRedirected;
    }

    public void Report(FleetProgress progress)
    {
        lock (_gate)
        {
            var outcome = progress.Outcome;
            if (!_terminal)
            {
                _context.Progress($"[{progress.Done}/{progress.Total}] {Line(outcome)}");
                return;
            }

            if (outcome.Status == FleetMemberStatus.Failed)
            {
                Clear();
                _context.Line(Line(outcome));
            }

            if (DateTime.UtcNow - _shown < Every && progress.Done < progress.Total)
                return;
            _shown = DateTime.UtcNow;
            var left = progress.Remaining is { } remaining ? $", about {Duration(remaining)} left" : "";
            _context.Out.Write(_context.Scrub(
                string.Create(CultureInfo.InvariantCulture, $"\r{progress.Done}/{progress.Total} done, {progress.Failed} failed, {progress.Rate:0.0} databases/s{left}   ")));
            _lineOpen = true;
        }
    }

    /// <summary>Ends the progress line, if one is open.</summary>
    public void End()
    {
        lock (_gate)
        {
            if (_lineOpen)
                _context.Out.WriteLine();
            _lineOpen = false;
        }
    }

    private void Clear()
    {
        if (_lineOpen)
            _context.Out.Write("\r" + new string(' ', 79) + "\r");
        _lineOpen = false;
    }

    /// <summary>One database's line: what happened, where it stands, how long it took.</summary>
    public static string Line(FleetOutcome outcome)
    {
        var heads = (System.Collections.Generic.IReadOnlyList<string>? h) => h is null ? "?" : h.Count == 0 ? "base" : string.Join(",", h);
        var seconds = outcome.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        return outcome.Status switch
        {
            FleetMemberStatus.Upgraded => $"upgraded  {outcome.Member.Display}: {heads(outcome.HeadsBefore)} -> {heads(outcome.HeadsAfter)}, {outcome.Steps} migration(s), {seconds} s",
            FleetMemberStatus.Unchanged => $"unchanged {outcome.Member.Display}: at {heads(outcome.HeadsAfter)}",
            _ => $"FAILED    {outcome.Member.Display} ({outcome.ErrorKind}): {outcome.Error}",
        };
    }

    private static string Duration(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes} min" : time.TotalMinutes >= 1 ? $"{(int)time.TotalMinutes} min {time.Seconds} s" : $"{time.Seconds} s";
}
