using System.Globalization;

namespace Panel.Migrations.Graph;

/// <summary>
/// A relative target such as <c>+2</c>, <c>-1</c>, <c>ae10+2</c>, <c>label@-1</c>, <c>label@head-1</c> or <c>base+2</c>:
/// Alembic's <c>(?:(.+?)@)?(\w+)?((?:\+|-)\d+)</c>, matched from the start of the text. Unlike Alembic, text after the number is an error, not ignored:
/// <c>+1e3</c> or <c>-2abc</c> must not move a database.
/// </summary>
internal sealed class RelativeTarget
{
    private RelativeTarget(string? label, string? symbol, string relative, int steps)
    {
        Label = label;
        Symbol = symbol;
        Relative = relative;
        Steps = steps;
    }

    /// <summary>The part before the first usable <c>@</c>, or null.</summary>
    public string? Label { get; }

    /// <summary>The revision or symbol the walk starts from, or null to start from the current heads.</summary>
    public string? Symbol { get; }

    /// <summary>The signed number as written, e.g. <c>+2</c>.</summary>
    public string Relative { get; }

    /// <summary>The signed number of steps.</summary>
    public int Steps { get; }

    /// <summary>The relative target <paramref name="text"/> spells, or null when it is not a relative form.</summary>
    /// <exception cref="RevisionGraphException">A relative form followed by other text, e.g. <c>+1e3</c>.</exception>
    public static RelativeTarget? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // The regex tries a label ending at each '@' from the left first, and no label last.
        for (var at = text!.IndexOf('@'); at > 0; at = text.IndexOf('@', at + 1))
        {
            var match = Match(text, text.Substring(0, at), at + 1);
            if (match is not null)
            {
                return match;
            }
        }

        return Match(text, null, 0);
    }

    private static RelativeTarget? Match(string text, string? label, int start)
    {
        var sign = start;
        while (sign < text.Length && IsWordCharacter(text[sign]))
        {
            sign++;
        }

        if (sign >= text.Length || (text[sign] != '+' && text[sign] != '-'))
        {
            return null;
        }

        var end = sign + 1;
        while (end < text.Length && text[end] >= '0' && text[end] <= '9')
        {
            end++;
        }

        if (end == sign + 1)
        {
            return null;
        }

        if (end < text.Length)
        {
            throw new RevisionGraphException(GraphMessages.MalformedRelative(text, text.Substring(end)));
        }

        var relative = text.Substring(sign, end - sign);
        var steps = int.TryParse(relative, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : (text[sign] == '-' ? int.MinValue + 1 : int.MaxValue);
        var symbol = sign > start ? text.Substring(start, sign - start) : null;
        return new RelativeTarget(label, symbol, relative, steps);
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';
}
