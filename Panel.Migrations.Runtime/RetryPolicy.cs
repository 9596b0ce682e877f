using System;

namespace Panel.Migrations;

/// <summary>
/// How often and how long a run retries a transient failure (a server not yet accepting connections, a busy
/// database, a lock held by another runner) before it gives up with a clear error.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, at least 1.</param>
/// <param name="InitialDelay">The wait after the first failure; it doubles up to <paramref name="MaxDelay"/>.</param>
/// <param name="MaxDelay">The longest single wait.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    /// <summary>8 attempts, 100 ms doubling to 5 s (about 15 s in all).</summary>
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

    /// <summary>No retry.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1 (attempts count from 1).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ticks = InitialDelay.Ticks * Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxDelay.Ticks));
    }
}
