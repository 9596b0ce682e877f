using System;
using System.Globalization;

namespace Panel.Migrations.Tests.Kill;

/// <summary>
/// The seed of the kill moments: <c>PANEL_KILL_SEED</c> when set (to replay a failure), a fresh one otherwise. Every
/// report and failure message names it.
/// </summary>
internal static class KillSeed
{
    public const string Variable = "PANEL_KILL_SEED";

    public static int Value { get; } = int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Random.Shared.Next(1, 1_000_000);
}
