using System.Globalization;

namespace Panel.Migrations.Cli;

/// <summary>The few ANSI colours the command line uses, on a terminal only.</summary>
internal enum Ansi
{
    Red = 31,
    Green = 32,
    Yellow = 33,
    Cyan = 36,
}

/// <summary>Wraps text in ANSI colour codes.</summary>
internal static class AnsiText
{
    public static string Wrap(string text, Ansi color) =>
        "\u001b[" + ((int)color).ToString(CultureInfo.InvariantCulture) + "m" + text + "\u001b[0m";
}
