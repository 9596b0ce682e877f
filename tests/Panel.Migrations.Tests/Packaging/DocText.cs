using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Panel.Migrations.Tests.Packaging;

/// <summary>What the docs tests read out of a Markdown page: its fenced code blocks, a section's indented lines, a command's words.</summary>
internal static partial class DocText
{
    /// <summary>The fenced code blocks of <paramref name="markdown"/>, each with its language.</summary>
    public static List<(string Language, string Text)> Blocks(string markdown) =>
        CodeBlock().Matches(markdown).Select(m => (Language: m.Groups[1].Value, Text: m.Groups[2].Value)).ToList();

    /// <summary>The indented (four-space) code lines of the section under <c>## heading</c>, without the indent.</summary>
    public static List<string> IndentedLines(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"no section '## {heading}'");
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = markdown[start..(end < 0 ? markdown.Length : end)];
        return section.Split('\n').Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l[4..].TrimEnd()).ToList();
    }

    /// <summary>A shell command's words, a double-quoted one without its quotes.</summary>
    public static List<string> Words(string command) =>
        Word().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToList();

    [GeneratedRegex("```(\\w+)\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Word();
}
